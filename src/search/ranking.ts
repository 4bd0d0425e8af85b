import { termWeight } from './bm25.js';
import { DEAD, forEachTerm, type IndexState } from './state.js';

/**
 * BM25 scores from the stored terms, two ways that give the same numbers: passage by passage
 * (for a few hundred candidates) and term by term from the common terms' postings (for a
 * question of common words only, which touches a large share of the passages).
 * `weights` maps each question term to its idf.
 */

/** One passage's BM25 score, from its own (term, count) pairs. */
export function scorePassage(s: IndexState, pid: number, weights: Map<number, number>, average: number): number {
  const length = s.passageLength.get(pid);
  let score = 0;
  forEachTerm(s, pid, (term, count) => {
    const w = weights.get(term);
    if (w !== undefined) score += w * termWeight(count, length, average);
  });
  return score;
}

/** Every live (and allowed) passage holding one of the terms, with its BM25 score. */
export function scoreFromPostings(
  s: IndexState,
  terms: readonly number[],
  weights: Map<number, number>,
  average: number,
  allowed: ReadonlySet<number> | null,
): Map<number, number> {
  const scores = new Map<number, number>();
  for (const t of terms) {
    const w = weights.get(t)!;
    s.retrieval.common.get(t)?.forEach((pid, count) => {
      const r = s.passageReport.get(pid);
      if (r === DEAD || (allowed && !allowed.has(r))) return;
      scores.set(pid, (scores.get(pid) ?? 0) + w * termWeight(count, s.passageLength.get(pid), average));
    });
  }
  return scores;
}
