/**
 * Adding a report from Telegram, through the real grammY bot and the fake Bot API: an admin sends
 * a file or a link, sees what was read, presses 加入语料, and the next question is answered from
 * the new report; everyone and everything else gets one clear line and leaves the corpus as it was.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { NOT_ADMIN } from '../../src/bot/add_report.js';
import { FolderCorpus } from '../../src/intake/corpus-file.js';
import { Intake } from '../../src/intake/intake.js';
import { LiveEngine } from '../../src/query/live-engine.js';
import { CORPUS_DIR } from '../paths.js';
import { FixedEngine } from './fixed_engine.js';
import { startRig, type Rig } from './harness.js';
import type { ApiCall } from './server.js';
import { ALICE, BOB, STAFF_GROUP, buttonPress, documentMessage, privateDocument, privateText } from './updates.js';

const MDJ = '004_1f4ee6e2bcc4addb.txt'; // 牡丹江市教育局 2020
const JIAOZUO = '001_e71b04dab10cb976.txt'; // 焦作市教育局 2023
const ADMIN_ENV = { ADMIN_USER_IDS: String(ALICE.id) };

const seed = (file: string) => readFileSync(path.join(CORPUS_DIR, file));
const text = (call: ApiCall) => String(call.payload.text);
const toChat = (id: number) => (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload.chat_id) === id;
const buttons = (call: ApiCall) =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const press = (rig: Rig, call: ApiCall, label: string, who = ALICE) => {
  const button = buttons(call).find((b) => b.text.includes(label));
  if (!button?.callback_data) throw new Error(`no button "${label}" under: ${text(call)}`);
  rig.fake.push(buttonPress(who, call.result as Message, button.callback_data));
};

/** A temporary corpus of the seed reports but `left`, and a temporary index. */
function tempCorpus(...left: string[]): { corpusDir: string; indexDir: string } {
  const corpusDir = mkdtempSync(path.join(tmpdir(), 'bot-add-corpus-'));
  for (const f of readdirSync(CORPUS_DIR)) if (f.endsWith('.txt') && !left.includes(f)) copyFileSync(path.join(CORPUS_DIR, f), path.join(corpusDir, f));
  return { corpusDir, indexDir: mkdtempSync(path.join(tmpdir(), 'bot-add-index-')) };
}

