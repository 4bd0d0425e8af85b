/**
 * Two replicas of the bot against one database, each a real grammY bot in webhook mode behind
 * the one fake Bot API: an update posted to either is served the same, whatever the other did
 * before. A button under a message one replica sent is answered by the other; an upload read by
 * one is confirmed on the other; a report added through one is answered by the other, which
 * learns of it from the database (LISTEN/NOTIFY), not from a restart.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { openReplica, type Replica } from '../../src/db/replica.js';
import { writeCorpus } from '../../src/db/write-corpus.js';
import { Intake } from '../../src/intake/intake.js';
import { createLogger } from '../../src/log.js';
import { LiveEngine } from '../../src/query/live-engine.js';
import { CORPUS_DIR } from '../paths.js';
import { startCluster, whyNoPostgres, type Cluster } from '../pg/cluster.js';
import { FAKE_TOKEN, startRig, type Rig } from './harness.js';
import { FakeTelegram, type ApiCall } from './server.js';
import { ALICE, CAROL, buttonPress, privateDocument, privateText } from './updates.js';

const missing = whyNoPostgres();
if (missing) console.warn(missing);

const MDJ = '004_1f4ee6e2bcc4addb.txt'; // 牡丹江市教育局 2020
const JIAOZUO = '001_e71b04dab10cb976.txt'; // 焦作市教育局 2023
const SECRET = 'replica-webhook-secret-0123456789';
const seed = (file: string) => readFileSync(path.join(CORPUS_DIR, file));
const text = (call: ApiCall) => String(call.payload.text ?? call.payload.caption ?? '');
const buttons = (call: ApiCall) =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const toChat = (id: number) => (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload.chat_id) === id;
const withButton = (label: string) => (c: ApiCall) =>
  (c.method === 'sendMessage' || c.method === 'sendPhoto') && buttons(c).some((b) => b.text.includes(label));

/** One replica: its bot (webhook), its engine, its share of the database, and its refreshes counted. */
interface Running {
  rig: Rig;
  replica: Replica;
  /** Resolves at the replica's next refresh of its engine after now. */
  nextRefresh(): Promise<void>;
}

