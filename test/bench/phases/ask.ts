import { MESSAGE_TABLE_ROWS } from '../../../src/bot/message-table.js';
import { TABLE_ROWS, type Answer, type AskOptions } from '../../../src/query/answer.js';
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
  /**
   * The questions whose table the bot's message carries only the first rows of, asked again for
   * the whole table as 导出CSV does (`TABLE_ROWS`): apart from the mix, a press on a button.
   */
  wholeTables?: Array<{ q: string; rows: number; p50: number; max: number }>;
}

/** As the bot asks: the table's rows its message carries (`MESSAGE_TABLE_ROWS`). */
export const AS_THE_BOT: AskOptions = { tableRows: MESSAGE_TABLE_ROWS };
/** As 导出CSV asks: the whole table. */
export const WHOLE_TABLE: AskOptions = { tableRows: TABLE_ROWS };

/**
 * The questions of a mix whose table the bot's answer cuts (`answers`: as the bot asked them),
 * each asked `rounds` times for its whole table as 导出CSV asks: how long, and how many rows.
 */
export async function wholeTables(engine: QueryEngine, mix: readonly BenchQuestion[], answers: readonly Answer[], rounds: number): Promise<NonNullable<AskFigures['wholeTables']>> {
  const out: NonNullable<AskFigures['wholeTables']> = [];
  for (const [i, { q }] of mix.entries()) {
    if ((answers[i].table?.rows.length ?? 0) >= (answers[i].table?.total ?? 0)) continue;
    let rows = 0;
    const ts: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      rows = (await engine.ask(q, WHOLE_TABLE)).table?.rows.length ?? 0;
      ts.push(performance.now() - t);
    }
    const l = latency(ts);
    out.push({ q, rows, p50: l.p50, max: l.max });
  }
  return out;
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
  const answers = mix.map(({ q }) => engine.answer(q, AS_THE_BOT));
  const routes = answers.map((x) => x.route);
  const times = mix.map(() => [] as number[]);
  await profiled(a.profile, async () => {
    for (let r = 0; r < a.rounds; r++) {
      mix.forEach(({ q }, i) => {
        const t = performance.now();
        engine.answer(q, AS_THE_BOT);
        times[i].push(performance.now() - t);
      });
    }
  });
  noteMemory();
  return { engineMs, ...mixLatency(mix, routes, times), wholeTables: await wholeTables(engine, mix, answers, a.rounds) };
}

/** 导出CSV's reads of whole tables, one line each: "p50 31 ms, max 40 ms, 10,000 rows  哪个局…". */
export function describeWholeTables(figures: AskFigures): string[] {
  return (figures.wholeTables ?? []).map((w) => `p50 ${w.p50.toFixed(1)} ms, max ${w.max.toFixed(1)} ms, ${w.rows.toLocaleString('en')} rows  ${w.q}`);
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
