import path from 'node:path';

/** What every phase is told: the corpus, and the run's work folder for this size. */
export interface PhaseArgs {
  corpusDir: string;
  /** Holds `reports.v8` (the parsed reports) and `index/` (what the build saved). */
  work: string;
  n: number;
  seed: number;
  /** Write a CPU profile of the measured part here. */
  profile?: string;
}

export const reportsFile = (a: PhaseArgs): string => path.join(a.work, 'reports.v8');
export const indexDir = (a: PhaseArgs): string => path.join(a.work, 'index');
/**
 * `PASSAGES_SUBDIR` of src/search/open.ts, written out rather than imported: the cold-start phase
 * must import nothing of the index before it starts measuring.
 */
export const passagesDir = (a: PhaseArgs): string => path.join(indexDir(a), 'passages');
