import type { Fact, Report } from '../ingest/report.js';
import { factIndexOf, factsOf, type FactIndex } from '../store/report-store.js';
import { Column, FACT_SLOTS, type ColumnEntries } from './column.js';
import type { FactSource, Filter, IndicatorAsk, IndicatorRows, Overview, Reader } from './fact-source.js';
import { computeIndicator, type IndicatorDef } from './indicators.js';
import { isMetricId, metric, type TemplateVersion } from './metrics.js';
import { compares, competitionRanks } from './queries.js';
import { peersOf } from '../query/peers.js';

/**
 * How one report answers for one metric. `number` … `unknown` mirror the cell (`CellValue`);
 * `no_item` means the report's template has no such item (2021 template: no procurement);
 * `not_found` means the template has it but the parser found no cell (a table cut short).
 */
export type ReadingStatus = 'number' | 'blank' | 'not_applicable' | 'text' | 'unknown' | 'no_item' | 'not_found';

export interface Reading<R = Report> {
  /** The report read: the embedded store's `Report`, or what another storage holds of it. */
  report: R;
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

/** A reading with its competition rank: ties share a rank, the next rank skips (1, 1, 3). */
export interface Ranked {
  rank: number;
  reading: Reading;
}

/** A report and its number in a column (NaN: the cell holds no number), for tables of many rows. */
export interface ValueRow {
  report: Report;
  value: number;
}

/** A ranked report and its number, without its facts read. */
export interface RankedRow extends ValueRow {
  rank: number;
}

/**
 * Reports of a scope without a number, grouped by why; a few of each kept to name them (by agency
 * and year: from the database they come thin, without their figures or sections).
 */
export interface Absence {
  status: Exclude<ReadingStatus, 'number'>;
  template: string;
  count: number;
  examples: Report[];
}

/** Readings of a scope, the first `limit` materialized, and how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  /** Rows past `items` that a table lists (see `NamedRows`), when the storage gave them so. */
  rest?: NamedRows;
}

/**
 * A table's rows past the lines an answer shows, as the table names them: each report by its
 * agency key and year, with its number (and its rank in a ranking), no report read. Columns of
 * one length, in the page's order. A storage that answers over the network sends a page's tail
 * so (a ranking over a year lists up to `TABLE_ROWS` reports); one in memory has its reports at
 * hand and lists them all as items.
 */
export interface NamedRows {
  agencies: string[];
  years: number[];
  values: number[];
  ranks?: number[];
}

/** Agency keys by report: the name, or the name and its place where two agencies share a name. */
const agencyKeys = new WeakMap<Report, string>();

/**
 * How the corpus tells a report's agency apart: its name (鼓楼区教育局), or, when agencies of
 * different places share that name, the name with its city or province (鼓楼区教育局（福州市）).
 * Scopes, rankings and answers name agencies by this key.
 */
export function agencyKey(report: Report): string {
  return agencyKeys.get(report) ?? report.meta.agency;
}

/** Gives a report read from another storage the key that storage made for it (the same rule). */
export function keepAgencyKey(report: Report, key: string): void {
  agencyKeys.set(report, key);
}

function assignAgencyKeys(reports: readonly Report[]): void {
  // An agency's first place, or null once a second place shows the name is shared.
  const placeOf = new Map<string, string | null>();
  const where = (r: Report) => `${r.meta.region.province}|${r.meta.region.city}|${r.meta.region.county}`;
  for (const r of reports) {
    const first = placeOf.get(r.meta.agency);
    if (first === undefined) placeOf.set(r.meta.agency, where(r));
    else if (first !== null && first !== where(r)) placeOf.set(r.meta.agency, null);
  }
  for (const r of reports) {
    const shared = placeOf.get(r.meta.agency) === null;
    const { province, city } = r.meta.region;
    const place = city && city !== r.meta.region.county ? city : province;
    agencyKeys.set(r, shared ? `${r.meta.agency}（${place ?? '地区不详'}）` : r.meta.agency);
  }
}

/**
 * Reports in the order answers list them: agency (Chinese collation), year, file. The collator
 * is slow (a start at 10,000 reports spent 40 ms in it): each agency is placed once, and reports
 * are then sorted by its place.
 */
