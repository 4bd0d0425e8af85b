import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { CORPUS_DIR, ROOT } from '../../test/paths.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('npm run index with DATABASE_URL', () => {
  let cluster: Cluster;
  let url: string;
  const indexDir = mkdtempSync(path.join(os.tmpdir(), 'index-db-'));
  const index = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index-build.ts', '--corpus', CORPUS_DIR, '--index', indexDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...env },
    });

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase('cli');
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(indexDir, { recursive: true, force: true });
  });

  it('fills the database, one line a report, and leaves the embedded index alone', async () => {
    const run = index({ DATABASE_URL: url });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^000_\S+\.txt {2}鹤岗市教育局 2022年 {2}\d+ 段 {2}\d+ 词$/);
    expect(lines[5]).toMatch(/^数据库中共 5 份报告；本次写入 5 份，删去 0 份，0 份未变；0 个文件无法读取/);
    expect(existsSync(indexDir) ? readdirSync(indexDir) : []).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM reports')).rows[0].n).toBe(5);
    } finally {
      await client.end();
    }
  });

  it('writes nothing when run again on the same corpus', () => {
    const run = index({ DATABASE_URL: url });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^数据库中共 5 份报告；本次写入 0 份，删去 0 份，5 份未变/);
  });

  it('then answers npm run ask from the database, as from the corpus folder', () => {
    const ask = (corpus: string, env: Record<string, string>, question: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--json', '--corpus', corpus, '--index', mkdtempSync(path.join(indexDir, 'ask-')), question], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, ...env },
      });
    const noCorpus = path.join(indexDir, 'no-corpus');
    for (const question of ['哪个局2020年采购总金额最多', '鹤岗教育公众号发了多少条信息']) {
      const fromDatabase = ask(noCorpus, { DATABASE_URL: url }, question);
      expect(fromDatabase.status, fromDatabase.stderr).toBe(0);
      const fromCorpus = ask(CORPUS_DIR, { DATABASE_URL: '' }, question);
      expect(JSON.parse(fromDatabase.stdout)).toEqual(JSON.parse(fromCorpus.stdout));
    }
  });

  it('names a database it cannot reach, without printing the connection string', () => {
    const run = index({ DATABASE_URL: `postgres://bot:hunter2@127.0.0.1:${cluster.port}/no_such_db` });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/无法连接或初始化数据库（DATABASE_URL）/);
    expect(run.stderr).not.toContain('hunter2');
  });
});
