import { randomBytes } from 'node:crypto';

/** What a person has started and not yet confirmed: a report read and shown, links listed. */
export interface Pending<T> {
  /** The Telegram user who started it: only they may confirm it. */
  owner: number;
  value: T;
  expiresAt: number;
}

/** `busy`: taken by a press that is still being worked on. */
export type Claim<T> = { ok: true; value: T } | { ok: false; error: 'expired' | 'not_owner' | 'busy' };

/**
 * Things awaiting a person's button press, by a short id (callback data carries the id, never the
 * thing): in memory for one process (`MemoryPendingStore`), in the database for several replicas
 * (the press may reach another replica than the upload did). Each expires after `ttlMs`.
 */
export interface PendingStore<T> {
  readonly ttlMs: number;
  /** Keeps `value` for `owner`; returns its id (at most 20 characters of `0-9a-z`). */
  put(owner: number, value: T): Promise<string>;
  /** The item, if it is still there and `user` started it. */
  get(id: string, user: number | undefined): Promise<Claim<T>>;
  /**
   * As `get`, and claims it: of two presses at once, one gets it; the other is told `busy` until
   * `settle`. A claim whose holder died (a replica killed mid-way) lapses in the database, so the
   * thing can be pressed again rather than be lost.
   */
  take(id: string, user: number | undefined): Promise<Claim<T>>;
  /** The claimed thing is done with (added, dropped, or refused): gone for good. */
  settle(id: string): Promise<void>;
}

/**
 * Things awaiting a person's button press, held in memory by a short id (callback data carries
 * the id, never the thing), for `ttlMs` (15 minutes by default), at most `capacity` at once (the
 * oldest go first: an upload may hold 20 MB). Ids carry a per-process prefix, so that a button
 * pressed after a restart finds nothing rather than something else.
 */
export class MemoryPendingStore<T> implements PendingStore<T> {
  readonly #items = new Map<string, Pending<T>>();
  readonly #prefix = randomBytes(3).readUIntBE(0, 3).toString(36);
  #next = 0;

  constructor(
    readonly ttlMs = 15 * 60_000,
    readonly capacity = 20,
    private readonly now: () => number = Date.now,
  ) {}

  async put(owner: number, value: T): Promise<string> {
    this.#sweep();
    const id = `${this.#prefix}${(this.#next++).toString(36)}`;
    this.#items.set(id, { owner, value, expiresAt: this.now() + this.ttlMs });
    while (this.#items.size > this.capacity) this.#items.delete(this.#items.keys().next().value as string);
    return id;
  }

  async get(id: string, user: number | undefined): Promise<Claim<T>> {
    return this.#get(id, user);
  }

  /** Removes it at once: one process, nothing to survive it. */
  async take(id: string, user: number | undefined): Promise<Claim<T>> {
    const claim = this.#get(id, user);
    if (claim.ok) this.#items.delete(id);
    return claim;
  }

  async settle(): Promise<void> {}

  #get(id: string, user: number | undefined): Claim<T> {
    this.#sweep();
    const item = this.#items.get(id);
    if (!item) return { ok: false, error: 'expired' };
    if (item.owner !== user) return { ok: false, error: 'not_owner' };
    return { ok: true, value: item.value };
  }

  get size(): number {
    this.#sweep();
    return this.#items.size;
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, item] of this.#items) if (item.expiresAt <= now) this.#items.delete(id);
  }
}
