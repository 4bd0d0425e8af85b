/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so that the same seed always yields the
 * same corpus, byte for byte, on any machine. `Math.random` is never used by the generator.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => (s = splitmix32(s));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint();
  }

  /** A 32-bit unsigned integer. */
  uint(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint() / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One item, drawn with the given weights (need not sum to 1). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.next() * total;
    for (const [item, w] of choices) {
      x -= w;
      if (x < 0) return item;
    }
    return choices[choices.length - 1][0];
  }

  /** `k` distinct items in random order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** A count skewed towards small values: most 0–5, some tens, a few up to `max`. */
  count(max = 5000, zeroShare = 0.45): number {
    if (max <= 0 || this.next() < zeroShare) return 0;
    const y = this.next();
    if (y < 0.6) return this.int(1, Math.min(5, max));
    if (y < 0.92) return this.int(Math.min(6, max), Math.min(50, max));
    if (y < 0.985) return this.int(Math.min(51, max), Math.min(999, max));
    return this.int(Math.min(1000, max), max);
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed of report `index` of a corpus: each report is reproducible on its own. */
export function reportSeed(seed: number, index: number): number {
  return splitmix32(splitmix32(seed >>> 0) ^ Math.imul(index + 1, 0x27d4eb2d)) ^ (index >>> 0);
}
