import { indexedText, reportPassages } from './passages.js';
import type { RowSource } from './row-passages.js';
import { segment, type SegmentMode } from './segment.js';

/**
 * Reports cut into passages and segmented, ready to be indexed: what the index adds, whether
 * this thread segmented them or a worker did (see segmenter-pool.ts). The words are numbered in
 * a table shared by the batch, in the order they first occur, so that the index looks each one
 * up once per batch rather than once per passage, and a worker posts a few thousand strings
 * rather than a few hundred thousand.
 */
export interface SegmentedBatch {
  /** Distinct words of the batch, in the order they first occur. */
  words: string[];
  /** Per report, its passages. */
  reports: SegmentedPassage[][];
}

export interface SegmentedPassage {
  sectionNo: number;
  /** The table (1–3) of a table-row passage, 0 for prose. */
  table: number;
  text: string;
  start: number;
  end: number;
  /** Its distinct words as numbers in the batch's `words`, in the order they first occur. */
  terms: number[];
  /** How often each of `terms` occurs. */
  counts: number[];
  /** All tokens, repeats counted: the BM25 length. */
  length: number;
}

/** The reports' passages with their words. Only the sections, table facts and template are read. */
export function segmentBatch(reports: ReadonlyArray<RowSource>, mode: SegmentMode, beforeEach?: (i: number) => void): SegmentedBatch {
  const table = new Map<string, number>();
  const number = (word: string) => {
    let n = table.get(word);
    if (n === undefined) table.set(word, (n = table.size));
    return n;
  };
  const segmented = reports.map((report, i) => {
    beforeEach?.(i);
    return reportPassages(report).map((draft): SegmentedPassage => {
      const tokens = segment(indexedText(draft), mode);
      const tf = new Map<number, number>();
      for (const w of tokens) {
        const n = number(w);
        tf.set(n, (tf.get(n) ?? 0) + 1);
      }
      return { sectionNo: draft.sectionNo, table: draft.table ?? 0, text: draft.text, start: draft.start, end: draft.end, terms: [...tf.keys()], counts: [...tf.values()], length: tokens.length };
    });
  });
  return { words: [...table.keys()], reports: segmented };
}

/** A batch as a worker thread posts it: the numbers in one array (moved, not copied). */
export interface PackedBatch {
  /** Words joined by line ends: no word holds one (jieba cuts at line ends, atoms hold none). */
  words: string;
  texts: string[];
  /** Per report its passage count; per passage section, table, start, end, length, distinct words; then the (term, count) pairs. */
  numbers: Uint32Array;
}

const PER_PASSAGE = 6;

export function packBatch(batch: SegmentedBatch): PackedBatch {
  const passages = batch.reports.flat();
  const pairs = passages.reduce((sum, p) => sum + p.terms.length, 0);
  const numbers = new Uint32Array(batch.reports.length + PER_PASSAGE * passages.length + 2 * pairs);
  let at = 0;
  for (const r of batch.reports) numbers[at++] = r.length;
  for (const p of passages) {
    numbers.set([p.sectionNo, p.table, p.start, p.end, p.length, p.terms.length], at);
    at += PER_PASSAGE;
  }
  for (const p of passages) {
    p.terms.forEach((term, k) => {
      numbers[at++] = term;
      numbers[at++] = p.counts[k];
    });
  }
  return { words: batch.words.join('\n'), texts: passages.map((p) => p.text), numbers };
}

export function unpackBatch(packed: PackedBatch, reportCount: number): SegmentedBatch {
  const { numbers } = packed;
  let pairAt = reportCount + PER_PASSAGE * packed.texts.length;
  let pid = 0;
  const reports: SegmentedPassage[][] = [];
  for (let r = 0; r < reportCount; r++) {
    const passages: SegmentedPassage[] = [];
    for (let k = 0; k < numbers[r]; k++, pid++) {
      const m = reportCount + PER_PASSAGE * pid;
      const distinct = numbers[m + 5];
      const terms = new Array<number>(distinct);
      const counts = new Array<number>(distinct);
      for (let j = 0; j < distinct; j++, pairAt += 2) {
        terms[j] = numbers[pairAt];
        counts[j] = numbers[pairAt + 1];
      }
      passages.push({ sectionNo: numbers[m], table: numbers[m + 1], start: numbers[m + 2], end: numbers[m + 3], length: numbers[m + 4], text: packed.texts[pid], terms, counts });
    }
    reports.push(passages);
  }
  return { words: packed.words === '' ? [] : packed.words.split('\n'), reports };
}

/** A batch's word table, each word's vocabulary id looked up once, when first met. */
export class BatchWords {
  private readonly ids: Int32Array;

  constructor(private readonly batch: SegmentedBatch) {
    this.ids = new Int32Array(batch.words.length).fill(-1);
  }

  id(n: number, lookup: (word: string) => number): number {
    if (this.ids[n] < 0) this.ids[n] = lookup(this.batch.words[n]);
    return this.ids[n];
  }
}
