import { passagesDir, type PhaseArgs } from './args.js';

export interface ColdFigures {
  /** Process start to this phase's first line (node, tsx, the phase runner). */
  startupMs: number;
  importMs: number;
  /** `PassageIndex.load` of the saved index. */
  loadMs: number;
  /** The first question's search. */
  firstMs: number;
  /** Process start to the first answer. */
  totalMs: number;
  hits: number;
  rssMb: number;
}

/** A fresh process that opens the saved index and answers one question; nothing else runs before. */
export async function run(a: PhaseArgs & { question: string }): Promise<ColdFigures> {
  const startupMs = performance.now();
  let t = performance.now();
  const { PassageIndex } = await import('../../../src/search/index.js');
  const importMs = performance.now() - t;
  t = performance.now();
  const index = await PassageIndex.load(passagesDir(a));
  const loadMs = performance.now() - t;
  t = performance.now();
  const hits = index.search(a.question, { limit: 3 }).length;
  const firstMs = performance.now() - t;
  return { startupMs, importMs, loadMs, firstMs, totalMs: performance.now(), hits, rssMb: process.memoryUsage().rss / 2 ** 20 };
}
