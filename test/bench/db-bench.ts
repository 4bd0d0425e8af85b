/**
 * The engine over PostgreSQL at a corpus's size: fills a throwaway server with a corpus folder
 * (as `npm run index` with DATABASE_URL), then prints the heap an open engine holds (the engine
 * over the database, and for comparison every report read back whole into the embedded fact
 * store, as the engine did before its facts were asked in SQL) and the latency of the
 * benchmark's structured questions.
 *
 *   npm run -s gen -- --n 3000 --seed 1 --out /tmp/gen3000 --copies 0.1
 *   node --expose-gc --import tsx test/bench/db-bench.ts --corpus /tmp/gen3000 --runs 30
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/database.js';
import { readReports } from '../../src/db/read-reports.js';
import { writeCorpus } from '../../src/db/write-corpus.js';
import { buildEngine, createEngine } from '../../src/query/engine.js';
import { startCluster } from '../pg/cluster.js';
import { latency } from './figures.js';
import { questionMix } from './questions.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, runs: { type: 'string', default: '30' } } });
if (!values.corpus) throw new Error('--corpus DIR is required');
const runs = Number(values.runs);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const cluster = await startCluster();
const none = mkdtempSync(path.join(os.tmpdir(), 'db-bench-'));
try {
  const url = await cluster.createDatabase('bench');
  const db = await openDatabase(url);
  if (!db.ok) throw new Error(db.error);
  let t = performance.now();
  const summary = await writeCorpus(db.pool, values.corpus);
  console.log(`indexed ${summary.reports} files in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const base = heapMb();
  t = performance.now();
  const engine = await createEngine({ corpusDir: path.join(none, 'absent'), indexDir: none, databaseUrl: url, now: () => new Date('2024-06-01') });
  const openMs = performance.now() - t;
  const held = heapMb() - base;
  const reports = await (engine.listReports?.() ?? engine.reports);
  console.log(`engine over the database: opened in ${openMs.toFixed(0)} ms, heap held ${held.toFixed(1)} MB (${reports.length} reports)`);

  const before = heapMb();
  t = performance.now();
  const whole = buildEngine(await readReports(db.pool, { texts: false }));
  const wholeMs = performance.now() - t;
  console.log(`every report read back whole (the former way): ${wholeMs.toFixed(0)} ms, heap held ${(heapMb() - before).toFixed(1)} MB (${whole.reports.length} reports)`);

  const mix = questionMix(reports).filter((m) => !m.kind.startsWith('passage'));
  const all: number[] = [];
  for (const { kind, q } of mix) {
    await engine.ask(q);
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      await engine.ask(q);
      times.push(performance.now() - s);
    }
    all.push(...times);
    const l = latency(times);
    console.log(`${kind.padEnd(10)} p50 ${l.p50.toFixed(1).padStart(6)} ms  p99 ${l.p99.toFixed(1).padStart(6)} ms  ${q}`);
  }
  const l = latency(all);
  console.log(`structured questions: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`);
  await engine.close?.();
  await db.pool.end();
} finally {
  await cluster.stop();
  rmSync(none, { recursive: true, force: true });
}
