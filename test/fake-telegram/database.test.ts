/**
 * `npm start` with `DATABASE_URL`: the bot, as a process, answers from the database, with no
 * corpus folder to read (an empty one) and no index.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { writeCorpus } from '../../src/db/write-corpus.js';
import { CORPUS_DIR, ROOT } from '../paths.js';
import { startCluster, whyNoPostgres, type Cluster } from '../pg/cluster.js';
import { FAKE_TOKEN } from './harness.js';
import { FakeTelegram, type ApiCall } from './server.js';
import { ALICE, privateText } from './updates.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

describe.skipIf(missing)('npm start with DATABASE_URL', () => {
  let cluster: Cluster;
  let url: string;
  const empty = mkdtempSync(path.join(tmpdir(), 'bot-db-'));

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase('bot');
    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    await writeCorpus(db.pool, CORPUS_DIR);
    await db.pool.end();
  });
  afterAll(async () => {
    await cluster?.stop();
    rmSync(empty, { recursive: true, force: true });
  });

  test('answers figures and passages from the database', async () => {
    const fake = await FakeTelegram.start({ token: FAKE_TOKEN });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        DATABASE_URL: url,
        CORPUS_DIR: path.join(empty, 'corpus'),
        INDEX_DIR: path.join(empty, 'index'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const toAlice = (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload.chat_id) === ALICE.id;
    try {
      await fake.waitFor('the bot to poll', (c) => c.method === 'getUpdates', { timeoutMs: 90_000 }).catch(() => {
        throw new Error(`the bot did not start: ${output}`);
      });
      let since = fake.mark();
      fake.push(privateText(ALICE, '哪个局2020年采购总金额最多'));
      const ranking = String((await fake.waitFor('the ranking', toAlice, { since, timeoutMs: 30_000 })).payload.text);
      expect(ranking).toContain('牡丹江');
      expect(ranking).toMatch(/2896\.64/);
      since = fake.mark();
      fake.push(privateText(ALICE, '双随机双公示'));
      const passage = String((await fake.waitFor('the passage', toAlice, { since, timeoutMs: 30_000 })).payload.text);
      expect(passage).toMatch(/找到以下相关内容[\s\S]*呼兰区教育局 2020年/);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await fake.stop();
    }
  });
});
