/**
 * The bot's state in the database, against a real server, each store through two pools as two
 * replicas hold them: what one remembers the other finds, expiry is done in SQL, and the rate
 * limit holds across both.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import type { Answer } from '../query/answer.js';
import type { Candidate } from '../intake/candidate.js';
import { candidateCodec } from './bot-state.js';
import { openDatabase } from './database.js';
import { PgPendingStore } from './pending-uploads.js';
import { PgRateLimiter } from './rate-limits.js';
import { PgAnswerStore } from './shown-answers.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

const answer: Answer = {
  question: '哪个局2020年采购总金额最多',
  route: 'facts',
  text: '第一页\n第二页',
  citations: [{ reportId: 'a.txt', agency: '牡丹江市教育局', year: 2020, section: '表一', snippet: '2896.642' }],
  table: { kind: 'ranking', title: 't', metric: 'm', unit: '万元', columns: ['名次', '单位'], rows: [[1, '牡丹江市教育局'], [2, null]], total: 2 },
};

const candidate: Candidate = {
  name: '牡丹江2020.txt',
  bytes: Buffer.from([0, 1, 2, 0xff, 0xfe]),
  meta: { agency: '牡丹江市教育局', aliases: ['牡丹江'], region: { province: '黑龙江省', city: '牡丹江市', county: null }, year: 2020, publishedAt: null, template: '2019', title: '年报' },
  summary: { agency: '牡丹江市教育局', year: 2020, template: '2019', format: 'txt', cells: 80, unknownCells: 1, findings: ['一条'], copyOf: [] },
  hints: { charset: 'gbk' },
};

describe.skipIf(missing)('the bot state two replicas share', () => {
  let cluster: Cluster;
  let a: pg.Pool;
  let b: pg.Pool;

  beforeAll(async () => {
    cluster = await startCluster();
    const url = await cluster.createDatabase('state');
    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    a = db.pool;
    b = new pg.Pool({ connectionString: url });
  });
  afterAll(async () => {
    await a?.end();
    await b?.end();
    await cluster?.stop();
  });

  describe('answers behind buttons', () => {
    it('remembered by one replica are found whole by the other', async () => {
      const id = await new PgAnswerStore(a).remember({ answer, pages: ['第一页', '第二页'] });
      expect(id).toMatch(/^[0-9a-z]{1,20}$/);
      expect(await new PgAnswerStore(b).get(id)).toEqual({ answer, pages: ['第一页', '第二页'] });
      expect(await new PgAnswerStore(b).get('nosuchid')).toBeUndefined();
    });

    it('are forgotten once not shown or paged for their time, and a page turn keeps one longer', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const store = new PgAnswerStore(a, { keepMs: 60_000, now: () => now });
      const [paged, idle] = [await store.remember({ answer, pages: ['x'] }), await store.remember({ answer, pages: ['y'] })];
      now += 50_000;
      expect(await store.get(paged)).toBeDefined();
      now += 20_000;
      await store.prune();
      expect(await store.get(idle)).toBeUndefined();
      expect(await store.get(paged)).toBeDefined();
      const { rows } = await a.query('SELECT id FROM shown_answers WHERE id = $1', [idle]);
      expect(rows).toEqual([]); // pruned in the table, not only hidden
    });

    it('keep at most their capacity, the least recently touched going first', async () => {
      await a.query('DELETE FROM shown_answers');
      let now = Date.parse('2026-01-01T00:00:00Z');
      const store = new PgAnswerStore(a, { capacity: 2, now: () => (now += 1000) });
      const ids: string[] = [];
      for (const page of ['1', '2', '3']) ids.push(await store.remember({ answer, pages: [page] }));
      await store.get(ids[0] as string); // touched: now the newest
      await store.prune();
      const { rows } = await a.query<{ id: string }>('SELECT id FROM shown_answers ORDER BY id');
      expect(rows.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    });
  });

  describe('rate limits', () => {
    it('count the takes of both replicas in one window, and say "slow down" once', async () => {
      const t = Date.parse('2026-01-01T00:00:00Z');
      const [ra, rb] = [new PgRateLimiter(a, 'question', 3), new PgRateLimiter(b, 'question', 3)];
      expect(await ra.take('alice', t)).toEqual({ allowed: true, firstRefusal: false });
      expect(await rb.take('alice', t + 1000)).toEqual({ allowed: true, firstRefusal: false });
      expect(await ra.take('alice', t + 2000)).toEqual({ allowed: true, firstRefusal: false });
      expect(await rb.take('alice', t + 3000)).toEqual({ allowed: false, firstRefusal: true });
      expect(await ra.take('alice', t + 4000)).toEqual({ allowed: false, firstRefusal: false });
      expect((await rb.take('bob', t + 4000)).allowed).toBe(true);
      expect((await new PgRateLimiter(a, 'inline', 3).take('alice', t + 4000)).allowed).toBe(true); // another scope
      expect((await ra.take('alice', t + 60_001)).allowed).toBe(true); // the first take has left the window
    });

    it('let exactly the limit through when two replicas take at once', async () => {
      const t = Date.parse('2026-02-01T00:00:00Z');
      const [ra, rb] = [new PgRateLimiter(a, 'question', 5), new PgRateLimiter(b, 'question', 5)];
      const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ra : rb).take('carol', t + i)));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
      expect(verdicts.filter((v) => v.firstRefusal)).toHaveLength(1);
    });

    it('forget windows long past', async () => {
      const t = Date.parse('2026-03-01T00:00:00Z');
      const limiter = new PgRateLimiter(a, 'prune', 1);
      await limiter.take('dave', t);
      await limiter.take('dave', t + 1);
      expect(await limiter.prune(t + 30_000)).toBe(0); // still within its window and refusal
      expect(await limiter.prune(t + 120_000)).toBe(1);
    });
  });

  describe('pending uploads', () => {
    it('put by one replica are taken by the other, bytes and all, once, by their owner only', async () => {
      const id = await new PgPendingStore(a, 'upload', candidateCodec).put(7, candidate);
      const other = new PgPendingStore(b, 'upload', candidateCodec);
      expect(await other.take(id, 8)).toEqual({ ok: false, error: 'not_owner' });
      expect(await other.get(id, 7)).toEqual({ ok: true, value: candidate });
      const [x, y] = await Promise.all([other.take(id, 7), new PgPendingStore(a, 'upload', candidateCodec).take(id, 7)]);
      expect([x, y].filter((c) => c.ok)).toEqual([{ ok: true, value: candidate }]); // two presses at once: one gets it
      expect([x, y].filter((c) => !c.ok)).toEqual([{ ok: false, error: 'busy' }]);
      await other.settle(id);
      expect(await other.take(id, 7)).toEqual({ ok: false, error: 'expired' });
    });

    it('taken by a replica that dies before settling are not lost: the claim lapses and another takes it', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const options = { claimMs: 5 * 60_000, now: () => now };
      const id = await new PgPendingStore(a, 'upload', candidateCodec, options).put(7, candidate);
      expect((await new PgPendingStore(a, 'upload', candidateCodec, options).take(id, 7)).ok).toBe(true);
      // Replica A is killed here, before settling.
      const other = new PgPendingStore(b, 'upload', candidateCodec, options);
      expect(await other.take(id, 7)).toEqual({ ok: false, error: 'busy' });
      now += 5 * 60_000;
      expect(await other.take(id, 7)).toEqual({ ok: true, value: candidate });
    });

    it('expire after their time and are deleted', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const store = new PgPendingStore(a, 'upload', candidateCodec, { ttlMs: 15 * 60_000, now: () => now });
      const id = await store.put(7, candidate);
      now += 15 * 60_000;
      expect(await store.get(id, 7)).toEqual({ ok: false, error: 'expired' });
      await store.put(7, candidate); // each put sweeps the expired
      const { rows } = await a.query('SELECT id FROM pending_uploads WHERE id = $1', [id]);
      expect(rows).toEqual([]);
    });

    it('keep only the newest of a kind when too many wait, and a kind finds only its own', async () => {
      const store = new PgPendingStore(a, 'few', { encode: (n: number) => ({ json: n, bytes: null }), decode: (j) => j as number }, { capacity: 2 });
      const ids: string[] = [];
      for (const n of [1, 2, 3]) ids.push(await store.put(1, n));
      expect(await store.size()).toBe(2);
      expect((await store.get(ids[0] as string, 1)).ok).toBe(false);
      expect(await store.get(ids[2] as string, 1)).toEqual({ ok: true, value: 3 });
      expect(await new PgPendingStore(a, 'upload', candidateCodec).get(ids[2] as string, 1)).toEqual({ ok: false, error: 'expired' });
    });
  });
});
