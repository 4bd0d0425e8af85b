/**
 * Reports added with DATABASE_URL, against a real server: each written with its file's bytes,
 * under a name of its own; `npm run index` over a folder leaves them in and reads them again when
 * the parser changes; every write is announced to listening replicas, also after their
 * connection was lost and made again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { readCandidate, type Candidate } from '../intake/candidate.js';
import { parserVersion } from '../ingest/parser-version.js';
import { DatabaseCorpus } from './database-corpus.js';
import { openDatabase } from './database.js';
import { listenForReports } from './report-changes.js';
import { writeCorpus } from './write-corpus.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

const MDJ = '004_1f4ee6e2bcc4addb.txt'; // 牡丹江市教育局 2020
const JIAOZUO = '001_e71b04dab10cb976.txt'; // 焦作市教育局 2023
const seed = (file: string) => readFileSync(path.join(CORPUS_DIR, file));

async function candidate(bytes: Buffer, name: string): Promise<Candidate> {
  const read = await readCandidate(bytes, name, async () => []);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

/** Resolves with the next `count` notifications' details. */
function collect(count: number): { seen: string[]; onChange: (detail: string) => void; done: Promise<string[]> } {
  const seen: string[] = [];
  let resolve: (s: string[]) => void = () => undefined;
  const done = new Promise<string[]>((r) => (resolve = r));
  return {
    seen,
    onChange: (detail) => {
      seen.push(detail);
      if (seen.length === count) resolve([...seen]);
    },
    done,
  };
}

describe.skipIf(missing)('reports added to the database', () => {
  let cluster: Cluster;
  let url: string;
  let pool: pg.Pool;
  const folder = mkdtempSync(path.join(tmpdir(), 'db-corpus-'));

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase('added');
    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    pool = db.pool;
  });
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('are written with their bytes under names of their own, and announced at commit', async () => {
    const heard = collect(2);
    const listener = listenForReports(url, heard.onChange);
    await listener.ready;
    try {
      const corpus = new DatabaseCorpus(pool);
      expect(await corpus.save(await candidate(seed(MDJ), 'mdj.txt'))).toEqual({ ok: true, value: 'added/mdj.txt' });
      const other = Buffer.concat([seed(JIAOZUO), Buffer.from('\n')]);
      expect(await corpus.save(await candidate(other, 'mdj.txt'))).toEqual({ ok: true, value: 'added/mdj-2.txt' });
      expect(await heard.done).toEqual(['1 added/mdj.txt', '1 added/mdj-2.txt']);
    } finally {
      await listener.close();
    }
    const corpus = new DatabaseCorpus(pool);
    expect(await corpus.holding(seed(MDJ))).toBe('added/mdj.txt');
    expect(await corpus.save(await candidate(seed(MDJ), 'again.txt'))).toEqual({ ok: false, error: '语料中已有内容完全相同的文件（added/mdj.txt），无需再加' });
    const { rows } = await pool.query<{ file: string; bytes: Buffer; agency: string }>(
      'SELECT f.file, f.bytes, r.agency FROM report_files f JOIN reports r USING (file) ORDER BY f.file',
    );
    expect(rows.map((r) => [r.file, r.agency])).toEqual([
      ['added/mdj-2.txt', '焦作市教育局'],
      ['added/mdj.txt', '牡丹江市教育局'],
    ]);
    expect(rows[1]?.bytes).toEqual(seed(MDJ));
    expect((await corpus.known()).map((k) => k.meta.agency)).toContain('牡丹江市教育局');
  });

  it('stay when npm run index writes a folder without them, and are read again when the parser changed', async () => {
    writeFileSync(path.join(folder, MDJ), seed(MDJ));
    // A folder file under an added name is not taken for it.
    mkdirSync(path.join(folder, 'added'));
    writeFileSync(path.join(folder, 'added', 'mdj.txt'), seed(JIAOZUO));
    await pool.query(`UPDATE reports SET parser_version = 'older' WHERE file = 'added/mdj.txt'`);

    const summary = await writeCorpus(pool, folder);
    expect(summary.written.map((w) => w.file).sort()).toEqual([MDJ, 'added/mdj.txt']);
    expect(summary.removed).toEqual([]);
    expect(summary.errors).toEqual([{ file: 'added/mdj.txt', message: '与数据库中添加的报告同名，没有读取' }]);
    const { rows } = await pool.query<{ file: string; parser_version: string; agency: string }>('SELECT file, parser_version, agency FROM reports ORDER BY file');
    expect(rows).toEqual([
      { file: MDJ, parser_version: parserVersion(), agency: '牡丹江市教育局' },
      { file: 'added/mdj-2.txt', parser_version: parserVersion(), agency: '焦作市教育局' },
      { file: 'added/mdj.txt', parser_version: parserVersion(), agency: '牡丹江市教育局' },
    ]);
  });

  it('are announced to a listener whose connection was lost and made again', async () => {
    const heard = collect(2);
    const listener = listenForReports(url, heard.onChange, { retryMs: 50 });
    await listener.ready;
    try {
      await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN reports_changed'`);
      // Notifications sent while it was gone are lost: the reconnection itself says "read again".
      while (heard.seen.length === 0) await new Promise((r) => setTimeout(r, 50));
      expect(heard.seen[0]).toBe('reconnected');
      await new DatabaseCorpus(pool).save(await candidate(Buffer.concat([seed(MDJ), Buffer.from('\n\n')]), 'third.txt'));
      expect(await heard.done).toEqual(['reconnected', '1 added/third.txt']);
    } finally {
      await listener.close();
    }
  });
});
