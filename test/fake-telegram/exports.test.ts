import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { makeReport } from '../../src/query/__fixtures__/reports.js';
import { buildEngine, createEngine, type QueryEngine } from '../../src/query/engine.js';
import { CORPUS_DIR } from '../paths.js';
import { readPng } from '../png.js';
import { startRig, type Rig } from './harness.js';
import type { ApiCall } from './server.js';
import { ALICE, BOB, buttonPress, groupText, inlineQuery, privateText } from './updates.js';

/** The bot's answers with a chart and a CSV button, over the real engine. */

let corpusEngine: QueryEngine;
let indexDir: string;
let rig: Rig | null = null;

beforeAll(async () => {
  indexDir = mkdtempSync(path.join(tmpdir(), 'bot-exports-index-'));
  corpusEngine = await createEngine({ corpusDir: CORPUS_DIR, indexDir });
});
afterAll(() => rmSync(indexDir, { recursive: true, force: true }));
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const start = async (engine: QueryEngine = corpusEngine) => (rig = await startRig({ engine }));
const toChat = (id: number) => (c: ApiCall) => ['sendMessage', 'sendPhoto', 'sendDocument'].includes(c.method) && Number(c.payload.chat_id) === id;
const buttons = (call: ApiCall) =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const press = async (rig: Rig, call: ApiCall, label: string) => {
  const button = buttons(call).find((b) => b.text === label);
  expect(button, `a ${label} button`).toBeDefined();
  const since = rig.fake.mark();
  rig.fake.push(buttonPress(ALICE, call.result as Message, button!.callback_data!));
  return since;
};

/** RFC 4180 records, the byte order mark dropped. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}

/** "4. 呼兰区教育局2020年 0件（并列）" → ['4', '呼兰区教育局', '2020', '0'] */
const rankedLines = (text: string) =>
  [...text.matchAll(/^(\d+)\. (\S+?)(\d{4})年 ([\d.]+)件/gm)].map((m) => [m[1], m[2], m[3], m[4]]);

describe('a ranking in Telegram', () => {
  test('comes as a bar chart with the answer as its caption, and 导出CSV sends the ranking\'s rows', async () => {
    const rig = await start();
    rig.fake.push(privateText(ALICE, '各局规范性文件现行有效件数排名'));
    const photo = await rig.fake.waitFor('the chart', toChat(ALICE.id), { timeoutMs: 30_000 });
    expect(photo.method).toBe('sendPhoto');
    const png = readPng(photo.files!.photo!.bytes);
    expect(png.width).toBe(900);
    expect(png.height).toBeGreaterThanOrEqual(360);
    expect(png.inked).toBeGreaterThan(0.01);
    const caption = String(photo.payload.caption);
    expect(caption).toContain('1. 牡丹江市教育局2020年 21件');
    expect(caption).toContain('<b>来源</b>');
    expect(buttons(photo).map((b) => b.text)).toEqual(['来源', '导出CSV']);
    expect(rig.fake.callsOf('sendMessage').filter(toChat(ALICE.id))).toEqual([]);

    const since = await press(rig, photo, '导出CSV');
    const file = await rig.fake.waitFor('the CSV', (c) => c.method === 'sendDocument', { since });
    const { filename, bytes } = file.files!.document!;
    expect(filename).toBe('排名_行政规范性文件现行有效对外公开总件数_2020-2023.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8'));
    expect(header).toEqual(['名次', '单位', '年度', '行政规范性文件 现行有效（对外公开总）件数（件）']);
    expect(rows).toEqual(rankedLines(caption));
    expect(rows).toHaveLength(5);
  });

  test('of two reports is no chart, but still has its CSV', async () => {
    const rig = await start();
    rig.fake.push(privateText(ALICE, '哪个局2020年采购总金额最多'));
    const answer = await rig.fake.waitFor('the answer', toChat(ALICE.id), { timeoutMs: 30_000 });
    expect(answer.method).toBe('sendMessage');
    expect(buttons(answer).map((b) => b.text)).toEqual(['来源', '导出CSV']);
    const since = await press(rig, answer, '导出CSV');
    const file = await rig.fake.waitFor('the CSV', (c) => c.method === 'sendDocument', { since });
    expect(parseCsv(file.files!.document!.bytes.toString('utf8')).slice(1)).toEqual([
      ['1', '牡丹江市教育局', '2020', '2896.642'],
      ['2', '呼兰区教育局', '2020', '258.3'],
    ]);
  });

  test('in a group, the chart replies to the question', async () => {
    const rig = await start();
    const [ask] = rig.fake.push(groupText(BOB, '/rank@report_qa_bot 规范性文件现行有效件数'));
    const messageId = (ask!.message as { message_id: number }).message_id;
    const photo = await rig.fake.waitFor('the chart', (c) => c.method === 'sendPhoto', { timeoutMs: 30_000 });
    expect((photo.payload.reply_parameters as { message_id: number }).message_id).toBe(messageId);
  });
});

