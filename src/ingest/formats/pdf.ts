/**
 * PDF (text PDFs exported from Word or WPS): the words with their positions on the page, through
 * Mozilla's pdf.js, laid out again as text the way the page shows them. Lines come from where the
 * words stand (y), columns from x: words side by side in one cell are joined, cells far apart are
 * kept apart by a run of spaces in proportion to the gap, and pages are separated by a form feed.
 * The table reader then rebuilds the tables from that layout (wrapped labels joined back, page
 * footers and repeated headers dropped: see `layout-rows.ts`), as it does for any laid-out text.
 *
 * A PDF whose pages carry no text (a scan) is read by OCR where the machine has the tools
 * (`ocr.ts`), and named as a scan where it has not.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Finding, Result } from '../report.js';
import { ocrPdf } from './ocr.js';
import type { FormatReading } from './reading.js';

/** A word (a run of text) on a page: where its baseline starts, how wide and how tall it is. */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** A page's text runs, top to bottom as pdf.js gives them, and the page's width. */
export interface PageText {
  items: PlacedText[];
  width: number;
}

/** Fewer visible characters than this on average per page: the pages are pictures (a scan). */
const SCANNED_CHARS_PER_PAGE = 10;

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
const pdfjsModule = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** The folder of pdf.js's character maps (Adobe-GB1 …), which PDFs with unembedded Chinese fonts need. */
function pdfjsDataDir(sub: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), sub) + path.sep;
}

/** Every page's text runs, or why the file cannot be opened as a PDF. */
export async function pdfPages(bytes: Uint8Array): Promise<Result<PageText[], string>> {
  const { getDocument } = await pdfjsModule();
  let doc;
  try {
    doc = await getDocument({
      // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      cMapUrl: pdfjsDataDir('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: pdfjsDataDir('standard_fonts'),
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string } | null)?.name;
    if (name === 'PasswordException') return { ok: false, error: 'PDF 文件有密码保护，无法读取：请提供未加密的文件' };
    return { ok: false, error: `PDF 文件已损坏或无法打开（${e instanceof Error ? e.message : String(e)}）` };
  }
  try {
    const pages: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PlacedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Page coordinates (origin bottom left) → top-left origin of the rotated viewport.
        const [x, y] = viewport.convertToViewportPoint(e, f);
        items.push({ str: item.str, x, y, width: item.width, size: Math.max(Math.hypot(c, d), Math.hypot(a, b), 1) });
      }
      pages.push({ items, width: viewport.width });
      page.cleanup();
    }
    return { ok: true, value: pages };
  } finally {
    await doc.destroy();
  }
}

/** A PDF's text laid out as on its pages, or why it has none. */
export async function readPdf(bytes: Buffer): Promise<Result<FormatReading, string>> {
  const pages = await pdfPages(bytes);
  if (!pages.ok) return pages;
  const visible = pages.value.reduce((n, p) => n + p.items.reduce((m, i) => m + i.str.replace(/\s/g, '').length, 0), 0);
  if (visible < SCANNED_CHARS_PER_PAGE * Math.max(pages.value.length, 1)) return readScan(bytes, pages.value.length);
  const text = layOutPages(pages.value);
  const undecodable = [...text].filter((ch) => /[\uE000-\uF8FF\uFFFD]/.test(ch)).length;
  if (undecodable > visible * 0.2) {
    return { ok: false, error: 'PDF 的文字层无法解码（字体缺少编码表，取出的是乱码）：请提供 Word 原件或网页版本' };
  }
  return { ok: true, value: { text } };
}

/** A scan read by OCR where the tools are installed, else named as a scan. */
async function readScan(bytes: Buffer, pages: number): Promise<Result<FormatReading, string>> {
  const read = await ocrPdf(bytes, pages);
  if (read === null) return { ok: false, error: scannedMessage(pages) };
  if (!read.ok) return read;
  const text = read.value.join('\n\f');
  if (text.replace(/\s/g, '').length < SCANNED_CHARS_PER_PAGE * pages) {
    return { ok: false, error: `扫描件 PDF（${pages} 页）经文字识别也没有读出文字：请提供文字版 PDF、Word 原件或网页版本` };
  }
  return { ok: true, value: { text, findings: [OCR_FINDING], readBy: 'ocr' } };
}

