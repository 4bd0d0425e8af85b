/**
 * A throwaway database holding the bundled seed corpus, as `npm run -s index` writes it, and the
 * same reports as the corpus loader reads them, for tests that compare the two storages.
 */
import type pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { writeCorpus } from '../../src/db/write-corpus.js';
import { loadCorpus } from '../../src/ingest/corpus.js';
import type { Report } from '../../src/ingest/report.js';
import { CORPUS_DIR } from '../paths.js';
import { startCluster } from './cluster.js';

export interface SeededDatabase {
  pool: pg.Pool;
  reports: Report[];
  /** Closes the pool and stops the cluster. */
  close(): Promise<void>;
}

/** Starts a cluster, creates database `name` in it and fills it with the seed corpus. */
export async function seedCorpusDatabase(name: string): Promise<SeededDatabase> {
  const cluster = await startCluster();
  const db = await openDatabase(await cluster.createDatabase(name));
  if (!db.ok) {
    await cluster.stop();
    throw new Error(db.error);
  }
  await writeCorpus(db.pool, CORPUS_DIR);
  const reports = (await loadCorpus(CORPUS_DIR)).reports;
  return {
    pool: db.pool,
    reports,
    close: async () => {
      await db.pool.end();
      await cluster.stop();
    },
  };
}