function byAgencyThenYear(reports: readonly Report[]): Report[] {
  const zh = new Intl.Collator('zh');
  const keys = [...new Set(reports.map(agencyKey))].sort(zh.compare);
  // Names the collator holds equal share a place, as when it compared reports one by one.
  const place = new Map<string, number>();
  keys.forEach((k, i) => place.set(k, i > 0 && zh.compare(keys[i - 1], k) === 0 ? (place.get(keys[i - 1]) as number) : i));
  const placeOf = (r: Report) => place.get(agencyKey(r)) as number;
  return [...reports].sort((a, b) => placeOf(a) - placeOf(b) || a.meta.year - b.meta.year || (a.id < b.id ? -1 : 1));
}

/** How many reports of each kind of absence are named in an answer. */
const EXAMPLES = 20;

/**
 * The fact store: every report's facts indexed at load by metric and year (`Column`s), the
 * reports by agency and year. A question touches only the columns and reports it asks about;
 * rankings walk a presorted order and materialize only the readings they show.
 */
export class FactStore implements FactSource {
  readonly reports: readonly Report[];
  private readonly byYear = new Map<number, number[]>();
  private readonly byAgency = new Map<string, number[]>();
  /** metric → year → column, for the metrics asked about so far (null: not indexed). */
  private readonly columns = new Map<string, Map<number, Column> | null>();
  private indexes: FactIndex[] | null = null;
  private readonly sortedYears: number[];
  private readonly allIndices: readonly number[];
  /** The store's reports do not change: its overview is made once. */
  private overviewMade: Overview | undefined;

  constructor(reports: readonly Report[]) {
    assignAgencyKeys(reports);
    this.reports = byAgencyThenYear(reports);
    this.reports.forEach((r, i) => {
      push(this.byYear, r.meta.year, i);
      push(this.byAgency, agencyKey(r), i);
    });
    this.sortedYears = [...this.byYear.keys()].sort((a, b) => a - b);
    this.allIndices = this.reports.map((_, i) => i);
  }

  /** Each report's fact index, made when a first question needs one. */
  private factIndexes(): readonly FactIndex[] {
    return (this.indexes ??= this.reports.map(factIndexOf));
  }

  /**
   * A metric's columns by year, built the first time a question asks for the metric: a start
   * builds none, and a metric never asked about costs nothing. Null for ids the store does not
   * index (narrative figures of no metric are the passage index's business).
   */
  private columnsOf(id: string): Map<number, Column> | null {
    let cols = this.columns.get(id);
    if (cols !== undefined) return cols;
    cols = metric(id) ? this.collect(id) : null;
    this.columns.set(id, cols);
    return cols;
  }

  /**
   * Every fact of one metric, by year, in report order: one pass to count, one to fill typed
   * arrays. Facts are read through each report's fact index (a stored report's facts are not
   * decoded), by the metric's code in that index.
   */
  private collect(id: string): Map<number, Column> {
    const indexes = this.factIndexes();
    const codeIn = new Map<readonly string[], number>();
    const codeOf = (metrics: readonly string[]) => {
      let c = codeIn.get(metrics);
      if (c === undefined) codeIn.set(metrics, (c = metrics.indexOf(id)));
      return c;
    };
    const years = [...this.byYear.keys()];
    const yearSlot = new Map(years.map((y, k) => [y, k]));
    const slots = this.reports.map((r) => yearSlot.get(r.meta.year) as number);
    const counts = new Int32Array(years.length);
    for (let i = 0; i < indexes.length; i++) {
      const { metrics, codes } = indexes[i];
      const code = codeOf(metrics);
      if (code < 0) continue;
      const n = Math.min(codes.length, FACT_SLOTS);
      for (let j = 0; j < n; j++) if (codes[j] === code) counts[slots[i]]++;
    }
    const entries = Array.from(counts, (n) => (n ? { packed: new Int32Array(n), values: new Float64Array(n), table: new Uint8Array(n) } : null));
    const filled = new Int32Array(years.length);
    for (let i = 0; i < indexes.length; i++) {
      const { metrics, codes, values, table } = indexes[i];
      const code = codeOf(metrics);
      if (code < 0) continue;
      const e = entries[slots[i]] as ColumnEntries;
      const n = Math.min(codes.length, FACT_SLOTS);
      for (let j = 0; j < n; j++) {
        if (codes[j] !== code) continue;
        const k = filled[slots[i]]++;
        e.packed[k] = i * FACT_SLOTS + j;
        e.values[k] = values[j];
        e.table[k] = table[j];
      }
    }
    const out = new Map<number, Column>();
    years.forEach((year, y) => {
      const e = entries[y];
      if (e) out.set(year, new Column(id, year, e));
    });
    return out;
  }

  /** Years the corpus covers, ascending. */
  years(): number[] {
    return this.sortedYears;
  }

