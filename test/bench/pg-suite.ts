/**
 * One size of the database benchmark (`npm run bench -- --storage postgres`): the corpus written
 * into an empty database by the real writer, beside the embedded storage's `npm run index` of the
 * same corpus; then the engine over the database, opened and asked through `createEngine` and
 * `ask` only, in a process of its own; and, for comparison, the embedded engine asked the same
 * questions. Each phase runs in a fresh process (child.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runPhase, type PhaseRun } from './child.js';
import { BENCH_TMP, ensureCorpus } from './corpora.js';
import { describeLatency, mb, ms } from './figures.js';
import type { PhaseArgs } from './phases/args.js';
import { describeWholeTables, type AskFigures } from './phases/ask.js';
import type { EmbeddedIndexFigures } from './phases/embedded-index.js';
import type { IngestFigures } from './phases/pg-ingest.js';
import type { MemoryNow, PgAskFigures } from './phases/pg-ask.js';
import type { WholeFigures } from './phases/pg-whole.js';
import { benchDatabase, type BenchServer } from './pg-server.js';
import { mixOf, mixPositions, type BenchQuestion, type MixReport } from './questions.js';
import { rate } from './suite.js';

export interface PgSuiteOptions {
  seed: number;
  /** Runs of each asking phase, the better kept (the ingest runs once: it needs an empty database). */
  runs: number;
  /** The embedded storage is measured beside only up to this size. */
  embeddedUpTo: number;
  /** Reuse the ingest of a previous run when its database is still there (a given server's). */
  resume: boolean;
  profile: boolean;
  server: BenchServer;
  say: (line: string) => void;
}

export interface PgSizeFigures {
  n: number;
  ingest: PhaseRun<IngestFigures>;
  /** The embedded `npm run index` of the same corpus; null above `embeddedUpTo`. */
  embeddedIngest: PhaseRun<EmbeddedIndexFigures> | null;
  ask: PhaseRun<PgAskFigures>;
  embeddedAsk: PhaseRun<AskFigures> | null;
  /** Every report read back whole into the embedded fact store (the former way), up to `embeddedUpTo`; null above. */
  whole: PhaseRun<WholeFigures> | null;
}

