import type { Bot } from 'grammy';
import { loadConfig, type Config } from '../../src/config.js';
import type { Engine } from '../../src/engine.js';
import { createBot, type CreateBotOptions } from '../../src/bot/bot.js';
import { runBot, type RunningBot } from '../../src/bot/run.js';
import { createLogger, type Logger } from '../../src/log.js';
import { FakeTelegram, type ApiCall } from './server.js';
import { privateText, user } from './updates.js';

/** The token the tests' bot uses; the fake server refuses any other (401). */
export const FAKE_TOKEN = '123456789:TEST-fake-token-AAbbCCddEEffGGhh';

/** One pino line, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** A real grammY bot polling a fake Bot API server. */
export interface Rig {
  fake: FakeTelegram;
  bot: Bot;
  running: RunningBot;
  config: Config;
  log: Logger;
  /** Every log line written so far. */
  logs: LogLine[];
  /** The raw log output, to check that no secret was written. */
  rawLogs(): string;
  /** Stops the bot, then the server (unless shared). */
  stop(): Promise<void>;
}

export interface RigOptions {
  engine: Engine;
  /** Environment besides the token and API root (ALLOWED_CHAT_IDS, WEBHOOK_URL …). */
  env?: Record<string, string>;
  /** Passed to `createBot` (retry and throttle settings). */
  bot?: Omit<CreateBotOptions, 'log'>;
  /** A fake server shared with other bots (replicas of one bot); default: one of its own, stopped with the rig. */
  fake?: FakeTelegram;
}

/**
 * Starts a fake Bot API server and the real bot against it, through the same `loadConfig`,
 * `createBot` and `runBot` as `npm start`, with logs captured. Long polling unless `env` sets
 * `WEBHOOK_URL`.
 */
export async function startRig(options: RigOptions): Promise<Rig> {
  const fake = options.fake ?? (await FakeTelegram.start({ token: FAKE_TOKEN }));
  const ownFake = options.fake === undefined;
  const loaded = loadConfig({
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  if (!loaded.ok) {
    if (ownFake) await fake.stop();
    throw new Error(loaded.error);
  }
  const config = loaded.config;
  const lines: string[] = [];
  const log = createLogger({
    level: config.logLevel,
    secrets: [FAKE_TOKEN, config.telegram.webhook?.secret],
    destination: { write: (line: string) => void lines.push(line) },
  });
  const bot = createBot(options.engine, config, { ...options.bot, log });
  const running = await runBot(bot, config, log, { pollTimeoutSeconds: 10 });
  return {
    fake,
    bot,
    running,
    config,
    log,
    get logs() {
      return lines.map((l) => JSON.parse(l) as LogLine);
    },
    rawLogs: () => lines.join(''),
    stop: async () => {
      await running.stop();
      if (ownFake) await fake.stop();
    },
  };
}

/** The call that carries an answer's text: a message, or the caption of its chart. */
const isAnswerText = (c: ApiCall) => c.method === 'sendMessage' || (c.method === 'sendPhoto' && c.payload.caption !== undefined);

export interface Throughput {
  updates: number;
  seconds: number;
  perSecond: number;
}

/**
 * For benchmarks: pushes `updates` private questions from `chats` different users through the real
 * bot against the fake server and measures how fast answers come back (updates/s, from the first
 * push to the last answer's text). The throttler is off unless `bot.throttle` says otherwise: with
 * it, the figure would be Telegram's flood limit (30 messages/s), not the bot's speed. The fake
 * server runs in the same process and takes its share of the CPU (each answer costs two API calls:
 * the typing action and the message; a ranking, comparison or trend also draws and uploads its
 * chart), so the figure is a lower bound; the first run in a process
 * also pays for warm-up, so a benchmark should run more than once and report the later runs.
 *
 * @example
 * const { perSecond } = await measureThroughput({ engine, updates: 1000, questions: ['语料概况'] });
 */
export async function measureThroughput(options: {
  engine: Engine;
  updates: number;
  /** Distinct users (each its own private chat). Default 50. */
  chats?: number;
  /** Asked in turn. Default: one question the engine answers. */
  questions?: readonly string[];
  bot?: Omit<CreateBotOptions, 'log'>;
  timeoutMs?: number;
}): Promise<Throughput> {
  const rig = await startRig({
    engine: options.engine,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
    bot: { throttle: false, ...options.bot },
  });
  try {
    const chats = options.chats ?? 50;
    const questions = options.questions ?? ['语料概况'];
    const since = rig.fake.mark();
    const started = performance.now();
    rig.fake.push(
      ...Array.from({ length: options.updates }, (_, i) =>
        privateText(user(1_000_000 + (i % chats), `用户${i % chats}`), questions[i % questions.length] as string),
      ),
    );
    await rig.fake.waitForCount(isAnswerText, options.updates, {
      since,
      timeoutMs: options.timeoutMs ?? Math.max(30_000, options.updates * 100),
    });
    const seconds = (performance.now() - started) / 1000;
    return { updates: options.updates, seconds, perSecond: options.updates / seconds };
  } finally {
    await rig.stop();
  }
}