  /** Agency keys (see `agencyKey`), in report order. */
  agencies(): string[] {
    return [...this.byAgency.keys()];
  }

  /** How many reports the scope covers, without listing them. */
  count(scope: Scope = {}): number {
    if (scope.agencies) return this.indicesIn(scope).length;
    if (scope.years) return [...new Set(scope.years)].reduce((n, y) => n + (this.byYear.get(y)?.length ?? 0), 0);
    return this.reports.length;
  }

  /** Reports of the scope, by agency then year; the first `limit` when given. */
  reportsIn(scope: Scope = {}, limit?: number, after?: Report): Report[] {
    let at = this.indicesIn(scope);
    if (after) at = at.slice(at.findIndex((i) => this.reports[i].id === after.id) + 1);
    return (limit === undefined ? at : at.slice(0, limit)).map((i) => this.reports[i]);
  }

  peers(report: Report): Report[] {
    return peersOf(report, this.reportsIn({ years: [report.meta.year] }), { anyLevel: true });
  }

  /** How one report answers for a metric (ids in order of preference). */
  read(report: Report, ids: readonly string[]): Reading {
    const id = chooseMetric(report, ids);
    return readingOf(report, id, factsOf(report, id));
  }

  /** One reading per report of the scope, in the order of `reportsIn`. For small scopes. */
  readAll(ids: readonly string[], scope: Scope = {}): Reading[] {
    return this.indicesIn(scope).map((i) => this.read(this.reports[i], ids));
  }