export async function runPostgresSize(n: number, o: PgSuiteOptions): Promise<PgSizeFigures> {
  const say = o.say;
  const corpusDir = await ensureCorpus(o.seed, n, say);
  const work = path.join(BENCH_TMP, `work-pg-s${o.seed}-n${n}`);
  mkdirSync(work, { recursive: true });
  const args: PhaseArgs = { corpusDir, work, n, seed: o.seed };
  const heavy = n > 10_000;
  const runs = heavy ? 1 : o.runs;
  const rounds = heavy ? 10 : 20;
  const name = benchDatabase(o.seed, n);
  say(`\n== ${n} reports into PostgreSQL (seed ${o.seed}; database ${name}) ==`);

  // `--resume` on a given server: the database a previous run filled, when it still holds what it wrote.
  const savedIngest = path.join(work, 'ingest.json');
  const saved = o.resume && existsSync(savedIngest) ? (JSON.parse(readFileSync(savedIngest, 'utf8')) as PhaseRun<IngestFigures>) : null;
  const kept = saved ? await o.server.existingDatabase(name) : null;
  let url: string;
  let ingest: PhaseRun<IngestFigures>;
  if (saved && kept && (await reportCount(kept)) === saved.result.reports) {
    url = kept;
    ingest = saved;
    say('ingest: the database of the previous run, reused');
  } else {
    url = await o.server.freshDatabase(name);
    ingest = await runPhase<IngestFigures>('pg-ingest', { ...args, databaseUrl: url }, { say });
    writeFileSync(savedIngest, JSON.stringify(ingest));
  }
  const g = ingest.result;
  say(
    `ingest into PostgreSQL (writeCorpus, as \`npm run -s index\` with DATABASE_URL): ${g.written} reports, ${g.errors} errors in ${ms(g.ms)} ` +
      `(${rate(g.written, g.ms)} reports/s, CPU of the writer ${ms(g.cpuMs)}; then VACUUM ANALYZE ${ms(g.vacuumMs ?? NaN)}); ${g.passages.toLocaleString('en')} passages, database ${mb(g.databaseBytes)}; ` +
      `writer peak heap ${mb(ingest.memory.peakHeapUsedMb * 2 ** 20)}, rss ${mb(ingest.memory.maxRssMb * 2 ** 20)}`,
  );
  let embeddedIngest: PhaseRun<EmbeddedIndexFigures> | null = null;
  if (n <= o.embeddedUpTo) {
    embeddedIngest = await runPhase<EmbeddedIndexFigures>('embedded-index', args, { say });
    const e = embeddedIngest.result;
    say(
      `ingest into the embedded storage (updateIndex, as \`npm run -s index\`): ${e.reports} reports in ${ms(e.ms)} (${rate(e.reports, e.ms)} reports/s, CPU ${ms(e.cpuMs)}); ` +
        `index/ ${mb(e.diskBytes)}, ${e.passages.toLocaleString('en')} passages; peak heap ${mb(embeddedIngest.memory.peakHeapUsedMb * 2 ** 20)}, rss ${mb(embeddedIngest.memory.maxRssMb * 2 ** 20)}`,
    );
  }

  const questions = await mixFromDatabase(url);
  const best = async <T extends AskFigures>(phase: string, extra: object, nodeFlags: string[] = []): Promise<PhaseRun<T>> => {
    let keep: PhaseRun<T> | null = null;
    for (let i = 0; i < runs; i++) {
      const r = await runPhase<T>(phase, { ...args, ...extra }, { say, nodeFlags });
      if (!keep || r.result.all.p99 < keep.result.all.p99) keep = r;
    }
    return keep as PhaseRun<T>;
  };
  const profile = o.profile ? { profile: path.join(work, 'pg-ask.cpuprofile') } : {};
  const ask = await best<PgAskFigures>('pg-ask', { databaseUrl: url, rounds, questions, ...profile }, ['--expose-gc']);
  const a = ask.result;
  say(`createEngine({ databaseUrl }): ${ms(a.engineMs)}; heap / rss after opening ${memory(a.opened)}, after a round of the mix ${memory(a.warm)}, after the timed rounds ${memory(a.end)}`);
  say(`ask over PostgreSQL, structured: ${describeLatency(a.structured)}`);
  say(`ask over PostgreSQL, passage:    ${describeLatency(a.passage)}`);
  for (const q of a.questions) {
    if (q.route !== 'search') say(`  ${q.kind.padEnd(10)} p50 ${ms(q.p50)}, p95 ${ms(q.p95 ?? NaN)}, p99 ${ms(q.p99 ?? NaN)}, max ${ms(q.max)}  ${q.q}`);
  }
  for (const line of describeWholeTables(a)) say(`  导出CSV, the whole table read again: ${line}`);
  let whole: PhaseRun<WholeFigures> | null = null;
  if (n <= o.embeddedUpTo) {
    whole = await runPhase<WholeFigures>('pg-whole', { ...args, databaseUrl: url }, { say, nodeFlags: ['--expose-gc'] });
    say(`every report read back whole into the embedded fact store (the former way): ${ms(whole.result.ms)}, heap held ${mb(whole.result.heapMb * 2 ** 20)} (${whole.result.reports} reports)`);
  }
  let embeddedAsk: PhaseRun<AskFigures> | null = null;
  if (embeddedIngest) {
    embeddedAsk = await best<AskFigures>('ask', { rounds, questions });
    say(`ask embedded, structured: ${describeLatency(embeddedAsk.result.structured)}`);
    say(`ask embedded, passage:    ${describeLatency(embeddedAsk.result.passage)}`);
  }
  await o.server.release(name);
  return { n, ingest, embeddedIngest, ask, embeddedAsk, whole };
}

export const memory = (m: MemoryNow): string => `${mb(m.heapUsedMb * 2 ** 20)} / ${mb(m.rssMb * 2 ** 20)}`;

async function reportCount(url: string): Promise<number> {
  return withClient(url, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0].n);
}

/**
 * The mix over the reports at its seven positions in file order, read from the database one row
 * each, so the engine's process holds no list of every report.
 */
async function mixFromDatabase(url: string): Promise<BenchQuestion[]> {
  return withClient(url, async (c) => {
    const count = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM reports')).rows[0].n;
    if (count === 0) throw new Error('the database holds no report: nothing to ask about');
    const picked: MixReport[] = [];
    for (const at of mixPositions(count)) {
      const { rows } = await c.query<MixReport>('SELECT agency, year FROM reports ORDER BY file COLLATE "C" OFFSET $1 LIMIT 1', [at]);
      picked.push(rows[0]);
    }
    return mixOf(picked);
  });
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
