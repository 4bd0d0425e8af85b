/**
 * How the copies of one report read each table cell, put together: each cell from the copy that
 * reads it, unknown where the copies read it differently (a wrong figure is worse than a gap).
 * Works from the fact store's view of each copy (a stored copy's numbers are in memory) and
 * decodes a copy's fact only where its cell holds no number; the whole facts are merged only
 * when an answer shows them.
 */
import { metric } from '../facts/metrics.js';
import { factIndexOf, factsOf, type FactIndex } from './report-store.js';
import type { CellValue, Fact, Finding, Report } from './report.js';

/** What the copies make of one table cell. */
export interface CellPlan {
  metric: string;
  /** The copy the merged cell comes from; null when no copy reads it with certainty, or they differ. */
  from: number | null;
  /** The copies that read it, when they read it differently; else null. */
  differ: number[] | null;
  /** The merged cell's number; NaN when it holds none. */
  value: number;
}

/** A cell as one copy reads it: its number, or what the copy's fact holds instead. */
type CellReading = { kind: 'number'; value: number } | Exclude<CellValue, { kind: 'number' }>;

/** Each metric's table cell, in the order the copies state them (the primary's first). */
export function planCells(copies: readonly Report[]): CellPlan[] {
  const cells = copies.map((c) => firstTableValues(factIndexOf(c)));
  const metrics = [...new Set(cells.flatMap((c) => [...c.keys()]))];
  return metrics.map((m) => {
    const readings: Array<{ copy: number; reading: CellReading }> = [];
    cells.forEach((c, copy) => {
      const v = c.get(m);
      if (v === undefined) return;
      if (!Number.isNaN(v)) readings.push({ copy, reading: { kind: 'number', value: v } });
      else readings.push({ copy, reading: (firstTableFact(factsOf(copies[copy], m))?.value ?? { kind: 'unknown' }) as CellReading });
    });
    const stated = readings.filter((r) => r.reading.kind !== 'unknown');
    if (stated.length === 0) return { metric: m, from: null, differ: null, value: NaN };
    if (stated.every((s) => sameReading(s.reading, stated[0].reading))) {
      const r = stated[0].reading;
      return { metric: m, from: stated[0].copy, differ: null, value: r.kind === 'number' ? r.value : NaN };
    }
    return { metric: m, from: null, differ: stated.map((s) => s.copy), value: NaN };
  });
}

/** The fact store's view of the merged facts, in their order: the cells, then the primary's narrative figures. */
export function mergedIndex(plan: readonly CellPlan[], primary: FactIndex): FactIndex {
  const narrative: number[] = [];
  for (let k = 0; k < primary.codes.length; k++) if (!primary.table[k]) narrative.push(k);
  const n = plan.length + narrative.length;
  const metrics: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Uint16Array(n);
  const values = new Float64Array(n);
  const table = new Uint8Array(n);
  const put = (k: number, m: string, value: number, isTable: boolean) => {
    let c = codeOf.get(m);
    if (c === undefined) codeOf.set(m, (c = metrics.push(m) - 1));
    codes[k] = c;
    values[k] = value;
    table[k] = isTable ? 1 : 0;
  };
  plan.forEach((p, k) => put(k, p.metric, p.value, true));
  narrative.forEach((at, k) => put(plan.length + k, primary.metrics[primary.codes[at]], primary.values[at], false));
  return { metrics, codes, values, table };
}

/** The merged facts, in the order of `mergedIndex`; a cell the copies read differently is unknown, its source both files'. */
export function mergedFacts(copies: readonly Report[], plan: readonly CellPlan[]): Fact[] {
  const cells = copies.map(tableCells);
  const facts = plan.map((p) => {
    if (p.from !== null) return cells[p.from].get(p.metric) as Fact;
    if (!p.differ) return cells.find((c) => c.has(p.metric))?.get(p.metric) as Fact;
    const stated = p.differ.map((i) => ({ file: copies[i].file, fact: cells[i].get(p.metric) as Fact }));
    return { ...stated[0].fact, value: { kind: 'unknown' as const }, source: stated.map((s) => `${s.file}：${s.fact.source}`).join('；') };
  });
  return [...facts, ...copies[0].facts.filter((f) => f.origin !== 'table')];
}

/**
 * What the merged report finds: each cell the copies read differently, naming the files and
 * their readings; and the copies' own findings that still speak of it (see `copyFindings`).
 */
export function mergedFindings(copies: readonly Report[], plan: readonly CellPlan[], who: string): Finding[] {
  const out: Finding[] = [];
  for (const p of plan) {
    if (!p.differ) continue;
    const files = p.differ.map((i) => copies[i].file);
    const words = p.differ.map((i) => readingWords(firstTableFact(factsOf(copies[i], p.metric))));
    out.push({
      rule: 'copies_disagree',
      severity: 'error',
      metrics: [p.metric],
      message: `${who}：${countWord(files.length)}份文件（${files.join('、')}）对“${metric(p.metric)?.label ?? p.metric}”的数值不同：${words.join(' 与 ')}，无法确定`,
    });
  }
  return [...out, ...copyFindings(copies, new Map(plan.map((p) => [p.metric, p.from])))];
}

/** Each metric's first table cell (as the fact store reads it) in a fact index: its number or NaN. */
function firstTableValues(index: FactIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 0; k < index.codes.length; k++) {
    if (!index.table[k]) continue;
    const m = index.metrics[index.codes[k]];
    if (!out.has(m)) out.set(m, index.values[k]);
  }
  return out;
}

function tableCells(report: Report): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of report.facts) if (f.origin === 'table' && !out.has(f.metric)) out.set(f.metric, f);
  return out;
}

const firstTableFact = (facts: readonly Fact[]): Fact | undefined => facts.find((f) => f.origin === 'table');

function sameReading(a: CellReading, b: CellReading): boolean {
  if (a.kind === 'number' && b.kind === 'number') return Math.abs(a.value - b.value) < 1e-9;
  if (a.kind === 'text' && b.kind === 'text') return a.text.replace(/\s+/g, '') === b.text.replace(/\s+/g, '');
  return a.kind === b.kind;
}

function readingWords(f: Fact | undefined): string {
  switch (f?.value.kind) {
    case 'number':
      return String(f.value.value);
    case 'blank':
      return '空白';
    case 'not_applicable':
      return `“${f.source.trim() || '/'}”（不适用）`;
    case 'text':
      return `“${f.value.text}”`;
    default:
      return '无法读取';
  }
}

const countWord = (n: number) => (n === 2 ? '两' : n === 3 ? '三' : String(n));

/**
 * The copies' own findings that still speak of the merged report: those about a cell it takes
 * from that copy, or that no copy reads with certainty; those about the report as a whole from
 * the primary. Another copy's finding names its file; one said twice is said once.
 */
function copyFindings(copies: readonly Report[], from: ReadonlyMap<string, number | null>): Finding[] {
  const out: Finding[] = [];
  const said = new Set<string>();
  copies.forEach((copy, i) => {
    for (const f of copy.findings) {
      const applies = f.metrics.length === 0 ? i === 0 : f.metrics.some((m) => (from.get(m) ?? null) === null || from.get(m) === i);
      if (!applies || said.has(f.message)) continue;
      said.add(f.message);
      out.push(i === 0 ? f : { ...f, message: `${f.message}（据${copy.file}）` });
    }
  });
  return out;
}
