/**
 * Passage search in the database (first version): the question cut by the same jieba as the
 * passages, matched against their `tokens` (GIN index), ranked by `ts_rank_cd` with the embedded
 * index's boosts for the years and sections a question names and its demotion of table rows.
 * Not yet the embedded ranking (BM25 over the stored term counts, agency names found in the
 * question, one copy of a report shown): see src/db/README.md.
 */
import type pg from 'pg';
import type { TableNo } from '../facts/metrics.js';
import { asksForRows, sectionsIn, yearsIn } from '../search/cues.js';
import { bestSentence } from '../search/highlight.js';
import { BOOSTS, ROW_DEMOTION, type PassageHit, type SearchOptions } from '../search/passage-index.js';
import { rowOfText } from '../search/row-passages.js';
import { segment } from '../search/segment.js';
import { keepCorpusNamesWhole } from './corpus-names.js';
import { tsqueryLiteral } from './tsvector.js';

interface HitRow {
  id: string;
  file: string;
  agency: string;
  year: number;
  section_no: number;
  section_title: string;
  row_table: TableNo | null;
  text: string;
  start_offset: number;
  end_offset: number;
  score: number;
}

/**
 * Searches the passages the database holds, with the options of `PassageIndex.search`.
 *
 * @example
 *   const hits = await new PgPassageSearch(pool).search('鹤岗教育公众号发了多少条信息', { limit: 3 });
 *   hits[0].highlighted // '在“鹤岗教育”微信【公众号】共计发布【信息】700条。'
 */
export class PgPassageSearch {
  private namesLoaded = false;

  constructor(private readonly pool: pg.Pool) {}

  async search(query: string, opts: SearchOptions = {}): Promise<PassageHit[]> {
    const limit = opts.limit ?? 10;
    await this.loadNames();
    const tokens = segment(query);
    const q = tsqueryLiteral(tokens);
    if (!q || limit <= 0) return [];
    const years = opts.years ?? yearsIn(query);
    const sections = opts.sections ?? sectionsIn(query);
    const { rows } = await this.pool.query<HitRow>(
      `SELECT p.id, r.file, r.agency, r.year, p.section_no, p.section_title, p.row_table, p.text, p.start_offset, p.end_offset,
              (ts_rank_cd(p.tokens, q.q)
                 * CASE WHEN r.agency = ANY($4::text[]) OR r.aliases && $4::text[] THEN $7::float8 ELSE 1 END
                 * CASE WHEN r.year = ANY($5::int[]) THEN $8::float8 ELSE 1 END
                 * CASE WHEN p.section_no = ANY($6::smallint[]) THEN $9::float8 ELSE 1 END
                 * CASE WHEN p.row_table IS NOT NULL AND NOT $10::boolean THEN $11::float8 ELSE 1 END)::float8 AS score
         FROM passages p
         JOIN reports r ON r.id = p.report_id
         CROSS JOIN (SELECT $1::tsquery AS q) q
        WHERE p.tokens @@ q.q
          AND ($2::text[] IS NULL OR r.agency = ANY($2::text[]) OR r.aliases && $2::text[])
          AND ($3::int[] IS NULL OR r.year = ANY($3::int[]))
        ORDER BY score DESC, r.agency_key, r.year, r.file COLLATE "C", p.ordinal
        LIMIT $12`,
      [
        q,
        opts.filterAgencies ?? null,
        opts.filterYears ?? null,
        opts.agencies ?? [],
        years,
        sections,
        BOOSTS.agency,
        BOOSTS.year,
        BOOSTS.section,
        asksForRows(query),
        ROW_DEMOTION,
        limit,
      ],
    );
    const terms = [...new Set(tokens)].map((term) => ({ term, weight: 1 }));
    return rows.map((r) => {
      const passage = {
        id: Number(r.id),
        reportId: r.file,
        agency: r.agency,
        year: r.year,
        sectionNo: r.section_no,
        sectionTitle: r.section_title,
        text: r.text,
        start: r.start_offset,
        end: r.end_offset,
        ...(r.row_table !== null && { row: rowOfText(r.row_table, r.text) }),
      };
      return { passage, score: r.score, ...bestSentence(r.text, terms) };
    });
  }

  /** The corpus's names kept whole by jieba, as when the passages were cut, before a first question is. */
  private async loadNames(): Promise<void> {
    if (this.namesLoaded) return;
    await keepCorpusNamesWhole(this.pool);
    this.namesLoaded = true;
  }
}

