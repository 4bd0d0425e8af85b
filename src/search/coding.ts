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

/** Appends one passage's pairs, sorted by term id. */
export function encodeTerms(out: Column<Uint8Array>, pairs: Array<[term: number, count: number]>): void {
  pairs.sort((a, b) => a[0] - b[0]);
  let last = 0;
  for (const [term, count] of pairs) {
    writeVarint(out, term - last);
    out.push(Math.min(count, MAX_COUNT));
    last = term;
  }
}

/** Calls `visit` for each (term, count) pair stored in bytes [start, end). */
export function decodeTerms(bytes: Uint8Array, start: number, end: number, visit: (term: number, count: number) => void): void {
  let term = 0;
  for (let k = start; k < end; ) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[k++];
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    term += gap;
    visit(term, bytes[k++]);
  }
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
