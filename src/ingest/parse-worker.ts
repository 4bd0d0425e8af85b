import { parentPort } from 'node:worker_threads';
import { readReportFile } from './corpus.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

// One worker of `readReportFiles`: reads and parses the files it is sent, one reply each.
parentPort!.on('message', async (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, result: await readReportFile(request.corpusDir, request.file) };
  } catch (err) {
    reply = { id: request.id, result: { ok: false, error: { file: request.file, message: `解析时出错：${(err as Error).message}` } } };
  }
  parentPort!.postMessage(reply);
});
