import type { Fact, Report } from '../ingest/report.js';
import { metric } from './metrics.js';

/**
 * How one report answers for one metric. `number` … `unknown` mirror the cell (`CellValue`);
 * `no_item` means the report's template has no such item (2021 template: no procurement);
 * `not_found` means the template has it but the parser found no cell (a table cut short).
 */
export type ReadingStatus = 'number' | 'blank' | 'not_applicable' | 'text' | 'unknown' | 'no_item' | 'not_found';

export interface Reading {
  report: Report;
  /** The metric read: the first of the asked ids that the report's template has. */
  metric: string;
  status: ReadingStatus;
  value: number | null;
  /** The fact the status comes from: the table cell when there is one, else the narrative. */
  fact: Fact | null;
  /** Every other fact of this metric in the report (usually the narrative's figure). */
  others: Fact[];
  /** Another place of the report states a different number. */
  disagree: boolean;
}

/** Which reports a query covers; null or absent means all. */
export interface Scope {
  agencies?: readonly string[] | null;
  years?: readonly number[] | null;
}

/**
 * The fact store: every report's facts, indexed at load by metric and year, and the reports by
 * agency and year, so that a question touches only what it asks about.
 */
export class FactStore {
  readonly reports: readonly Report[];
  private readonly byYear = new Map<number, number[]>();
  private readonly byAgency = new Map<string, number[]>();
  /** metric → year → packed (report index × FACT_SLOTS + fact index). */
  private readonly byMetric = new Map<string, Map<number, number[]>>();
  private readonly sortedYears: number[];

  constructor(reports: readonly Report[]) {
    const zh = new Intl.Collator('zh');
    this.reports = [...reports].sort((a, b) => zh.compare(a.meta.agency, b.meta.agency) || a.meta.year - b.meta.year || (a.id < b.id ? -1 : 1));
    this.reports.forEach((r, i) => {
      push(this.byYear, r.meta.year, i);
      push(this.byAgency, r.meta.agency, i);
      const facts = r.facts.length > FACT_SLOTS ? r.facts.slice(0, FACT_SLOTS) : r.facts;
      facts.forEach((f, j) => {
        let years = this.byMetric.get(f.metric);
        if (!years) this.byMetric.set(f.metric, (years = new Map()));
        push(years, r.meta.year, i * FACT_SLOTS + j);
      });
    });
    this.sortedYears = [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** Years the corpus covers, ascending. */
  years(): number[] {
    return this.sortedYears;
  }

  agencies(): string[] {
    return [...this.byAgency.keys()];
  }

  /** Reports of the scope, by agency then year. */
  reportsIn(scope: Scope = {}): Report[] {
    return this.indicesIn(scope).map((i) => this.reports[i]);
  }

  private indicesIn(scope: Scope): number[] {
    const years = scope.years ? new Set(scope.years) : null;
    if (scope.agencies) {
      return scope.agencies.flatMap((a) => (this.byAgency.get(a) ?? []).filter((i) => !years || years.has(this.reports[i].meta.year)));
    }
    if (years) return [...years].sort((a, b) => a - b).flatMap((y) => this.byYear.get(y) ?? []);
    return this.reports.map((_, i) => i);
  }

  /** How one report answers for a metric (ids in order of preference). */
  read(report: Report, ids: readonly string[]): Reading {
    const id = chooseMetric(report, ids);
    return readingOf(report, id, report.facts.filter((f) => f.metric === id));
  }

  /** One reading per report of the scope, in the order of `reportsIn`. */
  readAll(ids: readonly string[], scope: Scope = {}): Reading[] {
    const indices = this.indicesIn(scope);
    if (scope.agencies && indices.length <= 64) return indices.map((i) => this.read(this.reports[i], ids));
    const found = new Map<number, Fact[]>();
    for (const id of ids) {
      const years = this.byMetric.get(id);
      if (!years) continue;
      for (const [year, packed] of years) {
        if (scope.years && !scope.years.includes(year)) continue;
        for (const p of packed) {
          const ri = Math.floor(p / FACT_SLOTS);
          const report = this.reports[ri];
          if (chooseMetric(report, ids) !== id) continue;
          const list = found.get(ri) ?? [];
          list.push(report.facts[p % FACT_SLOTS]);
          found.set(ri, list);
        }
      }
    }
    return indices.map((i) => {
      const report = this.reports[i];
      return readingOf(report, chooseMetric(report, ids), found.get(i) ?? []);
    });
  }
}

/** Facts a report may hold per metric index entry; more is a parser bug, not a report. */
const FACT_SLOTS = 4096;

function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function chooseMetric(report: Report, ids: readonly string[]): string {
  for (const id of ids) if (metric(id)?.templates.includes(report.meta.template) ?? true) return id;
  return ids[0];
}

function readingOf(report: Report, id: string, facts: Fact[]): Reading {
  const def = metric(id);
  if (facts.length === 0) {
    const status = def && !def.templates.includes(report.meta.template) ? 'no_item' : 'not_found';
    return { report, metric: id, status, value: null, fact: null, others: [], disagree: false };
  }
  const ordered = [...facts.filter((f) => f.origin === 'table'), ...facts.filter((f) => f.origin !== 'table')];
  const [fact, ...others] = ordered;
  const value = fact.value.kind === 'number' ? fact.value.value : null;
  const disagree = others.some(
    (o) => o.value.kind === 'number' && (value === null || Math.abs(o.value.value - value) > 1e-9),
  );
  const status = fact.value.kind;
  return { report, metric: id, status, value, fact, others, disagree };
}
