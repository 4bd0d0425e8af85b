import type { Report } from '../ingest/report.js';
import { openIndex } from '../search/index.js';
import type { PassageSearcher } from './search-answer.js';

/** Opens the passage index of `src/search/`, rebuilt when stale (write, then rename). */
export async function openPassages(opts: {
  corpusDir: string;
  indexDir: string;
  reports: Report[];
  files: Array<{ file: string; sha256: string; size?: number; mtimeMs?: number }>;
}): Promise<PassageSearcher> {
  const { index } = await openIndex(opts);
  return index;
}
