import path from 'node:path';

/** What every phase is told: the corpus, and the run's work folder for this size. */
export interface PhaseArgs {
  corpusDir: string;
  /** Holds `index/` (the report store and passage index the phases build and read). */
  work: string;
  n: number;
  seed: number;
  /** Write a CPU profile of the measured part here. */
  profile?: string;
}

export const indexDir = (a: PhaseArgs): string => path.join(a.work, 'index');
/** The report store: `index/reports`, where `createEngine` keeps it. */
export const storeDir = (a: PhaseArgs): string => path.join(indexDir(a), 'reports');
/**
 * `PASSAGES_SUBDIR` of src/search/open.ts, written out rather than imported: the cold-start phase
 * must import nothing of the index before it starts measuring.
 */
export const passagesDir = (a: PhaseArgs): string => path.join(indexDir(a), 'passages');
