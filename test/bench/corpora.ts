/**
 * The generated corpora the benchmark reads, kept in the system's temporary folder between runs
 * (one folder per seed and size: 100,000 reports take minutes to write), written again when the
 * generator's version has changed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateReport, GENERATOR_VERSION, GOLD_FILE, writeCorpusParallel } from './generator/index.js';

/** Where generated corpora and the runs' work folders live. */
export const BENCH_TMP = path.join(os.tmpdir(), 'gov-report-bench');

const COMPLETE = '.complete';

/** The folder of the corpus of `n` reports of `seed`, written unless a finished one is there. */
export async function ensureCorpus(seed: number, n: number, say: (line: string) => void): Promise<string> {
  const dir = path.join(BENCH_TMP, `corpus-s${seed}-n${n}`);
  if (existsSync(path.join(dir, COMPLETE)) && completeFor(dir) === GENERATOR_VERSION) {
    // The add phase writes the generator's next reports into the corpus and removes them; a run
    // stopped in between leaves them behind.
    for (const k of [n, n + 1]) await rm(path.join(dir, generateReport(seed, k).file), { force: true });
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  const t = performance.now();
  const summary = await writeCorpusParallel({ n, seed, out: dir });
  // gold.jsonl is the generator's answer key, not a report; the corpus reader would skip it anyway.
  writeFileSync(path.join(dir, COMPLETE), JSON.stringify({ ...summary, gold: GOLD_FILE, generator: GENERATOR_VERSION }));
  say(`generated ${n} reports (seed ${seed}) into ${dir} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return dir;
}

/** The generator version a finished corpus was written by (none before versions were kept). */
function completeFor(dir: string): number | undefined {
  return (JSON.parse(readFileSync(path.join(dir, COMPLETE), 'utf8')) as { generator?: number }).generator;
}

/** Total bytes of the corpus's report files, from the generator's summary. */
export function corpusBytes(dir: string): number {
  return (JSON.parse(readFileSync(path.join(dir, COMPLETE), 'utf8')) as { bytes: number }).bytes;
}
