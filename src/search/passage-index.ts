import { copyKeyOf, copyVariant } from '../ingest/copies.js';
import type { Report } from '../ingest/report.js';
import { CopyGroups, oneCopyEach } from './copies.js';
import { AgencyNames } from './agencies.js';
import { idf } from './bm25.js';
import { asksForRows, sectionsIn, yearsIn } from './cues.js';
import { addCorpusNames, addCorpusNameSource, corpusNamesOf } from './dictionary.js';
import { bestSentence, type WeightedTerm } from './highlight.js';
import { ScoreBoard, scoreFromPostings, scorePassage } from './ranking.js';
import { Retrieval } from './retrieval.js';
import { rowOfText, rowTitle } from './row-passages.js';
import type { TableNo } from '../facts/metrics.js';
import { matchKnownWords, segment, type SegmentMode } from './segment.js';
import { BatchWords, segmentBatch, type SegmentedPassage } from './segmented.js';
import { defaultThreads, segmentHere, segmentInWorkers } from './segmenter-pool.js';
import { encodeTerms } from './coding.js';
import { compact, DEAD, emptyState, forEachTerm, hasRemoved, termSource, type IndexState, type ReportEntry } from './state.js';
import { TopK } from './top-k.js';
import type { Manifest } from './manifest.js';

export interface Passage {
  /** Position in this index; a save that drops removed reports renumbers the passages. */
  id: number;
  reportId: string;
  agency: string;
  year: number;
  sectionNo: number;
  sectionTitle: string;
  text: string;
  start: number;
  end: number;
  /** For a passage made of a table row: its table and row label; absent for prose. */
  row?: { table: TableNo; label: string };
}

/** What a result is headed by: "表一 · 规章" for a table row, else its section's title. */
export function passageTitle(p: Passage): string {
  return p.row ? rowTitle(p.row) : p.sectionTitle;
}

export interface PassageHit {
  passage: Passage;
  score: number;
  /** the best-matching sentence of the passage */
  sentence: string;
  /** sentence with matches wrapped in 【】 */
  highlighted: string;
}

export interface SearchOptions {
  /** Hits returned; default 10. */
  limit?: number;
  /** Boost these agencies' passages; default: the agencies the query names. */
  agencies?: string[];
  /** Boost these years; default: the years the query names. */
  years?: number[];
  /** Boost these sections (1–6); default: the sections the query's words point to (问题 → 5). */
  sections?: number[];
  /** Only these agencies (name or alias). */
  filterAgencies?: string[];
  /** Only these years. */
  filterYears?: number[];
}

export interface BuildOptions {
  /** How words are cut; default 'search' (see `SegmentMode`). */
  mode?: SegmentMode;
  /** Worker threads that segment (0: this thread); default: see `defaultThreads`. */
  threads?: number;
  /** Called after each report is indexed (the index CLI prints one line per report). */
  onReport?: (summary: ReportSummary) => void;
}

export interface ReportSummary {
  reportId: string;
  agency: string;
  year: number;
  passages: number;
  tokens: number;
}

/** What ranks passages for one query: its terms and their weights, and what it boosts and allows. */
interface Ranking {
  terms: number[];
  weights: Map<number, number>;
  agencies: Set<number>;
  years: ReadonlySet<number>;
  sections: ReadonlySet<number>;
  allowed: Set<number> | null;
  /** Whether table rows rank as they score (the query holds a figure or names a row) or demoted. */
  rows: boolean;
}

/** How much a passage's score is multiplied when the question names its agency, year, section. */
export const BOOSTS = { agency: 2, year: 1.4, section: 1.5 } as const;

/**
 * How much a table row's score is multiplied when the question holds no figure and names no row:
 * rows are short and full of the commonest words (公开, 申请, 信息), and a report has dozens, so
 * without this they would crowd out the paragraph that answers a question in words.
 */
export const ROW_DEMOTION = 0.3;

/** Hard filters narrower than this many passages are scored in full, without flexsearch. */
export const EXHAUSTIVE_MAX = 20_000;

