import { Index } from 'flexsearch';
import { PostingList } from './coding.js';

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
  constructor(
    readonly flex: Index = createFlex(),
    /** Common term id → passages holding it (removed passages included; callers skip them). */
    readonly common: Map<number, PostingList> = new Map(),
    /** Live passages when common terms were last chosen. */
    public splitLive = 0,
  ) {}

  isCommon(term: number): boolean {
    return this.common.has(term);
  }

  /** Indexes one passage under the current choice of common terms. */
  add(pid: number, terms: readonly number[], tfs: readonly number[]): void {
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
    const rare = terms.filter((t) => !this.common.has(t));
    if (rare.length === 0) return [];
    return this.flex.search(rare.map(token).join(' '), { limit: CANDIDATES, suggest: true }) as number[];
  }
}

/** A term as flexsearch knows it: its vocabulary number in base 36. */
function token(term: number): string {
  return term.toString(36);
}
