import type pg from 'pg';

/**
 * Runs `work` in one transaction on `client` (not in a transaction already): committed when it
 * resolves, rolled back when it throws, the error passed on.
 */
export async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const done = await work();
    await client.query('COMMIT');
    return done;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