/**
 * The passage index: report passages segmented once by jieba, flexsearch for candidate
 * retrieval, BM25 over the stored term counts for ranking, boosts for the agency, year and
 * section a question names.
 *
 * @example
 * const index = await PassageIndex.build(reports);
 * const [hit] = index.search('鹤岗教育公众号发了多少条信息');
 * hit.passage.agency; // '鹤岗市教育局' (named by its alias 鹤岗教育)
 * hit.highlighted; // '在“鹤岗教育”微信【公众号】共计发布【信息】700条。'
 */
export class PassageIndex {
  private readonly termIndex = new Map<string, number>();
  private readonly reportByKey = new Map<string, number>();
  private readonly passagesOfReport = new Map<number, number[]>();
  private readonly agencyNames = new AgencyNames();
  private readonly copies = new CopyGroups();
  private live = 0;
  private totalLength = 0;

  /**
   * How questions are read. 'vocabulary' (default): the index's own words found in the question
   * (`matchKnownWords`), no jieba needed, so a freshly loaded index answers at once. 'jieba': the
   * question is cut like the passages were (`segment`), for comparison in the benchmark.
   */
  queryReader: 'vocabulary' | 'jieba' = 'vocabulary';

  private deferRetrieval = false;
  private readonly board = new ScoreBoard();
  private readonly termIdOf = (word: string) => this.termId(word);

  /** Use `build`, `load` or `openIndex`; this wraps a state they made. */
  constructor(readonly state: IndexState) {
    state.vocab.forEach((term, id) => this.termIndex.set(term, id));
    state.reports.forEach((r, i) => {
      if (!r) return;
      this.reportByKey.set(r.id, i);
      this.passagesOfReport.set(i, []);
      this.agencyNames.add(i, [r.agency, ...r.aliases]);
      this.copies.add(copyKeyOf(r.agency, r.year, r.variant));
    });
    addCorpusNameSource(() => state.reports.flatMap((r) => r?.names ?? []));
    // A report's passages are numbered one after another: its list is looked up once a run.
    const reportOf = state.passageReport.view();
    const lengths = state.passageLength.view();
    let run = DEAD;
    let list: number[] | undefined;
    for (let p = 0; p < reportOf.length; p++) {
      const r = reportOf[p];
      if (r === DEAD) continue;
      if (r !== run) list = this.passagesOfReport.get((run = r));
      list?.push(p);
      this.live++;
      this.totalLength += lengths[p];
    }
  }

  /**
   * Segments and indexes the reports: in worker threads when they are many (`opts.threads`), else
   * in this thread, yielding to the event loop between batches. The index is the same either way.
   */
  static async build(reports: Report[], opts: BuildOptions = {}): Promise<PassageIndex> {
    const index = new PassageIndex(emptyState(opts.mode ?? 'search'));
    // Retrieval is made once at the end, when the common terms are known.
    index.deferRetrieval = true;
    const threads = opts.threads ?? defaultThreads(reports.length);
    const batches = threads > 0 ? segmentInWorkers(reports, index.mode, threads) : segmentHere(reports, index.mode);
    let i = 0;
    for await (const batch of batches) {
      const words = new BatchWords(batch);
      for (const passages of batch.reports) {
        const summary = index.addSegmented(reports[i++], passages, words);
        opts.onReport?.(summary);
      }
    }
    index.deferRetrieval = false;
    index.state.retrieval = Retrieval.rebuild(termSource(index.state, index.live));
    return index;
  }

  /** Reads an index saved by `save` (see persist.ts for the layout). */
  /** `manifest`: the folder's manifest when the caller has just read it. */
  static async load(dir: string, manifest?: Manifest): Promise<PassageIndex> {
    const { loadState } = await import('./persist.js');
    return new PassageIndex(await loadState(dir, manifest));
  }

  /** Writes the index to `dir` atomically: a temporary folder renamed into place. */
  async save(dir: string, meta: SaveMeta = {}): Promise<void> {
    this.assertWritable();
    const { saveState } = await import('./persist.js');
    if (hasRemoved(this.state, this.live)) return saveState(compact(this.state), dir, meta);
    if (this.state.retrieval.drifted(this.live)) this.state.retrieval = Retrieval.rebuild(termSource(this.state, this.live));
    await saveState(this.state, dir, meta);
  }

  /** Closes the files the passage texts (and, opened for searching, the postings) are read from. */
  close(): void {
    this.state.texts.close();
    this.state.termsFile?.close();
    this.state.retrieval.close();
  }

