import { closeSync, lstatSync, mkdirSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportLayout } from './gold.js';
import { corpusHostileFiles, writeHostileFile } from './hostile.js';
import { pairCount } from './pairs.js';
import { reportSeed } from './random.js';
import { COPIES_DIR, generateReport } from './report.js';

export interface CorpusOptions {
  n: number;
  seed: number;
  /** Folder to write into (created if missing). */
  out: string;
  /** Share of reports with one recorded fault (default 0.05). */
  faultRate?: number;
  /** Force one layout for every report (a copy is in another; docx writes Word files). */
  layout?: ReportLayout;
  /** Share of reports written a second time in another layout, into `copies/` (default 0). */
  copyRate?: number;
  /** How many hostile files (hostile.ts) to write beside the reports (default 0). */
  hostile?: number;
}

export interface CorpusSummary {
  reports: number;
  /** Bytes of every file written but gold.jsonl: reports, copies, hostile files. */
  bytes: number;
  seconds: number;
  byLayout: Record<string, number>;
  byTemplate: Record<string, number>;
  faulted: number;
  /** Reports written twice, and the copies' layouts. */
  copies: number;
  copyLayouts: Record<string, number>;
  /** Hostile files, by kind. */
  hostile: number;
  hostileKinds: Record<string, number>;
}

const emptySummary = (): CorpusSummary => ({ reports: 0, bytes: 0, seconds: 0, byLayout: {}, byTemplate: {}, faulted: 0, copies: 0, copyLayouts: {}, hostile: 0, hostileKinds: {} });

export const GOLD_FILE = 'gold.jsonl';

/**
 * Raised whenever the same options come to give other files, so that a corpus kept from an
 * earlier version (the benchmark keeps them between runs) is written again. 2: each agency and
 * year at most once a corpus.
 */
export const GENERATOR_VERSION = 2;

/**
 * Throws before anything is written when a corpus of `n` reports would repeat an agency and year
 * (the generator has `pairCount()` of them, some 460,000).
 */
export function checkCorpusSize(n: number): void {
  if (n > pairCount()) throw new RangeError(`--n ${n} is more than the ${pairCount()} distinct agency-years the generator can name: a larger corpus would repeat an agency and year, which a reader takes for copies of one report`);
}

