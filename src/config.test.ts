import { expect, test } from 'vitest';
import { DEFAULT_API_ROOT, loadConfig } from './config.js';

const TOKEN = '123456789:AAFabcdefghijklmnopqrstuvwxyz012345';

test('with nothing set: no token, Telegram\'s API, everyone allowed, ./corpus and ./index', () => {
  const loaded = loadConfig({}, '/srv/bot');
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  expect(loaded.config.telegram).toEqual({ token: null, apiRoot: DEFAULT_API_ROOT, webhook: null });
  expect(loaded.config.access.allowedChatIds).toBeNull();
  expect(loaded.config.access.allowedUserIds).toBeNull();
  expect(loaded.config.corpusDir).toBe('/srv/bot/corpus');
  expect(loaded.config.indexDir).toBe('/srv/bot/index');
  expect(loaded.config.logLevel).toBe('info');
  expect(loaded.config.databaseUrl).toBeNull();
});

test('DATABASE_URL must be a PostgreSQL connection string, and is never printed', () => {
  const url = 'postgres://bot:hunter2@db:5432/reports';
  const loaded = loadConfig({ DATABASE_URL: url });
  expect(loaded.ok && loaded.config.databaseUrl).toBe(url);
  const wrong = loadConfig({ DATABASE_URL: 'mysql://bot:hunter2@db/reports' });
  expect(wrong.ok ? '' : wrong.error).toContain('DATABASE_URL must be a PostgreSQL connection string');
  expect(wrong.ok ? '' : wrong.error).not.toContain('hunter2');
});

test('an empty variable counts as unset', () => {
  const loaded = loadConfig({ TELEGRAM_BOT_TOKEN: '', ALLOWED_CHAT_IDS: ' ' });
  expect(loaded.ok && loaded.config.telegram.token).toBeNull();
  expect(loaded.ok && loaded.config.access.allowedChatIds).toBeNull();
});

test('id lists accept commas and spaces, and negative group ids', () => {
  const loaded = loadConfig({ ALLOWED_CHAT_IDS: '-1001234567890, 42 7', ADMIN_USER_IDS: '9' });
  expect(loaded.ok && [...loaded.config.access.allowedChatIds!]).toEqual([-1001234567890, 42, 7]);
  expect(loaded.ok && [...loaded.config.access.adminUserIds]).toEqual([9]);
});

test('a malformed token is named, but not printed', () => {
  const loaded = loadConfig({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong' });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.error).toContain('TELEGRAM_BOT_TOKEN does not look like a bot token');
  expect(loaded.error).not.toContain('secret-but-wrong');
});

test('every wrong variable is reported at once, each by name', () => {
  const loaded = loadConfig({ ALLOWED_USER_IDS: 'alice', LOG_LEVEL: 'loud', WEBHOOK_PORT: 'eighty', TELEGRAM_API_ROOT: 'ftp://x' });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  for (const name of ['ALLOWED_USER_IDS: "alice"', 'LOG_LEVEL', 'WEBHOOK_PORT', 'TELEGRAM_API_ROOT']) expect(loaded.error).toContain(name);
});

test('webhook mode needs https and a secret; its path is the URL\'s', () => {
  expect(loadConfig({ WEBHOOK_URL: 'http://bot.example.cn/hook', WEBHOOK_SECRET: 's'.repeat(32) })).toMatchObject({ ok: false });
  const noSecret = loadConfig({ WEBHOOK_URL: 'https://bot.example.cn/hook' });
  expect(noSecret.ok ? '' : noSecret.error).toContain('WEBHOOK_SECRET is required');
  const loaded = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://bot.example.cn/tg/hook', WEBHOOK_SECRET: 's'.repeat(32) });
  expect(loaded.ok && loaded.config.telegram.webhook).toEqual({
    url: 'https://bot.example.cn/tg/hook',
    secret: 's'.repeat(32),
    host: '0.0.0.0',
    port: 8080,
    path: '/tg/hook',
  });
});

test('another Bot API server can be named, trailing slash or not', () => {
  const loaded = loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' });
  expect(loaded.ok && loaded.config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
});
