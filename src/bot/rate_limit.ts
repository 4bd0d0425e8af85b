/** Whether a take is within the limit, and whether it is the first refusal of its window. */
export interface Verdict {
  allowed: boolean;
  /** True once per window for a refused key: the moment to say "slow down" (and only then). */
  firstRefusal: boolean;
}

/**
 * At most `limit` takes per key in any window: in memory for one process (`MemoryRateLimiter`),
 * in the database for several replicas, where a user's questions count the same whichever
 * replica answers them. A limit of 0 allows everything.
 */
export interface RateLimiter {
  readonly limit: number;
  /** `now`: for tests; by default the clock (the database's, for the database's limiter). */
  take(key: string, now?: number): Promise<Verdict>;
}

/**
 * A per-key sliding window: at most `limit` takes in any `windowMs`. Time is passed in, so the
 * behaviour is tested without waiting. A limit of 0 allows everything.
 *
 * @example
 * const limiter = new MemoryRateLimiter(12, 60_000);
 * (await limiter.take(`${userId}`)).allowed // false for the 13th question within a minute
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #refusedUntil = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  async take(key: string, now = Date.now()): Promise<Verdict> {
    if (this.limit <= 0) return { allowed: true, firstRefusal: false };
    const since = now - this.windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > since);
    if (this.#hits.size > 10_000) this.#prune(since);
    if (hits.length < this.limit) {
      hits.push(now);
      this.#hits.set(key, hits);
      return { allowed: true, firstRefusal: false };
    }
    this.#hits.set(key, hits);
    const firstRefusal = (this.#refusedUntil.get(key) ?? 0) <= now;
    if (firstRefusal) this.#refusedUntil.set(key, now + this.windowMs);
    return { allowed: false, firstRefusal };
  }

  #prune(since: number): void {
    for (const [key, hits] of this.#hits) {
      if (hits.every((t) => t <= since)) {
        this.#hits.delete(key);
        this.#refusedUntil.delete(key);
      }
    }
  }
}
