import { Column } from './column.js';

/**
 * Compact number lists: ascending ids stored as varint gaps, each followed by a one-byte count.
 * A passage's (term, count) pairs and a common term's (passage, count) postings both take about
 * 2–3 bytes a pair instead of 6, which is what the disk has to deliver when an index is opened.
 */

/** Counts above this are stored as this (a word 255 times in one passage counts no more). */
const MAX_COUNT = 255;

function writeVarint(out: Column<Uint8Array>, value: number): void {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
}

/**
 * Term and count in one number, so that a plain numeric sort orders the pairs. One array for
 * every passage: a new small typed array per passage (a million at 100,000 reports) costs the
 * garbage collector more than the coding itself.
 */
let scratch = new Float64Array(1024);

/** Appends one passage's (term, count) pairs, sorted by term id. */
export function encodeTerms(out: Column<Uint8Array>, terms: ArrayLike<number>, counts: ArrayLike<number>): void {
  if (scratch.length < terms.length) scratch = new Float64Array(Math.max(terms.length, scratch.length * 2));
  const packed = scratch.subarray(0, terms.length);
  for (let k = 0; k < terms.length; k++) packed[k] = terms[k] * 256 + Math.min(counts[k], MAX_COUNT);
  packed.sort();
  let last = 0;
  for (const pair of packed) {
    const term = Math.floor(pair / 256);
    writeVarint(out, term - last);
    out.push(pair - term * 256);
    last = term;
  }
}

/** Calls `visit` for each (term, count) pair stored in bytes [start, end). */
export function decodeTerms(bytes: Uint8Array, start: number, end: number, visit: (term: number, count: number) => void): void {
  const reader = new PairReader(bytes, start);
  let term = 0;
  while (reader.at < end) {
    term += reader.gap();
    visit(term, reader.count());
  }
}

/**
 * Reads coded pairs one at a time, for loops too hot for a callback per pair (ranking a question
 * of common words reads a million): `gap()` then `count()`, while `at` is before the end.
 */
export class PairReader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  gap(): number {
    let value = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.bytes[this.at++];
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return value;
  }

  count(): number {
    return this.bytes[this.at++];
  }
}

/** Appends one term's postings: passages `pids[from … to)` (ascending) with their counts. */
export function encodePostings(out: Column<Uint8Array>, pids: ArrayLike<number>, counts: ArrayLike<number>, from: number, to: number): void {
  let last = 0;
  for (let k = from; k < to; k++) {
    writeVarint(out, pids[k] - last);
    out.push(Math.min(counts[k], MAX_COUNT));
    last = pids[k];
  }
}

/** A term's passages (ids only), from its coded postings in bytes [start, end). */
export function passagesOf(bytes: Uint8Array, start = 0, end = bytes.length): number[] {
  const out: number[] = [];
  decodeTerms(bytes, start, end, (pid) => out.push(pid));
  return out;
}

/** The passages holding one term, in ascending order, each with its count there. */
export class PostingList {
  constructor(
    readonly bytes: Column<Uint8Array> = new Column(Uint8Array),
    /** The last passage added (passages are added in ascending order). */
    public last = 0,
    public count = 0,
  ) {}

  push(pid: number, count: number): void {
    writeVarint(this.bytes, pid - this.last);
    this.bytes.push(Math.min(count, MAX_COUNT));
    this.last = pid;
    this.count++;
  }

  forEach(visit: (pid: number, count: number) => void): void {
    const view = this.bytes.view();
    decodeTerms(view, 0, view.length, visit);
  }
}
