import os from 'node:os';
import { agencyCatalog, type Agency } from './agencies.js';
import { reportSeed } from './random.js';

/**
 * Which agency and year each report of a corpus is about. Drawing them on their own for each
 * report repeats pairs (a corpus of 20,000 held 1,128 agency-years twice or more), and a reader
 * rightly takes two reports of one agency and year for copies of one report. So the pairs are
 * put in one order per seed, a weighted shuffle of every (agency name, year), and report i gets
 * the i-th: no pair twice, each report's pair known from (seed, index) alone (a worker writing
 * reports 5000–9999 needs no other report), and the first reports follow the weights of
 * `drawAgency` (counties most, then cities, a few provinces; governments and education bureaus
 * most, statistics bureaus least), years uniform.
 */

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;
const YEARS = LAST_YEAR - FIRST_YEAR + 1;

/** How many reports a corpus can hold before a pair would repeat. */
export function pairCount(): number {
  return agencyCatalog().length * YEARS;
}

/** Orders of recent seeds (the tests and a corpus's workers use a few seeds each). */
const orders = new Map<number, Uint32Array>();

/**
 * Every pair, numbered agency × YEARS + year offset, in the order of `seed`: a weighted
 * shuffle (Efraimidis–Spirakis), each pair keyed by an exponential draw divided by its weight,
 * smallest key first. The first n pairs are a weighted sample of n without repetition.
 */
function orderOf(seed: number): Uint32Array {
  const kept = orders.get(seed);
  if (kept) return kept;
  const agencies = agencyCatalog();
  const n = agencies.length * YEARS;
  const keys = new Float64Array(n);
  const salt = (seed ^ 0x70a1e5) >>> 0;
  for (let p = 0; p < n; p++) {
    const u = ((reportSeed(salt, p) >>> 0) + 1) / 4294967296; // (0, 1]
    keys[p] = -Math.log(u) / agencies[Math.floor(p / YEARS)].weight;
  }
  // Sorting the keys themselves is several times faster than sorting indexes by key: each key
  // carries its pair's number in the low 32 bits of its mantissa (a positive double orders as its
  // bits do; 20 bits of the key's precision are left, and equal keys go by pair number).
  const words = new Uint32Array(keys.buffer);
  const low = os.endianness() === 'LE' ? 0 : 1;
  for (let p = 0; p < n; p++) words[2 * p + low] = p;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = words[2 * i + low];
  if (orders.size >= 4) orders.delete(orders.keys().next().value as number);
  orders.set(seed, order);
  return order;
}

/**
 * The agency and year of report `index` of the corpus of `seed`. Distinct indexes give distinct
 * (agency name, year) pairs; an index past `pairCount()` has none, and throws.
 *
 * @example
 * agencyYear(1, 0) // → { agency: { name: '…', … }, year: 2023 }, the same on every run
 */
export function agencyYear(seed: number, index: number): { agency: Agency; year: number } {
  const n = pairCount();
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`the generator has ${n} distinct agency-years; report ${index} would repeat one (a corpus holds at most ${n} reports)`);
  }
  const p = orderOf(seed)[index];
  return { agency: agencyCatalog()[Math.floor(p / YEARS)].agency, year: FIRST_YEAR + (p % YEARS) };
}
