/**
 * Per-user rate limits in the database, for several replicas: a user's questions count the same
 * whichever replica answers them. Each take is one call of `rate_limit_take` (migration 004),
 * which locks the key's row while it counts the window and records the take: two replicas taking
 * at once are counted one after the other, never both let through on the last place.
 */
import type pg from 'pg';
import type { RateLimiter, Verdict } from '../bot/rate_limit.js';
import { timeParam } from './state-ids.js';

/** Every this many takes, windows long past are deleted. */
const PRUNE_EVERY = 1000;

export class PgRateLimiter implements RateLimiter {
  #takes = 0;

  /** `scope` keeps apart the limits of different things (questions, inline queries) for one user. */
  constructor(
    private readonly pool: pg.Pool,
    readonly scope: string,
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  async take(key: string, now?: number): Promise<Verdict> {
    if (this.limit <= 0) return { allowed: true, firstRefusal: false };
    const { rows } = await this.pool.query<{ allowed: boolean; first_refusal: boolean }>(
      'SELECT allowed, first_refusal FROM rate_limit_take($1, $2, make_interval(secs => $3), coalesce($4, now()))',
      [`${this.scope}:${key}`, this.limit, this.windowMs / 1000, timeParam(now)],
    );
    this.#takes += 1;
    if (this.#takes % PRUNE_EVERY === 0) await this.prune(now);
    return { allowed: rows[0].allowed, firstRefusal: rows[0].first_refusal };
  }

  /** Deletes the keys of this scope whose window and refusal are both over. */
  async prune(now?: number): Promise<number> {
    const done = await this.pool.query(
      `DELETE FROM rate_limits
        WHERE key LIKE $1 || ':%' AND last_at <= coalesce($2, now()) - make_interval(secs => $3)
          AND (refused_until IS NULL OR refused_until <= coalesce($2, now()))`,
      [this.scope, timeParam(now), this.windowMs / 1000],
    );
    return done.rowCount ?? 0;
  }
}
