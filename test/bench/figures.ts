/**
 * How the benchmarks print what they measure: durations, sizes, percentiles, padded columns.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** 0.93 ms, 12 ms, 1.52 s */
export const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

/** 12.3 MB (binary megabytes) */
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Pads to a width counted in characters (a Chinese character counts one). */
export const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - [...s].length));

/** The p-quantile (0 … 1) of figures already sorted ascending. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export interface Latency {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Mean and percentiles of durations in milliseconds. */
export function latency(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    mean,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** "p50 1.2 ms, p95 …" */
export function describeLatency(l: Latency): string {
  return `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (mean ${ms(l.mean)}, ${l.count} asks)`;
}

/** Bytes of every file below a folder. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

/** The passage index's files by size: "texts.bin 2.0 MB, terms.bin 0.7 MB, …, lexicon.bin 0.1 MB". */
export async function describeIndexFiles(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const name of ['texts.bin', 'terms.bin', 'postings.bin', 'columns.bin', 'reports.json', 'vocab.txt', 'lexicon.bin']) {
    parts.push(`${name} ${mb((await stat(path.join(dir, name))).size)}`);
  }
  return parts.join(', ');
}