/** A web server on 127.0.0.1: a notice page whose report is an attachment, and the report. */
async function reportSite(): Promise<{ server: Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/notice.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>焦作市教育局2023年政府信息公开工作年度报告</h1><p>附件：<a href="/files/report.pdf">年度报告全文</a></p></body></html>');
      // Named .pdf on the site, plain text inside: saved for what it is, as .txt.
    } else if (req.url === '/files/report.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(seed(JIAOZUO));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe('an admin adds reports, and the bot answers from them at once', () => {
  let rig: Rig;
  let site: Awaited<ReturnType<typeof reportSite>>;
  let dirs: { corpusDir: string; indexDir: string };

  beforeAll(async () => {
    dirs = tempCorpus(MDJ, JIAOZUO);
    site = await reportSite();
    const engine = await LiveEngine.open(dirs);
    rig = await startRig({
      engine,
      env: ADMIN_ENV,
      // Tests only: the report site runs on 127.0.0.1, which a link from a chat may never reach.
      bot: { intake: new Intake(engine, new FolderCorpus(dirs.corpusDir)), fetch: { allowPrivateAddresses: ['127.0.0.1'] } },
    });
  });
  afterAll(async () => {
    await rig?.stop();
    site?.server.close();
    for (const dir of Object.values(dirs ?? {})) rmSync(dir, { recursive: true, force: true });
  });

  test('a file sent in a private chat is read, shown, confirmed, and answers the next question', async () => {
    const asked = rig.fake.mark();
    rig.fake.push(privateText(ALICE, '牡丹江市教育局2020年政府集中采购总金额是多少'));
    const before = await rig.fake.waitFor('the answer before', toChat(ALICE.id), { since: asked, timeoutMs: 30_000 });
    expect(text(before)).not.toMatch(/2896\.64/);

    const since = rig.fake.mark();
    rig.fake.push(privateDocument(ALICE, { ...rig.fake.putFile(seed(MDJ)), file_name: '牡丹江教育局2020年报.txt', mime_type: 'text/plain' }));
    const summary = await rig.fake.waitFor('what was read', toChat(ALICE.id), { since, timeoutMs: 30_000 });
    expect(text(summary)).toContain('单位：牡丹江市教育局');
    expect(text(summary)).toContain('年份：2020年');
    expect(text(summary)).toMatch(/表格：读到 \d+ 格/);
    expect(text(summary)).toContain('语料中还没有这份报告。');
    expect(buttons(summary).map((b) => b.text)).toEqual(['加入语料', '取消']);
    expect(readdirSync(dirs.corpusDir)).not.toContain('牡丹江教育局2020年报.txt');

    const pressed = rig.fake.mark();
    press(rig, summary, '加入语料');
    const done = await rig.fake.waitFor('the report added', toChat(ALICE.id), { since: pressed, timeoutMs: 60_000 });
    expect(text(done)).toMatch(/^已加入语料：牡丹江教育局2020年报\.txt（牡丹江市教育局 2020年）/);
    expect(readFileSync(path.join(dirs.corpusDir, '牡丹江教育局2020年报.txt'))).toEqual(seed(MDJ));
    expect(rig.fake.callsOf('editMessageReplyMarkup', pressed)).toHaveLength(1); // the buttons are gone

    const next = rig.fake.mark();
    rig.fake.push(privateText(ALICE, '牡丹江市教育局2020年政府集中采购总金额是多少'));
    const answer = await rig.fake.waitFor('the answer after', toChat(ALICE.id), { since: next, timeoutMs: 30_000 });
    expect(text(answer)).toMatch(/2896\.64/);
  });

  test('the same report sent again is named as already in the corpus', async () => {
    const since = rig.fake.mark();
    rig.fake.push(privateDocument(ALICE, { ...rig.fake.putFile(seed(MDJ)), file_name: 'again.txt' }));
    const reply = await rig.fake.waitFor('the refusal', toChat(ALICE.id), { since, timeoutMs: 30_000 });
    expect(text(reply)).toBe('again.txt：语料中已有内容完全相同的文件（牡丹江教育局2020年报.txt），无需再加');
  });

  test('in a group, a file with the bot mentioned is read; only its sender may confirm it', async () => {
    const since = rig.fake.mark();
    const copy = Buffer.concat([seed(MDJ), Buffer.from('\n')]); // another file of the same report
    rig.fake.push(documentMessage(ALICE, STAFF_GROUP, { ...rig.fake.putFile(copy), file_name: 'mdj.txt' }, '@report_qa_bot 新年报'));
    const summary = await rig.fake.waitFor('what was read', toChat(STAFF_GROUP.id), { since, timeoutMs: 30_000 });
    expect(text(summary)).toContain('语料中已有这份报告（牡丹江教育局2020年报.txt），加入后将作为副本合并。');

    const pressed = rig.fake.mark();
    press(rig, summary, '加入语料', BOB);
    const refusal = await rig.fake.waitFor('the refusal', (c) => c.method === 'answerCallbackQuery', { since: pressed });
    expect(refusal.payload.text).toBe('只有发送这份文件的人可以确认。');

    const cancelled = rig.fake.mark();
    press(rig, summary, '取消');
    const reply = await rig.fake.waitFor('the cancel', toChat(STAFF_GROUP.id), { since: cancelled });
    expect(text(reply)).toBe('已取消：mdj.txt 没有加入语料。');
    expect(readdirSync(dirs.corpusDir)).not.toContain('mdj.txt');
  });

  test('a link to a notice page offers its attachment, which is read and added', async () => {
    const since = rig.fake.mark();
    rig.fake.push(privateText(ALICE, `/add ${site.base}/notice.html`));
    const list = await rig.fake.waitFor('the attachments', toChat(ALICE.id), { since, timeoutMs: 30_000 });
    expect(text(list)).toContain('这个网页本身没有统计表格');
    expect(buttons(list).map((b) => b.text)).toEqual(['1. 年度报告全文']);

    const chosen = rig.fake.mark();
    press(rig, list, '年度报告全文');
    const summary = await rig.fake.waitFor('what was read', toChat(ALICE.id), { since: chosen, timeoutMs: 30_000 });
    expect(text(summary)).toContain('单位：焦作市教育局');
    const pressed = rig.fake.mark();
    press(rig, summary, '加入语料');
    const done = await rig.fake.waitFor('the report added', toChat(ALICE.id), { since: pressed, timeoutMs: 60_000 });
    expect(text(done)).toMatch(/^已加入语料：report\.txt/);

    const next = rig.fake.mark();
    rig.fake.push(privateText(ALICE, '语料里有哪些单位'));
    const answer = await rig.fake.waitFor('the agencies', toChat(ALICE.id), { since: next, timeoutMs: 30_000 });
    expect(text(answer)).toContain('焦作市教育局');
  });
});

