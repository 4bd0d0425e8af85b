import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT } from '../paths.js';
import { FAKE_TOKEN } from './harness.js';
import { FakeTelegram } from './server.js';

/** `npm start` as a process: `node --import tsx src/cli/start.ts` with only the variables given. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exit };
}

async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('a wrong setting stops the start with a message naming the variable', async () => {
  const run = start({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, ALLOWED_CHAT_IDS: 'the-staff-group' });
  const code = await within(run.exit, 30_000, () => `start did not exit: ${JSON.stringify(run.output())}`);
  expect(code).toBe(2);
  expect(run.output().stderr).toContain('ALLOWED_CHAT_IDS: "the-staff-group" is not a Telegram id');
  expect(run.output().stderr + run.output().stdout).not.toContain(FAKE_TOKEN);
});

const hasEngine = existsSync(path.join(ROOT, 'src/query/engine.ts'));
const title = hasEngine ? 'npm start on the bundled corpus' : 'npm start on the bundled corpus (skipped: src/query/engine.ts does not exist yet)';

describe.skipIf(!hasEngine)(title, () => {
  const indexDir = mkdtempSync(path.join(tmpdir(), 'bot-start-index-'));
  afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

  test('without a token it says so in one line and opens a terminal chat on the engine', async () => {
    const run = start({ INDEX_DIR: indexDir });
    run.child.stdin!.end('语料里有哪些单位\nexit\n');
    const code = await within(run.exit, 90_000, () => `the chat did not end: ${JSON.stringify(run.output())}`);
    expect(code).toBe(0);
    const [first, ...rest] = run.output().stdout.split('\n');
    expect(first).toContain('TELEGRAM_BOT_TOKEN 未设置');
    expect(rest.join('\n')).toMatch(/鹤岗[\s\S]*牡丹江|牡丹江[\s\S]*鹤岗/);
  });

  test('SIGTERM stops the polling bot cleanly', async () => {
    const fake = await FakeTelegram.start({ token: FAKE_TOKEN });
    try {
      const run = start({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, INDEX_DIR: indexDir, LOG_LEVEL: 'info' });
      await within(
        fake.waitFor('the bot to poll', (c) => c.method === 'getUpdates', { timeoutMs: 90_000 }),
        95_000,
        () => `the bot did not start: ${JSON.stringify(run.output())}`,
      );
      run.child.kill('SIGTERM');
      const code = await within(run.exit, 10_000, () => `the bot did not stop within 10 s of SIGTERM: ${JSON.stringify(run.output())}`);
      expect(code).toBe(0);
      expect(run.output().stdout).toContain('"msg":"bot stopped"');
      expect(run.output().stdout).not.toContain(FAKE_TOKEN);
      await within(
        new Promise<void>((resolve) => {
          const check = () => (fake.openPolls === 0 ? resolve() : setTimeout(check, 20));
          check();
        }),
        5_000,
        () => 'the long poll was still open after the bot exited',
      );
    } finally {
      await fake.stop();
    }
  });
});
