import { parentPort } from 'node:worker_threads';
import { readReportFile } from './corpus.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

// One worker of `readReportFiles`: reads and parses the files it is sent, one reply each
// (`readReportFile` never throws: a failure is a reply naming the file).
parentPort!.on('message', async (request: ParseRequest) => {
  const reply: ParseReply = { id: request.id, result: await readReportFile(request.corpusDir, request.file) };
  parentPort!.postMessage(reply);
});
