/**
 * The postings of migration 005 (`passage_postings`): kept equal to the passages' tokens by the
 * triggers as passages come and go, and what they let the search do on a corpus where a word is
 * in more passages than it takes (`CANDIDATES_PER_WORD`): still the best passages, also within a
 * filter wider than the exhaustive one.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, whyNoPostgres, type Cluster } from '../../test/pg/cluster.js';
import { EXHAUSTIVE_MAX } from '../search/passage-index.js';
import { idf, termWeight } from '../search/bm25.js';
import { openDatabase } from './database.js';
import { CANDIDATES_PER_WORD, PgPassageSearch } from './passage-search.js';
import { tsvectorLiteral } from './tsvector.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

/** Postings as the tokens say they should be, and as the table holds them, both sorted alike. */
const EXPECTED = `SELECT p.id::int AS passage, u.lexeme AS word, posting_impact(cardinality(u.positions), p.length) AS impact
                    FROM passages p, unnest(p.tokens) u ORDER BY 1, u.lexeme COLLATE "C"`;
const HELD = `SELECT passage_id::int AS passage, word, impact FROM passage_postings ORDER BY 1, word COLLATE "C"`;

/** A report row of its own (the writer is not needed to test what the triggers keep). */
async function addReport(db: pg.Pool | pg.PoolClient, file: string, agency: string, year: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO reports (file, sha256, size, mtime_ms, parser_version, agency, agency_key, aliases, year, template, title, text, copy_key)
     VALUES ($1, '', 0, 0, 'test', $2, $2, '{}', $3, '2021', $2, '', $1) RETURNING id::int`,
    [file, agency, year],
  );
  return rows[0].id;
}

/** Passages of a report, each given by its tokens. */
async function addPassages(db: pg.Pool | pg.PoolClient, report: number, passages: string[][]): Promise<void> {
  await db.query(
    `INSERT INTO passages (report_id, ordinal, section_no, section_title, text, start_offset, end_offset, tokens)
     SELECT $1, t.ordinal - 1, 1, '', t.words, 0, 0, t.tokens::tsvector
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(tokens, words, ordinal)`,
    [report, passages.map((p) => tsvectorLiteral(p)), passages.map((p) => p.join(''))],
  );
}

/** A passage holding `word` `tf` times among `length` tokens in all (the rest filler words). */
function passageOf(word: string, tf: number, length: number): string[] {
  return [...Array<string>(tf).fill(word), ...Array.from({ length: length - tf }, (_, i) => `词${i % 5}`)];
}

describe.skipIf(missing)('passage postings', () => {
  let cluster: Cluster | undefined;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await cluster?.stop();
  });

  async function database(name: string): Promise<pg.Pool> {
    const db = await openDatabase(await cluster!.createDatabase(name));
    if (!db.ok) throw new Error(db.error);
    pools.push(db.pool);
    return db.pool;
  }

  it('hold one posting a word of a passage, kept as passages are inserted and deleted', async () => {
    const db = await database('postings_kept');
    const a = await addReport(db, 'a.html', '甲局', 2020);
    const b = await addReport(db, 'b.html', '乙局', 2021);
    await addPassages(db, a, [passageOf('招聘', 2, 6), ['公开', '信息', '公开']]);
    await addPassages(db, b, [passageOf('招聘', 1, 9), ["o'neil", '公开']]);
    const held = (await db.query(HELD)).rows;
    expect(held).toHaveLength(5 + 2 + 6 + 2);
    expect(held).toEqual((await db.query(EXPECTED)).rows);
    // A report taken out (its passages deleted by the cascade), one passage deleted.
    await db.query(`DELETE FROM reports WHERE id = $1`, [a]);
    await db.query(`DELETE FROM passages WHERE report_id = $1 AND ordinal = 1`, [b]);
    const left = (await db.query(HELD)).rows;
    expect(left.map((r) => r.word).sort()).toEqual(['招聘', '词0', '词1', '词2', '词3', '词4'].sort());
    expect(left).toEqual((await db.query(EXPECTED)).rows);
  });

  it("order a word's passages by BM25's weight at the reference length: more of the word, and shorter, first", async () => {
    const db = await database('postings_impact');
    const { rows } = await db.query<{ a: number; b: number; c: number }>(
      'SELECT posting_impact(2, 20) AS a, posting_impact(1, 20) AS b, posting_impact(1, 60) AS c',
    );
    expect(rows[0].a).toBeGreaterThan(rows[0].b);
    expect(rows[0].b).toBeGreaterThan(rows[0].c);
    expect(rows[0].b).toBeCloseTo(termWeight(1, 20, 40), 6);
  });

  it('find the best passages of a word held by more passages than a question takes', async () => {
    const db = await database('postings_cut');
    const report = await addReport(db, 'many.html', '丙局', 2022);
    // 1,500 passages hold 招聘, once to six times, in 8 to 30 tokens: the best are the fewest tokens with the most 招聘.
    const passages = Array.from({ length: 1500 }, (_, i) => passageOf('招聘', 1 + ((i * 7) % 6), 8 + ((i * 11) % 23)));
    await addPassages(db, report, passages);
    const average = passages.reduce((s, p) => s + p.length, 0) / passages.length;
    const weight = idf(passages.length, passages.length);
    const expected = passages
      .map((p, ordinal) => ({ ordinal, score: weight * termWeight(p.filter((w) => w === '招聘').length, p.length, average) }))
      .sort((x, y) => y.score - x.score || x.ordinal - y.ordinal)
      .slice(0, 10);
    expect(passages.length).toBeGreaterThan(CANDIDATES_PER_WORD);
    const hits = await new PgPassageSearch(db).search('招聘', { limit: 10 });
    const ordinals = await db.query<{ id: number; ordinal: number }>('SELECT id::int, ordinal FROM passages WHERE id = ANY($1::bigint[])', [hits.map((h) => h.passage.id)]);
    const ordinalOf = new Map(ordinals.rows.map((r) => [r.id, r.ordinal]));
    expect(hits.map((h) => ({ ordinal: ordinalOf.get(h.passage.id), score: Math.round(h.score * 1e9) }))).toEqual(
      expected.map((e) => ({ ordinal: e.ordinal, score: Math.round(e.score * 1e9) })),
    );
  });

  it('find the best passages of a year asked for when the best of the corpus are of another year, past the exhaustive filter', async () => {
    const db = await database('postings_filter');
    // More passages a year than a filter is searched passage by passage; 2020's hold 招聘 more.
    const perYear = EXHAUSTIVE_MAX + 1000;
    const y2020 = await addReport(db, '2020.html', '丁局', 2020);
    const y2021 = await addReport(db, '2021.html', '丁局', 2021);
    await db.query('SET synchronous_commit = off');
    const filler = (n: number) => Array.from({ length: n }, (_, i) => ['公开', `号${i % 50}`]);
    await addPassages(db, y2020, [...Array.from({ length: 2 * CANDIDATES_PER_WORD }, () => passageOf('招聘', 3, 6)), ...filler(perYear)]);
    await addPassages(db, y2021, [...filler(perYear), passageOf('招聘', 1, 6), passageOf('招聘', 2, 12), passageOf('招聘', 1, 12)]);
    const search = new PgPassageSearch(db);
    const anyYear = await search.search('招聘', { limit: 3 });
    expect(anyYear.map((h) => h.passage.year)).toEqual([2020, 2020, 2020]);
    const hits = await search.search('招聘', { limit: 5, filterYears: [2021] });
    expect(hits.map((h) => [h.passage.year, h.passage.text])).toEqual([
      [2021, passageOf('招聘', 2, 12).join('')],
      [2021, passageOf('招聘', 1, 6).join('')],
      [2021, passageOf('招聘', 1, 12).join('')],
    ]);
    const byAgency = await search.search('招聘', { limit: 2, filterAgencies: ['丁局'], filterYears: [2021] });
    expect(byAgency.map((h) => h.passage.text)).toEqual([passageOf('招聘', 2, 12).join(''), passageOf('招聘', 1, 6).join('')]);
  }, 120_000);
});
