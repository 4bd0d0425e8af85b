import { ReadOnlyFile } from '../read-only-file.js';
import { encodePostings, PostingList } from './coding.js';
import { Column } from './column.js';
import { forEachTerm, type IndexState } from './state.js';

/**
 * The saved index's postings, read by offset: a question reads the lists of its own words, not
 * the lists of 30,000 others. Two files (see persist.ts):
 *
 *   postings.bin   per term, in term order, the passages holding it with their counts (coded by
 *                  coding.ts), back to back
 *   lexicon.bin    u32 columns: per term the end of its list in postings.bin, per term its last
 *                  passage; then the common terms' ids (see retrieval.ts)
 *
 * and each passage's own (term, count) pairs in terms.bin, read for the passages a question
 * ranks one by one (`TermsFile`).
 */

/** The postings of every term of a state without removed passages, and the lexicon that finds them. */
export function encodePostingsFiles(s: IndexState): { postings: Buffer; lexicon: Buffer; commonTerms: number } {
  const terms = s.vocab.length;
  const common = s.retrieval.common;
  // The common terms' lists are kept as they are; the others are gathered from the passages'
  // own pairs: per term first how many, then the passages and counts in place.
  const starts = new Uint32Array(terms + 1);
  for (let pid = 0; pid < s.passageReport.length; pid++) {
    forEachTerm(s, pid, (t) => {
      if (!common.has(t)) starts[t + 1]++;
    });
  }
  for (let t = 0; t < terms; t++) starts[t + 1] += starts[t];
  const pids = new Uint32Array(starts[terms]);
  const counts = new Uint8Array(starts[terms]);
  const fill = starts.slice(0, terms);
  for (let pid = 0; pid < s.passageReport.length; pid++) {
    forEachTerm(s, pid, (t, count) => {
      if (common.has(t)) return;
      pids[fill[t]] = pid;
      counts[fill[t]++] = count;
    });
  }
  const out = new Column(Uint8Array);
  const ends = new Uint32Array(terms);
  const lasts = new Uint32Array(terms);
  for (let t = 0; t < terms; t++) {
    const list = common.get(t);
    if (list) {
      out.append(list.bytes.view());
      lasts[t] = list.last;
    } else if (starts[t + 1] > starts[t]) {
      encodePostings(out, pids, counts, starts[t], starts[t + 1]);
      lasts[t] = pids[starts[t + 1] - 1];
    }
    ends[t] = out.length;
  }
  const commonIds = Uint32Array.from(common.keys()).sort();
  const lexicon = Buffer.concat([bytesOf(ends), bytesOf(lasts), bytesOf(commonIds)]);
  return { postings: bytesOf(out.view()), lexicon, commonTerms: commonIds.length };
}

/** The bytes `lexicon.bin` of `terms` terms and `commonTerms` common ones takes. */
export const lexiconBytes = (terms: number, commonTerms: number): number => 8 * terms + 4 * commonTerms;

/** The lexicon's columns, read from `bytes` (copied where they do not start on a 4-byte boundary). */
export function readLexicon(bytes: Uint8Array, terms: number, commonTerms: number): { ends: Uint32Array; lasts: Uint32Array; common: Uint32Array } {
  const u32 = (at: number, count: number) => {
    const offset = bytes.byteOffset + at;
    if (offset % 4 === 0) return new Uint32Array(bytes.buffer, offset, count);
    return new Uint32Array(bytes.slice(at, at + 4 * count).buffer);
  };
  return { ends: u32(0, terms), lasts: u32(4 * terms, terms), common: u32(8 * terms, commonTerms) };
}

/** postings.bin, open, read term by term. */
export class PostingsFile {
  private readonly file: ReadOnlyFile;
  readonly common: ReadonlySet<number>;

  constructor(
    path: string,
    private readonly ends: Uint32Array,
    private readonly lasts: Uint32Array,
    common: Uint32Array,
    private readonly df: (term: number) => number,
  ) {
    this.file = new ReadOnlyFile(path);
    this.common = new Set(common);
  }

  /** The term's coded list. */
  bytes(term: number): Uint8Array {
    const start = term === 0 ? 0 : this.ends[term - 1];
    return this.file.read(start, this.ends[term] - start, '索引已损坏，请重建（npm run index）');
  }

  /** The term's list, to rank from. */
  list(term: number): PostingList {
    const bytes = this.bytes(term);
    return new PostingList(new Column(Uint8Array, bytes), this.lasts[term], this.df(term));
  }

  close(): void {
    this.file.close();
  }
}

/**
 * terms.bin, open: the (term, count) pairs of the passages a question ranks one by one, read for
 * those passages only. `readAhead` reads a batch of passages, neighbours in one piece.
 */
export class TermsFile {
  private readonly file: ReadOnlyFile;
  private ahead = new Map<number, Uint8Array>();

  constructor(
    path: string,
    /** End of each passage's pairs in the file. */
    private readonly ends: Uint32Array,
  ) {
    this.file = new ReadOnlyFile(path);
  }

  /** Passage `pid`'s coded pairs. */
  of(pid: number): Uint8Array {
    return this.ahead.get(pid) ?? this.read(pid, pid + 1);
  }

  /** Reads these passages' pairs in as few reads as they allow, for the `of` calls that follow. */
  readAhead(pids: readonly number[]): void {
    this.ahead = new Map();
    const sorted = Uint32Array.from(pids).sort();
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] <= sorted[j - 1] + 1) j++;
      const first = sorted[i];
      const bytes = this.read(first, sorted[j - 1] + 1);
      const base = this.start(first);
      for (let k = i; k < j; k++) {
        const pid = sorted[k];
        this.ahead.set(pid, bytes.subarray(this.start(pid) - base, this.ends[pid] - base));
      }
      i = j;
    }
  }

  private start(pid: number): number {
    return pid === 0 ? 0 : this.ends[pid - 1];
  }

  /** Passages [from, to)'s pairs in one read. */
  private read(from: number, to: number): Uint8Array {
    const start = this.start(from);
    return this.file.read(start, this.ends[to - 1] - start, '索引已损坏，请重建（npm run index）');
  }

  close(): void {
    this.file.close();
  }
}

function bytesOf(a: Uint32Array | Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
