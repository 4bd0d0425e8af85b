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

/** The worker module parsing one file a message (a test gives one of its own). */
const PARSE_WORKER = new URL('./parse-worker.ts', import.meta.url);

/**
 * Reads and parses `files` of `corpusDir` in `threads` worker threads, handing each result to
 * `onResult` as it comes (in no particular order): the caller decides what to keep, so that
 * 100,000 parsed reports need not be in memory at once.
 *
 * A worker that stops (out of memory on a hostile file …) costs no other file: the files it
 * held are sent again one at a time to a new worker, and the one a worker stops on alone is
 * handed over as a failure naming it.
 */
export function readReportFiles(
  corpusDir: string,
  files: readonly string[],
  threads: number,
  onResult: (index: number, result: Result<Report>) => void,
  workerModule: URL = PARSE_WORKER,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const workers = new Set<Worker>();
    /** Files a stopped worker held: each is sent alone to learn which one stops a worker. */
    const suspects: number[] = [];
    let next = 0;
    let done = 0;
    let answered = 0;
    let stopped = 0;
    let settled = false;

    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      const all = [...workers];
      workers.clear();
      void Promise.all(all.map((w) => w.terminate())).then(() => (err === undefined ? resolve() : reject(err)));
    };
    const hand = (id: number, result: Result<Report>) => {
      done++;
      try {
        onResult(id, result);
      } catch (err) {
        finish(err);
        return;
      }
      if (done === files.length) finish();
    };

    const start = () => {
      const worker = new Worker(new URL('../worker-entry.mjs', import.meta.url), { workerData: { module: workerModule.href } });
      workers.add(worker);
      const inFlight = new Set<number>();
      let alone = false;
      const send = () => {
        if (settled || alone) return;
        if (inFlight.size === 0 && suspects.length > 0) {
          const id = suspects.shift() as number;
          alone = true;
          inFlight.add(id);
          worker.postMessage({ id, corpusDir, file: files[id] } satisfies ParseRequest);
          return;
        }
        while (inFlight.size < AHEAD && next < files.length) {
          const id = next++;
          inFlight.add(id);
          worker.postMessage({ id, corpusDir, file: files[id] } satisfies ParseRequest);
        }
      };
      const stop = (why: string) => {
        if (settled || !workers.delete(worker)) return;
        stopped++;
        if (answered === 0 && stopped > threads + 1) {
          finish(new Error(`parsing workers stop before reading any file: ${why}`));
          return;
        }
        const held = [...inFlight];
        inFlight.clear();
        if (alone && held.length === 1) {
          hand(held[0], { ok: false, error: { file: files[held[0]], message: `读取时解析线程意外停止（${why}）：文件可能过大或结构异常` } });
        } else suspects.push(...held);
        if (!settled && (suspects.length > 0 || next < files.length)) start();
      };
      worker.on('message', (reply: ParseReply) => {
        inFlight.delete(reply.id);
        alone = false;
        answered++;
        hand(reply.id, reply.result);
        send();
      });
      worker.on('error', (err: Error) => stop(err.message.split('\n')[0]));
      worker.on('exit', (code) => stop(`退出码 ${code}`));
      send();
    };

    if (files.length === 0) return resolve();
    for (let i = 0; i < Math.max(1, threads); i++) start();
  });
}
