/** A pool that answers questions runs each statement without parallel workers; the writer's pool keeps the server's setting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { openDatabase } from './database.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('opening the database', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts no parallel worker for the queries of an answering pool', async () => {
    const url = await cluster.createDatabase('open');
    const setting = async (answering: boolean) => {
      const db = await openDatabase(url, { answering });
      if (!db.ok) throw new Error(db.error);
      try {
        return (await db.pool.query<{ n: string }>("SELECT current_setting('max_parallel_workers_per_gather') AS n")).rows[0].n;
      } finally {
        await db.pool.end();
      }
    };
    expect(await setting(true)).toBe('0');
    expect(await setting(false)).not.toBe('0');
  });
});
