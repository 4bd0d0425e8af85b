import { indexDir, type PhaseArgs } from './args.js';

export interface ColdFigures {
  /** Process start to this phase's first line (node, tsx, the phase runner). */
  startupMs: number;
  /** Importing the engine's modules. */
  importMs: number;
  /** `createEngine` over the corpus and its saved `index/`: what the bot does at start. */
  loadMs: number;
  /** The first question's answer. */
  firstMs: number;
  /** Process start to the first answer. */
  totalMs: number;
  route: string;
  rssMb: number;
}

/** A fresh process that opens the engine from `index/` as the bot does and answers one question; nothing else runs before. */
export async function run(a: PhaseArgs & { question: string }): Promise<ColdFigures> {
  const startupMs = performance.now();
  let t = performance.now();
  const { createEngine } = await import('../../../src/query/engine.js');
  const importMs = performance.now() - t;
  t = performance.now();
  const engine = await createEngine({ corpusDir: a.corpusDir, indexDir: indexDir(a) });
  const loadMs = performance.now() - t;
  t = performance.now();
  const answer = engine.answer(a.question);
  const firstMs = performance.now() - t;
  return { startupMs, importMs, loadMs, firstMs, totalMs: performance.now(), route: answer.route, rssMb: process.memoryUsage().rss / 2 ** 20 };
}
