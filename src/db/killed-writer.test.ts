/**
 * A writer killed mid-way (`npm run -s index` with DATABASE_URL, SIGKILL after some reports)
 * leaves the database consistent: every report whole or absent, the ranking's counts agreeing
 * with the passages, no lock left held; and the next run completes with everything there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus as generateCorpus } from '../../test/bench/generator/index.js';
import { listCorpusFiles } from '../ingest/corpus.js';
import { ROOT } from '../../test/paths.js';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { openDatabase } from './database.js';
import { LOCKS } from './locks.js';
import { writeCorpus } from './write-corpus.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

const N = 60;
/** Reports written before the kill. */
const KILL_AFTER = 10;

/** Each report's parts, by file: what "whole" means for a report. */
async function reportShapes(pool: pg.Pool): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ file: string; shape: string }>(`
    SELECT r.file, concat_ws(' ',
      (SELECT count(*) FROM sections s WHERE s.report_id = r.id),
      (SELECT count(*) FROM facts f WHERE f.report_id = r.id),
      (SELECT count(*) FROM findings f WHERE f.report_id = r.id),
      (SELECT count(*) FROM passages p WHERE p.report_id = r.id),
      (SELECT coalesce(sum(p.length), 0) FROM passages p WHERE p.report_id = r.id)) AS shape
    FROM reports r`);
  return new Map(rows.map((r) => [r.file, r.shape]));
}

/** Rows by which the ranking's counts (migration 002) differ from a count over the passages. */
async function countDrift(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`
    WITH actual AS (SELECT u.lexeme AS word, count(*)::int AS passages FROM passages p, unnest(p.tokens) u GROUP BY u.lexeme),
         drift AS ((SELECT word, passages FROM actual EXCEPT SELECT word, passages FROM passage_words)
                   UNION ALL (SELECT word, passages FROM passage_words EXCEPT SELECT word, passages FROM actual))
    SELECT (SELECT count(*) FROM drift)::int
         + (SELECT count(*) FROM passage_totals t
             WHERE t.passages <> (SELECT count(*) FROM passages) OR t.length <> (SELECT coalesce(sum(length), 0) FROM passages))::int AS n`);
  return rows[0].n;
}

/** Spawns a command, kills it (SIGKILL) once `after` lines of stdout match `line`; resolves with the signal and what it printed. */
async function killPartway(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, line: RegExp, after: number): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = 0;
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    seen += d.toString().split('\n').filter((l) => line.test(l)).length;
    if (seen >= after) child.kill('SIGKILL');
  });
  return { signal: await exited, output };
}

/** Waits for the advisory locks of a killed writer's connection to go (the server ends it when its client is gone); how many are left. */
async function advisoryLocksLeft(pool: pg.Pool): Promise<number> {
  let locks = -1;
  for (let i = 0; i < 40 && locks !== 0; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 250));
    locks = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)).rows[0].n;
  }
  return locks;
}

const indexCommand = (corpus: string) => [process.execPath, ['--import', 'tsx', 'src/cli/index-build.ts', '--corpus', corpus]] as const;

describe.skipIf(missing)('a writer killed mid-way', () => {
  let cluster: Cluster;
  let url: string;
  let pool: pg.Pool;
  let expected: Map<string, string>;
  const corpus = mkdtempSync(path.join(tmpdir(), 'killed-writer-'));
  const env = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url });

  beforeAll(async () => {
    generateCorpus({ n: N, seed: 515, out: corpus });
    cluster = await startCluster();
    // What the corpus is once written whole, by a writer left alone.
    const reference = await openDatabase(await cluster.createDatabase('reference'));
    if (!reference.ok) throw new Error(reference.error);
    await writeCorpus(reference.pool, corpus);
    expected = await reportShapes(reference.pool);
    await reference.pool.end();
    url = await cluster.createDatabase('killed');
    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    pool = db.pool;
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
    rmSync(corpus, { recursive: true, force: true });
  });

  it('leaves every report whole or absent, the counts right and no lock held; a re-run completes', async () => {
    expect(expected.size).toBe(N);
    const [cmd, args] = indexCommand(corpus);
    const killed = await killPartway(cmd, args, env(), /段/, KILL_AFTER);
    expect(killed.signal, killed.output).toBe('SIGKILL');

    // The killed writer's connection ends with it, and its lock with the connection.
    expect(await advisoryLocksLeft(pool)).toBe(0);
    const got = await pool.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [LOCKS.write.toString()]);
    expect(got.rows[0].got).toBe(true);
    await pool.query('SELECT pg_advisory_unlock_all()');

    const partial = await reportShapes(pool);
    expect(partial.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(partial.size).toBeLessThan(N);
    for (const [file, shape] of partial) expect(shape, file).toBe(expected.get(file));
    expect(await countDrift(pool)).toBe(0);

    const rerun = spawnSync(cmd, args, { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 300_000 });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`数据库中共 ${N} 份报告；本次写入 ${N - partial.size} 份`);
    expect(await reportShapes(pool)).toEqual(expected);
    expect(await countDrift(pool)).toBe(0);
  }, 300_000);

  it('npm run add killed mid-way: every added report has its file and each file its report; adding again completes', async () => {
    const addUrl = await cluster.createDatabase('added');
    const db = await openDatabase(addUrl);
    if (!db.ok) throw new Error(db.error);
    const added = db.pool;
    const files = (await listCorpusFiles(corpus)).slice(0, 20).map((f) => path.join(corpus, f));
    const args = ['--import', 'tsx', 'src/cli/add.ts', ...files];
    const addEnv = { ...env(), DATABASE_URL: addUrl };
    try {
      const killed = await killPartway(process.execPath, args, addEnv, /→ added\//, 5);
      expect(killed.signal, killed.output).toBe('SIGKILL');
      expect(await advisoryLocksLeft(added)).toBe(0);
      const orphans = async () =>
        (
          await added.query<{ n: number }>(`
            SELECT count(*)::int AS n FROM report_files f FULL JOIN reports r ON r.file = f.file
             WHERE f.file IS NULL OR r.file IS NULL`)
        ).rows[0].n;
      const count = async () => (await added.query<{ n: number }>('SELECT count(*)::int AS n FROM report_files')).rows[0].n;
      expect(await orphans()).toBe(0);
      const before = await count();
      expect(before).toBeGreaterThanOrEqual(5);
      expect(before).toBeLessThan(files.length);
      expect(await countDrift(added)).toBe(0);

      // Added again: those there already are named as such, the rest added.
      const again = spawnSync(process.execPath, args, { cwd: ROOT, env: addEnv, encoding: 'utf8', timeout: 300_000 });
      expect(again.stdout.split('\n').filter((l) => l.includes('语料中已有内容完全相同的文件'))).toHaveLength(before);
      expect(await count()).toBe(files.length);
      expect(await orphans()).toBe(0);
      expect(await countDrift(added)).toBe(0);
    } finally {
      await added.end();
    }
  }, 300_000);
});