/** Reports [from, to) into `out`, their gold lines into `goldPath`, one report at a time. */
export function writeRange(opts: CorpusOptions, from: number, to: number, goldPath: string): CorpusSummary {
  mkdirSync(opts.out, { recursive: true });
  const started = performance.now();
  const gold = openSync(goldPath, 'w');
  const summary = emptySummary();
  let pending: string[] = [];
  try {
    for (let i = from; i < to; i++) {
      const { file, text, bytes, gold: g, copy } = generateReport(opts.seed, i, { faultRate: opts.faultRate, layout: opts.layout, copyRate: opts.copyRate });
      // Synchronous writes: on a busy disk they cost less than promise-based ones.
      writeFileSync(path.join(opts.out, file), bytes ?? text);
      if (copy && g.copy) {
        if (summary.copies === 0) mkdirSync(path.join(opts.out, COPIES_DIR), { recursive: true });
        writeFileSync(path.join(opts.out, copy.file), copy.text);
        summary.copies++;
        summary.bytes += Buffer.byteLength(copy.text);
        summary.copyLayouts[g.copy.layout] = (summary.copyLayouts[g.copy.layout] ?? 0) + 1;
      }
      pending.push(JSON.stringify(g));
      if (pending.length >= 500) {
        writeSync(gold, `${pending.join('\n')}\n`);
        pending = [];
      }
      summary.reports++;
      summary.bytes += bytes ? bytes.length : Buffer.byteLength(text);
      summary.byLayout[g.layout] = (summary.byLayout[g.layout] ?? 0) + 1;
      summary.byTemplate[g.template] = (summary.byTemplate[g.template] ?? 0) + 1;
      if (g.faults.length > 0) summary.faulted++;
    }
    if (pending.length > 0) writeSync(gold, `${pending.join('\n')}\n`);
  } finally {
    closeSync(gold);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/**
 * Writes `n` reports and `gold.jsonl` into a folder, one report at a time (memory stays flat
 * however large n is), with the copies and hostile files asked for. Same options →
 * byte-identical files.
 */
export function writeCorpus(opts: CorpusOptions): CorpusSummary {
  checkCorpusSize(opts.n);
  const started = performance.now();
  const summary = writeRange(opts, 0, opts.n, path.join(opts.out, GOLD_FILE));
  merge(summary, writeHostile(opts));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** The corpus's hostile files (no gold: none is a report), their noise drawn from the seed. */
function writeHostile(opts: CorpusOptions): CorpusSummary {
  const summary = emptySummary();
  corpusHostileFiles(opts.hostile ?? 0).forEach(({ file, kind }, k) => {
    writeHostileFile(opts.out, kind, { name: file, seed: reportSeed((opts.seed ^ 0x4057113) >>> 0, k) });
    summary.hostile++;
    summary.hostileKinds[kind] = (summary.hostileKinds[kind] ?? 0) + 1;
    summary.bytes += lstatSync(path.join(opts.out, file)).size;
  });
  return summary;
}

function merge(into: CorpusSummary, part: CorpusSummary): void {
  into.reports += part.reports;
  into.bytes += part.bytes;
  into.faulted += part.faulted;
  into.copies += part.copies;
  into.hostile += part.hostile;
  const add = (to: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) to[k] = (to[k] ?? 0) + v;
  };
  add(into.byLayout, part.byLayout);
  add(into.byTemplate, part.byTemplate);
  add(into.copyLayouts, part.copyLayouts);
  add(into.hostileKinds, part.hostileKinds);
}

/** Appends the files to `target` in order, in chunks (gold parts of 100,000 reports are large). */
function concatenate(parts: readonly string[], target: string): void {
  const out = openSync(target, 'w');
  const buffer = Buffer.allocUnsafe(1 << 20);
  try {
    for (const part of parts) {
      const fd = openSync(part, 'r');
      try {
        for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) writeSync(out, buffer, 0, n);
      } finally {
        closeSync(fd);
      }
      rmSync(part);
    }
  } finally {
    closeSync(out);
  }
}

/** Worker threads by default: one core is left to the file writes and the rest of the machine. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/**
 * The same corpus as `writeCorpus`, written by `jobs` worker threads, each taking a contiguous
 * range of reports; the gold parts are joined in order, so the files are the same byte for byte.
 */
export async function writeCorpusParallel(opts: CorpusOptions, jobs = defaultJobs(), minPerJob = 500): Promise<CorpusSummary> {
  checkCorpusSize(opts.n);
  const workers = Math.max(1, Math.min(jobs, Math.ceil(opts.n / minPerJob)));
  if (workers === 1) return writeCorpus(opts);
  mkdirSync(opts.out, { recursive: true });
  const started = performance.now();
  const size = Math.ceil(opts.n / workers);
  const ranges = Array.from({ length: workers }, (_, k) => [k * size, Math.min(opts.n, (k + 1) * size)] as const).filter(([a, b]) => a < b);
  const parts = ranges.map((_, k) => path.join(opts.out, `${GOLD_FILE}.part-${k}`));
  const results = await Promise.all(
    ranges.map(
      ([from, to], k) =>
        new Promise<CorpusSummary>((resolve, reject) => {
          // worker.mjs loads the TypeScript worker through tsx, under tsx and vitest alike.
          const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { opts, from, to, gold: parts[k] } });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`generator worker ${k} exited with code ${code}`)));
        }),
    ),
  );
  concatenate(parts, path.join(opts.out, GOLD_FILE));
  const summary = emptySummary();
  for (const r of results) merge(summary, r);
  merge(summary, writeHostile(opts));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