const OCR_FINDING: Finding = {
  rule: 'ocr',
  severity: 'warning',
  metrics: [],
  message: '这份报告是扫描件，文字和数字由 OCR 识别读取，可能有误，请以原件为准',
};

export function scannedMessage(pages: number): string {
  return `这是扫描件 PDF（${pages} 页，没有文字层）：无法直接读取文字，请提供文字版 PDF、Word 原件或网页版本`;
}

/**
 * The pages laid out with one column width for the whole document, so that a table's columns
 * stand at the same place on every page it runs over (a page of table alone, in its smaller
 * size, would otherwise be laid out narrower than a page of text), apart by form feeds.
 */
export function layOutPages(pages: PageText[]): string {
  const unit = columnUnit(pages.flatMap((p) => p.items));
  return pages.map((p) => layOutPage(p, unit)).join('\n\f');
}

/**
 * One page as lines of text: runs whose baselines lie within half a character of the line's
 * baseline form a line, read left to right. Within a line, a run that starts where the last one ended (less than
 * a third of a character away) continues it; a gap of up to a character is one space (or, wider
 * than a space, as many as keep the run at its own column); a wider gap
 * separates two cells and becomes at least two spaces, more the wider it is, so that a column of
 * numbers stays a column. A vertical gap of more than a line and a half leaves a blank line.
 */
export function layOutPage(page: PageText, unit = columnUnit(page.items)): string {
  const items = [...page.items].sort((p, q) => p.y - q.y || p.x - q.x);
  // A line's baseline is that of its longest run: a single character of a merged cell standing
  // between two rows does not drag the line towards the next row.
  const lines: PlacedText[][] = [];
  let base: PlacedText | null = null;
  for (const item of items) {
    const line = lines.at(-1);
    if (line && base && Math.abs(item.y - base.y) <= Math.min(base.size, item.size) * 0.5) {
      line.push(item);
      if (item.str.trim().length > base.str.trim().length) base = item;
    } else {
      lines.push([item]);
      base = item;
    }
  }
  const out: string[] = [];
  let lastY: number | null = null;
  let lastSize = 0;
  for (const line of lines) {
    line.sort((p, q) => p.x - q.x);
    const y = line[0].y;
    if (lastY !== null && y - lastY > Math.max(lastSize, line[0].size) * 1.5) out.push('');
    out.push(layOutLine(line, unit));
    lastY = y;
    lastSize = Math.max(...line.map((i) => i.size));
  }
  return out.join('\n');
}

/** Points per text column: half the most common character size (a digit's width), as a fixed pitch. */
function columnUnit(items: PlacedText[]): number {
  const bySize = new Map<number, number>();
  for (const i of items) bySize.set(Math.round(i.size), (bySize.get(Math.round(i.size)) ?? 0) + i.str.length);
  let best = 10;
  let most = -1;
  for (const [size, count] of bySize) if (count > most) [best, most] = [size, count];
  return Math.max(best / 2, 1);
}

/** A typed space, as a share of the character size: half of it in a Chinese font, less in others. */
const WIDEST_SPACE = 0.6;

function layOutLine(line: PlacedText[], unit: number): string {
  let text = '';
  let end = -Infinity; // x where the last run ended
  for (const item of line) {
    const gap = item.x - end;
    const str = item.str.replace(/\s+/g, ' ');
    if (text === '') {
      text = ' '.repeat(Math.max(0, Math.round(item.x / unit))) + str.trimStart();
    } else if (gap < item.size * 0.33) {
      text += str;
    } else if (gap < item.size * 1.0) {
      // Apart by less than a character: the next word, one space away. Wider than a space (half a
      // character in a Chinese font), it is the word of the next cell in a narrow column (商业 |
      // 科研 in table 2's header): it keeps its own column where the line has not yet reached it,
      // so that header words stand over their numbers.
      text = text.trimEnd();
      const column = gap > item.size * WIDEST_SPACE ? Math.round(item.x / unit) : 0;
      text += ' '.repeat(Math.max(1, column - text.length)) + str.trimStart();
    } else {
      const column = Math.round(item.x / unit);
      text = text.trimEnd();
      text += ' '.repeat(Math.max(2, column - text.length)) + str.trimStart();
    }
    end = item.x + item.width;
  }
  return text.trimEnd();
}
