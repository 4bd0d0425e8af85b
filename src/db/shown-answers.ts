/**
 * The answers behind buttons (来源, 更多, 导出CSV) in the database, for several replicas: an answer
 * sent by one replica is paged, cited or exported by whichever replica Telegram hands the press
 * to. Old answers are pruned by age (the last time shown or paged) and by count, in SQL.
 */
import type pg from 'pg';
import type { AnswerStore, ShownAnswer } from '../bot/answer_store.js';
import { AnswerSchema } from '../query/answer.js';
import { randomId, timeParam } from './state-ids.js';

export interface ShownAnswersOptions {
  /** An answer not shown or paged for this long is forgotten. Default 7 days. */
  keepMs?: number;
  /** At most this many answers kept (the least recently touched go). Default 100,000. */
  capacity?: number;
  /** Tests: the time, instead of the database's clock. */
  now?: () => number;
}

/** Every this many answers remembered, the count is pruned too (age is pruned at each). */
const PRUNE_COUNT_EVERY = 100;

export class PgAnswerStore implements AnswerStore {
  readonly keepMs: number;
  readonly capacity: number;
  #remembered = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ShownAnswersOptions = {},
  ) {
    this.keepMs = options.keepMs ?? 7 * 24 * 3600_000;
    this.capacity = options.capacity ?? 100_000;
  }

  async remember(shown: ShownAnswer): Promise<string> {
    const id = randomId();
    await this.pool.query('INSERT INTO shown_answers (id, answer, pages, touched_at) VALUES ($1, $2, $3, coalesce($4, now()))', [
      id,
      JSON.stringify(shown.answer),
      shown.pages,
      this.#now(),
    ]);
    this.#remembered += 1;
    await this.prune({ count: this.#remembered % PRUNE_COUNT_EVERY === 0 });
    return id;
  }

  async get(id: string): Promise<ShownAnswer | undefined> {
    const { rows } = await this.pool.query<{ answer: unknown; pages: string[] }>(
      `UPDATE shown_answers SET touched_at = greatest(touched_at, coalesce($2, now()))
        WHERE id = $1 AND touched_at > coalesce($2, now()) - make_interval(secs => $3)
        RETURNING answer, pages`,
      [id, this.#now(), this.keepMs / 1000],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    // Written by this program, read back at the boundary all the same: a row of an older version is no answer.
    const answer = AnswerSchema.safeParse(row.answer);
    return answer.success ? { answer: answer.data, pages: row.pages } : undefined;
  }

  /** Forgets answers past their age and, with `count`, past the capacity. */
  async prune(opts: { count?: boolean } = { count: true }): Promise<void> {
    await this.pool.query('DELETE FROM shown_answers WHERE touched_at <= coalesce($1, now()) - make_interval(secs => $2)', [this.#now(), this.keepMs / 1000]);
    if (!opts.count) return;
    await this.pool.query(
      `DELETE FROM shown_answers WHERE id IN (SELECT id FROM shown_answers ORDER BY touched_at DESC, id OFFSET $1)`,
      [this.capacity],
    );
  }

  #now(): Date | null {
    return timeParam(this.options.now?.());
  }
}
