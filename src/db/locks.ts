import type pg from 'pg';

/**
 * The database's advisory locks this program takes, by key: one place, so that no two uses share
 * a key by accident. Session locks end with their connection, so a process killed while holding
 * one leaves no lock behind.
 */
export const LOCKS = {
  /** Applying migrations: two replicas starting together apply them once. */
  migrate: 7_150_001n,
  /** Writing reports: one writer at a time (`npm run index`, `npm run add`, the bot's intake). */
  write: 7_150_002n,
} as const;

/**
 * Runs `write` on a client of `pool` holding the writer's lock (`LOCKS.write`), waiting for
 * another writer first (`onWait` says so); the lock goes with the connection should the process
 * die. `write` runs its own transactions: one report a transaction.
 */
export async function withWriteLock<T>(pool: pg.Pool, write: (client: pg.PoolClient) => Promise<T>, onWait?: () => void): Promise<T> {
  return (await holdingWriteLock(pool, write, { wait: true, onWait })) as T;
}

/**
 * Runs `write` as `withWriteLock` does when no other writer holds the lock; else returns null at
 * once (a replica starting while `npm run index` runs does not wait for it).
 */
export async function ifWriteLockFree<T>(pool: pg.Pool, write: (client: pg.PoolClient) => Promise<T>): Promise<T | null> {
  return holdingWriteLock(pool, write, { wait: false });
}

/** `write` under the writer's lock, waited for or not; null when not waited for and held by another. */
async function holdingWriteLock<T>(pool: pg.Pool, write: (client: pg.PoolClient) => Promise<T>, how: { wait: boolean; onWait?: () => void }): Promise<T | null> {
  const client = await pool.connect();
  try {
    const lock = LOCKS.write.toString();
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [lock]);
    if (!rows[0].got) {
      if (!how.wait) return null;
      how.onWait?.();
      await client.query('SELECT pg_advisory_lock($1)', [lock]);
    }
    try {
      return await write(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lock]);
    }
  } finally {
    client.release();
  }
}
