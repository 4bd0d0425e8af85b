import { openDatabase } from '../../../src/db/database.js';
import { refreshStatistics } from '../../../src/db/statistics.js';
import { writeCorpus } from '../../../src/db/write-corpus.js';
import { noteMemory } from '../memory.js';
import type { PhaseArgs } from './args.js';

export interface IngestFigures {
  /** Reports written (the corpus's, into an empty database). */
  written: number;
  errors: number;
  /** Reports the database holds after the write. */
  reports: number;
  passages: number;
  /** `writeCorpus`, from the open database to the last report committed. */
  ms: number;
  /** CPU time of this process (all its threads: the parsing threads included); the server's is not counted. */
  cpuMs: number;
  /** `refreshStatistics` after the write (VACUUM ANALYZE), not in `ms`. */
  vacuumMs?: number;
  /** `pg_database_size` after the write. */
  databaseBytes: number;
}

/**
 * The corpus into an empty database with the real writer, as `npm run -s index` does with
 * `DATABASE_URL` set (`indexIntoDatabase`: a pool of two, `writeCorpus` over the folder).
 */
export async function run(a: PhaseArgs & { databaseUrl: string }): Promise<IngestFigures> {
  const db = await openDatabase(a.databaseUrl, { max: 2 });
  if (!db.ok) throw new Error(db.error);
  try {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const summary = await writeCorpus(db.pool, a.corpusDir, { onReport: noteMemory });
    const ms = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    // As `npm run -s index` after a bulk write: the statistics and visibility map the questions' plans need.
    const vacuum = performance.now();
    await refreshStatistics(db.pool);
    const vacuumMs = performance.now() - vacuum;
    const { rows } = await db.pool.query<{ passages: number; bytes: string }>(
      'SELECT (SELECT count(*)::int FROM passages) AS passages, pg_database_size(current_database()) AS bytes',
    );
    return {
      written: summary.written.length,
      errors: summary.errors.length,
      reports: summary.reports,
      passages: rows[0].passages,
      ms,
      cpuMs: (user + system) / 1000,
      vacuumMs,
      databaseBytes: Number(rows[0].bytes),
    };
  } finally {
    await db.pool.end();
  }
}
