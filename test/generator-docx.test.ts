import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateReport, type GoldReport } from './bench/generator/index.js';
import { ROOT } from './paths.js';

/**
 * The generator's Word layout: a real .docx whose tables merge cells as the official template
 * does, cell for cell the same spans as the report's web-page form.
 */

/** A cell where it starts, with the rows and columns it covers; text without blanks. */
interface Span {
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The tables of word/document.xml as spans, read from w:gridSpan and w:vMerge. */
function docxTables(xml: string): Span[][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, tbl]) => {
    const spans: Span[] = [];
    /** The span open in each column under a vertical merge. */
    const open = new Map<number, Span>();
    [...tbl.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].forEach(([, tr], row) => {
      let col = 0;
      for (const [, tc] of tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const colspan = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1);
        const merge = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
        if (merge && merge[1] !== 'restart') {
          const above = open.get(col);
          if (!above || above.colspan !== colspan) throw new Error(`row ${row}, column ${col}: a continuing cell with no merge open above`);
          above.rowspan++;
        } else {
          const text = squeeze(unescape([...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
          const span = { text, row, col, rowspan: 1, colspan };
          spans.push(span);
          if (merge) open.set(col, span);
          else open.delete(col);
        }
        col += colspan;
      }
    });
    return spans;
  });
}

/** The article's tables of the web page as spans, from rowspan/colspan. */
function htmlTables(html: string): Span[][] {
  return [...html.matchAll(/<table border="1"[^>]*>([\s\S]*?)<\/table>/g)].map(([, table]) => {
    const spans: Span[] = [];
    const taken = new Set<string>();
    [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].forEach(([, tr], row) => {
      let col = 0;
      for (const [, attrs, inner] of tr.matchAll(/<t[dh]([^>]*)>([\s\S]*?)<\/t[dh]>/g)) {
        while (taken.has(`${row},${col}`)) col++;
        const colspan = Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        const rowspan = Number(/rowspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        for (let r = 0; r < rowspan; r++) for (let c = 0; c < colspan; c++) taken.add(`${row + r},${col + c}`);
        spans.push({ text: squeeze(unescape(inner.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ''))), row, col, rowspan, colspan });
        col += colspan;
      }
    });
    return spans;
  });
}

function docxOf(seed: number, index: number): { file: string; parts: Record<string, string>; bytes: Uint8Array; gold: GoldReport } {
  const r = generateReport(seed, index, { layout: 'docx' });
  if (!r.bytes) throw new Error('a docx report comes with its bytes');
  const parts = Object.fromEntries(Object.entries(unzipSync(r.bytes)).map(([name, data]) => [name, strFromU8(data)]));
  return { file: r.file, parts, bytes: r.bytes, gold: r.gold };
}

const find = (spans: Span[], text: string) => spans.find((s) => s.text === text);

describe('the generator writes Word documents', () => {
  it('packs a WordprocessingML package: content types, relationships, document and styles', () => {
    const { file, parts } = docxOf(3, 0);
    expect(file).toMatch(/\.docx$/);
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels', 'word/styles.xml']));
    expect(parts['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(parts['_rels/.rels']).toContain('Target="word/document.xml"');
    expect(parts['word/document.xml']).toMatch(/<w:document [^>]*><w:body>[\s\S]*<w:sectPr>[\s\S]*<\/w:body><\/w:document>/);
  });

  it('gives the same bytes for the same seed and report', () => {
    expect(Buffer.from(docxOf(5, 2).bytes).equals(Buffer.from(docxOf(5, 2).bytes))).toBe(true);
    expect(Buffer.from(docxOf(5, 3).bytes).equals(Buffer.from(docxOf(5, 2).bytes))).toBe(false);
  });

  it('has the same facts and gold as the report in any other forced layout, but for its file and layout', () => {
    const docx = generateReport(9, 4, { layout: 'docx' }).gold;
    const html = generateReport(9, 4, { layout: 'html' }).gold;
    expect(docx.layout).toBe('docx');
    expect({ ...docx, file: '', layout: '', variant: '' }).toEqual({ ...html, file: '', layout: '', variant: '' });
  });

  it('merges the cells of the three tables exactly as the web page does', () => {
    for (let i = 0; i < 20; i++) {
      const { parts } = docxOf(21, i);
      const html = generateReport(21, i, { layout: 'html' }).text;
      expect(docxTables(parts['word/document.xml']), `report ${i}`).toEqual(htmlTables(html));
    }
  });

  it.each(['2019', '2021'] as const)("merges table 2's header and row groups as the %s template does", (template) => {
    let i = 0;
    while (generateReport(22, i, { layout: 'docx' }).gold.template !== template) i++;
    const [, table2, table3] = docxTables(docxOf(22, i).parts['word/document.xml']);
    expect(find(table2, '申请人情况')).toMatchObject({ row: 0, col: 3, rowspan: 1, colspan: 7 });
    expect(table2[0]).toMatchObject({ row: 0, col: 0, rowspan: 3, colspan: 3 });
    expect(find(table2, '自然人')).toMatchObject({ row: 1, col: 3, rowspan: 2, colspan: 1 });
    expect(find(table2, '法人或其他组织')).toMatchObject({ row: 1, col: 4, rowspan: 1, colspan: 5 });
    expect(find(table2, '总计')).toMatchObject({ row: 1, col: 9, rowspan: 2, colspan: 1 });
    const results = find(table2, '三、本年度办理结果');
    expect(results).toMatchObject({ col: 0, colspan: 1 });
    const otherRows = template === '2019' ? 1 : 3;
    // (一)(二), 8 不予公开, 3 无法提供, 5 不予处理, 其他处理, (七)总计.
    expect(results?.rowspan).toBe(2 + 8 + 3 + 5 + otherRows + 1);
    expect(find(table2, '（三）不予公开')).toMatchObject({ col: 1, rowspan: 8 });
    expect(find(table2, '（四）无法提供')).toMatchObject({ col: 1, rowspan: 3 });
    expect(find(table2, '（五）不予处理')).toMatchObject({ col: 1, rowspan: 5 });
    if (template === '2021') expect(find(table2, '（六）其他处理')).toMatchObject({ col: 1, rowspan: 3 });
    else expect(find(table2, '（六）其他处理')).toMatchObject({ col: 1, rowspan: 1, colspan: 2 });
    expect(find(table3, '行政复议')).toMatchObject({ row: 0, col: 0, colspan: 5 });
    expect(find(table3, '行政诉讼')).toMatchObject({ row: 0, col: 5, colspan: 10 });
    expect(find(table3, '未经复议直接起诉')).toMatchObject({ row: 1, col: 5, colspan: 5 });
    expect(table3.filter((s) => s.text === '结果维持').map((s) => [s.row, s.col, s.rowspan])).toEqual([[1, 0, 2], [2, 5, 1], [2, 10, 1]]);
  });

  it('writes .docx files and their gold from the command line', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gen-docx-'));
    try {
      const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
      const r = spawnSync(process.execPath, [tsx, path.join(ROOT, 'test/bench/gen.ts'), '--n', '3', '--seed', '4', '--out', out, '--layout', 'docx'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const gold = readFileSync(path.join(out, 'gold.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as GoldReport);
      expect(readdirSync(out).sort()).toEqual([...gold.map((g) => g.file), 'gold.jsonl'].sort());
      for (const [i, g] of gold.entries()) {
        expect(g.layout).toBe('docx');
        expect(readFileSync(path.join(out, g.file)).equals(Buffer.from(docxOf(4, i).bytes))).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
