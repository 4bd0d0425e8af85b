/**
 * Passage search in the database, ranked as the embedded index ranks (search/passage-index.ts):
 * the question's words are those of the stored vocabulary it holds (`matchKnownWords`), agency
 * names it mentions boost their reports and are left out of its words; candidates are every
 * passage of a narrow filter, else each rarer word's best passages (or, for a question of common
 * words only, each word's), taken from the front of `passage_postings` (migration 005: a word's
 * passages by BM25's weight at a reference length), and the boosted agencies' passages; they are
 * scored by BM25 over their tokens' counts with the embedded constants and boosts, ties to the
 * earlier passage (by file, then order), one copy of a report shown. What a question costs
 * depends on its words, not on the corpus: at most `CANDIDATES_PER_WORD` passages a word.
 *
 * Word counts, the passage count and the passages' length come from `passage_words` and
 * `passage_totals`, kept by triggers (migration 002). What differs from the embedded index: the
 * agency names (one entry an agency and its aliases) are read at the first question and kept (an
 * engine is made anew when the corpus changes); a word repeated more than 256 times in one
 * passage counts 256 (tsvector keeps at most 256 positions a word); the embedded index takes at
 * most 1,000 of the passages holding a rarer word (flexsearch's cut, in its own order) and scores
 * every passage of a question of common words only, the database takes the best passages of each
 * word by their weight; it also chooses which words are common when it is built, the database
 * every question. On a corpus where no question word is in more passages than are taken (the
 * seeds, a few thousand passages) the candidates and answers are the same.
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
import { spansOf } from '../query/agencies.js';
import { longestAgencyName } from './agency-names.js';
import { tsqueryLiteral } from './tsvector.js';

/** How many of a word's passages, its best first, a question takes as candidates. */
export const CANDIDATES_PER_WORD = 1000;

/**
 * A question of many words takes fewer passages of each (each candidate is read from the
 * passages table): 1,000 a word for up to two words, then about 2,000 in all, at least 250 a word.
 */
export function candidatesPerWord(words: number): number {
  return Math.max(250, Math.min(CANDIDATES_PER_WORD, Math.ceil((2 * CANDIDATES_PER_WORD) / Math.max(words, 1))));
}

/**
 * The agencies' names, each name pointing to the groups of reports that carry it: a group is one
 * agency name with one list of aliases (as reports record them), so the names are O(agencies),
 * and a group's reports are found in SQL by its name and aliases.
 */
interface AgencyGroups {
  names: AgencyNames;
  groups: Array<{ agency: string; aliases: string[] }>;
}

