/**
 * Parsing many report files on every core: a first build of thousands of reports spends most of
 * its time here. Each result is handed over as it comes, the same as parsing the files one by one.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Report, Result } from './report.js';

export interface ParseRequest {
  id: number;
  corpusDir: string;
  file: string;
}

export interface ParseReply {
  id: number;
  result: Result<Report>;
}

/** Below this many files a worker's start (loading the modules) costs more than it saves. */
export const PARALLEL_FROM = 400;
/** Files sent ahead to each worker: keeps it busy without holding many reports in flight. */
const AHEAD = 4;

/** Worker threads for parsing `files` files: the cores available (at most 4), or none for few files. */
export function parseThreads(files: number): number {
  const cores = os.availableParallelism();
  return files >= PARALLEL_FROM && cores > 1 ? Math.min(4, cores) : 0;
}

/**
 * Reads and parses `files` of `corpusDir` in `threads` worker threads, handing each result to
 * `onResult` as it comes (in no particular order): the caller decides what to keep, so that
 * 100,000 parsed reports need not be in memory at once.
 */
export async function readReportFiles(
  corpusDir: string,
  files: readonly string[],
  threads: number,
  onResult: (index: number, result: Result<Report>) => void,
): Promise<void> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('../worker-entry.mjs', import.meta.url), { workerData: { module: new URL('./parse-worker.ts', import.meta.url).href } }));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              while (inFlight < AHEAD && next < files.length) {
                const id = next++;
                inFlight++;
                worker.postMessage({ id, corpusDir, file: files[id] } satisfies ParseRequest);
              }
              if (inFlight === 0) resolve();
            };
            worker.on('message', (reply: ParseReply) => {
              inFlight--;
              try {
                onResult(reply.id, reply.result);
              } catch (err) {
                reject(err);
                return;
              }
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (inFlight > 0) reject(new Error(`parsing worker stopped (exit code ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
