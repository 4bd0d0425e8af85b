/**
 * The writer of the PostgreSQL storage on a corpus folder, into a throwaway cluster with
 * PostgreSQL's own durability (fsync on): reports/s, the writer's CPU and peak heap, and where
 * its time goes: each kind of statement's count and total round trip, as the writer's client
 * waited for it (the server's work and the trip), by the statement's first words.
 *
 *   npm run -s gen -- --n 2000 --seed 5 --out /tmp/gen2000
 *   node --import tsx test/bench/db-ingest.ts --corpus /tmp/gen2000 [--cpu-prof-dir DIR]
 *
 * `node --cpu-prof --cpu-prof-dir DIR --import tsx …` adds the writer's CPU profile.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { writeCorpus } from '../../src/db/write-corpus.js';
import { startCluster } from '../pg/cluster.js';
import { noteMemory, peakMemory, trackMemory } from './memory.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, top: { type: 'string', default: '15' } } });
if (!values.corpus) throw new Error('--corpus DIR is required');

/** Total wait per kind of statement. */
const statements = new Map<string, { n: number; ms: number }>();
const kindOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  const first = args[0];
  const sql = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '?');
  const t = performance.now();
  const out = query.apply(this, args);
  if (out instanceof Promise) {
    void out.then(
      () => {
        const s = statements.get(kindOf(sql)) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - t;
        statements.set(kindOf(sql), s);
      },
      () => undefined,
    );
  }
  return out;
} as typeof pg.Client.prototype.query;

const cluster = await startCluster({ durable: true });
try {
  const url = await cluster.createDatabase('ingest');
  const db = await openDatabase(url, { max: 2 });
  if (!db.ok) throw new Error(db.error);
  trackMemory();
  const t = performance.now();
  const cpu = process.cpuUsage();
  let last = t;
  let count = 0;
  const summary = await writeCorpus(db.pool, values.corpus, {
    onReport: () => {
      noteMemory();
      if (++count % 500 === 0) {
        const now = performance.now();
        console.log(`  ${count} reports: the last 500 at ${(500 / ((now - last) / 1000)).toFixed(1)} reports/s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
        last = now;
      }
    },
  });
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  const memory = peakMemory();
  console.log(
    `${summary.written.length} reports written, ${summary.errors.length} errors, in ${(ms / 1000).toFixed(1)} s: ` +
      `${(summary.written.length / (ms / 1000)).toFixed(1)} reports/s; writer CPU ${((user + system) / 1e6).toFixed(1)} s; ` +
      `peak heap ${memory.peakHeapUsedMb.toFixed(0)} MB, max RSS ${memory.maxRssMb.toFixed(0)} MB`,
  );
  console.log('statements by total wait:');
  for (const [sql, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(values.top))) {
    console.log(`  ${(s.ms / 1000).toFixed(1).padStart(7)} s  ${String(s.n).padStart(7)}×  ${sql}`);
  }
  await db.pool.end();
} finally {
  await cluster.stop();
}
