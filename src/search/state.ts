import { decodeTerms, encodeTerms } from './coding.js';
import { Column } from './column.js';
import type { TermsFile } from './postings-file.js';
import { Retrieval, type TermSource } from './retrieval.js';
import type { SegmentMode } from './segment.js';
import { TextStore } from './texts.js';

/**
 * What a passage index is made of, as columns: per report an entry, per passage its report,
 * section, table (for a table row), offsets, length and (term, count) pairs, per term its passage count. This is what is
 * saved and loaded (persist.ts); `PassageIndex` reads and grows it.
 */

/** One report as the index keeps it. */
export interface ReportEntry {
  id: string;
  file: string;
  agency: string;
  aliases: string[];
  /** Names kept whole by the segmenter: agency, aliases, region. */
  names: string[];
  year: number;
  /** Place and template (`copyVariant`): with agency and year, which reports are copies of one. */
  variant: string;
  title: string;
  /** Section titles by section number (index 0 … 6). */
  sectionTitles: string[];
}

/** Everything an index is made of; what `persist.ts` writes and reads. */
export interface IndexState {
  mode: SegmentMode;
  /** null: removed since the last compaction. */
  reports: (ReportEntry | null)[];
  /** Per passage; `DEAD` marks a removed passage. */
  passageReport: Column<Uint32Array>;
  passageSection: Column<Uint8Array>;
  /** The table (1–3) of a table-row passage, 0 for prose. */
  passageTable: Column<Uint8Array>;
  passageStart: Column<Uint32Array>;
  passageEnd: Column<Uint32Array>;
  /** Token count, the BM25 length. */
  passageLength: Column<Uint32Array>;
  /** End of the passage's (term, count) pairs in `termBytes`. */
  termsEnd: Column<Uint32Array>;
  /** Every passage's (term, count) pairs, coded by `encodeTerms` (empty when `termsFile` holds them). */
  termBytes: Column<Uint8Array>;
  /**
   * The saved index's terms.bin, read passage by passage, instead of `termBytes`: an index opened
   * for searching only (`openStateSync`), which takes no passages.
   */
  termsFile: TermsFile | null;
  vocab: string[];
  /** Passages holding each term (live ones only). */
  df: Column<Uint32Array>;
  texts: TextStore;
  /** flexsearch (and the common terms' lists): which passages hold a word. */
  retrieval: Retrieval;
}

/** `passageReport` of a removed passage. */
export const DEAD = 0xffffffff;

export function emptyState(mode: SegmentMode): IndexState {
  return {
    mode,
    reports: [],
    passageReport: new Column(Uint32Array),
    passageSection: new Column(Uint8Array),
    passageTable: new Column(Uint8Array),
    passageStart: new Column(Uint32Array),
    passageEnd: new Column(Uint32Array),
    passageLength: new Column(Uint32Array),
    termsEnd: new Column(Uint32Array),
    termBytes: new Column(Uint8Array),
    termsFile: null,
    vocab: [],
    df: new Column(Uint32Array),
    texts: new TextStore(),
    retrieval: new Retrieval(),
  };
}

/** Where passage `pid`'s (term, count) pairs are: bytes, and their range there. */
export function termsOf(s: IndexState, pid: number): { bytes: Uint8Array; start: number; end: number } {
  if (s.termsFile) {
    const bytes = s.termsFile.of(pid);
    return { bytes, start: 0, end: bytes.length };
  }
  return { bytes: s.termBytes.view(), start: pid === 0 ? 0 : s.termsEnd.get(pid - 1), end: s.termsEnd.get(pid) };
}

/** Calls `visit` with each (term, count) pair of passage `pid`. */
export function forEachTerm(s: IndexState, pid: number, visit: (term: number, count: number) => void): void {
  const { bytes, start, end } = termsOf(s, pid);
  decodeTerms(bytes, start, end, visit);
}

/** Whether the state holds removed reports or passages. */
export function hasRemoved(s: IndexState, live: number): boolean {
  return live !== s.passageReport.length || s.reports.some((r) => r === null);
}

/**
 * The state without removed reports and passages, renumbered; the retrieval is re-made from the
 * stored terms (no segmentation).
 */
export function compact(s: IndexState): IndexState {
  const out = emptyState(s.mode);
  const termMap = new Map<number, number>();
  const reportMap = new Map<number, number>();
  s.reports.forEach((r, i) => {
    if (!r) return;
    reportMap.set(i, out.reports.length);
    out.reports.push(r);
  });
  for (let pid = 0; pid < s.passageReport.length; pid++) {
    const r = s.passageReport.get(pid);
    if (r === DEAD) continue;
    const terms: number[] = [];
    const counts: number[] = [];
    forEachTerm(s, pid, (old, count) => {
      let id = termMap.get(old);
      if (id === undefined) {
        id = out.vocab.length;
        termMap.set(old, id);
        out.vocab.push(s.vocab[old]);
        out.df.push(0);
      }
      out.df.set(id, out.df.get(id) + 1);
      terms.push(id);
      counts.push(count);
    });
    encodeTerms(out.termBytes, terms, counts);
    out.passageReport.push(reportMap.get(r)!);
    out.passageSection.push(s.passageSection.get(pid));
    out.passageTable.push(s.passageTable.get(pid));
    out.passageStart.push(s.passageStart.get(pid));
    out.passageEnd.push(s.passageEnd.get(pid));
    out.passageLength.push(s.passageLength.get(pid));
    out.termsEnd.push(out.termBytes.length);
    out.texts.push(s.texts.get(pid));
  }
  out.retrieval = Retrieval.rebuild(termSource(out, out.passageReport.length));
  return out;
}

/** The live passages and their terms, to (re)make the retrieval from. */
export function termSource(s: IndexState, live: number): TermSource {
  return {
    terms: s.vocab.length,
    df: (t) => s.df.get(t),
    live,
    *passages() {
      for (let pid = 0; pid < s.passageReport.length; pid++) {
        if (s.passageReport.get(pid) === DEAD) continue;
        const terms: number[] = [];
        const tfs: number[] = [];
        forEachTerm(s, pid, (term, count) => {
          terms.push(term);
          tfs.push(count);
        });
        yield { pid, terms, tfs };
      }
    },
  };
}
