import { afterEach, expect, test } from 'vitest';
import { FixedEngine, Q } from './fixed_engine.js';
import { startRig, type Rig } from './harness.js';
import { ALICE, privateText } from './updates.js';

const SECRET = 'webhook-secret-for-tests-0123456789';
const env = {
  WEBHOOK_URL: 'https://bot.example.test/telegram/hook',
  WEBHOOK_SECRET: SECRET,
  WEBHOOK_HOST: '127.0.0.1',
  WEBHOOK_PORT: '0',
};

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

async function post(r: Rig, body: unknown, secret: string | null, path = '/telegram/hook'): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${r.running.address!.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

test('with WEBHOOK_URL set, the bot registers the webhook with its secret and does not poll', async () => {
  rig = await startRig({ engine: new FixedEngine(), env });
  expect(rig.running.mode).toBe('webhook');
  expect(rig.fake.webhook).toEqual({ url: env.WEBHOOK_URL, secret_token: SECRET });
  expect(rig.fake.callsOf('getUpdates')).toEqual([]);
});

test('an update posted with the secret token is answered', async () => {
  const engine = new FixedEngine();
  rig = await startRig({ engine, env });
  expect(await post(rig, { update_id: 1, ...privateText(ALICE, Q.about) }, SECRET)).toBe(200);
  const answer = await rig.fake.waitFor('the answer', (c) => c.method === 'sendMessage');
  expect(String(answer.payload.text)).toContain('语料共 5 份报告');
});

test('a post without the right secret token is refused and never reaches the engine', async () => {
  const engine = new FixedEngine();
  rig = await startRig({ engine, env });
  expect(await post(rig, { update_id: 1, ...privateText(ALICE, Q.about) }, 'wrong-secret-wrong-secret')).toBe(401);
  expect(await post(rig, { update_id: 2, ...privateText(ALICE, Q.about) }, null)).toBe(401);
  expect(await post(rig, { update_id: 3, ...privateText(ALICE, Q.about) }, SECRET, '/elsewhere')).toBe(404);
  expect(engine.asked).toEqual([]);
});

test('stop closes the webhook server', async () => {
  rig = await startRig({ engine: new FixedEngine(), env });
  const port = rig.running.address!.port;
  await rig.running.stop();
  await expect(fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST' })).rejects.toThrow();
});
