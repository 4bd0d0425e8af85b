/**
 * The connection to the PostgreSQL storage: a pool over `DATABASE_URL`, its schema brought up to
 * date before anything reads or writes it.
 */
import pg from 'pg';
import { migrate } from './migrate.js';

/**
 * The settings of a pool that answers questions: no parallel workers and no JIT compilation. A
 * question's queries read a page by index; starting a worker took 10–15 ms where the statement
 * itself took 1–3 ms, and compiling an indicator's ranking over a year of 100,000 reports (its
 * estimated cost past the JIT threshold) took 360 ms of its 620.
 */
const ANSWERING = '-c max_parallel_workers_per_gather=0 -c jit=off';

export type OpenResult = { ok: true; pool: pg.Pool } | { ok: false; error: string };

/**
 * Connects and migrates. A server that cannot be reached or is too old is an expected failure,
 * named without the connection string (it may hold a password).
 *
 * @example
 *   const db = await openDatabase(process.env.DATABASE_URL!);
 *   if (!db.ok) { console.error(db.error); process.exit(2); }
 */
export async function openDatabase(url: string, opts: { max?: number; answering?: boolean } = {}): Promise<OpenResult> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, ...(opts.answering && { options: ANSWERING }) });
  // An idle client whose server went away must not take the process down with it.
  pool.on('error', () => undefined);
  try {
    const done = await migrate(pool);
    if (!done.ok) {
      await pool.end();
      return done;
    }
    return { ok: true, pool };
  } catch (e) {
    await pool.end();
    const code = (e as { code?: string }).code;
    return { ok: false, error: `无法连接或初始化数据库（DATABASE_URL）：${(e as Error).message}${code ? ` [${code}]` : ''}` };
  }
}
