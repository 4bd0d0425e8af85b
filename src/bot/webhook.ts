import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookCallback, type Bot } from 'grammy';
import type { WebhookConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { RunningBot } from './run.js';
import { ALLOWED_UPDATES } from './run.js';

/**
 * Webhook mode: a local HTTP server (behind the reverse proxy that holds the TLS certificate)
 * receives Telegram's posts at the URL's path, refuses any without the secret token (401), and
 * registers the webhook with Telegram. An answer that takes longer than Telegram waits is still
 * sent: the request is acknowledged and the handler carries on.
 */
export async function startWebhook(bot: Bot, webhook: WebhookConfig, log: Logger): Promise<RunningBot> {
  await bot.init();
  const handle = webhookCallback(bot, 'http', {
    secretToken: webhook.secret,
    onTimeout: 'return',
    timeoutMilliseconds: 9_000,
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== webhook.path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(webhook.port, webhook.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES });
  log.info({ bot: bot.botInfo.username, mode: 'webhook', port: address.port, path: webhook.path }, 'bot started');

  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  return {
    mode: 'webhook',
    done,
    address,
    stop: async () => {
      // The webhook stays registered: Telegram keeps updates until the next start.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      resolveDone();
      log.info({ bot: bot.botInfo.username }, 'bot stopped');
    },
  };
}
