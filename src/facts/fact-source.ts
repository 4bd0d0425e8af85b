/**
 * What the answers ask of the facts, whichever storage holds them: the embedded `FactStore`
 * answers at once, the database (db/fact-source.ts) with promises (`Later`). Reports come as the
 * corpus loader's `Report`; the database's carry their metadata, section titles and findings, and
 * no facts or texts (their figures are read through `readers`).
 */
import type { Later } from '../query/later.js';
import type { Report } from '../ingest/report.js';
import type { IndicatorDef } from './indicators.js';
import type { Comparison } from './queries.js';
import type { Absence, Page, RankedRow, Reading, Scope, ValueRow } from './store.js';

/** How a report answers for a metric (ids in order of preference), from readings already at hand. */
export type Reader = (report: Report, ids: readonly string[]) => Reading;

/** Numbers that pass: `value cmp x` (equal within rounding, as `compares`). */
export interface Filter {
  cmp: Comparison;
  value: number;
}

/** Which reports of a scope an indicator answer lists (`FactSource.indicatorRows`). */
export interface IndicatorAsk {
  /** Ranked from the highest or the lowest (ties share a rank, in report order); else in report order. */
  order?: 'desc' | 'asc';
  /** Only those whose figure passes. */
  filter?: Filter;
  /** Items at most. */
  limit: number;
  /** Reports it cannot be computed for, at most. */
  uncomputed: number;
}

/** An indicator over a scope: the first reports it is computed for, how many, and the first it cannot be. */
export interface IndicatorRows {
  /** With their figure (`computeIndicator`'s value) and rank (their position when not ranked). */
  items: RankedRow[];
  /** How many of the scope it is computed for and pass the filter. */
  total: number;
  /** How many of the scope it is computed for, whatever the filter. */
  computed: number;
  /** The first reports of the scope it cannot be computed for, in report order. */
  uncomputed: Report[];
}

/** The corpus in figures (语料概况). */
export interface Overview {
  reports: number;
  agencies: number;
  /** Years ascending, with their reports. */
  years: Array<{ year: number; reports: number }>;
  /** Templates ascending, with their reports. */
  templates: Array<{ template: string; reports: number }>;
  /** Reports with findings that are not info, and those findings. */
  withFindings: number;
  findings: number;
}

export interface FactSource {
  /** Years the corpus covers, ascending. */
  years(): Later<number[]>;
  /** Agency keys (`agencyKey`), in report order. */
  agencies(): Later<string[]>;
  /** How many reports the scope covers. */
  count(scope?: Scope): Later<number>;
  /**
   * Reports of the scope: by the scope's agencies in their order, else by year; each agency's by
   * year, then file. The first `limit` when given; with `after` (a report of a scope without
   * agencies), those that come after it: a scope read a page at a time.
   */
  reportsIn(scope?: Scope, limit?: number, after?: Report): Later<Report[]>;
  /** The reports of `report`'s year whose agency is of its kind of body at any level (`peerKindOf`), itself included, in the order of `reportsIn`. */
  peers(report: Report): Later<Report[]>;
  /** A reader of these reports' readings of these id lists (null: any metric); for the reports given only. */
  readers(reports: readonly Report[], ids: ReadonlyArray<readonly string[]> | null): Later<Reader>;
  /** One reading per report of the scope, in the order of `reportsIn`. For small scopes. */
  readAll(ids: readonly string[], scope?: Scope): Later<Reading[]>;
  /**
   * The reports of the scope with a number, ranked with ties (1, 1, 3); the first `limit` (with
   * `top`, ranks ≤ top). At least the first `reports` (all when not given) come as items with
   * their report; the storage may give the rest as `rest`, named rows a table lists.
   */
  rankRows(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number; reports?: number }): Later<Page<RankedRow>>;
  /** How many reports of the scope have a number, and their sum. */
  sum(ids: readonly string[], scope: Scope): Later<{ count: number; sum: number }>;
  /** Reports whose number passes `filter` (any number when null), in report order; the first `limit`, items and `rest` as `rankRows`. */
  whereRows(ids: readonly string[], scope: Scope, filter: Filter | null, limit: number, reports?: number): Later<Page<ValueRow>>;
  /** Reports of the scope that state the metric (a number or not, NaN for none), in report order. */
  statedRows(ids: readonly string[], scope: Scope, limit: number): Later<Page<ValueRow>>;
  /**
   * An indicator (公开率 …) of every report of the scope, computed where the cells are (the
   * embedded store in memory, the database in SQL): a ranking or a filter of a year reads no
   * report's cells into the engine; the answer reads those of the reports it shows.
   */
  indicatorRows(def: IndicatorDef, scope: Scope, ask: IndicatorAsk): Later<IndicatorRows>;
  /** The reports of the scope without a number, grouped by why. */
  absent(ids: readonly string[], scope: Scope): Later<Absence[]>;
  /** Per report, the readings of metrics its narrative states differently from its table. */
  conflicts(reports: readonly Report[]): Later<Reading[][]>;
  /** The corpus in figures. */
  overview(): Later<Overview>;
}
