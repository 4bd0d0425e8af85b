import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from './cluster.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('the throwaway test cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves a fresh database on 127.0.0.1 that a client can write to', async () => {
    const url = await cluster.createDatabase('scratch');
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/scratch$/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (x int)');
      await client.query('INSERT INTO t VALUES (1), (2)');
      const { rows } = await client.query('SELECT sum(x)::int AS s, current_setting($1) AS v FROM t', ['server_version_num']);
      expect(rows[0].s).toBe(3);
      expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });

  it('keeps fsync off, and a durable cluster keeps PostgreSQL\'s defaults', async () => {
    const durable = await startCluster({ durable: true });
    try {
      expect(await setting(cluster.url, 'fsync')).toBe('off');
      expect(await setting(durable.url, 'fsync')).toBe('on');
      expect(await setting(durable.url, 'synchronous_commit')).toBe('on');
    } finally {
      await durable.stop();
    }
  });
});

async function setting(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>('SELECT current_setting($1) AS v', [name])).rows[0].v;
  } finally {
    await client.end();
  }
}