  /** An index opened for searching (its lists left on disk) takes no reports. */
  private assertWritable(): void {
    if (this.state.termsFile) throw new Error('the passage index was opened for searching only; load it to add reports');
  }

  /** Live passages. */
  get size(): number {
    return this.live;
  }

  /** Reports indexed. */
  get reportCount(): number {
    return this.reportByKey.size;
  }

  get mode(): SegmentMode {
    return this.state.mode;
  }

  hasReport(reportId: string): boolean {
    return this.reportByKey.has(reportId);
  }

  reportIds(): string[] {
    return [...this.reportByKey.keys()];
  }

  /** The reports read from one corpus file (normally one, its path being the report id). */
  reportIdsOfFile(file: string): string[] {
    return this.state.reports.filter((r): r is ReportEntry => r !== null && (r.file === file || r.id === file)).map((r) => r.id);
  }

  /**
   * Indexes one report (replacing an earlier version of it), without touching the others:
   * adding a report to a large index costs that report only.
   */
  add(report: Report): ReportSummary {
    this.assertWritable();
    // Its names first: a report's own agency name is kept whole in its own text.
    addCorpusNames(corpusNamesOf(report));
    const batch = segmentBatch([report], this.state.mode);
    return this.addSegmented(report, batch.reports[0], new BatchWords(batch));
  }

  private addSegmented(report: Report, passages: readonly SegmentedPassage[], words: BatchWords): ReportSummary {
    if (this.reportByKey.has(report.id)) this.remove(report.id);
    const s = this.state;
    const names = corpusNamesOf(report);
    addCorpusNames(names);
    const reportIdx = s.reports.length;
    const sectionTitles = Array<string>(7).fill('');
    for (const sec of report.sections) sectionTitles[sec.no] = sec.title;
    s.reports.push({
      id: report.id,
      file: report.file,
      agency: report.meta.agency,
      aliases: report.meta.aliases,
      names,
      year: report.meta.year,
      variant: copyVariant(report.meta),
      title: report.meta.title,
      sectionTitles,
    });
    this.reportByKey.set(report.id, reportIdx);
    this.copies.add(this.copyKeyOfReport(reportIdx));
    this.agencyNames.add(reportIdx, [report.meta.agency, ...report.meta.aliases]);
    const ids = passages.map((p) => this.addPassage(reportIdx, p, words));
    this.passagesOfReport.set(reportIdx, ids);
    const tokens = passages.reduce((sum, p) => sum + p.length, 0);
    return { reportId: report.id, agency: report.meta.agency, year: report.meta.year, passages: ids.length, tokens };
  }

  /**
   * Takes a report out. Its passages leave the results at once; their room (and their postings
   * in flexsearch, whose own removal scans every term) is reclaimed when the index is next saved.
   */
  remove(reportId: string): void {
    this.assertWritable();
    const reportIdx = this.reportByKey.get(reportId);
    if (reportIdx === undefined) return;
    const s = this.state;
    for (const pid of this.passagesOfReport.get(reportIdx) ?? []) {
      forEachTerm(s, pid, (t) => s.df.set(t, s.df.get(t) - 1));
      this.live--;
      this.totalLength -= s.passageLength.get(pid);
      s.passageReport.set(pid, DEAD);
    }
    const entry = s.reports[reportIdx]!;
    this.agencyNames.remove(reportIdx, [entry.agency, ...entry.aliases]);
    this.copies.remove(this.copyKeyOfReport(reportIdx));
    s.reports[reportIdx] = null;
    this.reportByKey.delete(reportId);
    this.passagesOfReport.delete(reportIdx);
  }

  /** The passages of one report, in reading order, optionally of one section only. */
  passagesOf(reportId: string, sectionNo?: number): Passage[] {
    const reportIdx = this.reportByKey.get(reportId);
    if (reportIdx === undefined) return [];
    return (this.passagesOfReport.get(reportIdx) ?? [])
      .filter((p) => sectionNo === undefined || this.state.passageSection.get(p) === sectionNo)
      .map((p) => this.passage(p));
  }

