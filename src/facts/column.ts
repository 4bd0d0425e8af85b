import type { Report } from '../ingest/report.js';

/** Facts a report may hold per metric index entry; more is a parser bug, not a report. */
export const FACT_SLOTS = 4096;

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

  constructor(
    readonly id: string,
    readonly year: number,
    packed: readonly number[],
    reports: readonly Report[],
  ) {
    const rs: number[] = [];
    const primary: number[] = [];
    for (const p of packed) {
      const ri = (p / FACT_SLOTS) | 0;
      const last = rs.length - 1;
      if (last >= 0 && rs[last] === ri) {
        // A table cell outranks a narrative figure read first.
        const current = reports[ri].facts[primary[last] % FACT_SLOTS];
        if (current.origin !== 'table' && reports[ri].facts[p % FACT_SLOTS].origin === 'table') primary[last] = p;
        continue;
      }
      rs.push(ri);
      primary.push(p);
    }
    this.reports = Int32Array.from(rs);
    this.primary = Int32Array.from(primary);
    this.values = Float64Array.from(primary, (p) => {
      const v = reports[(p / FACT_SLOTS) | 0].facts[p % FACT_SLOTS].value;
      return v.kind === 'number' ? v.value : NaN;
    });
    const withNumber: number[] = [];
    this.values.forEach((v, i) => {
      if (!Number.isNaN(v)) withNumber.push(i);
    });
    const values = this.values;
    withNumber.sort((a, b) => values[b] - values[a] || a - b);
    this.order = Int32Array.from(withNumber);
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
