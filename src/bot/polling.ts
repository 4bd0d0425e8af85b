import { run } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Logger } from '../log.js';
import { describeError } from './errors.js';
import type { RunningBot } from './run.js';
import { ALLOWED_UPDATES } from './run.js';

/** How long `stop` lets answers being worked out reach their chats. */
const DRAIN_MS = 3_000;

/**
 * Long polling through grammY's runner: updates of different chats are handled concurrently
 * (sequentialized per chat by the bot), `getUpdates` failures are retried with backoff and logged
 * by the API transformer. `done` settles when polling ends; it rejects when Telegram refuses it
 * for good (a revoked token: 401; another instance polling: 409).
 */
export async function startPolling(bot: Bot, log: Logger, pollTimeoutSeconds = 30): Promise<RunningBot> {
  await bot.init();
  // A webhook left by an earlier deployment makes getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const runner = run(bot, {
    runner: { silent: true, fetch: { timeout: pollTimeoutSeconds, allowed_updates: ALLOWED_UPDATES } },
  });
  const done = (runner.task() ?? Promise.resolve()).catch((err: unknown) => {
    log.fatal(describeError(err), 'polling stopped: Telegram refused getUpdates');
    throw err;
  });
  log.info({ bot: bot.botInfo.username, mode: 'polling' }, 'bot started');
  return {
    mode: 'polling',
    done,
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
      await done.catch(() => undefined);
      await drain(() => runner.size(), DRAIN_MS);
      log.info({ bot: bot.botInfo.username }, 'bot stopped');
    },
  };
}

async function drain(inFlight: () => number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}
