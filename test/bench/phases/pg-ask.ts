import path from 'node:path';
import { createEngine } from '../../../src/query/engine.js';
import { profiled } from '../cpu-profile.js';
import { noteMemory } from '../memory.js';
import type { BenchQuestion } from '../questions.js';
import type { PhaseArgs } from './args.js';
import { AS_THE_BOT, mixLatency, wholeTables, type AskFigures } from './ask.js';

/** The heap and resident size at one moment, after a full collection where `--expose-gc` allows. */
export interface MemoryNow {
  heapUsedMb: number;
  rssMb: number;
}

export interface PgAskFigures extends AskFigures {
  /** Right after `createEngine`. */
  opened: MemoryNow;
  /** After one round of the mix: what a replica holds while it serves. */
  warm: MemoryNow;
  /** After the timed rounds. */
  end: MemoryNow;
}

/**
 * The engine over the database as the bot opens it (`createEngine({ databaseUrl })`), asked
 * through `ask` only, as the bot asks (`AS_THE_BOT`): one warm-up round of the mix, then `rounds`
 * timed ones, one question at a time; then the tables the bot's answers cut, read whole as
 * 导出CSV reads them. The corpus and index folders it is given do not exist: over the database
 * neither is read.
 */
export async function run(a: PhaseArgs & { databaseUrl: string; rounds: number; questions: BenchQuestion[] }): Promise<PgAskFigures> {
  const nowhere = path.join(a.work, 'not-read');
  let t = performance.now();
  const engine = await createEngine({ corpusDir: nowhere, indexDir: nowhere, databaseUrl: a.databaseUrl, now: () => new Date('2026-06-01') });
  const engineMs = performance.now() - t;
  try {
    const opened = memoryNow();
    const mix = a.questions;
    const answers = [];
    for (const { q } of mix) answers.push(await engine.ask(q, AS_THE_BOT));
    const routes = answers.map((x) => x.route);
    const warm = memoryNow();
    const times = mix.map(() => [] as number[]);
    await profiled(a.profile, async () => {
      for (let r = 0; r < a.rounds; r++) {
        for (const [i, { q }] of mix.entries()) {
          t = performance.now();
          await engine.ask(q, AS_THE_BOT);
          times[i].push(performance.now() - t);
        }
      }
    });
    noteMemory();
    const end = memoryNow();
    return {
      engineMs,
      ...mixLatency(mix, routes, times),
      wholeTables: await wholeTables(engine, mix, answers, a.rounds),
      opened,
      warm,
      end,
    };
  } finally {
    await engine.close?.();
  }
}

function memoryNow(): MemoryNow {
  (globalThis as { gc?: () => void }).gc?.();
  noteMemory();
  const m = process.memoryUsage();
  return { heapUsedMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}
