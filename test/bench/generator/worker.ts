import { parentPort, workerData } from 'node:worker_threads';
import { writeRange, type CorpusOptions } from './corpus.js';

// One range of a corpus, written by a worker thread of `writeCorpusParallel`.
const { opts, from, to, gold } = workerData as { opts: CorpusOptions; from: number; to: number; gold: string };
parentPort!.postMessage(writeRange(opts, from, to, gold));
