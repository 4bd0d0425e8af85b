import { termWeight } from './bm25.js';
import { PairReader } from './coding.js';
import { DEAD, termsOf, type IndexState } from './state.js';

/**
 * BM25 scores from the stored terms, two ways that give the same numbers: passage by passage
 * (for a few hundred candidates) and term by term from the common terms' postings (for a
 * question of common words only, which touches a large share of the passages).
 * `weights` maps each question term to its idf.
 */

/** One passage's BM25 score, from its own (term, count) pairs. */
export function scorePassage(s: IndexState, pid: number, weights: Map<number, number>, average: number): number {
  const { bytes, start, end } = termsOf(s, pid);
  const reader = new PairReader(bytes, start);
  const length = s.passageLength.get(pid);
  let score = 0;
  let term = 0;
  while (reader.at < end) {
    term += reader.gap();
    const count = reader.count();
    const w = weights.get(term);
    if (w !== undefined) score += w * termWeight(count, length, average);
  }
  return score;
}

/**
 * Adds to `board` the BM25 score of every live (and allowed) passage holding one of the terms;
 * the terms are summed in order, as `scorePassage` sums them, so the figures are the same.
 */
export function scoreFromPostings(
  s: IndexState,
  terms: readonly number[],
  weights: Map<number, number>,
  average: number,
  allowed: ReadonlySet<number> | null,
  board: ScoreBoard,
): void {
  const reportOf = s.passageReport.view();
  const lengths = s.passageLength.view();
  board.reserve(reportOf.length);
  for (const t of terms) {
    const list = s.retrieval.commonList(t);
    if (!list) continue;
    const w = weights.get(t)!;
    const bytes = list.bytes.view();
    const reader = new PairReader(bytes, 0);
    let pid = 0;
    while (reader.at < bytes.length) {
      pid += reader.gap();
      const count = reader.count();
      const r = reportOf[pid];
      if (r === DEAD || (allowed !== null && !allowed.has(r))) continue;
      board.add(pid, w * termWeight(count, lengths[pid], average));
    }
  }
}

/**
 * Scores summed per passage in one array kept from question to question, instead of a map entry
 * per passage touched: a question of common words touches most passages.
 */
export class ScoreBoard {
  private scores = new Float64Array(0);
  private touched = new Uint32Array(0);
  private count = 0;

  /** Makes room for passages 0 … size - 1. */
  reserve(size: number): void {
    if (this.scores.length >= size) return;
    const room = Math.max(size, this.scores.length * 2);
    const scores = new Float64Array(room);
    scores.set(this.scores);
    this.scores = scores;
    const touched = new Uint32Array(room);
    touched.set(this.touched.subarray(0, this.count));
    this.touched = touched;
  }

  add(pid: number, score: number): void {
    if (this.scores[pid] === 0) this.touched[this.count++] = pid;
    this.scores[pid] += score;
  }

  /** Calls `visit` with each passage scored, in the order first scored, and clears the board. */
  drain(visit: (pid: number, score: number) => void): void {
    for (let i = 0; i < this.count; i++) {
      const pid = this.touched[i];
      visit(pid, this.scores[pid]);
      this.scores[pid] = 0;
    }
    this.count = 0;
  }
}
