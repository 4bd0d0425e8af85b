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
  const [{ createBot }, { describeError }, { runBot }, { Intake }, { FolderCorpus }, { createLogger }, { LiveEngine }] = await Promise.all([
    import('../bot/bot.js'),
    import('../bot/errors.js'),
    import('../bot/run.js'),
    import('../intake/intake.js'),
    import('../intake/corpus-file.js'),
    import('../log.js'),
    import('../query/live-engine.js'),
  ]);
  const log = createLogger({ level: config.logLevel, secrets: [token, config.telegram.webhook?.secret] });
  // With DATABASE_URL: the state, the added reports and the news of changes shared with the other
  // replicas; listening starts before the engine reads the reports, so none is missed.
  const replica = config.databaseUrl ? await (await import('../db/replica.js')).openReplica(config.databaseUrl, config, log) : null;
  if (replica && !replica.ok) {
    console.error(replica.error);
    return 2;
  }
  // Reloadable: a report an admin adds is answered from at once, without a restart.
  const engine = await LiveEngine.open({ corpusDir: config.corpusDir, indexDir: config.indexDir, databaseUrl: config.databaseUrl }).catch(cannotOpen);
  if (!engine) return 2;
  replica?.value.follow(engine);
  const intake = new Intake(engine, replica?.value.files ?? new FolderCorpus(config.corpusDir));
  const state = replica?.value.state;
  let running: RunningBot;
  try {
    running = await runBot(createBot(engine, config, { log, intake, ...(state ? { state } : {}) }), config, log);
  } catch (err) {
    log.fatal(describeError(err), 'could not start the bot (a 401 means Telegram does not know the token)');
    return 1;
  }
  // The bot is up: read the passage index now rather than at the first question that searches.
  setImmediate(() => engine.warm());
  const code = await waitForStop(running, log, describeError);
  await replica?.value.close().catch(() => undefined);
  return code;
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
