import { Index } from 'flexsearch';
import { Column } from './column.js';
import { passagesOf, PostingList } from './coding.js';
import type { PostingsFile } from './postings-file.js';

/**
 * Candidate retrieval: which passages hold a question's words, before BM25 ranks them.
 *
 * flexsearch indexes every term except the commonest ("common": in more than 2% of the passages,
 * and in more than 50). Those few hundred terms hold most of the postings (政务, 公开, 信息, 工作 …);
 * they would make flexsearch's export large and slow to import, and they do not help find a
 * passage. They are kept here as plain postings instead (passage ids and counts, coded as
 * varints), from which a question made only of common words is ranked term by term. Their weight
 * in the ranking is the same either way.
 */
export const COMMON_SHARE = 0.02;
export const COMMON_MIN_DF = 50;

/** Passages taken from flexsearch for one question. */
const CANDIDATES = 1000;

/**
 * flexsearch gets each passage's jieba words already cut, as vocabulary numbers (base 36) joined
 * by spaces, and splits them back: no tokenizer of its own. Numbers rather than the words keep
 * its export small and plain ASCII, quick to read back.
 */
export function createFlex(): Index {
  return new Index({ encode: (content: string) => content.split(' '), tokenize: 'strict', resolution: 1 });
}

/** The passages and terms the retrieval is (re)made from. */
export interface TermSource {
  /** Terms in the vocabulary (ids 0 … terms - 1). */
  terms: number;
  df: (term: number) => number;
  live: number;
  /** Live passages with their distinct term ids and counts. */
  passages: () => Iterable<{ pid: number; terms: number[]; tfs: number[] }>;
}

export class Retrieval {
  /** Terms of `stored` whose lists flexsearch has been given. */
  private readonly fetched = new Set<number>();

  constructor(
    readonly flex: Index = createFlex(),
    /** Common term id → passages holding it (removed passages included; callers skip them). */
    readonly common: Map<number, PostingList> = new Map(),
    /** Live passages when common terms were last chosen. */
    public splitLive = 0,
    /**
     * A saved index's postings, read term by term as questions ask for them (an index opened
     * for searching only); `common` and flexsearch then hold the terms asked so far.
     */
    private readonly stored: PostingsFile | null = null,
  ) {}

  /**
   * The retrieval of a saved index, everything read at once: the common terms' lists as they are
   * stored, the others given to flexsearch as it holds them (each term's passages in order).
   */
  static fromPostings(postings: Uint8Array, ends: Uint32Array, lasts: Uint32Array, commonIds: Uint32Array, df: (term: number) => number, splitLive: number): Retrieval {
    const common = new Map<number, PostingList>();
    for (const t of commonIds) common.set(t, new PostingList(new Column(Uint8Array, postings.subarray(start(ends, t), ends[t])), lasts[t], df(t)));
    const entries: Array<[string, number[][]]> = [];
    for (let t = 0; t < ends.length; t++) {
      if (common.has(t) || ends[t] === start(ends, t)) continue;
      entries.push([token(t), [passagesOf(postings, start(ends, t), ends[t])]]);
    }
    const flex = createFlex();
    flex.import('map', entries as unknown as string);
    return new Retrieval(flex, common, splitLive);
  }

  isCommon(term: number): boolean {
    return this.stored ? this.stored.common.has(term) : this.common.has(term);
  }

  /** A common term's passages. */
  commonList(term: number): PostingList | undefined {
    let list = this.common.get(term);
    if (!list && this.stored?.common.has(term)) this.common.set(term, (list = this.stored.list(term)));
    return list;
  }

  /** Indexes one passage under the current choice of common terms. */
  add(pid: number, terms: readonly number[], tfs: readonly number[]): void {
    if (this.stored) throw new Error('an index opened for searching cannot take passages');
    const rare: string[] = [];
    terms.forEach((t, i) => {
      const postings = this.common.get(t);
      if (postings) postings.push(pid, tfs[i]);
      else rare.push(token(t));
    });
    if (rare.length > 0) this.flex.add(pid, rare.join(' '));
  }

  /** Whether the corpus grew or shrank enough since common terms were chosen to choose again. */
  drifted(live: number): boolean {
    return live > 0 && (live > this.splitLive * 1.25 || live < this.splitLive * 0.8);
  }

  /** Chooses the common terms anew and indexes every passage again (from stored terms, no jieba). */
  static rebuild(source: TermSource): Retrieval {
    const threshold = Math.max(COMMON_MIN_DF, COMMON_SHARE * source.live);
    const common = new Map<number, PostingList>();
    for (let t = 0; t < source.terms; t++) if (source.df(t) > threshold) common.set(t, new PostingList());
    const out = new Retrieval(createFlex(), common, source.live);
    for (const { pid, terms, tfs } of source.passages()) out.add(pid, terms, tfs);
    return out;
  }

  /**
   * flexsearch's best matches for the question's uncommon words (none when it has only common
   * ones: those are ranked from their postings, see `PassageIndex`).
   */
  find(terms: readonly number[]): number[] {
    const rare = terms.filter((t) => !this.isCommon(t));
    if (rare.length === 0) return [];
    if (this.stored) this.fetch(rare);
    return this.flex.search(rare.map(token).join(' '), { limit: CANDIDATES, suggest: true }) as number[];
  }


  /** Gives flexsearch the lists of these (uncommon) terms of `stored` it does not hold yet. */
  private fetch(terms: readonly number[]): void {
    const entries: Array<[string, number[][]]> = [];
    for (const t of terms) {
      if (this.fetched.has(t)) continue;
      this.fetched.add(t);
      entries.push([token(t), [passagesOf(this.stored!.bytes(t))]]);
    }
    if (entries.length > 0) this.flex.import('map', entries as unknown as string);
  }

  close(): void {
    this.stored?.close();
  }
}

/** Where term `t`'s list starts, by the lists' ends. */
const start = (ends: Uint32Array, t: number): number => (t === 0 ? 0 : ends[t - 1]);

/** A term as flexsearch knows it: its vocabulary number in base 36. */
function token(term: number): string {
  return term.toString(36);
}
