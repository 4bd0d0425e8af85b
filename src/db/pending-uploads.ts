/**
 * Things awaiting a person's press (an upload read and shown, a page's attachments listed) in
 * the database, for several replicas: the upload may reach one replica and the press another, or
 * the first may have been restarted meanwhile. Expiry and the cap on how many wait are SQL. A take
 * claims the row for `claimMs` (one UPDATE … RETURNING: of two presses at once, exactly one gets
 * it) and `settle` deletes it once done; a replica killed in between leaves the claim to lapse,
 * and the upload can be confirmed again instead of being lost.
 */
import type pg from 'pg';
import type { Claim, PendingStore } from '../bot/pending.js';
import { randomId, timeParam } from './state-ids.js';

/** How a value is kept in a row: JSON, and the file's bytes apart (bytea, not base64 in JSON). */
export interface PendingCodec<T> {
  encode(value: T): { json: unknown; bytes: Buffer | null };
  /** null for a row this version cannot read (it is then treated as expired). */
  decode(json: unknown, bytes: Buffer | null): T | null;
}

export interface PendingOptions {
  ttlMs?: number;
  /** How long a take holds the thing before another may take it (its taker presumed dead). Default 5 minutes. */
  claimMs?: number;
  /** At most this many of this kind wait at once; the oldest go first. */
  capacity?: number;
  /** Tests: the time, instead of the database's clock. */
  now?: () => number;
}

export class PgPendingStore<T> implements PendingStore<T> {
  readonly ttlMs: number;
  readonly claimMs: number;
  readonly capacity: number;

  /** `kind` keeps apart things of different sorts in the one table. */
  constructor(
    private readonly pool: pg.Pool,
    readonly kind: string,
    private readonly codec: PendingCodec<T>,
    private readonly options: PendingOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.claimMs = options.claimMs ?? 5 * 60_000;
    this.capacity = options.capacity ?? 20;
  }

  async put(owner: number, value: T): Promise<string> {
    const id = randomId();
    const { json, bytes } = this.codec.encode(value);
    const now = this.#now();
    await this.pool.query(
      `INSERT INTO pending_uploads (id, kind, owner, value, bytes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, coalesce($6, now()), coalesce($6, now()) + make_interval(secs => $7))`,
      [id, this.kind, owner, JSON.stringify(json), bytes, now, this.ttlMs / 1000],
    );
    await this.pool.query('DELETE FROM pending_uploads WHERE expires_at <= coalesce($1, now())', [now]);
    await this.pool.query(
      `DELETE FROM pending_uploads WHERE id IN (
         SELECT id FROM pending_uploads WHERE kind = $1 ORDER BY created_at DESC, id OFFSET $2)`,
      [this.kind, this.capacity],
    );
    return id;
  }

  async get(id: string, user: number | undefined): Promise<Claim<T>> {
    const { rows } = await this.pool.query<{ owner: string; value: unknown; bytes: Buffer | null }>(
      'SELECT owner, value, bytes FROM pending_uploads WHERE id = $1 AND kind = $2 AND expires_at > coalesce($3, now())',
      [id, this.kind, this.#now()],
    );
    const row = rows[0];
    if (row === undefined) return { ok: false, error: 'expired' };
    if (Number(row.owner) !== user) return { ok: false, error: 'not_owner' };
    return this.#decoded(row);
  }

  async take(id: string, user: number | undefined): Promise<Claim<T>> {
    const now = this.#now();
    const { rows } = await this.pool.query<{ value: unknown; bytes: Buffer | null }>(
      `UPDATE pending_uploads SET claimed_until = coalesce($4, now()) + make_interval(secs => $5)
        WHERE id = $1 AND kind = $2 AND owner = $3 AND expires_at > coalesce($4, now())
          AND (claimed_until IS NULL OR claimed_until <= coalesce($4, now()))
       RETURNING value, bytes`,
      [id, this.kind, user ?? null, now, this.claimMs / 1000],
    );
    const row = rows[0];
    if (row !== undefined) return this.#decoded(row);
    // Not taken: someone else's, gone, or being worked on.
    const claim = await this.get(id, user);
    return claim.ok ? { ok: false, error: 'busy' } : claim;
  }

  async settle(id: string): Promise<void> {
    await this.pool.query('DELETE FROM pending_uploads WHERE id = $1 AND kind = $2', [id, this.kind]);
  }

  /** How many of this kind wait now. */
  async size(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pending_uploads WHERE kind = $1 AND expires_at > coalesce($2, now())',
      [this.kind, this.#now()],
    );
    return rows[0].n;
  }

  #decoded(row: { value: unknown; bytes: Buffer | null }): Claim<T> {
    const value = this.codec.decode(row.value, row.bytes);
    return value === null ? { ok: false, error: 'expired' } : { ok: true, value };
  }

  #now(): Date | null {
    return timeParam(this.options.now?.());
  }
}
