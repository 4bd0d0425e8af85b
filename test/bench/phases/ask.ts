import { buildEngine, type QueryEngine } from '../../../src/query/engine.js';
import { PassageIndex } from '../../../src/search/index.js';
import { profiled } from '../cpu-profile.js';
import { readReports } from '../corpora.js';
import { latency, type Latency } from '../figures.js';
import { noteMemory } from '../memory.js';
import { questionMix } from '../questions.js';
import { passagesDir, reportsFile, type PhaseArgs } from './args.js';

export interface AskFigures {
  /** The fact store and agency directory over the parsed reports (what `createEngine` does after parsing). */
  engineMs: number;
  indexLoadMs: number;
  /** Route `search`. */
  passage: Latency;
  /** Every other route. */
  structured: Latency;
  all: Latency;
  questions: Array<{ q: string; kind: string; route: string; p50: number; max: number }>;
}

/** The engine over the parsed reports and the saved index, as `createEngine` makes it. */
export async function openBenchEngine(a: PhaseArgs): Promise<{ engine: QueryEngine; engineMs: number; indexLoadMs: number }> {
  const reports = readReports(reportsFile(a));
  let t = performance.now();
  const index = await PassageIndex.load(passagesDir(a));
  const indexLoadMs = performance.now() - t;
  t = performance.now();
  const engine = buildEngine(reports, { index, now: () => new Date('2026-06-01') });
  return { engine, engineMs: performance.now() - t, indexLoadMs };
}

/** `answer` latency over the question mix: one warm-up round, then `rounds` timed ones. */
export async function run(a: PhaseArgs & { rounds: number }): Promise<AskFigures> {
  const { engine, engineMs, indexLoadMs } = await openBenchEngine(a);
  noteMemory();
  const mix = questionMix(engine.reports);
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
  const pick = (passage: boolean) => times.filter((_, i) => (routes[i] === 'search') === passage).flat();
  return {
    engineMs,
    indexLoadMs,
    passage: latency(pick(true)),
    structured: latency(pick(false)),
    all: latency(times.flat()),
    questions: mix.map(({ q, kind }, i) => {
      const l = latency(times[i]);
      return { q, kind, route: routes[i], p50: l.p50, max: l.max };
    }),
  };
}