describe('what is refused, with one line and nothing written', () => {
  let rig: Rig | null = null;
  let corpusDir: string;
  let site: Awaited<ReturnType<typeof reportSite>>;

  beforeAll(async () => {
    site = await reportSite();
  });
  afterAll(() => site?.server.close());
  afterEach(async () => {
    await rig?.stop();
    rig = null;
    rmSync(corpusDir, { recursive: true, force: true });
  });

  /** A bot whose admin is Alice, over a corpus of one seed, fetching links as in production. */
  async function start(): Promise<Rig> {
    corpusDir = mkdtempSync(path.join(tmpdir(), 'bot-refuse-corpus-'));
    copyFileSync(path.join(CORPUS_DIR, JIAOZUO), path.join(corpusDir, JIAOZUO));
    const shelf = { filesOf: async () => [], reload: async () => ({ ok: true as const, value: { reports: 0 } }) };
    rig = await startRig({ engine: new FixedEngine(), env: ADMIN_ENV, bot: { intake: new Intake(shelf, new FolderCorpus(corpusDir)) } });
    return rig;
  }

  const onlyReply = async (rig: Rig, chat: number, since: number) => {
    const reply = await rig.fake.waitFor('the reply', toChat(chat), { since, timeoutMs: 20_000 });
    expect(text(reply).split('\n')).toHaveLength(1);
    expect(readdirSync(corpusDir)).toEqual([JIAOZUO]);
    return text(reply);
  };

  test('someone who is not an admin is refused politely, and the file is not downloaded', async () => {
    const rig = await start();
    const since = rig.fake.mark();
    rig.fake.push(privateDocument(BOB, { ...rig.fake.putFile(seed(MDJ)), file_name: 'mdj.txt' }));
    expect(await onlyReply(rig, BOB.id, since)).toBe(NOT_ADMIN);
    expect(rig.fake.callsOf('getFile')).toEqual([]);
  });

  test('a 30 MB file is refused by the size Telegram states, without downloading it', async () => {
    const rig = await start();
    const since = rig.fake.mark();
    rig.fake.push(privateDocument(ALICE, { file_id: 'BQACAgIAAxkBAAIhuge', file_unique_id: 'huge', file_size: 30 * 1024 * 1024, file_name: '年报.pdf' }));
    expect(await onlyReply(rig, ALICE.id, since)).toBe('年报.pdf：文件过大（30.0 MB），上限 20.0 MB，没有下载。');
    expect(rig.fake.callsOf('getFile')).toEqual([]);
  });

  test('a picture named .pdf is named for what it is', async () => {
    const rig = await start();
    const since = rig.fake.mark();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(4000, 0x55)]);
    rig.fake.push(privateDocument(ALICE, { ...rig.fake.putFile(jpeg), file_name: '扫描件.pdf' }));
    expect(await onlyReply(rig, ALICE.id, since)).toMatch(/^扫描件\.pdf：文件内容是JPEG 图片，不是能读取的报告格式/);
  });

  test('a link to 127.0.0.1 is refused without the test setting, and the server never asked', async () => {
    const rig = await start();
    const link = `${site.base}/files/report.pdf`;
    for (const message of [`/add ${link}`, link]) {
      const since = rig.fake.mark();
      rig.fake.push(privateText(ALICE, message));
      expect(await onlyReply(rig, ALICE.id, since)).toBe('链接指向本机或内网地址（127.0.0.1），不能下载');
    }
    expect(site.requests).toEqual([]);
  });

  test('a press on an upload that is gone says so', async () => {
    const rig = await start();
    const since = rig.fake.mark();
    rig.fake.push(privateText(ALICE, '/add'));
    const usage = await rig.fake.waitFor('the usage', toChat(ALICE.id), { since });
    expect(text(usage)).toMatch(/^用法：\/add 链接/);
    const pressed = rig.fake.mark();
    rig.fake.push(buttonPress(ALICE, usage.result as Message, 'a:zzzz9'));
    const answer = await rig.fake.waitFor('the answer', (c) => c.method === 'answerCallbackQuery', { since: pressed });
    expect(answer.payload.text).toBe('这次上传已过期或已处理，请重新发送。');
  });
});
