/**
 * Passage search in the database, ranked as the embedded index ranks (search/passage-index.ts):
 * the question's words are those of the stored vocabulary it holds (`matchKnownWords`), agency
 * names it mentions boost their reports and are left out of its words, candidates are chosen as
 * the embedded index chooses them (the passages holding one of the question's rarer words, found
 * through the GIN index on `tokens`, and the boosted agencies' passages), scored by BM25 over their stored term counts
 * with the embedded constants and boosts, ties to the earlier passage (by file, then order), one
 * copy of a report shown.
 *
 * Word counts, the passage count and the passages' length come from `passage_words` and
 * `passage_totals`, kept by triggers (migration 002). What differs from the embedded index: the
 * agency names are read at the first question and kept (an engine is made anew when the corpus
 * changes); a word repeated more than 256 times in one
 * passage counts 256 (tsvector keeps at most 256 positions a word); the embedded index takes at
 * most 1,000 of the passages holding a rarer word (flexsearch's cut) and chooses which words are
 * common when it is built, the database every question: on a large corpus, or an embedded index
 * updated often since its build, the two can rank different passages.
 */
import type pg from 'pg';
import { AgencyNames } from '../search/agencies.js';
import { idf, termWeight } from '../search/bm25.js';
import { oneCopyEach } from '../search/copies.js';
import { asksForRows, sectionsIn, yearsIn } from '../search/cues.js';
import { bestSentence, type WeightedTerm } from '../search/highlight.js';
import { BOOSTS, EXHAUSTIVE_MAX, ROW_DEMOTION, type PassageHit, type SearchOptions } from '../search/passage-index.js';
import { COMMON_MIN_DF, COMMON_SHARE } from '../search/retrieval.js';
import { rowOfText } from '../search/row-passages.js';
import { matchKnownWords } from '../search/segment.js';
import type { TableNo } from '../facts/metrics.js';
import { keepCorpusNamesWhole } from './corpus-names.js';
import { tsqueryLiteral } from './tsvector.js';

/** What ranking needs of the whole corpus, read once. */
interface CorpusStats {
  passages: number;
  averageLength: number;
  names: AgencyNames;
  /** Report id → its file (the order ties go by) and copy key. */
  reports: Map<number, { file: string; copyKey: string }>;
}

interface CandidateRow {
  id: number;
  report: number;
  ordinal: number;
  year: number;
  section_no: number;
  is_row: boolean;
  length: number;
  tf: Record<string, number> | null;
}

interface PassageRow {
  id: number;
  file: string;
  agency: string;
  year: number;
  section_no: number;
  section_title: string;
  row_table: TableNo | null;
  text: string;
  start_offset: number;
  end_offset: number;
}

/**
 * Searches the passages the database holds, with the options and results of `PassageIndex.search`.
 *
 * @example
 *   const hits = await new PgPassageSearch(pool).search('鹤岗教育公众号发了多少条信息', { limit: 3 });
 *   hits[0].highlighted // '在“鹤岗教育”微信【公众号】共计发布【信息】700条。'
 */
