import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Engine } from '../../src/engine.js';
import { CORPUS_DIR, ROOT } from '../paths.js';
import { startRig, type Rig } from './harness.js';
import type { ApiCall } from './server.js';
import { ALICE, BOB, groupText, inlineQuery, privateText } from './updates.js';

const ENGINE_FILE = path.join(ROOT, 'src/query/engine.ts');
const hasEngine = existsSync(ENGINE_FILE);
const title = hasEngine
  ? 'the bot over the real engine on the bundled corpus'
  : 'the bot over the real engine (skipped: src/query/engine.ts does not exist yet)';

describe.skipIf(!hasEngine)(title, () => {
  let rig: Rig;
  let indexDir: string;

  beforeAll(async () => {
    indexDir = mkdtempSync(path.join(tmpdir(), 'bot-e2e-index-'));
    const specifier = '../../src/query/engine.js';
    const { createEngine } = (await import(specifier)) as {
      createEngine: (o: { corpusDir: string; indexDir: string }) => Promise<Engine>;
    };
    const engine = await createEngine({ corpusDir: CORPUS_DIR, indexDir });
    rig = await startRig({ engine });
  });

  afterAll(async () => {
    await rig?.stop();
    rmSync(indexDir, { recursive: true, force: true });
  });

  const toChat = (id: number) => (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload.chat_id) === id;

  test('a private question is answered from the reports, with its sources', async () => {
    rig.fake.push(privateText(ALICE, '哪个局2020年采购总金额最多'));
    const answer = String((await rig.fake.waitFor('the answer', toChat(ALICE.id), { timeoutMs: 30_000 })).payload.text);
    expect(answer).toContain('牡丹江');
    expect(answer).toMatch(/2896\.64/);
    expect(answer).toContain('<b>来源</b>');
  });

  test('/rank in the group is answered as a reply', async () => {
    const [ask] = rig.fake.push(groupText(BOB, '/rank@report_qa_bot 采购金额 2020'));
    const messageId = (ask!.message as { message_id: number }).message_id;
    const answer = await rig.fake.waitFor(
      'the ranking',
      (c) => c.method === 'sendMessage' && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId,
      { timeoutMs: 30_000 },
    );
    expect(String(answer.payload.text)).toMatch(/牡丹江[\s\S]*呼兰/);
  });

  test('an inline query lists the figure with agency, year and unit in its title', async () => {
    const since = rig.fake.mark();
    rig.fake.push(inlineQuery(BOB, '牡丹江 2020 采购'));
    const call = await rig.fake.waitFor('the inline answer', (c) => c.method === 'answerInlineQuery', { since, timeoutMs: 30_000 });
    const titles = (call.payload.results as { title: string }[]).map((r) => r.title);
    expect(titles.some((t) => t.includes('牡丹江市教育局') && t.includes('2020') && t.includes('万元'))).toBe(true);
  });
});
