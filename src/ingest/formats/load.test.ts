import { mkdtemp, mkdir, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, REAL_CORPUS_DIR, hasRealCorpus } from '../../../test/paths.js';
import { htmlToText, loadFile, MAX_FILE_BYTES, SUPPORTED_EXTENSIONS, type LoadedText } from './load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'load-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function loaded(file: string): Promise<LoadedText> {
  const result = await loadFile(file);
  if (!result.ok) throw new Error(`${result.error.file}: ${result.error.message}`);
  return result.value;
}

async function failure(file: string): Promise<string> {
  const result = await loadFile(file);
  if (result.ok) throw new Error(`expected ${file} to fail`);
  expect(result.error.file).toBe(file);
  return result.error.message;
}

const TITLE = '鹤岗市教育局\n\n2022 年度政府信息公开工作报告\n';

describe('plain text encodings', () => {
  it('reads UTF-8 as is', async () => {
    expect(await loaded(await writeTemp('utf8.txt', TITLE))).toEqual({ text: TITLE, format: 'txt' });
  });

  it('drops a UTF-8 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TITLE)]);
    expect((await loaded(await writeTemp('bom.md', bytes))).text).toBe(TITLE);
  });

  it('reads GBK bytes (saved by a Windows editor) as Chinese', async () => {
    const file = await writeTemp('gbk.txt', iconv.encode(TITLE + '一、总体情况\t１２\n', 'gbk'));
    expect((await loaded(file)).text).toBe(TITLE + '一、总体情况\t１２\n');
  });

  it('reads GB18030-only characters', async () => {
    const text = '𠀀㐀 平潭综合实验区\n';
    expect((await loaded(await writeTemp('gb18030.txt', iconv.encode(text, 'gb18030')))).text).toBe(text);
  });

  it('reads UTF-16 with a byte order mark, little and big endian', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TITLE, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TITLE, 'utf-16be')]);
    expect((await loaded(await writeTemp('le.txt', le))).text).toBe(TITLE);
    expect((await loaded(await writeTemp('be.txt', be))).text).toBe(TITLE);
  });

  it('reads a UTF-8 report with a few damaged bytes, naming them and their line', async () => {
    const seed = await readFile(path.join(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt'));
    const lines = seed.toString('utf8').split('\n');
    const at = Buffer.byteLength(lines.slice(0, 11).join('\n')) + 1; // start of line 12
    const damaged = Buffer.concat([seed.subarray(0, at), Buffer.from([0xff, 0xfe, 0xff, 0xc3, 0x28, 0x80, 0x80, 0x80, 0xed, 0xa0, 0x80]), seed.subarray(at)]);
    const result = await loaded(await writeTemp('damaged.txt', damaged));
    expect(result.text.split('\n')[11]).toMatch(/^\uFFFD+\(\uFFFD+/);
    expect(result.text.split('\n')[12]).toBe(lines[12]);
    expect(result.findings).toEqual([
      { rule: 'encoding', severity: 'warning', metrics: [], message: '文件第12行有10个无法解码的字节（0xFF 0xFE 0xC3 0x80 0xED 0xA0）已替换为“\uFFFD”，该处文字可能缺损' },
    ]);
  });

  it('reads GBK as GBK, not as damaged UTF-8', async () => {
    const seed = await readFile(path.join(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt'), 'utf8');
    const result = await loaded(await writeTemp('gbk-seed.txt', iconv.encode(seed, 'gbk')));
    expect(result.text).toBe(seed);
    expect(result.findings).toBeUndefined();
  });

  it('reads UTF-16 saved without a byte order mark, little and big endian', async () => {
    const seed = await readFile(path.join(CORPUS_DIR, '001_e71b04dab10cb976.txt'), 'utf8');
    expect((await loaded(await writeTemp('le-nobom.txt', iconv.encode(seed, 'utf-16le')))).text).toBe(seed);
    expect((await loaded(await writeTemp('be-nobom.txt', iconv.encode(seed, 'utf-16be')))).text).toBe(seed);
  });

  it('loads a 5 MB report', async () => {
    const paragraph = '本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，发布信息 732 条。\n';
    const text = TITLE + paragraph.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(paragraph)));
    const result = await loaded(await writeTemp('big.txt', text));
    expect(result.text.length).toBe(text.length);
    expect(result.text.endsWith(paragraph)).toBe(true);
  });
});

describe('files that cannot be read say why', () => {
  it('a missing file', async () => {
    expect(await failure(path.join(dir, 'nope.txt'))).toMatch(/不存在/);
  });

  it('an empty file', async () => {
    expect(await failure(await writeTemp('empty.txt', ''))).toMatch(/为空/);
  });

  it('a file of blanks only', async () => {
    expect(await failure(await writeTemp('blank.md', ' \n\t\n'))).toMatch(/没有文字/);
  });

  it('binary junk with a text extension', async () => {
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + (i >> 3) * 31) & 0xff;
    expect(await failure(await writeTemp('junk.txt', junk))).toMatch(/不像文字/);
  });

  it('a ZIP archive that holds no Word document, renamed to .txt', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000'), Buffer.alloc(200), Buffer.from('[Content_Types].xml')]);
    expect(await failure(await writeTemp('renamed.txt', zip))).toMatch(/^文件内容是ZIP 压缩包（不是 Word 文档），不是能读取的报告格式：扩展名 \.txt 与内容不符/);
  });

  it('a damaged PDF renamed to .txt, read as a PDF and named as damaged', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), Buffer.alloc(100, 0x9c)]);
    expect(await failure(await writeTemp('renamed-pdf.txt', pdf))).toMatch(/^PDF 文件已损坏或无法打开/);
  });

  it('an unsupported extension, naming the ones supported', async () => {
    const message = await failure(await writeTemp('report.xlsx', 'PK'));
    expect(message).toMatch(/不支持的文件类型 \.xlsx/);
    expect(message).toContain('.html');
  });

  it('a folder', async () => {
    const folder = path.join(dir, 'folder.txt');
    await mkdir(folder);
    expect(await failure(folder)).toMatch(/文件夹/);
  });

  it('a file over 20 MB, without reading it', async () => {
    const file = await writeTemp('huge.txt', '');
    await truncate(file, MAX_FILE_BYTES + 1);
    expect(await failure(file)).toMatch(/文件过大/);
  });

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.constantFrom(...SUPPORTED_EXTENSIONS), async (bytes, ext) => {
        const result = await loadFile(await writeTemp(`any${ext}`, bytes));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 60 },
    );
  });
});

