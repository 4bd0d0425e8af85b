/**
 * One size of the benchmark: each phase in a fresh process (see child.ts), run `runs` times, the
 * better run kept (the machine is shared; a slower run measures the neighbours).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Throughput } from '../fake-telegram/harness.js';
import { runPhase, type PhaseRun } from './child.js';
import { COLD_QUESTIONS, describeColdStarts, measureColdStarts, type ProcessStart } from './cold-start.js';
import { BENCH_TMP, ensureCorpus } from './corpora.js';
import { describeLatency, mb, ms } from './figures.js';
import type { AddFigures } from './phases/add.js';
import { indexDir, type PhaseArgs } from './phases/args.js';
import { describeWholeTables, type AskFigures } from './phases/ask.js';
import type { BuildFigures } from './phases/build.js';
import type { ColdFigures } from './phases/cold.js';
import type { ParseFigures } from './phases/parse.js';
import type { PdfFigures } from './phases/pdf.js';
import { WORD_FIXTURES_DIR } from './make-word-fixtures.js';

export interface SuiteOptions {
  seed: number;
  runs: number;
  /** Worker threads of the parallel build. */
  threads: number;
  /** Write CPU profiles of the build and the questions into the work folder. */
  profile: boolean;
  /** Reuse the phase results a previous run of this seed and size saved (a long run that stopped). */
  resume: boolean;
  say: (line: string) => void;
}

export interface SizeFigures {
  n: number;
  parse: PhaseRun<ParseFigures>;
  build: PhaseRun<BuildFigures>;
  buildThreads: PhaseRun<BuildFigures>;
  /** `node --import tsx -e 0`: what any TypeScript process pays before its first line. */
  tsxStartupMs: number;
  cold: PhaseRun<ColdFigures>;
  /** `ask` in a fresh process, spawn → first line of the answer: through tsx, run.mjs, compiled. */
  starts: ProcessStart[];
  add: PhaseRun<AddFigures>;
  ask: PhaseRun<AskFigures>;
  bot: PhaseRun<Throughput[]>;
  /** CPU profiles written, by what they profile. */
  profiles: Record<string, string>;
  /** V8's old-space limit every phase ran under. */
  heapLimitMb: number;
}

/** The heap limit of the targets (100,000 reports within 1.5 GB), applied to every phase. */
const HEAP_LIMIT_MB = 1536;

/** The question the in-process cold start answers: a passage question (what needs the index). */
const COLD_QUESTION = COLD_QUESTIONS.passage;

