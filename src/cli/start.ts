import path from 'node:path';
import type { RunningBot } from '../bot/run.js';
import { loadConfig, type Config } from '../config.js';
import type { Logger } from '../log.js';
import { envWithFolderFlags, openEngine, runChat } from './chat.js';

type DescribeError = typeof import('../bot/errors.js').describeError;

/**
 * `npm start`: the Telegram bot over the engine, by long polling, or by webhook when WEBHOOK_URL
 * is set. Without TELEGRAM_BOT_TOKEN it says so in one line and opens the terminal chat on the
 * same engine instead. SIGINT / SIGTERM stop it within a few seconds.
 */
async function main(): Promise<number> {
  const loaded = loadConfig(envWithFolderFlags(process.argv.slice(2)));
  if (!loaded.ok) {
    console.error(loaded.error);
    return 2;
  }
  const config = loaded.config;
  if (config.telegram.token === null) {
    console.log(
      `TELEGRAM_BOT_TOKEN 未设置，改为在终端里对话（${config.databaseUrl ? '数据库 DATABASE_URL' : `语料 ${path.relative(process.cwd(), config.corpusDir) || '.'}`}，输入 exit 退出）。`,
    );
    const engine = await openEngine(config).catch(cannotOpen);
    if (!engine) return 2;
    await runChat(engine);
    return 0;
  }
  return startBot(config, config.telegram.token);
}

/**
 * The bot's modules (grammY, pino, adding reports) are imported here, not at the top: the
 * terminal chat needs none of them, and its first answer does not wait for them.
 */
async function startBot(config: Config, token: string): Promise<number> {
  const [{ createBot }, { describeError }, { runBot }, { Intake }, { createLogger }, { LiveEngine }] = await Promise.all([
    import('../bot/bot.js'),
    import('../bot/errors.js'),
    import('../bot/run.js'),
    import('../intake/intake.js'),
    import('../log.js'),
    import('../query/live-engine.js'),
  ]);
  const log = createLogger({ level: config.logLevel, secrets: [token, config.telegram.webhook?.secret] });
  // Reloadable: a report an admin adds is answered from at once, without a restart.
  const engine = await LiveEngine.open({ corpusDir: config.corpusDir, indexDir: config.indexDir, databaseUrl: config.databaseUrl }).catch(cannotOpen);
  if (!engine) return 2;
  // The intake saves into the corpus folder, which an engine over the database does not read: a
  // report added that way would be accepted and never answered. Off until it writes to the database.
  const intake = config.databaseUrl ? undefined : new Intake(engine, config.corpusDir);
  let running: RunningBot;
  try {
    running = await runBot(createBot(engine, config, { log, intake }), config, log);
  } catch (err) {
    log.fatal(describeError(err), 'could not start the bot (a 401 means Telegram does not know the token)');
    return 1;
  }
  // The bot is up: read the passage index now rather than at the first question that searches.
  setImmediate(() => engine.warm());
  return waitForStop(running, log, describeError);
}

/** A storage that cannot be opened (an unreachable database): its reason in one line, no stack. */
function cannotOpen(err: unknown): null {
  console.error(err instanceof Error ? err.message : String(err));
  return null;
}

const GRACE_MS = 5_000;

/** Resolves with the exit code: 0 after a signal and a clean stop, 1 if polling died. */
function waitForStop(running: RunningBot, log: Logger, describeError: DescribeError): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, 'second signal: exiting at once');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, 'stopping');
      setTimeout(() => {
        log.warn({ graceMs: GRACE_MS }, 'did not stop in time: exiting');
        process.exit(1);
      }, GRACE_MS).unref();
      running.stop().then(
        () => resolve(0),
        (err: unknown) => {
          log.error(describeError(err), 'stop failed');
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    running.done.catch(() => resolve(1));
  });
}

// Exit explicitly: the engine may hold timers or workers that would keep the process alive.
process.exit(await main());