describe('HTML to text', () => {
  it('ends lines at blocks and <br>, decodes entities, drops script, style and comments', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body>' +
      '<h1>焦作市教育局 2023 年政府信息公开工作年度报告</h1><!-- 注释 --><script>var s = "<p>x</p>";</script>' +
      '<div>一、总体情况<br>发布信息&nbsp;732&nbsp;条&amp;解读&lt;3&gt;篇</div><p>  二、\n  主动公开 </p><ul><li>甲</li><li>乙</li></ul></body></html>';
    expect(htmlToText(html)).toBe(
      't\n\n焦作市教育局 2023 年政府信息公开工作年度报告\n一、总体情况\n发布信息 732 条&解读<3>篇\n二、 主动公开\n甲\n乙\n',
    );
  });

  it('does not repeat the page title when the body carries it', () => {
    expect(htmlToText('<title>年度报告</title><h1>年度报告</h1><p>正文</p>')).toBe('年度报告\n正文\n');
  });

  it('puts a table on one line per row with a blank line around it', () => {
    const html = '<p>前</p><table><tr><th>项目</th><th>数量</th></tr><tr><td>规章</td><td>3</td></tr></table><p>后</p>';
    expect(htmlToText(html)).toBe('前\n\n项目\t数量\n规章\t3\n\n后\n');
  });

  it('resolves rowspan and colspan, each row keeping only its own cells', () => {
    const html =
      '<table><tr><td rowspan="2" colspan="2">A</td><td>b</td></tr><tr><td>c</td></tr>' +
      '<tr><td>d</td><td colspan="2">e</td></tr></table>';
    // Positions covered by a span are no cells of their own: each line holds the row's own cells.
    expect(htmlToText(html)).toBe('A\tb\nc\nd\te\n');
  });

  it('keeps an empty cell empty and collapses whitespace, tabs and paragraphs inside a cell', () => {
    const html = '<table><tr><td><p>商业</p><p>企业</p></td><td> </td><td>&nbsp;</td><td>1\t2\n 3</td></tr></table>';
    expect(htmlToText(html)).toBe('商业 企业\t\t\t1 2 3\n');
  });

  it('reads rows in thead/tbody and leaves a nested table inside its cell', () => {
    const html =
      '<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody>' +
      '<tr><td><table><tr><td>内</td><td>层</td></tr></table></td><td>2</td></tr></tbody></table>';
    expect(htmlToText(html)).toBe('x\ty\n内 层\t2\n');
  });

  it('reads a GBK page by its <meta charset>', async () => {
    const html = '<html><head><meta charset="gbk"></head><body><p>沭阳县发展和改革局</p></body></html>';
    expect((await loaded(await writeTemp('gbk.html', iconv.encode(html, 'gbk'))))).toEqual({
      text: '沭阳县发展和改革局\n',
      format: 'html',
    });
  });

  it('reads a GB2312 page by its http-equiv Content-Type', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>呼兰区教育局</p></body></html>';
    expect((await loaded(await writeTemp('gb2312.htm', iconv.encode(html, 'gb2312')))).text).toBe('呼兰区教育局\n');
  });

  it('reads a page whose tables nest 3,000 deep, keeping the innermost text in the outer cell', () => {
    const html = '<p>前</p>' + '<table><tr><td>'.repeat(3000) + '最里层' + '</td></tr></table>'.repeat(3000) + '<p>后</p>';
    expect(htmlToText(html)).toBe('前\n\n最里层\n\n后\n');
  });

  it('reads a page of 100,000 nested <div>s and one of 10,000 unclosed <span>s', () => {
    expect(htmlToText('<div>'.repeat(100_000) + '甲' + '</div>'.repeat(100_000))).toBe('甲\n');
    expect(htmlToText('<p>' + '<span>乙'.repeat(10_000))).toBe(`${'乙'.repeat(10_000)}\n`);
  });

  it('reads a page of 200,000 unclosed comments or doctypes, a comment never closed hiding the rest', () => {
    expect(htmlToText(`<p>甲</p>${'<!--'.repeat(200_000)}<p>乙</p>`)).toBe('甲\n');
    expect(htmlToText(`<p>甲</p>${'<!DOCTYPE'.repeat(200_000)}`)).toMatch(/^甲\n/);
  });

  it('keeps the text of a last cell left unclosed in its own cell', () => {
    expect(htmlToText('<table><tr><td>规章<td>3')).toBe('规章\t3\n');
  });

  it('reads a table whose spans would fill billions of positions row by row, spans ignored', () => {
    const html = '<table>' + '<tr><td colspan="1000" rowspan="1000">甲</td><td>1</td></tr>'.repeat(2000) + '</table>';
    const lines = htmlToText(html).trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(lines[1999]).toBe('甲\t1');
  });

  it('never throws on arbitrary markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'td', 'tr', 'table', ' rowspan="9"', ' colspan=0', '"', '甲', ' ', '\n', '&') }), (s) => {
        expect(typeof htmlToText(s)).toBe('string');
      }),
    );
  });
});