  /**
   * Ranked passages for a question: flexsearch finds candidates holding its words, BM25 ranks
   * them, and the agency / year / section the question names (or `opts` gives) boost them.
   */
  search(query: string, opts: SearchOptions = {}): PassageHit[] {
    const limit = opts.limit ?? 10;
    const agencies = opts.agencies ? this.agencyNames.named(opts.agencies) : this.agencyNames.mentionedIn(query);
    const terms = this.queryTerms(query, agencies);
    if (terms.length === 0 || limit <= 0) return [];

    const weights = new Map<number, number>();
    for (const t of terms) weights.set(t, idf(this.live, this.state.df.get(t)));
    const ranking: Ranking = {
      terms,
      weights,
      agencies,
      years: new Set(opts.years ?? yearsIn(query)),
      sections: new Set(opts.sections ?? sectionsIn(query)),
      allowed: this.allowedReports(opts),
      rows: asksForRows(query),
    };
    const best = this.copies.any ? this.bestOfOneCopyEach(ranking, limit) : this.best(ranking, limit);

    const highlightTerms: WeightedTerm[] = terms.map((t) => ({ term: this.state.vocab[t], weight: weights.get(t)! }));
    return best.map(({ pid, score }) => {
      const passage = this.passage(pid);
      return { passage, score, ...bestSentence(passage.text, highlightTerms) };
    });
  }

  /** The `k` best passages for a query's terms, with the boosts of its agencies, years and sections. */
  private best(q: Ranking, k: number): Array<{ pid: number; score: number }> {
    const { terms, weights, agencies, years, sections, allowed, rows } = q;
    const average = this.totalLength / (this.live || 1);
    const top = new TopK(k);
    const offer = (pid: number, base: number) => {
      if (base === 0) return;
      const reportIdx = this.state.passageReport.get(pid);
      let score = base;
      if (agencies.size > 0 && agencies.has(reportIdx)) score *= BOOSTS.agency;
      if (years.size > 0 && years.has(this.state.reports[reportIdx]!.year)) score *= BOOSTS.year;
      if (sections.size > 0 && sections.has(this.state.passageSection.get(pid))) score *= BOOSTS.section;
      if (!rows && this.state.passageTable.get(pid) !== 0) score *= ROW_DEMOTION;
      top.offer(pid, score);
    };
    const few = allowed && this.passageCount(allowed) <= EXHAUSTIVE_MAX;
    if (!few && terms.every((t) => this.state.retrieval.isCommon(t))) {
      scoreFromPostings(this.state, terms, weights, average, allowed, this.board);
      this.board.drain(offer);
    } else {
      const pids = [...this.candidates(terms, allowed, few ? null : agencies, !!few)];
      this.state.termsFile?.readAhead(pids);
      for (const pid of pids) offer(pid, scorePassage(this.state, pid, weights, average));
    }
    return top.sorted();
  }

  /**
   * The `limit` best passages with a report indexed from two files shown through one copy: its
   * passages rank twice, so more are ranked (rarely twice over) and one copy of each kept.
   */
  private bestOfOneCopyEach(q: Ranking, limit: number): Array<{ pid: number; score: number }> {
    for (let k = limit * 2; ; k *= 4) {
      const ranked = this.best(q, k);
      const kept = oneCopyEach(ranked, (h) => this.state.passageReport.get(h.pid), (r) => this.copyKeyOfReport(r));
      if (kept.length >= limit || ranked.length < k) return kept.slice(0, limit);
    }
  }

  /** The copy key of an indexed report (see `copyKey`): reports sharing one are copies of one report. */
  private copyKeyOfReport(reportIdx: number): string {
    const r = this.state.reports[reportIdx]!;
    return copyKeyOf(r.agency, r.year, r.variant);
  }

  /**
   * The query's distinct known terms. The names of the boosted agencies are left out: the boost
   * already counts them, and as words they would rank a passage that merely names the agency
   * (its title, its signature) above the one that answers. Kept when nothing else is left.
   */
  private queryTerms(query: string, agencies: ReadonlySet<number>): number[] {
    let rest = query;
    for (const m of this.agencyNames.mentions(query)) {
      if ([...m.reports].some((r) => agencies.has(r))) rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
    }
    const known = (text: string) => {
      const ids = new Set<number>();
      const words =
        this.queryReader === 'jieba' ? segment(text, this.state.mode) : matchKnownWords(text, (w) => this.isLiveTerm(w));
      for (const word of words) {
        const id = this.termIndex.get(word);
        if (id !== undefined && this.state.df.get(id) > 0) ids.add(id);
      }
      return [...ids];
    };
    const terms = rest === query ? [] : known(rest);
    return terms.length > 0 ? terms : known(query);
  }

