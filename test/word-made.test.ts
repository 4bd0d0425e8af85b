import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadBytes, loadFile } from '../src/ingest/formats/load.js';
import { parseReportText } from '../src/ingest/parse.js';
import { GOLD_JSON, WORD_FIXTURES, WORD_FIXTURES_DIR } from './bench/make-word-fixtures.js';
import { compareTableFacts, generateReport, renderMinimalReport, type CellMismatch, type GoldReport } from './bench/generator/index.js';

/**
 * Reports made in Word: generated .docx files, and the PDFs LibreOffice makes of them (tables
 * merged as the template merges them, labels wrapped in narrow cells, rows and headers broken
 * across pages), in test/fixtures/word-made. Each is read through the real loader and parser
 * and scored against its gold, cell by cell, beside the same report as a web page.
 */

interface Score {
  cells: number;
  right: number;
  wrong: number;
  unknown: number;
  misread: CellMismatch[];
}

const gold = JSON.parse(readFileSync(path.join(WORD_FIXTURES_DIR, GOLD_JSON), 'utf8')) as GoldReport[];

function score(g: GoldReport, text: string, file: string, loaded = {}): Score {
  const cells = Object.keys(g.facts).length;
  const r = parseReportText(text, file, loaded);
  if (!r.ok) return { cells, right: 0, wrong: 0, unknown: cells, misread: [{ metric: '(report)', expected: 'parsed', got: r.error.message }] };
  const misread = compareTableFacts(g.facts, r.value.facts);
  const unknown = misread.filter((m) => m.got === 'unknown' || m.got === '(missing)').length;
  return { cells, right: cells - misread.length, wrong: misread.length - unknown, unknown, misread };
}

async function scoreFile(g: GoldReport, file: string): Promise<Score> {
  const loaded = await loadFile(path.join(WORD_FIXTURES_DIR, file));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
  return score(g, loaded.value.text, file, loaded.value);
}

/** The web page read as the loader reads a page sent to the bot. */
async function scorePage(g: GoldReport, page: { text: string; file: string }): Promise<Score> {
  const loaded = await loadBytes(Buffer.from(page.text), page.file);
  if (!loaded.ok) throw new Error(`${page.file}: ${loaded.error.message}`);
  return score(g, loaded.value.text, page.file, loaded.value);
}

/** The same report as a web page: the generator's own, or (after the generator changed) the same facts in a page. */
function htmlForm(g: GoldReport, k: number): { text: string; file: string } {
  const pick = WORD_FIXTURES[k];
  const page = generateReport(pick.seed, pick.index, { layout: 'html', repeatNarrative: pick.repeatNarrative });
  if (isDeepStrictEqual(page.gold.facts, g.facts)) return { text: page.text, file: page.file };
  return renderMinimalReport(g.facts, 'html', { template: g.template, agency: g.agency, year: g.year });
}

const shown = (s: Score) => `${s.right}/${s.cells} right, ${s.wrong} wrong, ${s.unknown} unknown`;
const misread = (s: Score) => s.misread.slice(0, 10).map((m) => `${m.metric}: expected ${m.expected}, got ${m.got}`).join('\n');

describe('reports made in Word', () => {
  it('has three reports of each template, each as .docx and as PDF', () => {
    const short = gold.filter((_, k) => !WORD_FIXTURES[k].repeatNarrative);
    expect(short.filter((g) => g.template === '2019')).toHaveLength(3);
    expect(short.filter((g) => g.template === '2021')).toHaveLength(3);
    expect(new Set(gold.map((g) => g.agency)).size).toBe(gold.length);
    expect(gold.map((g) => g.file)).toEqual(WORD_FIXTURES.map((p) => expect.stringMatching(new RegExp(`^${String(p.index).padStart(6, '0')}_.*\\.docx$`))));
  });

  const cases = gold.flatMap((g, k) => (['docx', 'pdf'] as const).map((format) => ({ g, k, format, name: `${g.file.replace(/\.docx$/, '')} (${g.template}) as ${format}` })));

  it.each(cases)('reads $name cell for cell, as its web page reads', async ({ g, k, format }) => {
    const file = g.file.replace(/\.docx$/, `.${format}`);
    const read = await scoreFile(g, file);
    const html = await scorePage(g, htmlForm(g, k));
    expect(read.wrong, `${file}: ${shown(read)}\n${misread(read)}`).toBe(0);
    expect(read.right, `${file}: ${shown(read)}, web page ${shown(html)}\n${misread(read)}`).toBe(html.right);
    expect(html.right).toBe(html.cells);
  });

  it('prints the share of cells read right, by format and template', async () => {
    const totals = new Map<string, Score>();
    for (const [k, g] of gold.entries()) {
      const scores: Array<[string, Score]> = [
        ['docx', await scoreFile(g, g.file)],
        ['pdf', await scoreFile(g, g.file.replace(/\.docx$/, '.pdf'))],
        ['html', await scorePage(g, htmlForm(g, k))],
      ];
      for (const [format, s] of scores) {
        const key = `${format} ${g.template}`;
        const t = totals.get(key) ?? { cells: 0, right: 0, wrong: 0, unknown: 0, misread: [] };
        t.cells += s.cells;
        t.right += s.right;
        t.wrong += s.wrong;
        t.unknown += s.unknown;
        totals.set(key, t);
      }
    }
    const lines = [...totals].sort().map(([key, s]) => `${key}: ${shown(s)} (${((100 * s.right) / s.cells).toFixed(2)}%)`);
    console.log(`Word-made reports read against their gold:\n  ${lines.join('\n  ')}`);
    for (const [, s] of totals) expect(s.wrong).toBe(0);
  });
});

describe('generated Word documents of every style', () => {
  it('read cell for cell: 60 reports, both templates, through the DOCX loader', async () => {
    const total = { cells: 0, right: 0, wrong: 0, unknown: 0, misread: [] as string[] };
    for (let i = 0; i < 60; i++) {
      const { file, bytes, gold: g } = generateReport(31, i, { layout: 'docx' });
      const loaded = await loadBytes(Buffer.from(bytes!), file);
      if (!loaded.ok) throw new Error(`${file}: ${loaded.error.message}`);
      const s = score(g, loaded.value.text, file, loaded.value);
      total.cells += s.cells;
      total.right += s.right;
      total.wrong += s.wrong;
      total.unknown += s.unknown;
      total.misread.push(...s.misread.map((m) => `${file} [${g.variant}] ${m.metric}: expected ${m.expected}, got ${m.got}`));
    }
    expect(total.misread.slice(0, 10), `${total.right}/${total.cells} right`).toEqual([]);
  });
});