describe('inline mode', () => {
  test('a ranking stays text: no picture, no file', async () => {
    const rig = await start();
    rig.fake.push(inlineQuery(BOB, '各局规范性文件现行有效件数排名'));
    const call = await rig.fake.waitFor('the inline answer', (c) => c.method === 'answerInlineQuery', { timeoutMs: 30_000 });
    const results = call.payload.results as { type: string; input_message_content?: { message_text?: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.type === 'article' && typeof r.input_message_content?.message_text === 'string')).toBe(true);
    expect(results.some((r) => r.input_message_content!.message_text!.includes('牡丹江市教育局'))).toBe(true);
    expect(rig.fake.callsOf('sendPhoto')).toEqual([]);
  });
});

describe('a ranking longer than a caption', () => {
  const reports = Array.from({ length: 130 }, (_, i) =>
    makeReport({ agency: `第${i + 1}区教育局`, year: 2020, province: '黑龙江省', cells: { 'licensing.decisions': 1000 - i } }),
  );

  test('comes as the chart, then the text in pages; the CSV holds the 30 reports the text left out', async () => {
    const rig = await start(buildEngine(reports));
    rig.fake.push(privateText(ALICE, '2020年哪个局行政许可决定最多'));
    const photo = await rig.fake.waitFor('the chart', toChat(ALICE.id), { timeoutMs: 30_000 });
    expect(photo.method).toBe('sendPhoto');
    expect(photo.payload.caption).toBeUndefined();
    expect(readPng(photo.files!.photo!.bytes).height).toBeGreaterThan(2000);
    const text = await rig.fake.waitFor('the text', (c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === ALICE.id, { since: photo.seq });
    expect(String(text.payload.text)).toMatch(/第 1\/\d+ 页/);
    expect(buttons(text).map((b) => b.text)).toEqual(['来源', '导出CSV', '更多 ▶']);

    const since = await press(rig, text, '导出CSV');
    const file = await rig.fake.waitFor('the CSV', (c) => c.method === 'sendDocument', { since });
    const rows = parseCsv(file.files!.document!.bytes.toString('utf8')).slice(1);
    expect(rows).toHaveLength(130);
    expect(rows[129]).toEqual(['130', '第130区教育局', '2020', '871']);
    expect(file.payload.caption).toContain('130行');
    expect(file.payload.caption).not.toContain('语料已更新');
  });

  test('the message carries the rows its chart draws; 导出CSV reads them all again, from the corpus as it is then', async () => {
    const more = [...reports, makeReport({ agency: '第131区教育局', year: 2020, province: '黑龙江省', cells: { 'licensing.decisions': 1 } })];
    let current = buildEngine(reports);
    const asked: Array<number | undefined> = [];
    // The engine a corpus update swaps (as LiveEngine does), recording how many table rows each ask wanted.
    const engine = {
      ask: (q: string, o?: { tableRows?: number }) => {
        asked.push(o?.tableRows);
        return current.ask(q, o);
      },
    } as unknown as QueryEngine;
    const rig = await start(engine);
    rig.fake.push(privateText(ALICE, '2020年哪个局行政许可决定最多'));
    const text = await rig.fake.waitFor('the text', (c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === ALICE.id, { timeoutMs: 30_000 });
    expect(asked).toEqual([100]);
    current = buildEngine(more);
    const since = await press(rig, text, '导出CSV');
    const file = await rig.fake.waitFor('the CSV', (c) => c.method === 'sendDocument', { since });
    expect(asked).toEqual([100, 10_000]);
    const rows = parseCsv(file.files!.document!.bytes.toString('utf8')).slice(1);
    expect(rows).toHaveLength(131);
    expect(rows[130]).toEqual(['131', '第131区教育局', '2020', '1']);
    expect(file.payload.caption).toContain('131行');
    expect(file.payload.caption).toContain('语料已更新');
  });
});
