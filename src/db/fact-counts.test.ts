/**
 * The counts migration 006 keeps (`group_counts`, `agency_counts`, `reading_counts`) stay what
 * counting the merged reports and their readings gives, as reports come, change, get a copy, go,
 * and change their agency key.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { CORPUS_DIR } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import type { Report } from '../ingest/report.js';
import { openDatabase } from './database.js';
import { writeCorpus } from './write-corpus.js';
import { removeReports, writeReport } from './write-report.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

/** The kept counts beside the same counts made from the tables, each in one order. */
async function counts(pool: pg.Pool): Promise<{ kept: unknown[]; counted: unknown[] }> {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  const kept = [
    await q('SELECT year, template, reports, with_findings, findings::int FROM group_counts ORDER BY year, template'),
    await q('SELECT agency_key, reports FROM agency_counts ORDER BY agency_key COLLATE "C"'),
    await q('SELECT metric, year, template, kind, readings, total::text FROM reading_counts ORDER BY metric, year, template, kind'),
  ];
  const counted = [
    await q(
      `SELECT year, template, count(*)::int AS reports, (count(*) FILTER (WHERE serious > 0))::int AS with_findings, sum(serious)::int AS findings
         FROM report_groups GROUP BY year, template ORDER BY year, template`,
    ),
    await q('SELECT agency_key, count(*)::int AS reports FROM report_groups GROUP BY agency_key ORDER BY agency_key COLLATE "C"'),
    await q(
      `SELECT metric, year, template, kind, count(*)::int AS readings, coalesce(sum(value::numeric), 0)::text AS total
         FROM readings GROUP BY metric, year, template, kind ORDER BY metric, year, template, kind`,
    ),
  ];
  return { kept, counted };
}

describe.skipIf(missing)('the fact counts kept by the database', () => {
  let cluster: Cluster;
  let pool: pg.Pool;
  let seeds: Report[];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fact-counts-'));

  beforeAll(async () => {
    cluster = await startCluster();
    const db = await openDatabase(await cluster.createDatabase('counts'));
    if (!db.ok) throw new Error(db.error);
    pool = db.pool;
    seeds = (await loadCorpus(CORPUS_DIR)).reports;
    cpSync(CORPUS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follow reports written, copied, changed and taken out', async () => {
    const [first, second, third] = seeds.map((r) => r.id);
    cpSync(path.join(dir, first), path.join(dir, first.replace(/(\.[a-z]+)$/, '-副本$1')));
    await writeCorpus(pool, dir);
    const once = await counts(pool);
    expect(once.kept).toEqual(once.counted);
    expect((once.kept[2] as unknown[]).length).toBeGreaterThan(100);

    rmSync(path.join(dir, second));
    writeFileSync(path.join(dir, third), readFileSync(path.join(CORPUS_DIR, third), 'utf8').replace(/\d+/, '7'));
    await writeCorpus(pool, dir);
    const again = await counts(pool);
    expect(again.kept).toEqual(again.counted);
    expect(again.kept).not.toEqual(once.kept);
  });

  it('follow an agency key that changes when another place gets an agency of the same name', async () => {
    const source = seeds[3];
    const elsewhere: Report = { ...source, id: 'elsewhere.txt', file: 'elsewhere.txt', meta: { ...source.meta, region: { province: '福建省', city: '平潭', county: null } } };
    const client = await pool.connect();
    try {
      await writeReport(client, { file: elsewhere.id, sha256: 'x', size: 1, mtimeMs: 1 }, elsewhere);
      const both = await counts(pool);
      expect(both.kept).toEqual(both.counted);
      expect((both.kept[1] as Array<{ agency_key: string }>).map((r) => r.agency_key)).toContain(`${source.meta.agency}（平潭）`);
      await removeReports(client, [elsewhere.id]);
      const one = await counts(pool);
      expect(one.kept).toEqual(one.counted);
    } finally {
      client.release();
    }
  });
});