  /**
   * The readings with a number, best first (`desc`) or least first (`asc`), ranked with ties;
   * only the first `limit` (and, with `top`, only ranks ≤ top: all tied at the cut) are
   * materialized. `total` counts every report of the scope with a number.
   */
  rank(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number }): Page<Ranked> {
    const rows = this.rankRows(ids, scope, order, opts);
    return { items: rows.items.map((x) => ({ rank: x.rank, reading: this.read(x.report, ids) })), total: rows.total };
  }

  /**
   * The same ranking as `rank`, each report with its number only: no fact is read, so a table
   * or an export of thousands of rows costs what the ranking's sort did.
   */
  rankRows(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number }): Page<RankedRow> {
    const hits = this.numbered(ids, scope);
    const { ri, value } = hits;
    const idx = sortedHits(hits, order);
    const items: RankedRow[] = [];
    let rank = 0;
    for (let k = 0; k < idx.length && items.length < opts.limit; k++) {
      const h = idx[k];
      if (k === 0 || value[h] !== value[idx[k - 1]]) rank = k + 1;
      if (opts.top && rank > opts.top) break;
      items.push({ rank, report: this.reports[ri[h]], value: value[h] });
    }
    return { items, total: idx.length };
  }

  /** How many reports of the scope have a number, and their sum. */
  sum(ids: readonly string[], scope: Scope): { count: number; sum: number } {
    const { value } = this.numbered(ids, scope);
    let sum = 0;
    for (const v of value) sum += v;
    return { count: value.length, sum };
  }

  /** Readings whose number passes `filter` (any number when null), in report order; the first `limit` materialized. */
  where(ids: readonly string[], scope: Scope, filter: Filter | null, limit: number): Page<Reading> {
    const rows = this.whereRows(ids, scope, filter, limit);
    return { items: rows.items.map((x) => this.read(x.report, ids)), total: rows.total };
  }

  /** The reports `where` finds, each with its number, without reading facts. */
  whereRows(ids: readonly string[], scope: Scope, filter: Filter | null, limit: number): Page<ValueRow> {
    const { ri, value } = this.numbered(ids, scope);
    const passed: number[] = [];
    for (let k = 0; k < ri.length; k++) if (!filter || compares(filter.cmp, value[k], filter.value)) passed.push(k);
    passed.sort((a, b) => ri[a] - ri[b]);
    return { items: passed.slice(0, limit).map((k) => ({ report: this.reports[ri[k]], value: value[k] })), total: passed.length };
  }

  /** Readings of the scope that state the metric at all (a number or not), in report order. */
  stated(ids: readonly string[], scope: Scope, limit: number): Page<Reading> {
    const rows = this.statedRows(ids, scope, limit);
    return { items: rows.items.map((x) => this.read(x.report, ids)), total: rows.total };
  }

  /** The reports `stated` finds, each with its number (NaN where the cell holds none), without reading facts. */
  statedRows(ids: readonly string[], scope: Scope, limit: number): Page<ValueRow> {
    const found: ValueRow[] = [];
    const at: number[] = [];
    this.visit(ids, scope, (i, value) => {
      at.push(i);
      found.push({ report: this.reports[i], value });
    });
    const order = found.map((_, k) => k).sort((a, b) => at[a] - at[b]);
    return { items: order.slice(0, limit).map((k) => found[k]), total: found.length };
  }

  /** The reports of the scope without a number, grouped by why (未填写, 模板中没有这一项 …). */
  absent(ids: readonly string[], scope: Scope): Absence[] {
    const hasNumber = new Uint8Array(this.reports.length);
    const stated = new Uint8Array(this.reports.length);
    let numbers = 0;
    this.visit(ids, scope, (i, v) => {
      stated[i] = 1;
      if (!Number.isNaN(v) && !hasNumber[i]) {
        hasNumber[i] = 1;
        numbers++;
      }
    });
    if (numbers === this.count(scope)) return [];
    const groups = new Map<string, Absence>();
    for (const i of this.indicesIn(scope)) {
      if (hasNumber[i]) continue;
      const report = this.reports[i];
      let status: Absence['status'];
      if (stated[i]) {
        status = this.read(report, ids).status as Absence['status'];
      } else {
        const def = metric(chooseMetric(report, ids));
        status = def && !def.templates.includes(report.meta.template) ? 'no_item' : 'not_found';
      }
      const key = `${status}|${report.meta.template}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { status, template: report.meta.template, count: 0, examples: [] }));
      g.count++;
      if (g.examples.length < EXAMPLES) g.examples.push(report);
    }
    return [...groups.values()];
  }

  indicatorRows(def: IndicatorDef, scope: Scope, ask: IndicatorAsk): IndicatorRows {
    const computed: RankedRow[] = [];
    const uncomputed: Report[] = [];
    let count = 0;
    for (const i of this.indicesIn(scope)) {
      const report = this.reports[i];
      const value = computeIndicator(def, (id) => this.read(report, [id])).value;
      if (value === null) {
        if (uncomputed.length < ask.uncomputed) uncomputed.push(report);
        continue;
      }
      count++;
      if (!ask.filter || compares(ask.filter.cmp, value, ask.filter.value)) computed.push({ rank: computed.length + 1, report, value });
    }
    if (ask.order) {
      const sign = ask.order === 'desc' ? -1 : 1;
      // Stable: ties stay in report order.
      computed.sort((a, b) => sign * (a.value - b.value));
      const ranks = competitionRanks(computed.map((x) => x.value));
      computed.forEach((x, k) => (x.rank = ranks[k]));
    }
    return { items: computed.slice(0, ask.limit), total: computed.length, computed: count, uncomputed };
  }

  /** Reads through the store itself: its reports' facts are at hand. */
  readers(): Reader {
    return (report, ids) => this.read(report, ids);
  }

  /** Per report, the readings of metrics its narrative states differently from its table, in the narrative's order. */
  conflicts(reports: readonly Report[]): Reading[][] {
    return reports.map((report) => {
      const metrics = new Set(report.facts.filter((f) => f.origin === 'narrative' && isMetricId(f.metric)).map((f) => f.metric));
      return [...metrics].map((m) => this.read(report, [m])).filter((r) => r.disagree);
    });
  }

  /** The corpus in figures (语料概况). */
  overview(): Overview {
    this.overviewMade ??= this.makeOverview();
    return this.overviewMade;
  }

  private makeOverview(): Overview {
    const templates = new Map<string, number>();
    let withFindings = 0;
    let findings = 0;
    for (const r of this.reports) {
      templates.set(r.meta.template, (templates.get(r.meta.template) ?? 0) + 1);
      const serious = r.findings.filter((f) => f.severity !== 'info').length;
      if (serious) withFindings++;
      findings += serious;
    }
    return {
      reports: this.reports.length,
      agencies: this.byAgency.size,
      years: this.sortedYears.map((year) => ({ year, reports: this.count({ years: [year] }) })),
      templates: [...templates].sort().map(([template, reports]) => ({ template, reports })),
      withFindings,
      findings,
    };
  }

  /** Calls `visit` for each report of the scope that states the metric, with its number or NaN. */
  private visit(ids: readonly string[], scope: Scope, visit: (reportIndex: number, value: number) => void): void {
    const mask = this.maskOf(scope);
    for (const id of ids) {
      const years = this.columnsOf(id);
      if (!years) continue;
      for (const [year, col] of years) {
        if (scope.years && !scope.years.includes(year)) continue;
        for (let p = 0; p < col.reports.length; p++) {
          const i = col.reports[p];
          if (mask && !mask[i]) continue;
          if (ids.length > 1 && chooseMetric(this.reports[i], ids) !== id) continue;
          visit(i, col.values[p]);
        }
      }
    }
  }

  /** Reports of the scope with a number: parallel arrays, each column's part in value order. */
  private numbered(ids: readonly string[], scope: Scope): Hits {
    const mask = this.maskOf(scope);
    const ri: number[] = [];
    const value: number[] = [];
    let parts = 0;
    for (const id of ids) {
      const years = this.columnsOf(id);
      if (!years) continue;
      for (const [year, col] of years) {
        if (scope.years && !scope.years.includes(year)) continue;
        parts++;
        for (const p of col.order) {
          const i = col.reports[p];
          if (mask && !mask[i]) continue;
          if (ids.length > 1 && chooseMetric(this.reports[i], ids) !== id) continue;
          ri.push(i);
          value.push(col.values[p]);
        }
      }
    }
    return { ri, value, sorted: parts <= 1 };
  }

  private maskOf(scope: Scope): Uint8Array | null {
    if (!scope.agencies) return null;
    const mask = new Uint8Array(this.reports.length);
    for (const a of scope.agencies) for (const i of this.byAgency.get(a) ?? []) mask[i] = 1;
    return mask;
  }

  /** Report indices of the scope, by agency then year; read-only (may be the store's own list). */
  private indicesIn(scope: Scope): readonly number[] {
    const years = scope.years ? new Set(scope.years) : null;
    if (scope.agencies) {
      return scope.agencies.flatMap((a) => (this.byAgency.get(a) ?? []).filter((i) => !years || years.has(this.reports[i].meta.year)));
    }
    if (years && years.size === 1) return this.byYear.get([...years][0]) ?? [];
    if (years) return [...years].sort((a, b) => a - b).flatMap((y) => this.byYear.get(y) ?? []);
    return this.allIndices;
  }
}

interface Hits {
  ri: number[];
  value: number[];
  /** Already in descending value order (one column), ties by report order. */
  sorted: boolean;
}

/** Hit positions in rank order; ties keep report order either way. */
function sortedHits({ ri, value, sorted }: Hits, order: 'desc' | 'asc'): number[] {
  const idx = ri.map((_, k) => k);
  if (sorted && order === 'desc') return idx;
  if (sorted) {
    // One column, already descending: reverse the runs of equal values, not the ties within them.
    const out: number[] = [];
    for (let end = idx.length; end > 0; ) {
      let start = end - 1;
      while (start > 0 && value[start - 1] === value[end - 1]) start--;
      for (let k = start; k < end; k++) out.push(k);
      end = start;
    }
    return out;
  }
  const sign = order === 'desc' ? -1 : 1;
  return idx.sort((a, b) => sign * (value[a] - value[b]) || ri[a] - ri[b]);
}

function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function chooseMetric(report: Report, ids: readonly string[]): string {
  return metricFor(report.meta.template, ids);
}

/**
 * Which of the asked ids (in order of preference) a report of `template` is read by: the first
 * its template has (2019: 对外公开总数量, 2021: 现行有效件数), else the first.
 */
export function metricFor(template: TemplateVersion, ids: readonly string[]): string {
  for (const id of ids) if (metric(id)?.templates.includes(template) ?? true) return id;
  return ids[0];
}

const NONE: Fact[] = [];

function readingOf(report: Report, id: string, facts: Fact[]): Reading {
  return readingFrom(report, report.meta.template, id, facts);
}

/**
 * How a report answers for metric `id`, from its facts of that metric in report order: the table
 * cell first, else the narrative's figure, and whether another place states another number.
 * Shared by every storage, so that a reading means the same whichever holds the facts.
 */
export function readingFrom<R>(report: R, template: TemplateVersion, id: string, facts: Fact[]): Reading<R> {
  const def = metric(id);
  if (facts.length === 0) {
    const status = def && !def.templates.includes(template) ? 'no_item' : 'not_found';
    return { report, metric: id, status, value: null, fact: null, others: NONE, disagree: false };
  }
  const ordered = facts.length === 1 ? facts : [...facts.filter((f) => f.origin === 'table'), ...facts.filter((f) => f.origin !== 'table')];
  const fact = ordered[0];
  const others = ordered.length === 1 ? NONE : ordered.slice(1);
  const value = fact.value.kind === 'number' ? fact.value.value : null;
  const disagree = others.some((o) => o.value.kind === 'number' && (value === null || Math.abs(o.value.value - value) > 1e-9));
  return { report, metric: id, status: fact.value.kind, value, fact, others, disagree };
}
