import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { registerCommands } from './menu.js';
import { startPolling } from './polling.js';
import { startWebhook } from './webhook.js';

/** The updates the bot handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/** A started bot. */
export interface RunningBot {
  mode: 'polling' | 'webhook';
  /** Stops taking updates; resolves once polling has ended or the server has closed. */
  stop(): Promise<void>;
  /** Settles when the bot stops by itself or by `stop`; rejects if Telegram refused it for good. */
  done: Promise<void>;
  /** Webhook mode: where the local server listens. */
  address?: AddressInfo;
}

/**
 * Starts `bot`: publishes the command menus, then long polling, or a webhook server when
 * `WEBHOOK_URL` is configured.
 */
export async function runBot(bot: Bot, config: Config, log: Logger, options: { pollTimeoutSeconds?: number } = {}): Promise<RunningBot> {
  await bot.init();
  await registerCommands(bot.api, config.access.adminUserIds, log);
  const webhook = config.telegram.webhook;
  return webhook === null ? startPolling(bot, log, options.pollTimeoutSeconds) : startWebhook(bot, webhook, log);
}
