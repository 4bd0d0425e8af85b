import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyNoPostgres } from '../../test/pg/cluster.js';
import { seedCorpusDatabase, type SeededDatabase } from '../../test/pg/seed-corpus.js';
import type { Report } from '../ingest/report.js';
import { PassageIndex, type PassageHit, type SearchOptions } from '../search/index.js';
import { forEachTerm } from '../search/state.js';
import { PgPassageSearch } from './passage-search.js';
import { tsqueryLiteral, tsvectorLiteral } from './tsvector.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe('tokens as text search literals', () => {
  it('keep each token whole with its positions, repeats counted', () => {
    expect(tsvectorLiteral(['采购', '金额', '采购'])).toBe("'采购':1,3 '金额':2");
    expect(tsqueryLiteral(['公众号', '信息', '公众号'])).toBe("'公众号' | '信息'");
    expect(tsqueryLiteral([])).toBeNull();
  });

  it("quote what the literal syntax would read otherwise: ' and \\", () => {
    expect(tsvectorLiteral(["o'neil", 'a\\b'])).toBe("'o''neil':1 'a\\\\b':2");
  });
});

describe.skipIf(missing)('passages in the database', () => {
  let seeded: SeededDatabase | undefined;
  let pool: pg.Pool;
  let reports: Report[];
  let search: PgPassageSearch;

  beforeAll(async () => {
    seeded = await seedCorpusDatabase('passages');
    ({ pool, reports } = seeded);
    search = new PgPassageSearch(pool);
  });
  afterAll(async () => {
    await seeded?.close();
  });

  it('hold the tokens of the embedded index, passage for passage', async () => {
    const index = await PassageIndex.build(reports, { threads: 0 });
    for (const r of reports) {
      const embedded = index.passagesOf(r.id).map((p) => {
        const tf: Record<string, number> = {};
        forEachTerm(index.state, p.id, (term, count) => (tf[index.state.vocab[term]] = count));
        return { text: p.text, sectionNo: p.sectionNo, sectionTitle: p.sectionTitle, start: p.start, end: p.end, tf };
      });
      const { rows } = await pool.query(
        `SELECT p.text, p.section_no AS "sectionNo", p.section_title AS "sectionTitle", p.start_offset AS start, p.end_offset AS end,
                (SELECT coalesce(jsonb_object_agg(lexeme, cardinality(positions)), '{}') FROM unnest(p.tokens)) AS tf
           FROM passages p JOIN reports r ON r.id = p.report_id WHERE r.file = $1 ORDER BY p.ordinal`,
        [r.id],
      );
      expect(rows).toEqual(embedded);
    }
  });

  it('keep odd tokens as they are through the database', async () => {
    const tokens = ["o'neil", 'a\\b', '0451-57335436', 'www.hulan.gov.cn', '2896.642', '鹤岗市教育局', 'x:1'];
    const { rows } = await pool.query('SELECT array(SELECT lexeme FROM unnest($1::tsvector) ORDER BY lexeme) AS lexemes, $1::tsvector @@ $2::tsquery AS hit', [
      tsvectorLiteral(tokens),
      tsqueryLiteral(["o'neil"]),
    ]);
    expect([...rows[0].lexemes].sort()).toEqual([...tokens].sort());
    expect(rows[0].hit).toBe(true);
  });

  it('find the sentence a question asks about, its words marked', async () => {
    const [hit] = await search.search('鹤岗教育公众号发了多少条信息', { limit: 3 });
    expect(hit.passage.agency).toBe('鹤岗市教育局');
    expect(hit.highlighted).toContain('【公众号】');
    expect(hit.sentence).toContain('700');
  });

  it("search only the agencies and years asked for, by name or alias", async () => {
    const hits = await search.search('存在的主要问题', { limit: 10, filterAgencies: ['同仁'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.passage.agency))).toEqual(new Set(['同仁市教育局']));
    const y2020 = await search.search('政府集中采购', { limit: 10, filterYears: [2020] });
    expect(y2020.length).toBeGreaterThan(0);
    expect(y2020.every((h) => h.passage.year === 2020)).toBe(true);
  });

  it('find a figure printed only in a table by its row', async () => {
    const [hit] = await search.search('2896.642', { limit: 1 });
    expect(hit.passage.row).toEqual({ table: 1, label: '政府集中采购' });
    expect(hit.passage.text).toContain('2896.642');
  });

  it('rank as the embedded index ranks: the same passages in the same order, the same scores and sentences', async () => {
    const index = await PassageIndex.build(reports, { threads: 0 });
    const asked: Array<[string, SearchOptions]> = [
      ['鹤岗教育公众号发了多少条信息', {}],
      ['存在的主要问题', { filterAgencies: ['同仁'] }],
      // Part of a name only: every group with a name holding it.
      ['存在的主要问题', { filterAgencies: ['仁市教育'] }],
      ['政务公开', { filterAgencies: ['教育局'] }],
      ['政府集中采购', { filterYears: [2020] }],
      ['牡丹江市教育局 规范性文件', {}],
      ['2020年 依申请公开 办理', {}],
      ['政务公开培训', { sections: [5] }],
      ['双随机', { agencies: ['焦作市教育局'] }],
      ['申请', { limit: 30 }],
    ];
    const shown = (h: PassageHit) => ({ ...h, passage: { ...h.passage, id: 0 }, score: Math.round(h.score * 1e9) });
    for (const [query, opts] of asked) {
      const request = { limit: 5, ...opts };
      expect((await search.search(query, request)).map(shown), query).toEqual(index.search(query, request).map(shown));
    }
  });

  it('answer nothing for words no passage holds', async () => {
    expect(await search.search('量子计算机', { limit: 3 })).toEqual([]);
  });
});