  private isLiveTerm(word: string): boolean {
    const id = this.termIndex.get(word);
    return id !== undefined && this.state.df.get(id) > 0;
  }

  private allowedReports(opts: SearchOptions): Set<number> | null {
    if (!opts.filterAgencies && !opts.filterYears) return null;
    const byAgency = opts.filterAgencies ? this.agencyNames.named(opts.filterAgencies) : null;
    const years = opts.filterYears ? new Set(opts.filterYears) : null;
    const out = new Set<number>();
    this.state.reports.forEach((r, i) => {
      if (r && (!byAgency || byAgency.has(i)) && (!years || years.has(r.year))) out.add(i);
    });
    return out;
  }

  private passageCount(reports: Set<number>): number {
    let total = 0;
    for (const r of reports) total += this.passagesOfReport.get(r)?.length ?? 0;
    return total;
  }

  /**
   * Passages to rank one by one: all passages of the allowed reports when they are few, else the
   * passages of the agencies the question names (considered even past flexsearch's cut) and
   * flexsearch's matches.
   */
  private *candidates(terms: number[], allowed: Set<number> | null, agencies: Set<number> | null, all: boolean): Iterable<number> {
    if (all && allowed) {
      for (const r of allowed) yield* this.passagesOfReport.get(r) ?? [];
      return;
    }
    const seen = new Set<number>();
    for (const r of agencies ?? []) {
      if (allowed && !allowed.has(r)) continue;
      for (const pid of this.passagesOfReport.get(r) ?? []) {
        seen.add(pid);
        yield pid;
      }
    }
    for (const pid of this.state.retrieval.find(terms)) {
      const r = this.state.passageReport.get(pid);
      if (r === DEAD || (allowed && !allowed.has(r)) || seen.has(pid)) continue;
      seen.add(pid);
      yield pid;
    }
  }





  private passage(pid: number): Passage {
    const s = this.state;
    const report = s.reports[s.passageReport.get(pid)]!;
    const sectionNo = s.passageSection.get(pid);
    const table = s.passageTable.get(pid) as 0 | TableNo;
    const text = s.texts.get(pid);
    return {
      id: pid,
      reportId: report.id,
      agency: report.agency,
      year: report.year,
      sectionNo,
      sectionTitle: report.sectionTitles[sectionNo] ?? '',
      text,
      start: s.passageStart.get(pid),
      end: s.passageEnd.get(pid),
      ...(table !== 0 && { row: rowOfText(table, text) }),
    };
  }

  private addPassage(reportIdx: number, p: SegmentedPassage, words: BatchWords): number {
    const s = this.state;
    const pid = s.passageReport.length;
    const ids = p.terms.map((n) => {
      const id = words.id(n, this.termIdOf);
      s.df.set(id, s.df.get(id) + 1);
      return id;
    });
    encodeTerms(s.termBytes, ids, p.counts);
    s.passageReport.push(reportIdx);
    s.passageSection.push(p.sectionNo);
    s.passageTable.push(p.table);
    s.passageStart.push(p.start);
    s.passageEnd.push(p.end);
    s.passageLength.push(p.length);
    s.termsEnd.push(s.termBytes.length);
    s.texts.push(p.text);
    if (!this.deferRetrieval) s.retrieval.add(pid, ids, p.counts);
    this.live++;
    this.totalLength += p.length;
    return pid;
  }

  /** The id of a word, a new one when the vocabulary lacks it. */
  private termId(word: string): number {
    let id = this.termIndex.get(word);
    if (id === undefined) {
      const s = this.state;
      id = s.vocab.length;
      s.vocab.push(word);
      s.df.push(0);
      this.termIndex.set(word, id);
    }
    return id;
  }
}

/** What `save` records besides the index: the corpus files it was built from. */
export interface SaveMeta {
  files?: CorpusFileStamp[];
}

/** A corpus file as the manifest records it; size and mtime let a check skip re-hashing. */
export interface CorpusFileStamp {
  file: string;
  sha256: string;
  size?: number;
  mtimeMs?: number;
}