interface CandidateRow {
  id: number;
  report: number;
  ordinal: number;
  year: number;
  section_no: number;
  is_row: boolean;
  length: number;
  file: string;
  copy_key: string;
  boosted: boolean;
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
  /** The longest name a question's span is looked up to (read once: an engine is made again when reports change). */
  private longest: Promise<number> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async search(query: string, opts: SearchOptions = {}): Promise<PassageHit[]> {
    const limit = opts.limit ?? 10;
    if (limit <= 0) return [];
    const [known, corpus] = await Promise.all([this.namesFor(query, [...(opts.agencies ?? []), ...(opts.filterAgencies ?? [])]), this.totals()]);
    const agencies = opts.agencies ? known.names.named(opts.agencies) : known.names.mentionedIn(query);
    const { terms, df } = await this.queryTerms(query, agencies, known.names);
    if (!terms.length) return [];
    const weights = new Map(terms.map((t) => [t, idf(corpus.passages, df.get(t) as number)]));
    const groupsOf = (ids: Iterable<number>) => [...ids].map((g) => known.groups[g]);
    const filter: ReportFilter = {
      groups: opts.filterAgencies ? groupsOf(known.names.named(opts.filterAgencies)) : null,
      years: opts.filterYears ?? null,
    };
    const filtered = filter.groups !== null || filter.years !== null;
    // The embedded index's candidates: every passage of a narrow filter; else those holding a rare
    // word (or, for a question of common words only, any word), each word's best passages first,
    // and every passage of a boosted agency.
    const few = filtered && (await this.passageCount(filter)) <= EXHAUSTIVE_MAX;
    const threshold = Math.max(COMMON_MIN_DF, COMMON_SHARE * corpus.passages);
    const rare = terms.filter((t) => (df.get(t) as number) <= threshold);
    const rows = await this.candidates({ terms, words: rare.length > 0 ? rare : terms, few, filter, boosted: groupsOf(agencies) });
    const years = new Set(opts.years ?? yearsIn(query));
    const sections = new Set(opts.sections ?? sectionsIn(query));
    const demote = !asksForRows(query);
    const scored = rows.map((c) => {
      let score = 0;
      for (const t of terms) {
        const count = c.tf?.[t];
        if (count) score += (weights.get(t) as number) * termWeight(count, c.length, corpus.averageLength);
      }
      if (c.boosted) score *= BOOSTS.agency;
      if (years.size > 0 && years.has(c.year)) score *= BOOSTS.year;
      if (sections.size > 0 && sections.has(c.section_no)) score *= BOOSTS.section;
      if (demote && c.is_row) score *= ROW_DEMOTION;
      return { c, score };
    });
    // Ties go to the earlier passage, as the embedded index (built in file order) breaks them.
    scored.sort((a, b) => b.score - a.score || (a.c.file < b.c.file ? -1 : a.c.file > b.c.file ? 1 : a.c.ordinal - b.c.ordinal));
    const copyKeys = new Map(rows.map((c) => [c.report, c.copy_key]));
    const best = oneCopyEach(
      scored.filter((s) => s.score > 0),
      (s) => s.c.report,
      (r) => copyKeys.get(r) as string,
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
   * The passages to rank, with what ranking needs of each: its report's file, year and copy key,
   * whether a boosted agency wrote it, and its counts of the question's words (read from its
   * tokens, only these few passages' ones). Every passage of the filter holding a word when the
   * filter is narrow (`few`); else the `CANDIDATES_PER_WORD` best passages of each of `words`
   * (by `passage_postings`' impact, within the filter), and the boosted agencies' passages.
   */
  private async candidates(q: { terms: string[]; words: string[]; few: boolean; filter: ReportFilter; boosted: ReportGroup[] }): Promise<CandidateRow[]> {
    const params: unknown[] = [q.terms, JSON.stringify(q.boosted)];
    const param = (value: unknown) => `$${params.push(value)}`;
    const filtered = q.filter.groups !== null || q.filter.years !== null;
    const allowed = filtered ? `, allowed AS MATERIALIZED (${allowedReports(q.filter, param)})` : '';
    const within = (report: string) => (filtered ? ` AND ${report} IN (SELECT id FROM allowed)` : '');
    const found = q.few
      ? `SELECT p.id FROM passages p WHERE p.tokens @@ ${param(tsqueryLiteral(q.terms))}::tsquery${within('p.report_id')}`
      : `SELECT c.passage_id AS id FROM unnest(${param(q.words)}::text[]) w(word) CROSS JOIN LATERAL (
           SELECT pp.passage_id FROM passage_postings pp${filtered ? ' JOIN passages p ON p.id = pp.passage_id' : ''}
            WHERE pp.word = w.word${within('p.report_id')}
            ORDER BY pp.impact DESC, pp.passage_id LIMIT ${candidatesPerWord(q.words.length)}) c
         UNION SELECT p.id FROM passages p WHERE p.report_id IN (SELECT id FROM boosted)${within('p.report_id')}`;
    const { rows } = await this.pool.query<CandidateRow>(
      // Each candidate looked up by its id (OFFSET 0 keeps the planner from joining the whole table).
      `WITH boosted AS MATERIALIZED (
         SELECT r.id FROM reports r JOIN jsonb_to_recordset($2::jsonb) g(agency text, aliases text[]) ON r.agency = g.agency AND r.aliases = g.aliases
       )${allowed}, found AS MATERIALIZED (${found})
       SELECT x.* FROM found f CROSS JOIN LATERAL (
         SELECT p.id::int AS id, p.report_id::int AS report, p.ordinal, r.year, p.section_no, p.row_table IS NOT NULL AS is_row, p.length,
                r.file, r.copy_key, p.report_id IN (SELECT id FROM boosted) AS boosted,
                (SELECT jsonb_object_agg(u.lexeme, cardinality(u.positions)) FROM unnest(ts_filter(setweight(p.tokens, 'A', $1::text[]), '{a}')) u) AS tf
           FROM passages p JOIN reports r ON r.id = p.report_id WHERE p.id = f.id OFFSET 0) x`,
      params,
    );
    return rows;
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

  /** How many passages the filter's reports hold, counted up to one past `EXHAUSTIVE_MAX`. */
  private async passageCount(filter: ReportFilter): Promise<number> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const { rows } = await this.pool.query<{ n: number }>(
      `WITH allowed AS MATERIALIZED (${allowedReports(filter, param)})
       SELECT count(*)::int AS n FROM (SELECT 1 FROM passages p WHERE p.report_id IN (SELECT id FROM allowed) LIMIT ${EXHAUSTIVE_MAX + 1}) s`,
      params,
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
  private async totals(): Promise<{ passages: number; averageLength: number }> {
    const { rows } = await this.pool.query<{ passages: number; length: number }>('SELECT passages::float8 AS passages, length::float8 AS length FROM passage_totals');
    const { passages, length } = rows[0] ?? { passages: 0, length: 0 };
    return { passages, averageLength: length / (passages || 1) };
  }

  /**
   * The groups of reports (one agency name and list of aliases) a question can name: those one
   * of whose names is a span of the question or one of `named`, and, for a name of `named` no
   * group has, every group with a name holding it (`AgencyNames.named`). What `AgencyNames`
   * finds among these is what it finds among every group: it looks up spans and those names only.
   */
  private async namesFor(query: string, named: readonly string[]): Promise<AgencyGroups> {
    this.longest ??= longestAgencyName(this.pool);
    const asked = [...new Set([...spansOf(query, await this.longest), ...named])];
    const rows: Array<{ agency: string; aliases: string[] }> = asked.length
      ? (await this.pool.query<{ agency: string; aliases: string[] }>('SELECT DISTINCT agency, aliases FROM reports WHERE agency = ANY($1::text[]) OR aliases && $1::text[]', [asked])).rows
      : [];
    const held = new Set(rows.flatMap((g) => [g.agency, ...g.aliases]));
    const partial = named.filter((n) => !held.has(n));
    if (partial.length) {
      const seen = new Set(rows.map((g) => JSON.stringify([g.agency, g.aliases])));
      const more = await this.pool.query<{ agency: string; aliases: string[] }>(
        `SELECT DISTINCT agency, aliases FROM reports r
          WHERE EXISTS (SELECT 1 FROM unnest(array_prepend(r.agency, r.aliases)) n, unnest($1::text[]) p WHERE strpos(n, p) > 0)`,
        [partial],
      );
      for (const g of more.rows) if (!seen.has(JSON.stringify([g.agency, g.aliases]))) rows.push(g);
    }
    const names = new AgencyNames();
    rows.forEach((g, i) => names.add(i, [g.agency, ...g.aliases]));
    return { names, groups: rows };
  }
}

/** One agency as reports name it: the reports of this name and these aliases. */
type ReportGroup = { agency: string; aliases: string[] };

/** Only the reports of these agencies (null: any) and of these years (null: any). */
interface ReportFilter {
  groups: ReportGroup[] | null;
  years: readonly number[] | null;
}

/** The SELECT of the filter's report ids, its values given through `param`. */
function allowedReports(filter: ReportFilter, param: (value: unknown) => string): string {
  const where: string[] = [];
  if (filter.groups) {
    where.push(`r.agency = ANY(${param(filter.groups.map((g) => g.agency))}::text[])`);
    where.push(`EXISTS (SELECT 1 FROM jsonb_to_recordset(${param(JSON.stringify(filter.groups))}::jsonb) g(agency text, aliases text[]) WHERE g.agency = r.agency AND g.aliases = r.aliases)`);
  }
  if (filter.years) where.push(`r.year = ANY(${param(filter.years)}::int[])`);
  return `SELECT r.id FROM reports r WHERE ${where.join(' AND ') || 'true'}`;
}
