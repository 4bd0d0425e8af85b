import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from './load.js';
import { ocrAvailable } from './ocr.js';
import { layOutPage, layOutPages, type PlacedText } from './pdf.js';

/**
 * A small PDF written by hand: one page per entry, each a list of [x, y, text] drawn in Helvetica
 * (y from the bottom, as PDF counts it); an entry of null is a page with only a drawn rectangle,
 * as a scanned page has no text.
 */
function makePdf(pages: Array<Array<[number, number, string]> | null>): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1;
  const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled below
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const page of pages) {
    const stream = page
      ? page.map(([x, y, t]) => `BT /F1 10 Tf ${x} ${y} Td (${t}) Tj ET`).join('\n')
      : '0.5 g 50 50 400 600 re f';
    const content = add(`<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pdf-loader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, bytes: Buffer) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return loadFile(file);
}

describe('PDF loader', () => {
  it('lays the words out as on the page: one line per row, cells apart, the page top first', async () => {
    const r = await load('table.pdf', makePdf([[[72, 700, 'Annual report title'], [72, 650, 'Rules'], [300, 650, '12'], [400, 650, '7'], [72, 630, 'Norms'], [300, 630, '3']]]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.format).toBe('pdf');
    const lines = r.value.text.split('\n').filter((l) => l.trim() !== '');
    expect(lines.map((l) => l.trim().split(/\s{2,}/))).toEqual([['Annual report title'], ['Rules', '12', '7'], ['Norms', '3']]);
    // The numbers of both rows stand in one column.
    expect(lines[1].indexOf('12')).toBe(lines[2].indexOf('3'));
  });

  it('separates pages with a form feed', async () => {
    const r = await load('two-pages.pdf', makePdf([[[72, 700, 'first page words here']], [[72, 700, 'second page words here']]]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.text.split('\f').map((p) => p.trim())).toEqual(['first page words here', 'second page words here']);
  });

  it('names a PDF without a text layer as a scan, and one OCR reads nothing in as such', async () => {
    const before = process.env.REPORT_OCR;
    process.env.REPORT_OCR = 'off';
    try {
      const r = await load('scan.pdf', makePdf([null, null]));
      expect(!r.ok && r.error.message).toMatch(/^这是扫描件 PDF（2 页，没有文字层）/);
    } finally {
      if (before === undefined) delete process.env.REPORT_OCR;
      else process.env.REPORT_OCR = before;
    }
    if (await ocrAvailable()) {
      const r = await load('blank-scan.pdf', makePdf([null]));
      expect(!r.ok && r.error.message).toMatch(/^扫描件 PDF（1 页）经文字识别也没有读出文字/);
    }
  }, 120_000);

  it('names a damaged PDF as damaged, and never throws', async () => {
    const r = await load('broken.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), Buffer.alloc(300, 0x41)]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/PDF 文件已损坏或无法打开/);
  });

  it('reads a PDF named .txt as a PDF, and names a JPEG named .pdf as a picture', async () => {
    const pdf = await load('renamed.txt', makePdf([[[72, 700, 'a pdf saved under the wrong name']]]));
    expect(pdf.ok && pdf.value.format).toBe('pdf');
    const jpeg = await load('photo.pdf', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]));
    expect(jpeg.ok).toBe(false);
    if (!jpeg.ok) expect(jpeg.error.message).toMatch(/^文件内容是JPEG 图片.*扩展名 \.pdf 与内容不符/);
  });
});

describe('layOutPage', () => {
  const at = (str: string, x: number, y: number, size = 10): PlacedText => ({ str, x, y, width: str.length * size, size });

  it('joins the runs of one word, spaces words a character apart, and keeps cells apart', () => {
    const text = layOutPage({ width: 595, items: [at('行政', 50, 100), at('许可', 70, 100), at('事项', 95, 100), at('447228', 300, 100)] });
    expect(text.trim().split(/\s{2,}/)).toEqual(['行政许可 事项', '447228']);
  });

  it('keeps the header words of narrow neighbouring cells over their columns', () => {
    // Table 2's header in a Word-made PDF: 商业 and 科研 stand 8 points apart, less than a
    // character, each centred in its column over the numbers below.
    const text = layOutPage({ width: 595, items: [at('自然', 232, 100), at('商业', 272, 100), at('科研', 300, 100), at('8', 237, 130), at('1', 277, 130), at('1', 305, 130)] });
    const [header, numbers] = text.split('\n').filter((l) => l.trim());
    const middle = (line: string, word: string) => line.indexOf(word) + word.length;
    expect(header.trim().split(/\s{2,}/)).toEqual(['自然', '商业', '科研']);
    expect(Math.abs(middle(header, '科研') - (numbers.lastIndexOf('1') + 0.5))).toBeLessThanOrEqual(1);
  });

  it('puts numbers printed a little lower, in a larger font, on their label\'s line', () => {
    const text = layOutPage({ width: 595, items: [at('6.属于四类过程性信息', 143, 699, 7.5), at('12', 264, 701.3, 7.5), at('果', 50, 697, 10)] });
    expect(text.split('\n').filter((l) => l.trim())).toHaveLength(1);
  });

  it('lays out every page with one column width, so a column stands at one place on every page', () => {
    // A page of text in 12 pt and a page of table in 10.5 pt: the number at x = 300 is one column.
    const text = [at('本年度', 50, 100, 12), at('本机关认真贯彻落实条例', 50, 120, 12), at('0', 300, 140, 12)];
    const table = [at('3.其他', 100, 100, 10.5), at('0', 300, 100, 10.5), at('（七）总计', 60, 120, 10.5), at('0', 300, 120, 10.5)];
    const [first, second] = layOutPages([{ width: 595, items: text }, { width: 595, items: table }]).split('\f');
    const column = (page: string) => new Set(page.split('\n').filter((l) => /\d\s*$/.test(l)).map((l) => l.lastIndexOf('0')));
    expect(column(second)).toEqual(column(first));
  });

  it('leaves a blank line where rows stand far apart', () => {
    const text = layOutPage({ width: 595, items: [at('上', 50, 100), at('下', 50, 160)] });
    expect(text.split('\n')).toEqual(['          上', '', '          下']);
  });
});
