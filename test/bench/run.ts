/**
 * The benchmark suite: `npm run bench -- [--sizes 1000,10000,100000] [--seed 1] [--runs 2]
 * [--threads N] [--profile] [--resume] [--out FILE] [--storage embedded|postgres]`.
 * `--storage postgres` runs the database's benchmark instead (see `runPostgres` below). Prints figures as it goes (first the chart and
 * CSV of an answer; `--sizes 0` measures only those) and writes them, with the
 * issue's targets judged, to `test/bench/results/<date>.md`. Asserts nothing: a slow run is a
 * figure, not a failure.
 *
 * Corpora are generated into the system's temporary folder once per seed and size and reused;
 * each phase's result is saved beside them, and `--resume` reuses those of a run that stopped.
 * Before the sizes, one long PDF report (about 40 pages) is read and parsed; `--sizes 0` measures
 * that alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureCharts } from './charts.js';
import { renderResults, type RunInfo } from './results.js';
import { openBenchServer } from './pg-server.js';
import { renderPgResults, type PgRunInfo } from './pg-results.js';
import { runPostgresSize, type PgSizeFigures } from './pg-suite.js';
import { machine, runLongPdf, runSize, type SizeFigures } from './suite.js';

const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '2' },
    threads: { type: 'string', default: String(os.availableParallelism()) },
    profile: { type: 'boolean', default: false },
    resume: { type: 'boolean', default: false },
    out: { type: 'string' },
    storage: { type: 'string', default: 'embedded' },
    'embedded-up-to': { type: 'string', default: '100000' },
  },
});
if (values.storage !== 'embedded' && values.storage !== 'postgres') {
  process.stderr.write(`--storage must be embedded or postgres, not ${values.storage}\n`);
  process.exit(2);
}
const sizes = values.sizes!.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const date = new Date().toISOString().slice(0, 10);
const out = values.out ?? path.join(RESULTS_DIR, `${date}${values.storage === 'postgres' ? '-postgres' : ''}.md`);
const say = (line: string) => process.stdout.write(`${line}\n`);
if (values.storage === 'postgres') {
  await runPostgres();
  process.exit(0);
}
const info: RunInfo = {
  date,
  seed: Number(values.seed),
  runs: Number(values.runs),
  threads: Number(values.threads),
  machine: machine(),
  loadAtEnd: '',
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  missing: [],
  longPdf: null,
};
say(`== benchmarks: ${info.machine.cores} cores, Node ${info.machine.node}, load average ${info.machine.load} ==`);
try {
  info.longPdf = await runLongPdf(info.runs, say);
} catch (err) {
  say(`long PDF: ${(err as Error).message}`);
}

const done: SizeFigures[] = [];
const write = () => {
  info.loadAtEnd = machine().load;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, renderResults(info, done));
};
// An answer's chart and CSV do not depend on the corpus: measured once, before the sizes.
try {
  info.charts = await measureCharts(10, say);
} catch (err) {
  say(`charts: ${(err as Error).message}`);
}
write();
for (const n of sizes) {
  try {
    done.push(await runSize(n, { seed: info.seed, runs: info.runs, threads: info.threads, profile: values.profile!, resume: values.resume!, say }));
  } catch (err) {
    info.missing.push({ n, why: `failed: ${(err as Error).message}` });
    say(`${n} reports: ${(err as Error).message}`);
  }
  write();
}
say(`\nfigures written to ${path.relative(process.cwd(), out)}`);

/**
 * `--storage postgres`: each size written into PostgreSQL (a throwaway cluster the benchmark
 * starts, or the server of `DATABASE_URL`) and asked through `createEngine({ databaseUrl })`,
 * the embedded storage measured beside it up to `--embedded-up-to` reports; figures to
 * `test/bench/results/<date>-postgres.md`. An answer's chart and the long PDF do not depend on
 * the storage and are left to the embedded run.
 */
async function runPostgres(): Promise<void> {
  const server = await openBenchServer(process.env.DATABASE_URL?.trim() || null).catch((err: Error) => {
    // No PostgreSQL installed, or the server of DATABASE_URL not reachable: one line, no stack.
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  });
  // Ctrl-C must not leave the benchmark's own server running.
  const stop = () => void server.stop().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const pgInfo: PgRunInfo = {
    date,
    seed: Number(values.seed),
    runs: Number(values.runs),
    machine: machine(),
    loadAtEnd: '',
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    missing: [],
    server: server.description,
  };
  say(`== benchmarks over PostgreSQL: ${pgInfo.machine.cores} cores, Node ${pgInfo.machine.node}, load average ${pgInfo.machine.load} ==`);
  say(server.description);
  const done: PgSizeFigures[] = [];
  const write = () => {
    pgInfo.loadAtEnd = machine().load;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, renderPgResults(pgInfo, done));
  };
  try {
    for (const n of sizes) {
      try {
        const o = { seed: pgInfo.seed, runs: pgInfo.runs, embeddedUpTo: Number(values['embedded-up-to']), resume: values.resume!, profile: values.profile!, server, say };
        done.push(await runPostgresSize(n, o));
      } catch (err) {
        pgInfo.missing.push({ n, why: `failed: ${(err as Error).message}` });
        say(`${n} reports: ${(err as Error).message}`);
      }
      write();
    }
  } finally {
    await server.stop();
  }
  say(`\nfigures written to ${path.relative(process.cwd(), out)}`);
}
