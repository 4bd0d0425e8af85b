import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsFor, TEMPLATE_VERSIONS } from '../src/facts/metrics.js';
import {
  agencyYear,
  asNumber,
  cellIds,
  checkReport,
  checkTables,
  compareTableFacts,
  FAULT_RULES,
  generateReport,
  LAYOUTS,
  loadParser,
  missingLabels,
  pairCount,
  parserExists,
  templateOf,
  writeCorpus,
  writeCorpusParallel,
  type CellMismatch,
  type GoldFacts,
  type GoldReport,
  type Parser,
} from './bench/generator/index.js';
import { requestLabel, table1Label } from './bench/generator/template.js';
import { ROOT } from './paths.js';

const N = 40;
const SEED = 20240601;
let dirA: string;
let dirB: string;
let gold: GoldReport[];

beforeAll(() => {
  dirA = mkdtempSync(path.join(os.tmpdir(), 'gen-a-'));
  dirB = mkdtempSync(path.join(os.tmpdir(), 'gen-b-'));
  writeCorpus({ n: N, seed: SEED, out: dirA });
  writeCorpus({ n: N, seed: SEED, out: dirB });
  gold = readFileSync(path.join(dirA, 'gold.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as GoldReport);
});

afterAll(() => {
  for (const d of [dirA, dirB]) if (d) rmSync(d, { recursive: true, force: true });
});

/** A larger in-memory sample for properties that need variety (no files written). */
const sample = Array.from({ length: 1500 }, (_, i) => generateReport(7, i).gold);

describe('generated corpus', () => {
  it('writes byte-identical files for the same seed', () => {
    const files = readdirSync(dirA).sort();
    expect(readdirSync(dirB).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(dirB, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(true);
  });

  it('writes the same files with worker threads', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gen-par-'));
    try {
      const summary = await writeCorpusParallel({ n: N, seed: SEED, out: dir }, 3, 10);
      expect(summary.reports).toBe(N);
      const files = readdirSync(dirA).sort();
      expect(readdirSync(dir).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(path.join(dir, f)).equals(readFileSync(path.join(dirA, f))), f).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a different corpus for another seed', () => {
    expect(generateReport(SEED + 1, 0).text).not.toBe(generateReport(SEED, 0).text);
  });

  it('generates each report independently of the others', () => {
    expect(generateReport(SEED, 17).gold).toEqual(gold[17]);
  });

  it('has one gold line per report, naming its file', () => {
    expect(gold).toHaveLength(N);
    const files = new Set(readdirSync(dirA));
    gold.forEach((g, i) => {
      expect(files.has(g.file), g.file).toBe(true);
      expect(g.file).toMatch(new RegExp(`^${String(i).padStart(6, '0')}_${g.agency}_${g.year}\\.(txt|html)$`));
      expect(g.file.endsWith('.html')).toBe(g.layout === 'html');
    });
  });

  it('produces every layout and both templates', () => {
    expect(new Set(gold.map((g) => g.layout))).toEqual(new Set(LAYOUTS));
    expect(new Set(gold.map((g) => g.template))).toEqual(new Set(TEMPLATE_VERSIONS));
  });

  it('uses the 2019 template for 2019–2020 and the 2021 template from 2021', () => {
    for (const g of sample) {
      expect(g.year).toBeGreaterThanOrEqual(2019);
      expect(g.year).toBeLessThanOrEqual(2025);
      expect(g.template).toBe(g.year <= 2020 ? '2019' : '2021');
    }
    expect(templateOf(2020)).toBe('2019');
    expect(templateOf(2021)).toBe('2021');
  });

  it('never gives two reports of a corpus one agency and year (a reader would take them for copies)', () => {
    const pairs = (reports: readonly GoldReport[]) => new Set(reports.map((g) => `${g.agency}|${g.year}`)).size;
    expect(pairs(gold)).toBe(gold.length);
    expect(pairs(sample)).toBe(sample.length);
    // Each report's pair is its own: the same whichever reports are generated with it.
    expect(generateReport(7, 1499).gold.agency).toBe(sample[1499].agency);
  });

  it('draws agencies as drawAgency would: counties most, then cities, a few provinces', () => {
    const share = (level: string) => sample.filter((g) => (level === 'county' ? g.region.county : level === 'city' ? !g.region.county && g.region.city : !g.region.city)).length / sample.length;
    expect(share('county')).toBeGreaterThan(0.45);
    expect(share('city')).toBeGreaterThan(0.25);
    expect(share('province')).toBeGreaterThan(0.05);
    expect(share('province')).toBeLessThan(0.15);
  });

  it('refuses a corpus larger than the agency-years it can name', () => {
    expect(() => writeCorpus({ n: pairCount() + 1, seed: SEED, out: path.join(os.tmpdir(), 'never-written') })).toThrow(/distinct agency-years/);
    expect(() => agencyYear(SEED, pairCount())).toThrow(RangeError);
  });

  it('names agencies by place and department', () => {
    for (const g of sample) {
      const place = g.region.county ?? g.region.city ?? g.region.province;
      expect(g.agency.startsWith(place), g.agency).toBe(true);
      expect(g.agency).toMatch(/(局|厅|委员会|人民政府)$/);
    }
  });

  it('records every table cell of its template, and no other', () => {
    for (const g of sample) expect(Object.keys(g.facts)).toEqual([...cellIds(g.template)]);
  });

  it('keeps every rule of the template in reports without a recorded fault', () => {
    for (const g of sample.filter((x) => x.faults.length === 0)) {
      expect(checkReport(g.facts, g.template, g.narrative), g.file).toEqual([]);
    }
  });

  it('records about one report in twenty as faulted', () => {
    const share = sample.filter((g) => g.faults.length > 0).length / sample.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.1);
  });

  it.each(FAULT_RULES)('breaks exactly its recorded rule with a %s fault', (rule) => {
    for (let i = 0; i < 30; i++) {
      const g = generateReport(11, i, { fault: rule }).gold;
      expect(g.faults, g.file).toHaveLength(1);
      const [fault] = g.faults;
      const broken = checkReport(g.facts, g.template, g.narrative);
      // Where a kind cannot be made (no requests to deny, no figure to move) another is recorded.
      const fallback = { no_requests_claim: 'narrative_vs_table', row_total: 'case_total' } as Record<string, string>;
      expect([rule, fallback[rule]]).toContain(fault.rule);
      expect(new Set(broken.map((v) => v.rule)), g.file).toEqual(new Set([fault.rule]));
      for (const v of broken) expect(v.metrics.some((m) => fault.metrics.includes(m)), v.detail).toBe(true);
      if (fault.cells.length > 0) {
        const restored: GoldFacts = { ...g.facts };
        for (const c of fault.cells) restored[c.metric] = c.was;
        expect(checkTables(restored, g.template)).toEqual([]);
      }
    }
  });

  it('says "未收到政府信息公开申请" only where no request came, unless that is the fault', () => {
    let claims = 0;
    for (let i = 0; i < N; i++) {
      const { text, gold: g } = generateReport(SEED, i);
      if (!/未收到政府信息公开申请/.test(text)) continue;
      claims++;
      if (!g.faults.some((f) => f.rule === 'no_requests_claim')) expect(g.facts['requests.new.total'], g.file).toBe(0);
    }
    expect(claims).toBeGreaterThan(0);
  });

  it('prints each narrative figure in the text', () => {
    for (let i = 0; i < N; i++) {
      const { text, gold: g } = generateReport(SEED, i);
      const compact = text.replace(/[ \u3000]/g, '');
      for (const f of g.narrative) expect(compact, g.file).toContain(f.sentence.replace(/ /g, ''));
    }
  });

  it('includes blanks, "/", words, negative changes, decimal amounts, zeros and large figures', () => {
    const values = sample.flatMap((g) => Object.entries(g.facts));
    expect(values.some(([, v]) => v === null)).toBe(true);
    expect(values.some(([, v]) => v === 'n/a')).toBe(true);
    expect(values.some(([, v]) => typeof v === 'string' && v.startsWith('text:'))).toBe(true);
    expect(values.some(([m, v]) => m.endsWith('.change') && typeof v === 'number' && v < 0)).toBe(true);
    expect(values.some(([m, v]) => m.endsWith('.amount') && typeof v === 'number' && !Number.isInteger(v))).toBe(true);
    expect(values.some(([, v]) => v === 0)).toBe(true);
    expect(values.some(([, v]) => typeof v === 'number' && v >= 1000)).toBe(true);
    // Most figures are small.
    const numbers = values.map(([, v]) => v).filter((v): v is number => typeof v === 'number');
    expect(numbers.filter((v) => v <= 50).length / numbers.length).toBeGreaterThan(0.9);
    // Blanks stand only where the figure is zero, so the sums still hold.
    for (const g of sample) if (g.faults.length === 0) expect(checkTables(g.facts, g.template)).toEqual([]);
  });

  it('prints amounts with units in the cell or header and in 元 sometimes', () => {
    const texts = Array.from({ length: 200 }, (_, i) => generateReport(5, i, { layout: 'tsv' }).text).join('\n');
    expect(texts).toMatch(/\d万元/);
    expect(texts).toMatch(/（万元，保留四位小数）/);
    expect(texts).toMatch(/（(单位：)?元）/);
    expect(texts).toMatch(/结 果 维 持/);
  });

  it('prints labels the metric dictionary recognises', () => {
    expect(missingLabels()).toEqual([]);
    for (const template of TEMPLATE_VERSIONS) {
      for (const row of rowsFor(1, template)) expect(table1Label(row.key, template)).toMatch(new RegExp(row.label));
      for (const row of rowsFor(2, template)) expect(requestLabel(row.key)).toMatch(new RegExp(row.label));
    }
  });

  it('runs from the command line', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gen-cli-'));
    try {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'test/bench/gen.ts'), '--n', '5', '--seed', String(SEED), '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/wrote 5 reports/);
      expect(readFileSync(path.join(out, 'gold.jsonl'), 'utf8')).toBe(`${gold.slice(0, 5).map((g) => JSON.stringify(g)).join('\n')}\n`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!parserExists(ROOT))('parser on the generated corpus', () => {
  /** Cells read right, wrong (another figure or kind) and unknown (an honest gap), per layout. */
  type Score = { right: number; wrong: number; unknown: number; reports: number };
  const blankScore = (): Score => ({ right: 0, wrong: 0, unknown: 0, reports: 0 });
  const share = (s: Score) => s.right / Math.max(1, s.right + s.wrong + s.unknown);
  const shown = (s: Score) => `${s.right} right, ${s.wrong} wrong, ${s.unknown} unknown in ${s.reports} reports (${(100 * share(s)).toFixed(2)}%)`;

  /** Scores one report into `into`; notes each kind of misreading. */
  function score(parser: Parser, g: GoldReport, raw: string, into: Score, note: (key: string, example: string) => void): void {
    const cells = Object.keys(g.facts).length;
    into.reports++;
    const r = parser.parse(raw, g.file);
    if (!r.ok) {
      into.unknown += cells;
      note(`${g.layout}: not parsed (${r.error.message})`, g.file);
      return;
    }
    const misread: CellMismatch[] = compareTableFacts(g.facts, r.value.facts);
    const gaps = misread.filter((c) => c.got === 'unknown' || c.got === '(missing)').length;
    into.unknown += gaps;
    into.wrong += misread.length - gaps;
    into.right += cells - misread.length;
    for (const c of misread) {
      // One line per kind of misreading: layout, row (applicant column folded), expected and read kinds.
      const row = c.metric.replace(/\.(natural_person|business|research|public_interest|legal_service|other|total|upheld|corrected|pending)$/, '.*');
      const kind = (v: string) => (/^-?\d/.test(v) ? 'number' : v);
      note(`${g.layout}: ${row} expected ${kind(c.expected)}, read ${kind(c.got)}`, `${g.file} [${g.variant}] ${c.metric}: expected ${c.expected}, read ${c.got}`);
    }
  }

  function summary(misread: Map<string, { count: number; example: string }>): string {
    return [...misread].sort((a, b) => b[1].count - a[1].count).slice(0, 25).map(([k, v]) => `${v.count}× ${k}\n     e.g. ${v.example}`).join('\n');
  }

  it('reads every table cell of every report as the gold has it, layout by layout', async () => {
    const parser = await loadParser(ROOT);
    const misread = new Map<string, { count: number; example: string }>();
    const scores: Record<string, Score> = Object.fromEntries(LAYOUTS.map((l) => [l, blankScore()]));
    const note = (key: string, example: string) => {
      const m = misread.get(key) ?? { count: 0, example };
      m.count++;
      misread.set(key, m);
    };
    // PDF extracts whose organisations' columns are all blank count apart, as in the next test.
    const blankColumns = blankScore();
    for (const g of gold) {
      const apart = g.layout === 'pdf-layout' && g.variant.includes('blank:org_columns');
      score(parser, g, readFileSync(path.join(dirA, g.file), 'utf8'), apart ? blankColumns : scores[g.layout], note);
    }
    const perLayout = `${LAYOUTS.map((l) => `${l}: ${shown(scores[l])}`).join('\n')}\npdf-layout with blank organisations' columns: ${shown(blankColumns)}`;
    expect(blankColumns.wrong, `a cell read wrong\n${perLayout}\n${summary(misread)}`).toBe(0);
    for (const l of LAYOUTS) {
      expect(scores[l].wrong, `a cell read wrong\n${perLayout}\n${summary(misread)}`).toBe(0);
      expect(share(scores[l]), `${perLayout}\n${summary(misread)}`).toBeGreaterThanOrEqual(0.995);
    }
  });

  /**
   * PDF extracts and Word exports, more of each: labels wrapped in their cells and interleaved
   * with the numbers of the rows they span, page breaks inside tables. A PDF extract of a table
   * whose organisations' columns are all blank shows two numbers a row and no full row to tell
   * their columns by: they are placed by the 自然人 and 总计 headers where the page prints them,
   * and stay unknown on a page after a break that does not repeat the header. Those reports
   * count apart: no cell wrong, but no share asked of them.
   */
  it.each(['pdf-layout', 'word-export'] as const)('reads %s reports with no cell wrong and at least 995 cells in 1000 right', async (layout) => {
    const parser = await loadParser(ROOT);
    const misread = new Map<string, { count: number; example: string }>();
    const note = (key: string, example: string) => {
      const m = misread.get(key) ?? { count: 0, example };
      m.count++;
      misread.set(key, m);
    };
    const readable = blankScore();
    const blankColumns = blankScore();
    for (let i = 0; i < 150; i++) {
      const { text, gold: g } = generateReport(SEED + 2, i, { layout });
      const columnsBlank = layout === 'pdf-layout' && g.variant.includes('blank:org_columns');
      score(parser, g, text, columnsBlank ? blankColumns : readable, note);
    }
    const scores = `${layout}: ${shown(readable)}; with blank organisations' columns: ${shown(blankColumns)}`;
    expect(readable.wrong + blankColumns.wrong, `${scores}\n${summary(misread)}`).toBe(0);
    expect(share(readable), `${scores}\n${summary(misread)}`).toBeGreaterThanOrEqual(0.995);
  });

  it('keeps the narrative figures apart from the table facts', async () => {
    const parser = await loadParser(ROOT);
    for (const g of gold.filter((x) => x.faults.some((f) => f.rule === 'narrative_vs_table'))) {
      const r = parser.parse(readFileSync(path.join(dirA, g.file), 'utf8'), g.file);
      if (!r.ok) continue;
      for (const f of g.narrative) {
        const table = r.value.facts.filter((x) => x.origin === 'table' && x.metric === f.metric);
        for (const t of table) if (t.value.kind === 'number') expect(t.value.value, `${g.file} ${f.metric}`).toBe(asNumber(g.facts[f.metric]));
      }
    }
  });
});
