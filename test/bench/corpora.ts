/**
 * The generated corpora the benchmark reads, kept in the system's temporary folder between runs
 * (one folder per seed and size: 100,000 reports take minutes to write), and the parsed reports
 * handed from the parse phase to the later ones (parsing 10,000 reports again in every phase
 * would cost a minute each).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { Report } from '../../src/ingest/report.js';
import { GOLD_FILE, writeCorpusParallel } from './generator/index.js';

/** Where generated corpora and the runs' work folders live. */
export const BENCH_TMP = path.join(os.tmpdir(), 'gov-report-bench');

const COMPLETE = '.complete';

/** The folder of the corpus of `n` reports of `seed`, written unless a finished one is there. */
export async function ensureCorpus(seed: number, n: number, say: (line: string) => void): Promise<string> {
  const dir = path.join(BENCH_TMP, `corpus-s${seed}-n${n}`);
  if (existsSync(path.join(dir, COMPLETE))) return dir;
  await rm(dir, { recursive: true, force: true });
  const t = performance.now();
  const summary = await writeCorpusParallel({ n, seed, out: dir });
  // gold.jsonl is the generator's answer key, not a report; the corpus reader would skip it anyway.
  writeFileSync(path.join(dir, COMPLETE), JSON.stringify({ ...summary, gold: GOLD_FILE }));
  say(`generated ${n} reports (seed ${seed}) into ${dir} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return dir;
}

/** Reports per chunk of the reports file (one v8 buffer must stay well under 2 GB). */
const CHUNK = 1000;

/** Writes reports as length-prefixed v8-serialized chunks. */
export function writeReports(file: string, reports: readonly Report[]): void {
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < reports.length; i += CHUNK) {
      const body = v8.serialize(reports.slice(i, i + CHUNK));
      const head = Buffer.alloc(4);
      head.writeUInt32LE(body.length);
      writeSync(fd, head);
      writeSync(fd, body);
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads what `writeReports` wrote. */
export function readReports(file: string): Report[] {
  const out: Report[] = [];
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    while (readSync(fd, head) === 4) {
      const body = Buffer.allocUnsafe(head.readUInt32LE());
      if (readSync(fd, body) !== body.length) throw new Error(`${file} ends inside a chunk: run the parse phase again`);
      for (const r of v8.deserialize(body) as Report[]) out.push(r);
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/** Total bytes of the corpus's report files, from the generator's summary. */
export function corpusBytes(dir: string): number {
  return (JSON.parse(readFileSync(path.join(dir, COMPLETE), 'utf8')) as { bytes: number }).bytes;
}