describe('bundled seed reports', () => {
  it('all load as text', async () => {
    const files = (await readdir(CORPUS_DIR)).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const { text, format } = await loaded(path.join(CORPUS_DIR, f));
      expect(format).toBe('txt');
      expect(text).toContain('政府信息公开');
    }
  });
});

describe.skipIf(!hasRealCorpus)('real reports (corpus-real)', () => {
  it('every file loads with the format of its extension', async () => {
    for (const f of await readdir(REAL_CORPUS_DIR)) {
      if (f === 'SOURCES.md') continue;
      const { text, format } = await loaded(path.join(REAL_CORPUS_DIR, f));
      expect(format).toBe(f.endsWith('.html') ? 'html' : f.endsWith('.md') ? 'md' : 'txt');
      expect(text).toContain('政府信息公开');
    }
  });

  describe('shuyang-fgj-2023.html (tables with rowspan/colspan)', () => {
    let text = '';
    let lines: string[] = [];
    beforeAll(async () => {
      text = (await loaded(path.join(REAL_CORPUS_DIR, 'shuyang-fgj-2023.html'))).text;
      lines = text.split('\n');
    });

    /** The non-blank lines between two headings. */
    const between = (from: string, to: string) => {
      const start = lines.indexOf(from);
      const end = lines.indexOf(to);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      return lines.slice(start + 1, end).filter((l) => l !== '');
    };

    it('drops the doctype and the source comment, keeps the title once', () => {
      expect(text).not.toMatch(/DOCTYPE|Source:|<\w/);
      expect(text.match(/^沭阳县发展和改革局2023年政府信息公开年度报告$/gm)).toHaveLength(1);
    });

    it('reads the page metadata table, &nbsp; as spaces', () => {
      expect(lines).toContain('发布机构\t沭阳县发展和改革局\t公开日期\t2024-01-17');
      expect(lines).toContain('索引号\t014314799/2024-00002\t分类\t信息公开年报 其他 报告');
    });

    it('table 1: each row holds its own cells; a value spanning columns appears once', () => {
      const rows = between('二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况');
      expect(rows).toContain('信息内容\t本年制发件数\t本年废止件数\t现行有效件数');
      expect(rows).toContain('规范性文件\t8\t0\t18');
      expect(rows).toContain('行政许可\t0');
      expect(rows).toContain('行政事业性收费\t0');
    });

    it('table 2: 28 rows, each data row a label and its 7 applicant cells', () => {
      const rows = between('三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况');
      expect(rows).toHaveLength(28);
    });

    it('table 2: headers are their own cells, positions covered by a span are left out', () => {
      const rows = between('三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况').map((r) => r.split('\t'));
      expect(rows[0][0]).toMatch(/^（本列数据的勾稽关系为/);
      expect(rows[0].slice(1)).toEqual(['申请人情况']);
      expect(rows[1]).toEqual(['自然人', '法人或其他组织', '总计']);
      expect(rows[2]).toEqual(['商业 企业', '科研 机构', '社会公益组织', '法律服务机构', '其他']);
    });

    it('table 2: values in 自然人 and 总计, blank applicant cells stay blank', () => {
      const row = (label: string) => lines.find((l) => l.includes(label))?.split('\t');
      const values = ['26', '', '', '', '', '', '26'];
      const zero = ['0', '', '', '', '', '', '0'];
      expect(row('一、本年新收政府信息公开申请数量')).toEqual(['一、本年新收政府信息公开申请数量', ...values]);
      expect(row('二、上年结转政府信息公开申请数量')).toEqual(['二、上年结转政府信息公开申请数量', ...zero]);
      expect(row('（一）予以公开')).toEqual(['三、本年度办理结果', '（一）予以公开', ...values]);
      expect(row('1.属于国家秘密')).toEqual(['（三）不予公开', '1.属于国家秘密', ...zero]);
      expect(row('2.其他法律行政法规禁止公开')).toEqual(['2.其他法律行政法规禁止公开', ...zero]);
      expect(row('（七）总计')).toEqual(['（七）总计', ...values]);
      expect(row('四、结转下年度继续办理')).toEqual(['四、结转下年度继续办理', ...zero]);
    });

    it('table 2: a label spanning rows appears once', () => {
      expect(text.match(/三、本年度办理结果/g)).toHaveLength(1);
      expect(text.match(/（三）不予公开/g)).toHaveLength(1);
    });

    it('table 3: the data row has 15 cells, the pending review in 尚未审结', () => {
      const rows = between('四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及整改措施').map((r) => r.split('\t'));
      expect(rows).toHaveLength(4);
      expect(rows[0]).toEqual(['行政复议', '行政诉讼']);
      expect(rows[1].slice(0, 5)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
      expect(rows[3].join('\t')).toBe('0\t0\t0\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0');
    });

    it('puts a blank line before and after each table', () => {
      expect(text).toContain('二、主动公开政府信息情况\n\n第二十条第（一）项\n');
      expect(text).toContain('行政事业性收费\t0\n\n三、收到和处理政府信息公开申请情况\n\n（本列');
      expect(text).toContain('\t0\t0\n\n五、存在的主要问题及整改措施\n');
    });

    it('keeps the sign-off as two lines', () => {
      expect(text).toContain('\n沭阳县发展和改革局\n2024年1月17日\n');
    });
  });
});
