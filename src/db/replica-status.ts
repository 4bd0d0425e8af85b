/**
 * The replicas' counters in the database (migration 008): each replica records its own as it
 * works, at most once every `interval` ms (and at once for /status); /status lists those seen in
 * the last `recent` ms. A replica gone stops being listed; its row is taken out a day later.
 */
import type pg from 'pg';
import type { BotStats } from '../bot/deps.js';
import { replicaName, statusOf, type ReplicaBoard, type ReplicaStatus } from '../bot/replicas.js';

interface StatusRow {
  replica: string;
  mode: ReplicaStatus['mode'];
  started_at: Date;
  seen_at: Date;
  updates: string;
  questions: string;
  inline_queries: string;
  errors: string;
}

export class PgReplicaBoard implements ReplicaBoard {
  private last = 0;
  private readonly replica = replicaName();

  constructor(
    private readonly pool: pg.Pool,
    private readonly mode: ReplicaStatus['mode'],
    private readonly opts: { interval?: number; recent?: number } = {},
  ) {}

  async record(stats: BotStats, opts: { now?: boolean } = {}): Promise<void> {
    const at = Date.now();
    if (!opts.now && at - this.last < (this.opts.interval ?? 10_000)) return;
    this.last = at;
    const s = statusOf(stats, this.mode, this.replica);
    await this.pool.query(
      `INSERT INTO replica_status (replica, mode, started_at, seen_at, updates, questions, inline_queries, errors)
       VALUES ($1, $2, $3, now(), $4, $5, $6, $7)
       ON CONFLICT (replica) DO UPDATE SET mode = excluded.mode, started_at = excluded.started_at, seen_at = excluded.seen_at,
         updates = excluded.updates, questions = excluded.questions, inline_queries = excluded.inline_queries, errors = excluded.errors`,
      [s.replica, s.mode, s.startedAt, s.updates, s.questions, s.inlineQueries, s.errors],
    );
  }

  async list(stats: BotStats): Promise<ReplicaStatus[]> {
    await this.record(stats, { now: true });
    await this.pool.query(`DELETE FROM replica_status WHERE seen_at < now() - interval '1 day'`);
    const { rows } = await this.pool.query<StatusRow>(
      `SELECT * FROM replica_status WHERE seen_at >= now() - ($1::int * interval '1 millisecond') ORDER BY replica = $2 DESC, started_at, replica`,
      [this.opts.recent ?? 10 * 60_000, this.replica],
    );
    return rows.map((r) => ({
      replica: r.replica,
      mode: r.mode,
      startedAt: r.started_at,
      seenAt: r.seen_at,
      updates: Number(r.updates),
      questions: Number(r.questions),
      inlineQueries: Number(r.inline_queries),
      errors: Number(r.errors),
    }));
  }
}
