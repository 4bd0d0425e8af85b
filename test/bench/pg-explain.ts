/**
 * Every SQL statement each structured question of the benchmark's mix runs over a database, with
 * `EXPLAIN (ANALYZE, BUFFERS)`: how many statements a question makes, which scan what, and the
 * question's own p50 / p95 / p99 (the statements logged on one ask after a warm-up).
 *
 *   DATABASE_URL=postgres://…/gov_report_bench_s1_n5000 npx tsx test/bench/pg-explain.ts [--runs 40] [--plans] [--no-explain] [--whole-tables] [--ask 问题 …]
 *
 * The database is one `npm run bench -- --storage postgres` or `npm run -s index` filled.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createEngine } from '../../src/query/engine.js';
import { latency } from './figures.js';
import { AS_THE_BOT, WHOLE_TABLE } from './phases/ask.js';
import { mixOf, mixPositions, type MixReport } from './questions.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    plans: { type: 'boolean', default: false },
    'no-explain': { type: 'boolean', default: false },
    ask: { type: 'string', multiple: true },
    'whole-tables': { type: 'boolean', default: false },
  },
});
// As the bot asks (its message's table rows), or with --whole-tables as 导出CSV does.
const asked = values['whole-tables'] ? WHOLE_TABLE : AS_THE_BOT;
const url = process.env.DATABASE_URL?.trim();
if (!url) throw new Error('DATABASE_URL is required');
const runs = Number(values.runs);

const logged: Array<{ text: string; values: unknown[] }> = [];
let logging = false;
const query = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  if (logging && typeof args[0] === 'string') logged.push({ text: args[0], values: Array.isArray(args[1]) ? args[1] : [] });
  return query.apply(this, args);
} as typeof pg.Pool.prototype.query;

// As the engine's pool: no parallel workers (database.ts).
const client = new pg.Client({ connectionString: url, options: '-c max_parallel_workers_per_gather=0 -c jit=off' });
await client.connect();
const count = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0].n;
const picked: MixReport[] = [];
for (const at of mixPositions(count)) picked.push((await client.query<MixReport>('SELECT agency, year FROM reports ORDER BY file COLLATE "C" OFFSET $1 LIMIT 1', [at])).rows[0]);
const questions = [...mixOf(picked).filter((m) => !m.kind.startsWith('passage')), ...(values.ask ?? []).map((q) => ({ kind: 'asked', q }))];

const engine = await createEngine({ corpusDir: 'not-read', indexDir: 'not-read', databaseUrl: url, now: () => new Date('2026-06-01') });
const all: number[] = [];
for (const { kind, q } of questions) {
  await engine.ask(q, asked);
  logged.length = 0;
  logging = true;
  const answer = await engine.ask(q, asked);
  logging = false;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await engine.ask(q, asked);
    times.push(performance.now() - t);
  }
  all.push(...times);
  const l = latency(times);
  console.log(`\n## ${kind}: ${q}\np50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms; ${logged.length} statements; table rows ${answer.table?.rows.length ?? 0}`);
  if (values['no-explain']) continue;
  for (const { text, values: params } of logged) {
    const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows.map((r) => r['QUERY PLAN']);
    console.log(`- ${plan.find((line) => line.startsWith('Execution Time')) ?? ''}: ${text.replace(/\s+/g, ' ').slice(0, 140)}`);
    if (values.plans) console.log(plan.map((line) => `    ${line}`).join('\n'));
  }
}
const l = latency(all);
console.log(`\nstructured: p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`);
await engine.close?.();
await client.end();
