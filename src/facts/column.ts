/** Facts a report may hold per metric index entry; more is a parser bug, not a report. */
export const FACT_SLOTS = 4096;

/** A metric-year's facts as the store met them: packed index, number (NaN if none), table or not. */
export interface ColumnEntries {
  packed: Int32Array;
  values: Float64Array;
  table: Uint8Array;
}

/**
 * One metric in one year, over every report that states it: built once at load so that a
 * ranking, a sum or a filter walks typed arrays instead of the reports.
 */
export class Column {
  /** Report indices (into the store's sorted reports), ascending, one per report stating the metric. */
  readonly reports: Int32Array;
  /** The fact each report's reading comes from (the table cell first), packed as report × FACT_SLOTS + fact. */
  readonly primary: Int32Array;
  /** That fact's number, NaN when the cell holds no number (blank, "/", words, unreadable). */
  readonly values: Float64Array;
  /** Positions holding a number, by value descending; ties by report order. */
  readonly order: Int32Array;

  /**
   * `entries` come in report order, as the store reads every report's facts once at load;
   * reading the values then (not here) keeps the load one sequential pass over the facts.
   */
  constructor(
    readonly id: string,
    readonly year: number,
    entries: ColumnEntries,
  ) {
    const n = entries.packed.length;
    let distinct = 0;
    for (let k = 0; k < n; k++) if (k === 0 || reportOf(entries.packed[k]) !== reportOf(entries.packed[k - 1])) distinct++;
    this.reports = new Int32Array(distinct);
    this.primary = new Int32Array(distinct);
    this.values = new Float64Array(distinct);
    let at = -1;
    let primaryIsTable = false;
    for (let k = 0; k < n; k++) {
      const p = entries.packed[k];
      const ri = reportOf(p);
      if (at >= 0 && this.reports[at] === ri) {
        // A table cell outranks a narrative figure read first.
        if (!primaryIsTable && entries.table[k]) {
          this.primary[at] = p;
          this.values[at] = entries.values[k];
          primaryIsTable = true;
        }
        continue;
      }
      at++;
      this.reports[at] = ri;
      this.primary[at] = p;
      this.values[at] = entries.values[k];
      primaryIsTable = entries.table[k] === 1;
    }
    this.order = orderByValue(this.values);
  }

  /** Position of a report in this column, or -1. */
  positionOf(reportIndex: number): number {
    let lo = 0;
    let hi = this.reports.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.reports[mid];
      if (v === reportIndex) return mid;
      if (v < reportIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function reportOf(packed: number): number {
  return (packed / FACT_SLOTS) | 0;
}

/**
 * Positions of the numbers by value descending, ties in position order: a stable counting sort
 * by each value's rank. Columns are mostly small whole counts, ranked by the count itself; other
 * columns (amounts) rank their distinct values, few against the positions. No comparator runs
 * per position and no typed-array sort: a load of 100,000 reports orders millions of cells.
 */
export function orderByValue(values: Float64Array): Int32Array {
  let count = 0;
  let max = 0;
  let counts = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    count++;
    if (counts && v >= 0 && Number.isInteger(v)) {
      if (v > max) max = v;
    } else counts = false;
  }
  const rank = new Int32Array(values.length);
  let ranks: number;
  if (counts && max <= Math.max(4096, 4 * values.length)) {
    ranks = max + 1;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) rank[i] = max - values[i];
  } else {
    const distinct = new Set<number>();
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) distinct.add(values[i]);
    const sorted = [...distinct].sort((a, b) => b - a);
    const rankOf = new Map(sorted.map((v, r) => [v, r]));
    ranks = sorted.length;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) rank[i] = rankOf.get(values[i]) as number;
  }
  // starts[r]: where rank r's positions begin in the order.
  const starts = new Int32Array(ranks + 1);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) starts[rank[i] + 1]++;
  for (let r = 0; r < ranks; r++) starts[r + 1] += starts[r];
  const order = new Int32Array(count);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) order[starts[rank[i]]++] = i;
  return order;
}
