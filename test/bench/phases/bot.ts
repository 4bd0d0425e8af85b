import { measureThroughput, type Throughput } from '../../fake-telegram/harness.js';
import { questionMix } from '../questions.js';
import { type PhaseArgs } from './args.js';
import { openBenchEngine } from './ask.js';

/**
 * Updates per second through the real grammY `Bot` (long polling) against the fake Bot API in
 * this process, asking the question mix; run `runs` times (the first pays the warm-up).
 */
export async function run(a: PhaseArgs & { updates: number; runs: number }): Promise<Throughput[]> {
  const { engine } = await openBenchEngine(a);
  const questions = questionMix(engine.reports).map((m) => m.q);
  const out: Throughput[] = [];
  for (let r = 0; r < a.runs; r++) out.push(await measureThroughput({ engine, updates: a.updates, questions }));
  return out;
}
