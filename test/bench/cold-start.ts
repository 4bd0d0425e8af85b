/**
 * The cold start as a person meets it: `ask` in a fresh process over a built index, timed from
 * spawning node to the first line of the answer on stdout. Three ways of starting it:
 *
 *   tsx       `node --import tsx src/cli/ask.ts`   (how `npm run ask` ran before it was compiled)
 *   run.mjs   `node bin/run.mjs src/cli/ask.ts`    (what `npm run ask` runs: the check that dist/ is
 *                                                   up to date, then the compiled command)
 *   compiled  `node dist/src/cli/ask.js`
 *
 * Standalone over any corpus and its index (built first with `npm run index`):
 *
 *   npx tsx test/bench/cold-start.ts --corpus DIR --index DIR [--runs 5] [--kinds tsx,compiled]
 *
 * `npm run bench` runs the same over its generated corpora. Prints figures, asserts nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ms } from './figures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const STARTS = {
  tsx: ['--import', 'tsx', 'src/cli/ask.ts'],
  'run.mjs': ['bin/run.mjs', 'src/cli/ask.ts'],
  compiled: ['dist/src/cli/ask.js'],
} as const;
export type StartKind = keyof typeof STARTS;

/** Questions a cold start answers: a figure (the fact store) and a passage (the passage index). */
export const COLD_QUESTIONS = { facts: '哪个局2020年采购总金额最多', passage: '政务新媒体 微信公众号 发布信息' } as const;
export type ColdQuestion = keyof typeof COLD_QUESTIONS;

export interface ProcessStart {
  kind: StartKind;
  question: ColdQuestion;
  /** The best run (the machine is shared: a slower run measures the neighbours). */
  bestMs: number;
  medianMs: number;
  runs: number[];
}

/** Spawn to the first line on stdout, in ms; the process is left to finish. */
export function timeFirstAnswer(kind: StartKind, corpusDir: string, indexDir: string, question: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...STARTS[kind], '--corpus', corpusDir, '--index', indexDir, question], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let firstLine = 0;
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!firstLine && chunk.includes(10)) firstLine = performance.now() - started;
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 && firstLine) resolve(firstLine);
      else reject(new Error(`${STARTS[kind].join(' ')} exited with code ${code}: ${err.slice(0, 500)}`));
    });
  });
}

/**
 * Each way of starting, for each question, `runs` times, interleaved (so that a busy moment of the
 * machine spreads over all of them). One untimed run first: it compiles dist/ when stale and
 * brings the index into the page cache.
 */
export async function measureColdStarts(corpusDir: string, indexDir: string, runs: number, kinds: readonly StartKind[] = ['tsx', 'run.mjs', 'compiled']): Promise<ProcessStart[]> {
  await timeFirstAnswer(kinds.includes('run.mjs') ? 'run.mjs' : kinds[0], corpusDir, indexDir, COLD_QUESTIONS.facts);
  const out = kinds.flatMap((kind) => (Object.keys(COLD_QUESTIONS) as ColdQuestion[]).map((question) => ({ kind, question, bestMs: 0, medianMs: 0, runs: [] as number[] })));
  for (let r = 0; r < runs; r++) {
    for (const s of out) s.runs.push(await timeFirstAnswer(s.kind, corpusDir, indexDir, COLD_QUESTIONS[s.question]));
  }
  for (const s of out) {
    const sorted = [...s.runs].sort((a, b) => a - b);
    s.bestMs = sorted[0];
    s.medianMs = sorted[Math.floor(sorted.length / 2)];
  }
  return out;
}

/** One line per way of starting: best and median of each question. */
export function describeColdStarts(starts: readonly ProcessStart[]): string[] {
  const kinds = [...new Set(starts.map((s) => s.kind))];
  return kinds.map((kind) => {
    const parts = starts.filter((s) => s.kind === kind).map((s) => `${s.question} ${ms(s.bestMs)} (median ${ms(s.medianMs)})`);
    return `${kind.padEnd(8)} ${STARTS[kind].join(' ').padEnd(36)} ${parts.join(', ')}`;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, index: { type: 'string' }, runs: { type: 'string', default: '5' }, kinds: { type: 'string', default: Object.keys(STARTS).join(',') } },
  });
  const kinds = values.kinds.split(',').filter((k): k is StartKind => k in STARTS);
  if (!values.corpus || !values.index) {
    console.error('usage: npx tsx test/bench/cold-start.ts --corpus DIR --index DIR [--runs 5]');
    process.exit(2);
  }
  const starts = await measureColdStarts(path.resolve(values.corpus), path.resolve(values.index), Number(values.runs), kinds);
  console.log(`cold start, spawn → first line of the answer (best of ${values.runs}):`);
  for (const line of describeColdStarts(starts)) console.log(`  ${line}`);
}
