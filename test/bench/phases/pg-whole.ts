import { openDatabase } from '../../../src/db/database.js';
import { readReports } from '../../../src/db/read-reports.js';
import { buildEngine } from '../../../src/query/engine.js';
import type { PhaseArgs } from './args.js';

export interface WholeFigures {
  reports: number;
  /** `readReports` of every report (texts left out) and `buildEngine` over them. */
  ms: number;
  /** Heap the built engine holds, after a full collection (with `--expose-gc`). */
  heapMb: number;
}

/**
 * For comparison with the engine over the database, which holds no report: every report read
 * back whole into the embedded fact store, as the engine over the database did before its facts
 * were asked in SQL. Run at the sizes the embedded storage is measured at only (it holds the corpus).
 */
export async function run(a: PhaseArgs & { databaseUrl: string }): Promise<WholeFigures> {
  const db = await openDatabase(a.databaseUrl, { max: 2 });
  if (!db.ok) throw new Error(db.error);
  try {
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => {
      gc?.();
      gc?.();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const before = heap();
    const t = performance.now();
    const engine = buildEngine(await readReports(db.pool, { texts: false }));
    const ms = performance.now() - t;
    const heapMb = heap() - before;
    return { reports: engine.reports.length, ms, heapMb };
  } finally {
    await db.pool.end();
  }
}
