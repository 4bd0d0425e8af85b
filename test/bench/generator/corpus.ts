import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Layout } from './gold.js';
import { generateReport } from './report.js';

export interface CorpusOptions {
  n: number;
  seed: number;
  /** Folder to write into (created if missing). */
  out: string;
  /** Share of reports with one recorded fault (default 0.05). */
  faultRate?: number;
  /** Force one layout for every report. */
  layout?: Layout;
}

export interface CorpusSummary {
  reports: number;
  bytes: number;
  seconds: number;
  byLayout: Record<string, number>;
  byTemplate: Record<string, number>;
  faulted: number;
}

/**
 * Writes `n` reports and `gold.jsonl` into a folder, one report at a time (memory stays flat
 * however large n is). Same options → byte-identical files.
 */
export function writeCorpus(opts: CorpusOptions): CorpusSummary {
  mkdirSync(opts.out, { recursive: true });
  const started = performance.now();
  const gold = openSync(path.join(opts.out, 'gold.jsonl'), 'w');
  const summary: CorpusSummary = { reports: 0, bytes: 0, seconds: 0, byLayout: {}, byTemplate: {}, faulted: 0 };
  let pending: string[] = [];
  try {
    for (let i = 0; i < opts.n; i++) {
      const { file, text, gold: g } = generateReport(opts.seed, i, { faultRate: opts.faultRate, layout: opts.layout });
      writeFileSync(path.join(opts.out, file), text);
      pending.push(JSON.stringify(g));
      if (pending.length >= 500) {
        writeSync(gold, `${pending.join('\n')}\n`);
        pending = [];
      }
      summary.reports++;
      summary.bytes += Buffer.byteLength(text);
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
