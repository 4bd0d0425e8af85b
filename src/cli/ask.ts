/**
 * `npm run -s ask -- "问题"`: the answer as a person reads it. `--json` prints
 * `{question, route, text, citations[], table?}` (`table`: the rows behind an answer that lists
 * reports, see `AnswerTable`); `--jsonl` reads one question a line on stdin and prints one object
 * a line, loading the corpus and index once. `--corpus DIR`, `--index DIR`; with `DATABASE_URL`
 * set, the answers come from that database instead (no folder is read).
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer } from '../query/answer.js';
import { loadConfig } from '../config.js';
import { createEngine } from '../query/engine.js';
import { flag, parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const corpusDir = path.resolve(flag(args, 'corpus') ?? 'corpus');
const indexDir = path.resolve(flag(args, 'index') ?? 'index');
const engine = await createEngine({ corpusDir, indexDir, databaseUrl: databaseUrl() }).catch((e: unknown) => {
  // A database that cannot be opened: its reason, not a stack (the message never holds the URL).
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
for (const e of engine.errors) process.stderr.write(`${e.file}: ${e.message}\n`);

const print = (a: Answer) => {
  if (args.flags.has('json') || args.flags.has('jsonl')) process.stdout.write(`${JSON.stringify(a)}\n`);
  else process.stdout.write(`${a.text}\n`);
};

if (args.flags.has('jsonl')) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const question = line.trim();
    if (!question) continue;
    // A line may be a bare question or a JSON object with a `q` (the dev-seeds format).
    let text = question;
    if (question.startsWith('{')) {
      try {
        const obj = JSON.parse(question) as { q?: unknown; question?: unknown };
        text = String(obj.q ?? obj.question ?? question);
      } catch {
        // not JSON: the line is the question
      }
    }
    print(await engine.ask(text));
  }
} else {
  const question = args.positional.join(' ').trim();
  if (!question) {
    process.stderr.write('用法：npm run -s ask -- [--json] [--corpus DIR] [--index DIR] "问题"；或 --jsonl 从标准输入逐行读取问题\n');
    process.exitCode = 2;
  } else {
    print(await engine.ask(question));
  }
}
await engine.close?.();

/** `DATABASE_URL`, checked as `npm start` checks it; unset: the embedded storage. */
function databaseUrl(): string | null {
  if (!process.env.DATABASE_URL?.trim()) return null;
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    process.exit(2);
  }
  return loaded.config.databaseUrl;
}