export async function runSize(n: number, o: SuiteOptions): Promise<SizeFigures> {
  const say = o.say;
  const corpusDir = await ensureCorpus(o.seed, n, say);
  const work = path.join(BENCH_TMP, `work-s${o.seed}-n${n}`);
  const profileDir = path.join(work, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const args: PhaseArgs = { corpusDir, work, n, seed: o.seed };
  const heavy = n > 10_000;
  const runs = heavy ? 1 : o.runs;
  // The target's heap limit, enforced: a phase that needs more dies instead of reporting a figure.
  const heapLimitMb = HEAP_LIMIT_MB;
  const best = async <T>(phase: string, extra: object, score: (r: PhaseRun<T>) => number, times = runs): Promise<PhaseRun<T>> => {
    const saved = path.join(work, 'phases', `${phase}${'threads' in extra ? `-${String(extra.threads)}` : ''}.json`);
    if (o.resume && existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8')) as PhaseRun<T>;
    let kept: PhaseRun<T> | null = null;
    for (let i = 0; i < times; i++) {
      const r = await runPhase<T>(phase, { ...args, ...extra }, { say, heapMb: heapLimitMb });
      if (!kept || score(r) < score(kept)) kept = r;
    }
    mkdirSync(path.dirname(saved), { recursive: true });
    writeFileSync(saved, JSON.stringify(kept));
    return kept!;
  };
  const profiles: Record<string, string> = {};
  /**
   * With `--profile`, one more run of the phase with the profiler on, its figures dropped: the
   * profiler slows a phase down (by a third in a 100,000-report build), so timed runs go without.
   */
  const profile = async (phase: string, extra: object, what: string): Promise<void> => {
    if (!o.profile) return;
    const file = path.join(profileDir, `${what}.cpuprofile`);
    if (!(o.resume && existsSync(file))) await runPhase(phase, { ...args, ...extra, profile: file }, { say, heapMb: heapLimitMb });
    if (existsSync(file)) profiles[what] = file;
  };

  say(`\n== ${n} reports (seed ${o.seed}; ${runs} run${runs > 1 ? 's' : ''} of each phase, the better kept) ==`);
  const parse = await best<ParseFigures>('parse', {}, (r) => r.result.ms, 1);
  say(`parse: ${parse.result.reports} reports, ${parse.result.errors} errors in ${ms(parse.result.ms)} (${rate(parse.result.reports, parse.result.ms)} reports/s, ${mbps(parse.result.bytes, parse.result.ms)} MB/s); peak heap ${mb(parse.memory.peakHeapUsedMb * 2 ** 20)}; read back from the store ${ms(parse.result.storedMs)}`);

  const build = await best<BuildFigures>('build', { threads: 0 }, (r) => r.result.ms);
  await profile('build', { threads: 0 }, 'build');
  sayBuild(say, build);
  const buildThreads = await best<BuildFigures>('build', { threads: o.threads }, (r) => r.result.ms);
  sayBuild(say, buildThreads);
  say(`index on disk: ${mb(build.result.diskBytes)} (${build.result.files}); save ${ms(build.result.saveMs)}`);

  const tsxStartupMs = Math.min(...Array.from({ length: runs }, () => tsxStartup()));
  const cold = await best<ColdFigures>('cold', { question: COLD_QUESTION }, (r) => r.result.totalMs);
  const c = cold.result;
  say(
    `cold start (fresh process, createEngine from index/ → first answer): ${ms(c.importMs + c.loadMs + c.firstMs)} in the process ` +
      `(import ${ms(c.importMs)}, load ${ms(c.loadMs)}, first answer ${ms(c.firstMs)}); ${ms(c.totalMs)} from process start ` +
      `(node + tsx alone: ${ms(tsxStartupMs)}); rss ${c.rssMb.toFixed(0)} MB`,
  );
  const starts = await measureColdStarts(corpusDir, indexDir(args), runs < 2 ? 3 : runs + 1);
  say('cold start of `ask`, spawn → first line of the answer (best run):');
  for (const line of describeColdStarts(starts)) say(`  ${line}`);

  const add = await best<AddFigures>('add', {}, (r) => r.result.storeMs + r.result.indexMs);
  const a = add.result;
  say(`add one report file: store ${ms(a.storeMs)} + index ${ms(a.indexMs)} (${a.how}; jieba's dictionary once per process ${ms(a.dictionaryMs)}); found by search: ${a.found}; with the index open, one more: add ${ms(a.openAddMs)} + save ${ms(a.openSaveMs)}`);

  const ask = await best<AskFigures>('ask', { rounds: heavy ? 10 : 20 }, (r) => r.result.all.p99);
  await profile('ask', { rounds: heavy ? 10 : 20 }, 'ask');
  say(`createEngine from index/: ${ms(ask.result.engineMs)}`);
  say(`ask, structured: ${describeLatency(ask.result.structured)}`);
  say(`ask, passage:    ${describeLatency(ask.result.passage)}`);
  for (const line of describeWholeTables(ask.result)) say(`  导出CSV, the whole table read again: ${line}`);
  say(`ask peak heap ${mb(ask.memory.peakHeapUsedMb * 2 ** 20)}, rss ${mb(ask.memory.maxRssMb * 2 ** 20)}`);

  const bot = await best<Throughput[]>('bot', { updates: heavy ? 300 : 600, runs: 2 }, (r) => -Math.max(...r.result.map((t) => t.perSecond)), 1);
  say(`bot: ${bot.result.map((t) => `${t.perSecond.toFixed(0)} updates/s (${t.updates} in ${t.seconds.toFixed(1)} s)`).join(', then ')}; the question mix in turn`);
  return { n, parse, build, buildThreads, tsxStartupMs, cold, starts, add, ask, bot, profiles, heapLimitMb };
}

/**
 * Reading a long PDF report (the ~40-page Word-made fixture) in a fresh process, best of `runs`:
 * `loadFile` (pdf.js, page layout) and `parseReportText`. Null when the fixture is missing.
 */
export async function runLongPdf(runs: number, say: (line: string) => void): Promise<PdfFigures | null> {
  const name = existsSync(WORD_FIXTURES_DIR) ? readdirSync(WORD_FIXTURES_DIR).find((f) => f.endsWith('_long.pdf')) : undefined;
  if (!name) return null;
  const r = (await runPhase<PdfFigures>('pdf', { file: path.join(WORD_FIXTURES_DIR, name), runs: Math.max(runs, 3) }, { say })).result;
  say(
    `read a ${r.pages}-page Word-made PDF (${(r.bytes / 1024).toFixed(0)} KB), one core: loadFile ${ms(r.loadMs)} + parseReportText ${ms(r.parseMs)} = ${ms(r.loadMs + r.parseMs)} ` +
      `(CPU ${ms(r.cpuMs)}; the first load, pdf.js's import included, ${ms(r.firstLoadMs)}, CPU ${ms(r.firstLoadCpuMs)}); ${r.cellsRight}/${r.cells} table cells as the gold has them`,
  );
  return r;
}

function sayBuild(say: (line: string) => void, r: PhaseRun<BuildFigures>): void {
  const b = r.result;
  say(
    `build, ${b.threads === 0 ? 'this thread' : `${b.threads} worker threads`}: ${ms(b.ms)} for ${b.passages} passages ` +
      `(${rate(b.reports, b.ms)} reports/s, ${mbps(b.plain.bytes, b.ms)} MB/s, CPU ${ms(b.cpuMs)}); plain cutForSearch of the same text ${ms(b.plain.ms)} ` +
      `→ ${(b.ms / b.plain.ms).toFixed(2)}× (jieba's dictionary ${ms(b.dictionaryMs)} a thread); peak heap ${mb(r.memory.peakHeapUsedMb * 2 ** 20)}, rss ${mb(r.memory.maxRssMb * 2 ** 20)}`,
  );
}

function tsxStartup(): number {
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', '-e', '0']);
  return performance.now() - t;
}

export const rate = (count: number, millis: number): string => (count / (millis / 1000)).toFixed(0);
export const mbps = (bytes: number, millis: number): string => (bytes / 2 ** 20 / (millis / 1000)).toFixed(2);

export function machine(): { cores: number; cpu: string; memoryGb: number; node: string; load: string } {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
  };
}
