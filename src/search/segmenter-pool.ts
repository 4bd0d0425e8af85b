import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Report } from '../ingest/report.js';
import { addCorpusNames, corpusNamesOf, corpusNamesSoFar, isJiebaLoaded } from './dictionary.js';
import type { SegmentMode } from './segment.js';
import { segmentBatch, unpackBatch, type PackedBatch, type SegmentedBatch } from './segmented.js';

/** Reports a worker segments per message. */
const BATCH = 20;
/** Batches sent ahead per worker: enough to keep it busy, few enough to bound memory. */
const AHEAD = 3;
/**
 * From how many reports a build segments in worker threads. Each worker loads jieba's dictionary
 * (2–3 s of a core, as long as cutting 10,000 reports takes); a thread that has not loaded it
 * yet saves its own load by leaving the work to workers. Measured on 2 cores (test/bench/results).
 */
const WORKERS_FROM = { jiebaLoadedHere: 30_000, otherwise: 5_000 };

/**
 * Worker threads for a build of many reports: the cores the machine has (at most 4), or none
 * when the reports are few.
 */
export function defaultThreads(reports: number): number {
  const from = isJiebaLoaded() ? WORKERS_FROM.jiebaLoadedHere : WORKERS_FROM.otherwise;
  return reports >= from && os.availableParallelism() > 1 ? Math.min(4, os.availableParallelism()) : 0;
}

/** What a worker is sent: reports in order, each with the names to keep whole from then on. */
export interface SegmentRequest {
  batch: number;
  items: Array<{ names: string[]; sections: Report['sections']; facts: Report['facts']; meta: Pick<Report['meta'], 'template'> }>;
}

export interface SegmentReply {
  batch: number;
  packed?: PackedBatch;
  error?: string;
}

/**
 * Segments the reports in `threads` worker threads and yields them in batches, in the reports'
 * order. Each worker keeps the same names whole as a build in one thread would at the
 * same report (the names of every report up to it), so the index is the same either way.
 */
export async function* segmentInWorkers(reports: readonly Report[], mode: SegmentMode, threads: number): AsyncGenerator<SegmentedBatch> {
  const names = corpusNamesSoFar();
  const workers = Array.from({ length: threads }, () => new Worker(new URL('../worker-entry.mjs', import.meta.url), { workerData: { module: new URL('./segment-worker.ts', import.meta.url).href, mode, names } }));
  const namesSent = workers.map(() => 0);
  const pending = new Map<number, { resolve: (p: PackedBatch) => void; reject: (e: Error) => void }>();
  const results = new Map<number, Promise<PackedBatch>>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  for (const w of workers) {
    w.on('message', (reply: SegmentReply) => {
      const p = pending.get(reply.batch);
      pending.delete(reply.batch);
      if (reply.packed) p?.resolve(reply.packed);
      else p?.reject(new Error(`segmenting worker failed: ${reply.error}`));
    });
    w.on('error', failAll);
    w.on('exit', (code) => code !== 0 && failAll(new Error(`segmenting worker exited with code ${code}`)));
  }
  const batches = Math.ceil(reports.length / BATCH);
  const send = (batch: number) => {
    const w = batch % threads;
    const from = batch * BATCH;
    const to = Math.min(reports.length, from + BATCH);
    const items: SegmentRequest['items'] = [];
    for (let i = from; i < to; i++) {
      const known = reports.slice(namesSent[w], i + 1).flatMap(corpusNamesOf);
      namesSent[w] = i + 1;
      // Plain copies: a stored report's sections read their text from disk, which a worker cannot.
      const r = reports[i];
      items.push({
        names: known,
        sections: r.sections.map(({ no, title, text, start, end }) => ({ no, title, text, start, end })),
        // The table facts only: the row passages are made of them (row-passages.ts).
        facts: r.facts.filter((f) => f.origin === 'table'),
        meta: { template: r.meta.template },
      });
    }
    const request: SegmentRequest = { batch, items };
    const result = new Promise<PackedBatch>((resolve, reject) => pending.set(batch, { resolve, reject }));
    // Awaited in order later; a failure before then must not count as unhandled.
    result.catch(() => undefined);
    results.set(batch, result);
    workers[w].postMessage(request);
  };
  try {
    for (let b = 0; b < Math.min(batches, threads * AHEAD); b++) send(b);
    for (let b = 0; b < batches; b++) {
      const packed = await results.get(b)!;
      results.delete(b);
      if (b + threads * AHEAD < batches) send(b + threads * AHEAD);
      yield unpackBatch(packed, Math.min(BATCH, reports.length - b * BATCH));
    }
  } finally {
    failAll(new Error('build stopped'));
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Reports segmented in this thread before they are indexed. */
const BATCH_HERE = 25;

/**
 * Segments in this thread, a batch of reports at a time, in the same batches as the workers post
 * (so that both builds index the same way). Yields to the event loop between batches.
 */
export async function* segmentHere(reports: readonly Report[], mode: SegmentMode): AsyncGenerator<SegmentedBatch> {
  for (let from = 0; from < reports.length; from += BATCH_HERE) {
    const chunk = reports.slice(from, from + BATCH_HERE);
    yield segmentBatch(chunk, mode, (i) => addCorpusNames(corpusNamesOf(chunk[i])));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
