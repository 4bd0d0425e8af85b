import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { writeCorpus as generateCorpus } from '../../test/bench/generator/index.js';
import { AgencyDirectory, agenciesOf, namesOf } from '../query/agencies.js';
import { peerKindOf, peersOf } from '../query/peers.js';
import { PgAgencyNames } from './agency-names.js';
import { completeAtOpen } from './complete-at-open.js';
import { openDatabase } from './database.js';
import { PgFactSource } from './fact-source.js';
import { writeCorpus } from './write-corpus.js';

const missing = whyNoPostgres();

/** The names table as (text, kind, key) lines, sorted. */
async function stored(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ line: string }>(`SELECT text || '|' || kind || '|' || agency_key AS line FROM agency_names`);
  return rows.map((r) => r.line).sort();
}

/** The names the directory of every stored agency knows, as the same lines. */
async function expected(pool: pg.Pool): Promise<string[]> {
  const lines = new Set<string>();
  for (const a of agenciesOf(await new PgFactSource(pool).agencyNames())) for (const n of namesOf(a)) lines.add(`${n.text}|${n.kind}|${a.key}`);
  return [...lines].sort();
}

describe.skipIf(missing)('agency names in the database', () => {
  let cluster: Cluster;
  let pool: pg.Pool;
  let corpus: string;

  beforeAll(async () => {
    cluster = await startCluster();
    const db = await openDatabase(await cluster.createDatabase('names'));
    if (!db.ok) throw new Error(db.error);
    pool = db.pool;
    corpus = mkdtempSync(path.join(os.tmpdir(), 'agency-names-'));
    // Generated reports: agencies of one name in several places (keys with their place), copies.
    generateCorpus({ n: 40, seed: 20261206, out: corpus, copyRate: 0.2 });
    await writeCorpus(pool, corpus);
  });
  afterAll(async () => {
    await pool?.end();
    await cluster?.stop();
    rmSync(corpus, { recursive: true, force: true });
  });

  it('hold every name of every agency the reports name, made by the writer, none left stale', async () => {
    const lines = await stored(pool);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines).toEqual(await expected(pool));
    expect((await pool.query('SELECT 1 FROM agency_names_stale')).rowCount).toBe(0);
  });

  it('read each question as the directory of every agency does, from its spans alone', async () => {
    // As given, and with every entry of more than one agency read only when the reading names it.
    const ways = [await PgAgencyNames.open(pool), await PgAgencyNames.open(pool, { many: 1 })];
    const whole = new AgencyDirectory(await new PgFactSource(pool).agencyNames());
    const agencies = whole.agencies.slice(0, 12);
    const questions = [
      ...agencies.map((a) => `${a.name}2022年收到申请多少件`),
      ...agencies.map((a) => `${a.region.city ?? a.region.province ?? ''}哪个局收到申请最多`),
      `比较${agencies[0].name}和${agencies[1].name}的行政许可`,
      // A kind or a province several agencies share: entries of many agencies.
      ...[...new Set(whole.agencies.map((a) => a.kind))].filter(Boolean).map((k) => `哪个${k}收到申请最多`),
      ...[...new Set(whole.agencies.map((a) => a.region.province))].filter(Boolean).map((p) => `${p}各单位收到申请合计`),
      '北京市教育局收到申请多少件',
      '政府信息公开工作',
    ];
    let named = 0;
    let many = 0;
    for (const names of ways) {
      for (const q of questions) {
        const read = (await names.directoryOf(q)).read(q);
        expect(read).toEqual(whole.read(q));
        named += read.filter((m) => m.type !== 'unknown').length;
        many += read.filter((m) => m.type !== 'unknown' && m.agencies.length > 1).length;
      }
    }
    expect(named).toBeGreaterThan(40);
    expect(many).toBeGreaterThan(5);
  });

  it('follow reports taken out and put back, and are made again at open when a database has them stale', async () => {
    const files = (await pool.query<{ file: string }>('SELECT file FROM reports ORDER BY file')).rows.map((r) => r.file);
    const aside = mkdtempSync(path.join(os.tmpdir(), 'agency-names-aside-'));
    try {
      for (const f of files.slice(0, 10)) {
        cpSync(path.join(corpus, f), path.join(aside, path.basename(f)));
        rmSync(path.join(corpus, f));
      }
      await writeCorpus(pool, corpus);
      const fewer = await stored(pool);
      expect(fewer).toEqual(await expected(pool));
      for (const f of files.slice(0, 10)) cpSync(path.join(aside, path.basename(f)), path.join(corpus, f));
      await writeCorpus(pool, corpus);
      const back = await stored(pool);
      expect(back.length).toBeGreaterThan(fewer.length);
      expect(back).toEqual(await expected(pool));
      // As a database written before the names were kept: every key stale, no name.
      await pool.query('DELETE FROM agency_names');
      await pool.query('INSERT INTO agency_names_stale SELECT DISTINCT agency_key FROM report_groups ON CONFLICT DO NOTHING');
      await completeAtOpen(pool);
      expect(await stored(pool)).toEqual(back);
      expect((await pool.query('SELECT 1 FROM agency_names_stale')).rowCount).toBe(0);
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
  });

  it("record each group's kind of body as the peers of 排第几 read it, and make them at open for a database written before", async () => {
    const kinds = async () =>
      (await pool.query<{ line: string }>(`SELECT g.file || '|' || p.year || '|' || p.peer_kind AS line FROM group_peers p JOIN report_groups g ON g.id = p.group_id`)).rows
        .map((r) => r.line)
        .sort();
    const facts = new PgFactSource(pool);
    const groups = await facts.reportsIn();
    const want = groups.map((r) => `${r.file}|${r.meta.year}|${peerKindOf(r.meta).kind}`).sort();
    expect(await kinds()).toEqual(want);
    // Peers: the year's reports of the same kind, as the store in memory finds them among the year's.
    for (const r of groups.slice(0, 10)) {
      const year = groups.filter((g) => g.meta.year === r.meta.year);
      expect((await facts.peers(r)).map((p) => p.file)).toEqual(peersOf(r, year, { anyLevel: true }).map((p) => p.file));
    }
    await pool.query('DELETE FROM group_peers');
    await pool.query('INSERT INTO group_peers_missing VALUES (true)');
    await completeAtOpen(pool);
    expect(await kinds()).toEqual(want);
    expect((await pool.query('SELECT 1 FROM group_peers_missing')).rowCount).toBe(0);
  });
});
