import type { Report } from '../ingest/report.js';
import { openForSearch, type PassageSearch } from '../search/index.js';

/**
 * Opens the passage index of `src/search/`, rebuilt when stale (write, then rename); a fresh one
 * is read at the first search, so an answer from the fact store does not wait for it.
 */
export async function openPassages(opts: {
  corpusDir: string;
  indexDir: string;
  reports: Report[];
  files: Array<{ file: string; sha256: string; size?: number; mtimeMs?: number }>;
}): Promise<PassageSearch> {
  return openForSearch(opts);
}
