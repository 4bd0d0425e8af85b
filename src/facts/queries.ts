import type { Ranked, Reading } from './store.js';

/**
 * Operations over a handful of readings already in hand (a comparison, one agency's years).
 * Operations over a whole scope (rank, sum, filter) are the store's, on its columns.
 */

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

const COMPARE: Record<Comparison, (x: number, v: number) => boolean> = {
  '>': (x, v) => x > v,
  '>=': (x, v) => x >= v,
  '<': (x, v) => x < v,
  '<=': (x, v) => x <= v,
  '=': (x, v) => Math.abs(x - v) < 1e-9,
};

/** Whether `x` stands to `v` as `cmp` says (equal within rounding). */
export function compares(cmp: Comparison, x: number, v: number): boolean {
  return COMPARE[cmp](x, v);
}

/** The ranks of values already in rank order: ties share a rank, the next rank skips (1, 1, 3). */
export function competitionRanks(values: readonly number[]): number[] {
  const ranks: number[] = [];
  values.forEach((v, k) => ranks.push(k > 0 && values[k - 1] === v ? ranks[k - 1] : k + 1));
  return ranks;
}

/** Readings with a number, ranked; ties share a rank, the next rank skips (1, 1, 3). */
export function rank(readings: readonly Reading[], order: 'desc' | 'asc'): Ranked[] {
  const withNumber = readings.filter((r) => r.value !== null);
  const sign = order === 'desc' ? -1 : 1;
  withNumber.sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const ranks = competitionRanks(withNumber.map((r) => r.value as number));
  return withNumber.map((reading, i) => ({ reading, rank: ranks[i] }));
}

export interface Step {
  reading: Reading;
  /** Change from the previous year that has a number, or null. */
  delta: number | null;
}

/** One agency's readings in year order, with the change between consecutive figures. */
export function series(readings: readonly Reading[]): Step[] {
  const sorted = [...readings].sort((a, b) => a.report.meta.year - b.report.meta.year);
  let prev: number | null = null;
  return sorted.map((reading) => {
    const delta = reading.value !== null && prev !== null ? reading.value - prev : null;
    if (reading.value !== null) prev = reading.value;
    return { reading, delta };
  });
}
