import type { Reading } from './store.js';

/**
 * The operations of structured questions, over readings of the fact store: rank, compare,
 * series, aggregate, filter. Pure: the answer writer turns their results into sentences.
 */

export interface Ranked {
  /** Competition ranking: ties share a rank, the next rank skips (1, 1, 3). */
  rank: number;
  reading: Reading;
}

/** Readings with a number, ranked; ties share a rank. */
export function rank(readings: readonly Reading[], order: 'desc' | 'asc'): Ranked[] {
  const withNumber = readings.filter((r) => r.value !== null);
  const sign = order === 'desc' ? -1 : 1;
  withNumber.sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const out: Ranked[] = [];
  withNumber.forEach((reading, i) => {
    const prev = out[i - 1];
    out.push({ reading, rank: prev && prev.reading.value === reading.value ? prev.rank : i + 1 });
  });
  return out;
}

/** The first `n` ranks, with everyone tied at the last of them. */
export function topOf(ranked: readonly Ranked[], n: number): Ranked[] {
  return ranked.filter((r) => r.rank <= n);
}

export interface Aggregate {
  sum: number;
  avg: number | null;
  count: number;
  /** Readings that hold no number and were left out. */
  excluded: Reading[];
}

export function aggregate(readings: readonly Reading[]): Aggregate {
  const nums = readings.filter((r) => r.value !== null);
  const sum = nums.reduce((s, r) => s + (r.value as number), 0);
  return { sum, avg: nums.length ? sum / nums.length : null, count: nums.length, excluded: readings.filter((r) => r.value === null) };
}

export type Comparison = '>' | '>=' | '<' | '<=' | '=';

/** Readings whose number passes the comparison; those without a number cannot pass or fail. */
export function filter(readings: readonly Reading[], cmp: Comparison, value: number): { passed: Reading[]; undecided: Reading[] } {
  const test: Record<Comparison, (x: number) => boolean> = {
    '>': (x) => x > value,
    '>=': (x) => x >= value,
    '<': (x) => x < value,
    '<=': (x) => x <= value,
    '=': (x) => Math.abs(x - value) < 1e-9,
  };
  return {
    passed: readings.filter((r) => r.value !== null && test[cmp](r.value)),
    undecided: readings.filter((r) => r.value === null),
  };
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
