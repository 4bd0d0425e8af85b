import { parentPort } from 'node:worker_threads';
import { readReportFile } from '../corpus.js';
import type { ParseReply, ParseRequest } from '../parse-pool.js';

// A parsing worker that stops dead on any file named stop*, the way a worker run out of memory
// does: nothing is replied for the files it holds.
parentPort!.on('message', async (request: ParseRequest) => {
  if (request.file.startsWith('stop')) process.exit(7);
  const reply: ParseReply = { id: request.id, result: await readReportFile(request.corpusDir, request.file) };
  parentPort!.postMessage(reply);
});
