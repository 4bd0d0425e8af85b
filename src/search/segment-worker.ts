import { parentPort, workerData } from 'node:worker_threads';
import { addCorpusNames, ensureJieba } from './dictionary.js';
import type { SegmentMode } from './segment.js';
import { packBatch, segmentBatch } from './segmented.js';
import type { SegmentReply, SegmentRequest } from './segmenter-pool.js';

// One worker of `segmentInWorkers`: its own jieba, the same names kept whole as in the main thread.
const { mode, names } = workerData as { mode: SegmentMode; names: string[] };
addCorpusNames(names);
ensureJieba();

parentPort!.on('message', (request: SegmentRequest) => {
  let reply: SegmentReply;
  try {
    const batch = segmentBatch(request.items, mode, (i) => addCorpusNames(request.items[i].names));
    const packed = packBatch(batch);
    reply = { batch: request.batch, packed };
    parentPort!.postMessage(reply, [packed.numbers.buffer as ArrayBuffer]);
  } catch (err) {
    reply = { batch: request.batch, error: (err as Error).stack ?? String(err) };
    parentPort!.postMessage(reply);
  }
});