describe.skipIf(missing)('two replicas against one database', () => {
  let cluster: Cluster;
  let url: string;
  let fake: FakeTelegram;
  let a: Running;
  let b: Running;
  const dirs: string[] = [];

  async function startReplica(): Promise<Running> {
    const env = {
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      WEBHOOK_URL: 'https://bot.example.test/telegram/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_HOST: '127.0.0.1',
      WEBHOOK_PORT: '0',
      ADMIN_USER_IDS: String(ALICE.id),
      RATE_LIMIT_PER_MINUTE: '2',
      DATABASE_URL: url,
    };
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.error);
    const opened = await openReplica(url, loaded.config, createLogger({ level: 'silent' }));
    if (!opened.ok) throw new Error(opened.error);
    const replica = opened.value;
    const empty = mkdtempSync(path.join(tmpdir(), 'replica-'));
    dirs.push(empty);
    const engine = await LiveEngine.open({ corpusDir: path.join(empty, 'corpus'), indexDir: path.join(empty, 'index'), databaseUrl: url });
    let waiting: (() => void)[] = [];
    replica.follow({
      refresh: async () => {
        const done = await engine.refresh();
        const resolve = waiting;
        waiting = [];
        for (const r of resolve) r();
        return done;
      },
    });
    const rig = await startRig({ engine, env, fake, bot: { intake: new Intake(engine, replica.files), state: replica.state } });
    return { rig, replica, nextRefresh: () => new Promise((resolve) => waiting.push(resolve)) };
  }

  /** Posts an update to a replica's webhook, as Telegram would; resolves once it was handled. */
  async function post(to: Running, update: object): Promise<void> {
    const [stamped] = fake.stamp(update);
    const res = await fetch(`http://127.0.0.1:${to.rig.running.address!.port}/telegram/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(stamped as Update),
    });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  }

  const press = (to: Running, call: ApiCall, label: string) => {
    const button = buttons(call).find((x) => x.text.includes(label));
    if (!button?.callback_data) throw new Error(`no button "${label}" under: ${text(call)}`);
    return post(to, buttonPress(ALICE, call.result as Message, button.callback_data));
  };

  beforeAll(async () => {
    cluster = await startCluster();
    url = await cluster.createDatabase('replicas');
    // The seed reports but two, which the tests add.
    const corpus = mkdtempSync(path.join(tmpdir(), 'replicas-corpus-'));
    dirs.push(corpus);
    for (const f of readdirSync(CORPUS_DIR)) if (f.endsWith('.txt') && f !== MDJ && f !== JIAOZUO) copyFileSync(path.join(CORPUS_DIR, f), path.join(corpus, f));
    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    await writeCorpus(db.pool, corpus);
    await db.pool.end();
    fake = await FakeTelegram.start({ token: FAKE_TOKEN });
    a = await startReplica();
    b = await startReplica();
  }, 120_000);
  afterAll(async () => {
    for (const r of [a, b]) {
      await r?.rig.stop();
      await r?.replica.close();
    }
    await fake?.stop();
    await cluster?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a button under an answer replica A sent is answered by replica B', async () => {
    const asked = fake.mark();
    await post(a, privateText(ALICE, '哪个局2020年采购总金额最多'));
    const answer = await fake.waitFor('the ranking, with its buttons', withButton('来源'), { since: asked, timeoutMs: 30_000 });

    const sources = fake.mark();
    await press(b, answer, '来源');
    const ack = await fake.waitFor('the press answered', (c) => c.method === 'answerCallbackQuery', { since: sources });
    expect(ack.payload.text).toBeUndefined(); // not "这条回答已过期"
    const cited = await fake.waitFor('the sources', toChat(ALICE.id), { since: sources, timeoutMs: 30_000 });
    expect(text(cited)).toContain('2020年');

    const csv = fake.mark();
    await press(b, answer, '导出CSV');
    const file = await fake.waitFor('the CSV', (c) => c.method === 'sendDocument', { since: csv, timeoutMs: 30_000 });
    const document = file.files?.document;
    expect(document?.filename).toMatch(/\.csv$/);
    expect(document?.bytes.toString('utf8')).toContain('单位');
  });

  test('an upload read by replica A is confirmed on replica B, and A then answers from it', async () => {
    const asked = fake.mark();
    await post(a, privateText(ALICE, '牡丹江市教育局2020年政府集中采购总金额是多少'));
    expect(text(await fake.waitFor('the answer before', toChat(ALICE.id), { since: asked, timeoutMs: 30_000 }))).not.toMatch(/2896\.64/);

    const sent = fake.mark();
    await post(a, privateDocument(ALICE, { ...fake.putFile(seed(MDJ)), file_name: '牡丹江教育局2020年报.txt', mime_type: 'text/plain' }));
    const summary = await fake.waitFor('what A read', withButton('加入语料'), { since: sent, timeoutMs: 30_000 });
    expect(text(summary)).toContain('单位：牡丹江市教育局');

    const aLearns = a.nextRefresh();
    const pressed = fake.mark();
    await press(b, summary, '加入语料');
    const done = await fake.waitFor('the report added by B', toChat(ALICE.id), { since: pressed, timeoutMs: 60_000 });
    expect(text(done)).toMatch(/^已加入语料：added\/牡丹江教育局2020年报\.txt（牡丹江市教育局 2020年）/);
    await aLearns;

    const next = fake.mark();
    await post(a, privateText(ALICE, '牡丹江市教育局2020年政府集中采购总金额是多少'));
    expect(text(await fake.waitFor('the answer after', toChat(ALICE.id), { since: next, timeoutMs: 30_000 }))).toMatch(/2896\.64/);
  });

  test('a report added through replica A is answered by replica B, and its file is in the database', async () => {
    const sent = fake.mark();
    await post(a, privateDocument(ALICE, { ...fake.putFile(seed(JIAOZUO)), file_name: '焦作教育局2023.txt' }));
    const summary = await fake.waitFor('what A read', withButton('加入语料'), { since: sent, timeoutMs: 30_000 });
    const bLearns = b.nextRefresh();
    const pressed = fake.mark();
    await press(a, summary, '加入语料');
    expect(text(await fake.waitFor('the report added by A', toChat(ALICE.id), { since: pressed, timeoutMs: 60_000 }))).toMatch(/^已加入语料：added\/焦作教育局2023\.txt/);
    await bLearns;

    const next = fake.mark();
    await post(b, privateText(ALICE, '语料里有哪些单位'));
    expect(text(await fake.waitFor('the agencies', toChat(ALICE.id), { since: next, timeoutMs: 30_000 }))).toContain('焦作市教育局');

    const db = await openDatabase(url);
    if (!db.ok) throw new Error(db.error);
    const { rows } = await db.pool.query<{ bytes: Buffer }>(`SELECT bytes FROM report_files WHERE file = 'added/焦作教育局2023.txt'`);
    await db.pool.end();
    expect(rows[0]?.bytes).toEqual(seed(JIAOZUO));
  });

  test('the question limit counts a person’s questions on both replicas together', async () => {
    const replies: string[] = [];
    for (const to of [a, b, a]) {
      const since = fake.mark();
      await post(to, privateText(CAROL, '语料概况'));
      replies.push(text(await fake.waitFor('the reply', toChat(CAROL.id), { since, timeoutMs: 30_000 })));
    }
    expect(replies.slice(0, 2).every((r) => !r.startsWith('提问太频繁了'))).toBe(true);
    expect(replies[2]).toMatch(/^提问太频繁了：每分钟最多 2 个问题/);
  });

  test('/status on either replica counts the updates of both, each replica on a line of its own', async () => {
    const asked = fake.mark();
    await post(a, privateText(ALICE, '/status'));
    await fake.waitFor('A’s status', toChat(ALICE.id), { since: asked, timeoutMs: 30_000 });
    const again = fake.mark();
    await post(b, privateText(ALICE, '/status'));
    const reply = text(await fake.waitFor('B’s status', toChat(ALICE.id), { since: again, timeoutMs: 30_000 }));
    const lines = reply.split('\n');
    expect(lines[0]).toMatch(/^2 个副本，合计：更新 \d+ 条/);
    expect(lines[1]).toMatch(/^本副本 .*（webhook，运行 \d+ 秒/);
    expect(lines[2]).toMatch(/^副本 /);
    // Each replica served updates (A its buttons' questions, B the presses), so the sum is more than either.
    const updates = (line: string) => Number(/更新 (\d+) 条/.exec(line)?.[1]);
    expect(updates(lines[1])).toBeGreaterThan(0);
    expect(updates(lines[2])).toBeGreaterThan(0);
    expect(updates(lines[0])).toBe(updates(lines[1]) + updates(lines[2]));
    expect(reply).toContain('报告在 PostgreSQL 数据库中');
  });
});
