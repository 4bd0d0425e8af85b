/**
 * How the copies of one report read each table cell, put together: each cell from the copy that
 * reads it, unknown where the copies read it differently (a wrong figure is worse than a gap).
 * Works from the fact store's view of each copy (a stored copy's numbers are in memory) and
 * decodes a copy's fact only where its cell holds no number; the whole facts are merged only
 * when an answer shows them.
 */
import { metric } from '../facts/metrics.js';
import { factIndexOf, factsAt, factsOf, type FactIndex } from '../store/report-store.js';
import type { Fact, Finding, Report } from './report.js';

/** What the copies make of one table cell. */
export interface CellPlan {
  metric: string;
  /** The copy the merged cell comes from; null when no copy reads it with certainty, or they differ. */
  from: number | null;
  /** The copies that read it, when they read it differently, each with its reading in words; else null. */
  differ: Array<{ copy: number; words: string }> | null;
  /** The merged cell's number; NaN when it holds none. */
  value: number;
}

/** A cell as one copy reads it: its number, or (decoded) the fact that holds none. */
type CellReading = { copy: number; value: number; fact: Fact | null };

/**
 * Each metric's table cell, in the order the copies state them (the primary's first). A copy's
 * cells without a number are decoded, in one read a copy, to tell blank, "/", words and
 * unreadable apart.
 */
export function planCells(copies: readonly Report[]): CellPlan[] {
  const cells = copies.map((c, i) => readCells(c, i));
  const plan: CellPlan[] = [];
  const planned = new Uint8Array(metricIds.size);
  for (const c of cells) {
    for (const id of c.order) {
      if (planned[id]) continue;
      planned[id] = 1;
      const readings: CellReading[] = [];
      for (const other of cells) {
        const r = other.byMetric[id];
        if (r) readings.push(r);
      }
      plan.push(decide(metricNames[id], readings));
    }
  }
  return plan;
}

/** One cell from the copies' readings of it (in copy order). */
function decide(metric: string, readings: readonly CellReading[]): CellPlan {
  const stated = readings.filter((r) => r.fact?.value.kind !== 'unknown');
  if (stated.length === 0) return { metric, from: null, differ: null, value: NaN };
  if (stated.every((r) => sameReading(r, stated[0]))) return { metric, from: stated[0].copy, differ: null, value: stated[0].value };
  return { metric, from: null, differ: stated.map((r) => ({ copy: r.copy, words: readingWords(r) })), value: NaN };
}

/**
 * The merged facts of one metric, as `mergedFacts` has them, reading only that metric's facts of
 * each copy: what the fact store asks when it shows a reading.
 */
export function mergedFactsOf(copies: readonly Report[], metric: string): Fact[] {
  const cells = copies.map((c) => factsOf(c, metric).find((f) => f.origin === 'table'));
  const readings = cells.flatMap((f, copy) => (f ? [{ copy, value: f.value.kind === 'number' ? f.value.value : NaN, fact: f.value.kind === 'number' ? null : f }] : []));
  const table = readings.length ? [cellFact(decide(metric, readings), copies, (i) => cells[i])] : [];
  return [...table, ...factsOf(copies[0], metric).filter((f) => f.origin !== 'table')];
}

/** Every metric met, numbered: a copy's cells are looked up by number, not by name. */
const metricIds = new Map<string, number>();
const metricNames: string[] = [];
/** A fact index's metric codes as those numbers (a stored report shares its store's list). */
const idsOfCodes = new WeakMap<readonly string[], Int32Array>();

function idsOf(metrics: readonly string[]): Int32Array {
  let ids = idsOfCodes.get(metrics);
  if (ids && ids.length === metrics.length) return ids;
  ids = Int32Array.from(metrics, (m) => {
    let id = metricIds.get(m);
    if (id === undefined) metricIds.set(m, (id = metricNames.push(m) - 1));
    return id;
  });
  idsOfCodes.set(metrics, ids);
  return ids;
}

/** A copy's first table cell of each metric (as the fact store reads it), by metric number, in its order. */
function readCells(report: Report, copy: number): { byMetric: (CellReading | undefined)[]; order: number[] } {
  const index = factIndexOf(report);
  const ids = idsOf(index.metrics);
  const byMetric: (CellReading | undefined)[] = [];
  const order: number[] = [];
  const withoutNumber: number[] = [];
  for (let k = 0; k < index.codes.length; k++) {
    if (!index.table[k]) continue;
    const id = ids[index.codes[k]];
    if (byMetric[id]) continue;
    byMetric[id] = { copy, value: index.values[k], fact: null };
    order.push(id);
    if (Number.isNaN(index.values[k])) withoutNumber.push(k);
  }
  if (withoutNumber.length) {
    const facts = factsAt(report, withoutNumber);
    withoutNumber.forEach((k, j) => {
      (byMetric[ids[index.codes[k]]] as CellReading).fact = facts[j];
    });
  }
  return { byMetric, order };
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
  const facts = plan.map((p) => cellFact(p, copies, (i) => cells[i].get(p.metric)));
  return [...facts, ...copies[0].facts.filter((f) => f.origin !== 'table')];
}

/** A planned cell as a fact: the copy's it comes from, or unknown with every differing copy's source. */
function cellFact(p: CellPlan, copies: readonly Report[], factOf: (copy: number) => Fact | undefined): Fact {
  if (p.from !== null) return factOf(p.from) as Fact;
  if (!p.differ) return copies.map((_, i) => factOf(i)).find((f) => f !== undefined) as Fact;
  const stated = p.differ.map((d) => ({ file: copies[d.copy].file, fact: factOf(d.copy) as Fact }));
  return { ...stated[0].fact, value: { kind: 'unknown' }, source: stated.map((s) => `${s.file}：${s.fact.source}`).join('；') };
}

/**
 * What the merged report finds: each cell the copies read differently, naming the files and
 * their readings; and the copies' own findings that still speak of it (see `copyFindings`).
 */
export function mergedFindings(copies: readonly Report[], plan: readonly CellPlan[], who: string): Finding[] {
  const out: Finding[] = [];
  for (const p of plan) {
    if (!p.differ) continue;
    const files = p.differ.map((d) => copies[d.copy].file);
    const words = p.differ.map((d) => d.words);
    out.push({
      rule: 'copies_disagree',
      severity: 'error',
      metrics: [p.metric],
      message: `${who}：${countWord(files.length)}份文件（${files.join('、')}）对“${metric(p.metric)?.label ?? p.metric}”的数值不同：${words.join(' 与 ')}，无法确定`,
    });
  }
  return [...out, ...copyFindings(copies, new Map(plan.map((p) => [p.metric, p.from])))];
}

function tableCells(report: Report): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of report.facts) if (f.origin === 'table' && !out.has(f.metric)) out.set(f.metric, f);
  return out;
}

function sameReading(a: CellReading, b: CellReading): boolean {
  if (!a.fact || !b.fact) return !a.fact && !b.fact && Math.abs(a.value - b.value) < 1e-9;
  const x = a.fact.value;
  const y = b.fact.value;
  if (x.kind === 'text' && y.kind === 'text') return x.text.replace(/\s+/g, '') === y.text.replace(/\s+/g, '');
  return x.kind === y.kind;
}

function readingWords(r: CellReading): string {
  const f = r.fact;
  if (!f) return String(r.value);
  switch (f.value.kind) {
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
