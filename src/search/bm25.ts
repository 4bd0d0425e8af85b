/**
 * Okapi BM25 with the usual constants: k1 = 1.2 (how fast repeats of a word stop counting),
 * b = 0.75 (how much a long passage is discounted).
 */
export const K1 = 1.2;
export const B = 0.75;

/** Inverse document frequency, never negative (Lucene's form). */
export function idf(passages: number, df: number): number {
  return Math.log(1 + (passages - df + 0.5) / (df + 0.5));
}

/** The weight of one term in one passage, before multiplying by its idf. */
export function termWeight(tf: number, passageLength: number, averageLength: number): number {
  const norm = K1 * (1 - B + (B * passageLength) / (averageLength || 1));
  return (tf * (K1 + 1)) / (tf + norm);
}
