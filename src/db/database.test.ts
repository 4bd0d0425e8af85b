/**
 * A pool that answers questions runs each statement without parallel workers; the writer's pool
 * keeps the server's setting. After a bulk write the statistics are refreshed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { openDatabase } from './database.js';
import { refreshStatistics } from './statistics.js';

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

  it('vacuums and analyzes the tables questions read after a bulk write', async () => {
    const db = await openDatabase(await cluster.createDatabase('statistics'));
    if (!db.ok) throw new Error(db.error);
    try {
      await refreshStatistics(db.pool);
      const { rows } = await db.pool.query<{ relname: string }>(
        "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL AND last_analyze IS NOT NULL AND relname IN ('readings', 'report_groups') ORDER BY relname",
      );
      expect(rows.map((r) => r.relname)).toEqual(['readings', 'report_groups']);
    } finally {
      await db.pool.end();
    }
  });
});
