import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { migrate, readMigrations } from './migrate.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('schema migrations', () => {
  let cluster: Cluster;
  const pools: pg.Pool[] = [];
  const pool = async (name: string) => {
    const p = new pg.Pool({ connectionString: await cluster.createDatabase(name) });
    pools.push(p);
    return p;
  };
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await cluster?.stop();
  });

  it('are numbered files applied in order, each recorded once', async () => {
    const db = await pool('once');
    const versions = readMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(await migrate(db)).toEqual({ ok: true, applied: versions });
    expect(await migrate(db)).toEqual({ ok: true, applied: [] });
    const { rows } = await db.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('apply once when two replicas start together', async () => {
    const url = await cluster.createDatabase('together');
    const a = new pg.Pool({ connectionString: url });
    const b = new pg.Pool({ connectionString: url });
    pools.push(a, b);
    const [x, y] = await Promise.all([migrate(a), migrate(b)]);
    const applied = [x, y].map((r) => (r.ok ? r.applied.length : -1)).sort();
    expect(applied).toEqual([0, readMigrations().length]);
  });

  it('leave the schema as it was when one of them fails', async () => {
    const db = await pool('failing');
    const broken = [...readMigrations(), { version: 999, name: 'broken', sql: 'CREATE TABLE oops (x int); SELECT no_such_function();' }];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/);
    const { rows } = await db.query(`SELECT to_regclass('reports') AS reports, to_regclass('schema_migrations') AS versions`);
    expect(rows[0]).toEqual({ reports: null, versions: null });
  });

  it('make the tables the storage needs, passages searchable through the postings of their words', async () => {
    const db = await pool('tables');
    await migrate(db);
    const { rows } = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    expect(rows.map((r) => r.tablename)).toEqual([
      'agency_counts',
      'agency_names',
      'agency_names_stale',
      'facts',
      'findings',
      'group_counts',
      'group_peers',
      'group_peers_missing',
      'passage_postings',
      'passage_totals',
      'passage_words',
      'passages',
      'pending_uploads',
      'rate_limits',
      'reading_counts',
      'readings',
      'replica_status',
      'report_files',
      'report_groups',
      'reports',
      'schema_migrations',
      'sections',
      'shown_answers',
    ]);
    const best = await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'passage_postings_best'`);
    expect(best.rows[0].indexdef).toMatch(/USING btree \(word, impact DESC, passage_id\)/);
    // Rankings walk the readings of a metric by year and value, numbers only.
    const ranked = await db.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'readings_ranked'`);
    expect(ranked.rows[0].indexdef).toMatch(/\(metric, year, value, agency_key, file\) INCLUDE \(group_id, template\) WHERE \(kind = 'number'::text\)/);
  });
});
