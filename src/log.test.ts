import { expect, test } from 'vitest';
import { createLogger } from './log.js';

const TOKEN = '123456789:AAFabcdefghijklmnopqrstuvwxyz012345';

test('a secret never reaches the output, whichever field or message carries it', () => {
  const lines: string[] = [];
  const log = createLogger({ secrets: [TOKEN], destination: { write: (l: string) => void lines.push(l) } });
  log.error({ url: `https://api.telegram.org/bot${TOKEN}/getMe`, err: new Error(`failed with ${TOKEN}`) }, `token ${TOKEN}`);
  log.warn({ tail: TOKEN.split(':')[1] }, 'only the secret part');
  const out = lines.join('');
  expect(out).not.toContain(TOKEN.split(':')[1]);
  expect(out).toContain('[redacted]');
});

test('lines are JSON at the chosen level', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
  log.info('hidden');
  log.warn({ chat: 42 }, 'shown');
  expect(lines.map((l) => JSON.parse(l))).toMatchObject([{ level: 40, chat: 42, msg: 'shown' }]);
});