export class PgPassageSearch {
  private names: Promise<Pick<CorpusStats, 'names' | 'reports'>> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async search(query: string, opts: SearchOptions = {}): Promise<PassageHit[]> {
    const limit = opts.limit ?? 10;
    if (limit <= 0) return [];
    const corpus = { ...(await (this.names ??= this.readNames())), ...(await this.totals()) };
    const agencies = opts.agencies ? corpus.names.named(opts.agencies) : corpus.names.mentionedIn(query);
    const { terms, df } = await this.queryTerms(query, agencies, corpus.names);
    if (!terms.length) return [];
    const weights = new Map(terms.map((t) => [t, idf(corpus.passages, df.get(t) as number)]));
    const allowed = opts.filterAgencies ? [...corpus.names.named(opts.filterAgencies)] : null;
    const filterYears = opts.filterYears ?? null;
    // The embedded index's candidates: every passage of a narrow filter; else those holding a rare
    // word (or, for a question of common words only, any word), and every passage of a boosted agency.
    const few = (allowed || filterYears) && (await this.passageCount(allowed, filterYears)) <= EXHAUSTIVE_MAX;
    const threshold = Math.max(COMMON_MIN_DF, COMMON_SHARE * corpus.passages);
    const rare = terms.filter((t) => (df.get(t) as number) <= threshold);
    const narrowed = !few && rare.length > 0;
    const { rows } = await this.pool.query<CandidateRow>(
      `SELECT p.id::int AS id, p.report_id::int AS report, p.ordinal, r.year, p.section_no, p.row_table IS NOT NULL AS is_row, p.length, s.tf
         FROM passages p
         JOIN reports r ON r.id = p.report_id
         CROSS JOIN LATERAL (
           SELECT jsonb_object_agg(u.lexeme, cardinality(u.positions)) AS tf FROM unnest(p.tokens) u WHERE u.lexeme = ANY($2::text[])
         ) s
        WHERE p.tokens @@ $1::tsquery
          AND ($3::bigint[] IS NULL OR p.report_id = ANY($3::bigint[]))
          AND ($4::int[] IS NULL OR r.year = ANY($4::int[]))
          AND ($5::tsquery IS NULL OR p.tokens @@ $5::tsquery OR p.report_id = ANY($6::bigint[]))`,
      [tsqueryLiteral(terms), terms, allowed, filterYears, narrowed ? tsqueryLiteral(rare) : null, [...agencies]],
    );
    const years = new Set(opts.years ?? yearsIn(query));
    const sections = new Set(opts.sections ?? sectionsIn(query));
    const demote = !asksForRows(query);
    const scored = rows.map((c) => {
      let score = 0;
      for (const t of terms) {
        const count = c.tf?.[t];
        if (count) score += (weights.get(t) as number) * termWeight(count, c.length, corpus.averageLength);
      }
      if (agencies.size > 0 && agencies.has(c.report)) score *= BOOSTS.agency;
      if (years.size > 0 && years.has(c.year)) score *= BOOSTS.year;
      if (sections.size > 0 && sections.has(c.section_no)) score *= BOOSTS.section;
      if (demote && c.is_row) score *= ROW_DEMOTION;
      return { c, score, file: corpus.reports.get(c.report)?.file ?? '' };
    });
    // Ties go to the earlier passage, as the embedded index (built in file order) breaks them.
    scored.sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.c.ordinal - b.c.ordinal));
    const best = oneCopyEach(
      scored.filter((s) => s.score > 0),
      (s) => s.c.report,
      (r) => corpus.reports.get(r)?.copyKey ?? String(r),
    ).slice(0, limit);
    const texts = await this.passages(best.map((b) => b.c.id));
    const highlight: WeightedTerm[] = terms.map((term) => ({ term, weight: weights.get(term) as number }));
    return best.map(({ c, score }) => {
      const r = texts.get(c.id) as PassageRow;
      const passage = {
        id: r.id,
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
      return { passage, score, ...bestSentence(r.text, highlight) };
    });
  }

  /**
   * The question's distinct words the passages hold, each with how many passages hold it. The
   * names of the boosted agencies are left out (the boost counts them), unless nothing else is
   * left: as `PassageIndex.queryTerms`.
   */
  private async queryTerms(query: string, agencies: ReadonlySet<number>, names: AgencyNames): Promise<{ terms: string[]; df: Map<string, number> }> {
    let rest = query;
    for (const m of names.mentions(query)) {
      if ([...m.reports].some((r) => agencies.has(r))) rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
    }
    // Every word the vocabulary could be asked about, then the vocabulary asked once for all.
    const asked = new Set<string>();
    for (const text of [query, rest]) matchKnownWords(text, (w) => (asked.add(w), false));
    const df = await this.frequencies([...asked]);
    const known = (text: string) => [...new Set(matchKnownWords(text, (w) => (df.get(w) ?? 0) > 0))];
    const terms = rest === query ? [] : known(rest);
    return { terms: terms.length > 0 ? terms : known(query), df };
  }

  /** How many passages the reports of these agencies (ids) and years hold. */
  private async passageCount(reports: readonly number[] | null, years: readonly number[] | null): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM passages p JOIN reports r ON r.id = p.report_id
        WHERE ($1::bigint[] IS NULL OR p.report_id = ANY($1::bigint[])) AND ($2::int[] IS NULL OR r.year = ANY($2::int[]))`,
      [reports, years],
    );
    return rows[0].n;
  }

  /** How many passages hold each word (absent: none), as the writer's triggers keep them (migration 002). */
  private async frequencies(words: readonly string[]): Promise<Map<string, number>> {
    if (!words.length) return new Map();
    const { rows } = await this.pool.query<{ word: string; passages: number }>('SELECT word, passages FROM passage_words WHERE word = ANY($1::text[])', [words]);
    return new Map(rows.map((r) => [r.word, r.passages]));
  }

  private async passages(ids: readonly number[]): Promise<Map<number, PassageRow>> {
    const { rows } = await this.pool.query<PassageRow>(
      `SELECT p.id::int AS id, r.file, r.agency, r.year, p.section_no, p.section_title, p.row_table, p.text, p.start_offset, p.end_offset
         FROM passages p JOIN reports r ON r.id = p.report_id WHERE p.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** How many passages there are now, and their average length in tokens. */
  private async totals(): Promise<Pick<CorpusStats, 'passages' | 'averageLength'>> {
    const { rows } = await this.pool.query<{ passages: number; length: number }>('SELECT passages::float8 AS passages, length::float8 AS length FROM passage_totals');
    const { passages, length } = rows[0] ?? { passages: 0, length: 0 };
    return { passages, averageLength: length / (passages || 1) };
  }

  /** The agencies' names and the reports' files and copy keys, and the corpus's names kept whole by jieba. */
  private async readNames(): Promise<Pick<CorpusStats, 'names' | 'reports'>> {
    await keepCorpusNamesWhole(this.pool);
    const { rows } = await this.pool.query<{ id: number; file: string; agency: string; aliases: string[]; copy_key: string }>(
      'SELECT id::int AS id, file, agency, aliases, copy_key FROM reports',
    );
    const names = new AgencyNames();
    const reports = new Map<number, { file: string; copyKey: string }>();
    for (const r of rows) {
      names.add(r.id, [r.agency, ...r.aliases]);
      reports.set(r.id, { file: r.file, copyKey: r.copy_key });
    }
    return { names, reports };
  }
}
