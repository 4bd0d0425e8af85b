import { createEngine, type QueryEngine } from '../../../src/query/engine.js';
import { profiled } from '../cpu-profile.js';
import { latency, type Latency } from '../figures.js';
import { noteMemory } from '../memory.js';
import { questionMix, type BenchQuestion } from '../questions.js';
import { indexDir, type PhaseArgs } from './args.js';

export interface AskFigures {
  /** `createEngine` from `index/`: the report store, the passage index, the fact store. */
  engineMs: number;
  /** Route `search`. */
  passage: Latency;
  /** Every other route. */
  structured: Latency;
  all: Latency;
  questions: Array<{ q: string; kind: string; route: string; p50: number; max: number; p95?: number; p99?: number }>;
}

/** The engine as the bot opens it: `createEngine` over the corpus and the saved `index/`. */
export async function openBenchEngine(a: PhaseArgs): Promise<{ engine: QueryEngine; engineMs: number }> {
  const t = performance.now();
  const engine = await createEngine({ corpusDir: a.corpusDir, indexDir: indexDir(a), now: () => new Date('2026-06-01') });
  return { engine, engineMs: performance.now() - t };
}

/**
 * `answer` latency over the question mix (`questions`, else the mix over the engine's reports):
 * one warm-up round, then `rounds` timed ones.
 */
export async function run(a: PhaseArgs & { rounds: number; questions?: BenchQuestion[] }): Promise<AskFigures> {
  const { engine, engineMs } = await openBenchEngine(a);
  noteMemory();
  const mix = a.questions ?? questionMix(engine.reports);
  const routes = mix.map(({ q }) => engine.answer(q).route);
  const times = mix.map(() => [] as number[]);
  await profiled(a.profile, async () => {
    for (let r = 0; r < a.rounds; r++) {
      mix.forEach(({ q }, i) => {
        const t = performance.now();
        engine.answer(q);
        times[i].push(performance.now() - t);
      });
    }
  });
  noteMemory();
  return { engineMs, ...mixLatency(mix, routes, times) };
}

/** The latencies of a timed mix (`times[i]`: question i's asks), passage and structured apart, and each question's. */
export function mixLatency(mix: readonly BenchQuestion[], routes: readonly string[], times: readonly number[][]): Omit<AskFigures, 'engineMs'> {
  const pick = (passage: boolean) => times.filter((_, i) => (routes[i] === 'search') === passage).flat();
  return {
    passage: latency(pick(true)),
    structured: latency(pick(false)),
    all: latency(times.flat()),
    questions: mix.map(({ q, kind }, i) => {
      const l = latency(times[i]);
      return { q, kind, route: routes[i], p50: l.p50, max: l.max };
    }),
  };
}
