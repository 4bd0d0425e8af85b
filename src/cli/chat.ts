/**
 * `npm run chat`: a terminal conversation with the engine, the same `ask` the bot uses. One
 * question a line, the answer's text printed back; "exit" or end of input (Ctrl-D) ends it.
 *   npm run chat -- --corpus DIR --index DIR
 */
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import type { Engine } from '../engine.js';
import { createEngine } from '../query/engine.js';
import { flag, parseArgs } from './args.js';

/**
 * The real engine over a corpus and its index (built or refreshed as needed), or over the
 * database when `databaseUrl` is set; `close` lets the database's connections go.
 */
export async function openEngine(dirs: { corpusDir: string; indexDir: string; databaseUrl?: string | null }): Promise<Engine & { close?(): Promise<void> }> {
  return createEngine({ corpusDir: dirs.corpusDir, indexDir: dirs.indexDir, databaseUrl: dirs.databaseUrl });
}

export interface ChatIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const EXIT_WORDS = new Set(['exit', 'quit', '退出']);

/** Reads questions line by line and prints each answer's text, until "exit" or end of input. */
export async function runChat(engine: Engine, io: ChatIO = { input: process.stdin, output: process.stdout }): Promise<void> {
  // Piped questions (a file, a test) get answers only; a person at a terminal gets a prompt.
  const interactive = isTTY(io.input) && isTTY(io.output);
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: interactive });
  const prompt = () => interactive && rl.prompt();
  rl.setPrompt('问> ');
  prompt();
  // While the first question is typed, read what answers read at first need (the passage index).
  if (interactive) setImmediate(() => engine.warm?.());
  try {
    for await (const line of rl) {
      const question = line.trim();
      if (EXIT_WORDS.has(question.toLowerCase())) break;
      if (question !== '') {
        try {
          const answer = await engine.ask(question);
          io.output.write(`${answer.text.trim()}\n\n`);
        } catch (err) {
          io.output.write(`出错了：${err instanceof Error ? err.message : String(err)}\n\n`);
        }
      }
      prompt();
    }
  } finally {
    rl.close();
  }
}

const isTTY = (stream: NodeJS.ReadableStream | NodeJS.WritableStream) => (stream as { isTTY?: boolean }).isTTY === true;

/** `--corpus` and `--index` over CORPUS_DIR and INDEX_DIR, as every command accepts them. */
export function envWithFolderFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const args = parseArgs(argv);
  const corpus = flag(args, 'corpus');
  const index = flag(args, 'index');
  return { ...env, ...(corpus ? { CORPUS_DIR: corpus } : {}), ...(index ? { INDEX_DIR: index } : {}) };
}

async function main(): Promise<number> {
  const loaded = loadConfig(envWithFolderFlags(process.argv.slice(2)));
  if (!loaded.ok) {
    console.error(loaded.error);
    return 2;
  }
  const engine = await openEngine(loaded.config);
  await runChat(engine);
  await engine.close?.();
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
