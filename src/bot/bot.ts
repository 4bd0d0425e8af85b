import { Agent } from 'node:http';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import { createLogger, type Logger } from '../log.js';
import type { FetchOptions } from '../fetch/fetch-file.js';
import type { Intake } from '../intake/intake.js';
import { access } from './access.js';
import { addReport } from './add_report.js';
import { installApiTransformers, type ApiOptions } from './api.js';
import { buttons } from './buttons.js';
import { commands } from './commands.js';
import { newStats, type BotDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { inline } from './inline.js';
import { questions } from './questions.js';
import { memoryState, type BotState } from './state.js';

export interface CreateBotOptions extends ApiOptions {
  /** Default: a pino logger at `config.logLevel` that redacts the token. */
  log?: Logger;
  /** Skips the `getMe` call at start (tests, or a process that already knows the bot). */
  botInfo?: UserFromGetMe;
  /** Lets admins add reports (a document, /add URL); absent: adding is off. */
  intake?: Intake;
  /** How links sent by admins are fetched (tests allow their own 127.0.0.1 server here). */
  fetch?: FetchOptions;
  /** What the bot keeps between updates; default: in memory (one process). */
  state?: BotState;
}

/**
 * The Telegram bot over `engine`: private chats, groups, inline queries, commands and buttons,
 * each feature one composer, assembled here. It does not start: hand it to `runBot` (long polling
 * or webhook), or drive it with `bot.handleUpdate`.
 *
 * @example
 * const bot = createBot(await createEngine({ corpusDir, indexDir }), config);
 * const running = await runBot(bot, config, log);
 */
export function createBot(engine: Engine, config: Config, options: CreateBotOptions = {}): Bot {
  const token = config.telegram.token;
  if (token === null) throw new Error('createBot: TELEGRAM_BOT_TOKEN is not configured');
  const log =
    options.log ?? createLogger({ level: config.logLevel, secrets: [token, config.telegram.webhook?.secret] });
  const bot = new Bot(token, {
    client: {
      apiRoot: config.telegram.apiRoot,
      // grammY keeps connections alive to https servers only; a local Bot API server on plain
      // http would otherwise cost a new connection per call (and refused ones under load).
      ...(config.telegram.apiRoot.startsWith('http:') ? { baseFetchConfig: { agent: plainHttpAgent(), compress: true } } : {}),
    },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  installApiTransformers(bot.api, log, options);

  const deps: BotDeps = {
    engine,
    config,
    log,
    ...(options.state ?? memoryState(config)),
    stats: newStats(),
    intake: options.intake ?? null,
    fetch: options.fetch ?? {},
  };

  // In order within a chat (or, without a chat, within a user's inline queries); concurrent across.
  bot.use(sequentialize((ctx: Context) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use(async (ctx, next) => {
    deps.stats.updates += 1;
    log.debug({ update: ctx.update.update_id, chat: ctx.chat?.id, user: ctx.from?.id }, 'update');
    try {
      await next();
    } finally {
      // For /status on any replica; the update never waits for it, nor fails with it.
      deps.replicas.record(deps.stats).catch((error: unknown) => log.warn({ error }, 'could not record this replica’s counters'));
    }
  });
  bot.use(access(config.access, log));
  bot.use(addReport(deps), commands(deps), buttons(deps), inline(deps), questions(deps));
  bot.catch(errorHandler(log, deps.stats));
  return bot;
}

let sharedAgent: Agent | null = null;
function plainHttpAgent(): Agent {
  sharedAgent ??= new Agent({ keepAlive: true });
  return sharedAgent;
}
