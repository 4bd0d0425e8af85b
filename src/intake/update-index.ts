import path from 'node:path';
import { loadCorpus, type Corpus } from '../ingest/corpus.js';
import { openIndex, type OpenResult, type ReportSummary } from '../search/index.js';

/** The report store's folder inside the index folder. */
export const REPORTS_SUBDIR = 'reports';

/**
 * Brings the index folder up to date with the corpus folder: the report store parses only new
 * and changed files, the passage index re-indexes only those (and drops the files that are gone),
 * or is built anew with `force`. What `npm run index` and `npm run add` do, and what a starting
 * engine does before answering.
 */
export async function updateIndex(opts: {
  corpusDir: string;
  indexDir: string;
  force?: boolean;
  /** Called once the corpus is read, before indexing. */
  onCorpus?: (corpus: Corpus) => void;
  /** Called after each report indexed. */
  onReport?: (summary: ReportSummary) => void;
}): Promise<{ corpus: Corpus; opened: OpenResult }> {
  const corpus = await loadCorpus(opts.corpusDir, { cacheDir: path.join(opts.indexDir, REPORTS_SUBDIR) });
  opts.onCorpus?.(corpus);
  const opened = await openIndex({
    corpusDir: opts.corpusDir,
    indexDir: opts.indexDir,
    reports: corpus.reports,
    files: corpus.files,
    force: opts.force ?? false,
    onReport: opts.onReport,
  });
  return { corpus, opened };
}
