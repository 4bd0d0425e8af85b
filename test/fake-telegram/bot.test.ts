import { afterEach, describe, expect, test } from 'vitest';
import type { Message } from 'grammy/types';
import { FixedEngine, Q } from './fixed_engine.js';
import { FAKE_TOKEN, startRig, type Rig, type RigOptions } from './harness.js';
import type { ApiCall } from './server.js';
import { ALICE, BOB, CAROL, STAFF_GROUP, buttonPress, groupText, inlineQuery, privateText } from './updates.js';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

async function start(options: Partial<RigOptions> = {}): Promise<{ rig: Rig; engine: FixedEngine }> {
  const engine = (options.engine as FixedEngine | undefined) ?? new FixedEngine();
  rig = await startRig({ ...options, engine });
  return { rig, engine };
}

const text = (call: ApiCall) => String(call.payload.text);
const toChat = (chatId: number) => (c: ApiCall) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId;
const replyingTo = (messageId: number) => (c: ApiCall) =>
  c.method === 'sendMessage' && (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId;
const messageOf = (update: { message?: Message }) => update.message as Message;
const buttons = (call: ApiCall) =>
  ((call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

/** The message a `sendMessage` call created, to press its buttons or reply to it. */
const sentMessage = (call: ApiCall) => call.result as Message;

describe('private chat', () => {
  test('a question gets its answer, its sources named, and a 来源 button', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, Q.purchase));
    const answer = await rig.fake.waitFor('the answer to Alice', toChat(ALICE.id));
    expect(text(answer)).toContain('2896.642 万元');
    expect(text(answer)).toContain('牡丹江市教育局 2020年报告');
    expect(answer.payload.parse_mode).toBe('HTML');
    expect(buttons(answer).map((b) => b.text)).toEqual(['来源']);
  });

  test('the chat shows the bot typing before the answer comes', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, Q.about));
    const answer = await rig.fake.waitFor('the answer', toChat(ALICE.id));
    const typing = rig.fake.callsOf('sendChatAction').find((c) => Number(c.payload.chat_id) === ALICE.id);
    expect(typing?.payload.action).toBe('typing');
    expect(typing!.seq).toBeLessThan(answer.seq);
  });

  test('an HTML-looking question comes back escaped, never as markup', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, '<b>牡丹江</b> & <a href="x">采购</a>'));
    const answer = await rig.fake.waitFor('the answer', toChat(ALICE.id));
    expect(text(answer)).toContain('&lt;b&gt;牡丹江&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;');
    expect(text(answer)).not.toContain('<b>牡丹江');
  });

  test('a 10,000-character question is refused politely without asking the engine', async () => {
    const { rig, engine } = await start();
    rig.fake.push(privateText(ALICE, '牡丹江'.repeat(3334).slice(0, 10_000)));
    const answer = await rig.fake.waitFor('the refusal', toChat(ALICE.id));
    expect(text(answer)).toContain('问题太长了（10000 字）');
    expect(text(answer).length).toBeLessThanOrEqual(4096);
    expect(engine.asked).toEqual([]);
  });

  test('a long answer comes in pages of at most 4096 characters, and 更多 turns them', async () => {
    const { rig, engine } = await start();
    const full = engine.answers.get(Q.passages)!.text;
    expect(full.length).toBeGreaterThan(4096);
    rig.fake.push(privateText(ALICE, Q.passages));
    const first = await rig.fake.waitFor('the first page', toChat(ALICE.id));
    expect(text(first).length).toBeLessThanOrEqual(4096);
    expect(text(first)).toMatch(/第 1\/\d+ 页/);
    const more = buttons(first).find((b) => b.text.startsWith('更多'));
    expect(more?.callback_data).toBeDefined();
    expect(Buffer.byteLength(more!.callback_data!)).toBeLessThanOrEqual(64);

    const since = rig.fake.mark();
    rig.fake.push(buttonPress(ALICE, sentMessage(first), more!.callback_data!));
    const edit = await rig.fake.waitFor('the second page', (c) => c.method === 'editMessageText', { since });
    expect(String(edit.payload.text)).toMatch(/第 2\/\d+ 页/);
    expect(String(edit.payload.text).length).toBeLessThanOrEqual(4096);
    expect(buttons(edit).map((b) => b.text)).toContain('◀ 上一页');
    await rig.fake.waitFor('the button acknowledged', (c) => c.method === 'answerCallbackQuery', { since });
  });

  test('来源 shows the original cell and sentence', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, Q.purchase));
    const answer = await rig.fake.waitFor('the answer', toChat(ALICE.id));
    const source = buttons(answer).find((b) => b.text === '来源')!;
    const since = rig.fake.mark();
    rig.fake.push(buttonPress(ALICE, sentMessage(answer), source.callback_data!));
    const sources = await rig.fake.waitFor('the sources', toChat(ALICE.id), { since });
    expect(text(sources)).toContain('<blockquote>政府集中采购 38 2896.642</blockquote>');
    expect(text(sources)).toContain('政府集中采购项目 7 项，采购总金额 2896 万元。');
    expect(rig.fake.callsOf('answerCallbackQuery', since)).toHaveLength(1);
  });

  test('a button of an answer the bot no longer remembers says it expired', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, Q.about));
    const answer = await rig.fake.waitFor('an answer', toChat(ALICE.id));
    const since = rig.fake.mark();
    rig.fake.push(buttonPress(ALICE, sentMessage(answer), 's:zzzz'));
    const ack = await rig.fake.waitFor('the acknowledgement', (c) => c.method === 'answerCallbackQuery', { since });
    expect(ack.payload.text).toContain('过期');
  });
});

describe('commands', () => {
  test('the command menus are registered for private chats and groups at start', async () => {
    const { rig } = await start();
    const menus = rig.fake.callsOf('setMyCommands');
    const scopes = menus.map((c) => (c.payload.scope as { type: string }).type);
    expect(scopes).toEqual(['all_private_chats', 'all_group_chats']);
    const privateMenu = menus[0]!.payload.commands as { command: string; description: string }[];
    expect(privateMenu.map((c) => c.command)).toEqual(['start', 'help', 'ask', 'report', 'rank', 'check', 'about']);
    expect(privateMenu.every((c) => /[\u4e00-\u9fff]/.test(c.description))).toBe(true);
  });

  test('/start explains what the bot knows, with example questions to tap', async () => {
    const { rig, engine } = await start();
    rig.fake.push(privateText(ALICE, '/start'));
    const help = await rig.fake.waitFor('the help', toChat(ALICE.id));
    expect(text(help)).toContain('/rank 指标 年份');
    const example = buttons(help)[0]!;
    expect(example.callback_data).toMatch(/^q:\d+$/);

    const since = rig.fake.mark();
    rig.fake.push(buttonPress(ALICE, sentMessage(help), example.callback_data!));
    await rig.fake.waitFor('the example answered', toChat(ALICE.id), { since });
    expect(engine.asked).toEqual([example.text]);
  });

  test.each([
    ['/rank 采购金额 2020', '2020年采购金额排名', '1. 牡丹江市教育局 2896.642 万元'],
    ['/report 牡丹江 2020', '牡丹江 2020年 年报概况', '依申请公开：本年新收申请 0 件'],
    ['/check 牡丹江 2020', '牡丹江2020年的数据有什么矛盾', '表格 38 项，正文 7 项'],
    ['/about', '语料概况', '语料共 5 份报告'],
  ])('%s asks the engine "%s"', async (command, question, expected) => {
    const { rig, engine } = await start();
    rig.fake.push(privateText(ALICE, command));
    const answer = await rig.fake.waitFor(`the answer to ${command}`, toChat(ALICE.id));
    expect(engine.asked).toEqual([question]);
    expect(text(answer)).toContain(expected);
  });

  test('/report without arguments explains its use', async () => {
    const { rig, engine } = await start();
    rig.fake.push(privateText(ALICE, '/report'));
    const usage = await rig.fake.waitFor('the usage', toChat(ALICE.id));
    expect(text(usage)).toContain('用法：/report 单位 年份');
    expect(engine.asked).toEqual([]);
  });

  test('/status gives an admin this process’s counters; anyone else’s /status is not a command', async () => {
    const { rig } = await start({ env: { ADMIN_USER_IDS: String(ALICE.id) } });
    rig.fake.push(privateText(ALICE, Q.purchase));
    await rig.fake.waitFor('the answer', toChat(ALICE.id));
    const asked = rig.fake.mark();
    rig.fake.push(privateText(ALICE, '/status'));
    const status = text(await rig.fake.waitFor('the status', toChat(ALICE.id), { since: asked }));
    expect(status).toMatch(/^运行 \d+ 秒，长轮询模式\n更新 2 条，提问 1 个，行内查询 0 次，错误 0 次\n语料 /);
    const other = rig.fake.mark();
    rig.fake.push(privateText(BOB, '/status'));
    const reply = text(await rig.fake.waitFor('a reply to Bob', toChat(BOB.id), { since: other }));
    expect(reply).not.toMatch(/^运行/);
  });
});

describe('group chat', () => {
  test('a message that does not address the bot gets no answer; one that mentions it gets a reply', async () => {
    const { rig, engine } = await start();
    const [chatter, mention] = rig.fake.push(
      groupText(ALICE, '今天下午开会讨论年报'),
      groupText(BOB, `@${rig.bot.botInfo.username} ${Q.purchase}`),
    );
    // Updates of one chat are handled in order: once the mention is answered, the chatter was seen.
    const answer = await rig.fake.waitFor('the reply to the mention', replyingTo(messageOf(mention!).message_id));
    expect(text(answer)).toContain('2896.642');
    expect(engine.asked).toEqual([Q.purchase]);
    expect(rig.fake.calls.filter(replyingTo(messageOf(chatter!).message_id))).toEqual([]);
    expect(rig.fake.callsOf('sendMessage').filter(toChat(STAFF_GROUP.id))).toHaveLength(1);
  });

  test('/ask@botname is answered as a reply; /ask@another_bot is not ours', async () => {
    const { rig, engine } = await start();
    const [other, ours] = rig.fake.push(groupText(ALICE, `/ask@another_bot ${Q.about}`), groupText(ALICE, `/ask@report_qa_bot ${Q.rank}`));
    const answer = await rig.fake.waitFor('the reply to /ask', replyingTo(messageOf(ours!).message_id));
    expect(text(answer)).toContain('2. 呼兰区教育局 258.3 万元');
    expect(engine.asked).toEqual([Q.rank]);
    expect(rig.fake.calls.filter(replyingTo(messageOf(other!).message_id))).toEqual([]);
  });

  test('a reply to the bot\'s own message is a question', async () => {
    const { rig, engine } = await start();
    const [ask] = rig.fake.push(groupText(ALICE, `/ask ${Q.about}`));
    const answer = await rig.fake.waitFor('the first answer', replyingTo(messageOf(ask!).message_id));
    const [followUp] = rig.fake.push(groupText(BOB, Q.check, sentMessage(answer)));
    const second = await rig.fake.waitFor('the answer to the reply', replyingTo(messageOf(followUp!).message_id));
    expect(text(second)).toContain('表格 38 项，正文 7 项');
    expect(engine.asked).toEqual([Q.about, Q.check]);
  });

  test('one member cannot flood the group: past the limit, one notice, then silence', async () => {
    const { rig, engine } = await start({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    const asks = rig.fake.push(
      groupText(ALICE, `/ask ${Q.about}`),
      groupText(ALICE, `/ask ${Q.rank}`),
      groupText(ALICE, `/ask ${Q.check}`),
      groupText(ALICE, `/ask ${Q.purchase}`),
      groupText(BOB, `/ask ${Q.about}`),
    );
    await rig.fake.waitFor("Bob's answer", replyingTo(messageOf(asks[4]!).message_id));
    const notice = rig.fake.calls.find(replyingTo(messageOf(asks[2]!).message_id));
    expect(notice && text(notice)).toContain('提问太频繁了');
    expect(rig.fake.calls.filter(replyingTo(messageOf(asks[3]!).message_id))).toEqual([]);
    expect(engine.asked).toEqual([Q.about, Q.rank, Q.about]);
  });
});

describe('inline mode', () => {
  test('a query lists figures titled with agency, year and unit, each sending the full sourced answer', async () => {
    const { rig } = await start();
    rig.fake.push(inlineQuery(BOB, Q.inline));
    const call = await rig.fake.waitFor('the inline answer', (c) => c.method === 'answerInlineQuery');
    const results = call.payload.results as { title: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.title).toContain('牡丹江市教育局');
      expect(r.title).toContain('2020');
      expect(r.title).toContain('万元');
      expect(r.input_message_content.message_text).toContain('2896.642 万元');
      expect(r.input_message_content.message_text).toContain('<blockquote>政府集中采购 38 2896.642</blockquote>');
    }
    expect(call.payload.cache_time).toBeGreaterThan(0);
  });

  test('an empty query shows the example questions', async () => {
    const { rig } = await start();
    rig.fake.push(inlineQuery(BOB, ''));
    const call = await rig.fake.waitFor('the examples', (c) => c.method === 'answerInlineQuery');
    const titles = (call.payload.results as { title: string }[]).map((r) => r.title);
    expect(titles).toContain('语料里有哪些单位');
    expect(call.payload.cache_time).toBeGreaterThanOrEqual(300);
  });
});

describe('access', () => {
  test('a chat that is not allowed hears one polite refusal, then silence', async () => {
    const admin = CAROL.id;
    const { rig, engine } = await start({ env: { ALLOWED_CHAT_IDS: '-1009999', ADMIN_USER_IDS: String(admin) } });
    const [first, second, fromAdmin] = rig.fake.push(
      groupText(ALICE, `/ask ${Q.about}`),
      groupText(BOB, `@report_qa_bot ${Q.rank}`),
      groupText(CAROL, `/ask ${Q.check}`),
    );
    await rig.fake.waitFor("the admin's answer", replyingTo(messageOf(fromAdmin!).message_id));
    const refusals = rig.fake.callsOf('sendMessage').filter((c) => text(c).includes('只为授权的群组和用户服务'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.payload.chat_id).toBe(STAFF_GROUP.id);
    expect(replyingTo(messageOf(first!).message_id)(refusals[0]!)).toBe(true);
    expect(rig.fake.calls.filter(replyingTo(messageOf(second!).message_id))).toEqual([]);
    expect(engine.asked).toEqual([Q.check]);
  });

  test('a user who is not allowed gets an empty inline answer', async () => {
    const { rig, engine } = await start({ env: { ALLOWED_USER_IDS: String(ALICE.id) } });
    rig.fake.push(inlineQuery(BOB, Q.inline));
    const call = await rig.fake.waitFor('the inline refusal', (c) => c.method === 'answerInlineQuery');
    expect(call.payload.results).toEqual([]);
    expect(engine.asked).toEqual([]);
  });
});

describe('failures', () => {
  test('a 429 is waited out and the answer still arrives', async () => {
    const { rig } = await start();
    rig.fake.fail('sendMessage', { code: 429, retryAfter: 1 });
    rig.fake.push(privateText(ALICE, Q.about));
    const answer = await rig.fake.waitFor('the answer after the 429', toChat(ALICE.id));
    expect(text(answer)).toContain('语料共 5 份报告');
    expect(rig.fake.calls.filter((c) => c.refused === 429)).toHaveLength(1);
    expect(rig.logs.some((l) => l.msg === 'Telegram refused a call' && l.code === 429)).toBe(true);
  });

  test('a passing 500 is retried and the answer still arrives', async () => {
    const { rig } = await start();
    rig.fake.fail('sendMessage', { code: 500 });
    rig.fake.push(privateText(ALICE, Q.about));
    await rig.fake.waitFor('the answer after the 500', toChat(ALICE.id), { timeoutMs: 15_000 });
    expect(rig.fake.calls.filter((c) => c.refused === 500)).toHaveLength(1);
  });

  test('a 500 that is not retried is logged, and the bot goes on answering', async () => {
    const { rig } = await start({ bot: { retry: { rethrowInternalServerErrors: true } } });
    rig.fake.fail('sendMessage', { code: 500 }, { when: (p) => Number(p.chat_id) === ALICE.id });
    rig.fake.push(privateText(ALICE, Q.about), privateText(BOB, Q.about));
    await rig.fake.waitFor("Bob's answer", toChat(BOB.id));
    await waitUntil('the failure logged', () => rig.logs.some((l) => l.msg === 'update failed' && l.code === 500));
    rig.fake.push(privateText(ALICE, Q.rank));
    await rig.fake.waitFor("Alice's next answer", toChat(ALICE.id));
  });

  test('malformed updates are ignored or logged, and do not stop the bot', async () => {
    const { rig } = await start();
    const chat = { id: ALICE.id, type: 'private' };
    rig.fake.push(
      { message: { message_id: 1, text: 42, chat } },
      { message: { message_id: 2, text: '语料概况', chat, from: ALICE, entities: 'not a list' } },
      { unheard_of: { x: 1 } },
    );
    rig.fake.push(privateText(ALICE, Q.about));
    await rig.fake.waitFor('the answer after the malformed updates', toChat(ALICE.id));
    await waitUntil('the malformed update logged', () => rig.logs.some((l) => l.msg === 'update failed' && l.kind === 'bug'));
    expect(rig.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  test('an engine failure gets an apology and is logged once', async () => {
    const engine = new FixedEngine();
    engine.failOn = /矛盾/;
    const { rig } = await start({ engine });
    rig.fake.push(privateText(ALICE, Q.check));
    const apology = await rig.fake.waitFor('the apology', toChat(ALICE.id));
    expect(text(apology)).toContain('出错了');
    await waitUntil('the failure logged', () => rig.logs.some((l) => l.msg === 'update failed'));
    expect(rig.logs.filter((l) => l.msg === 'update failed')).toHaveLength(1);
  });

  test('the token never appears in the logs', async () => {
    const engine = new FixedEngine();
    engine.failOn = /./;
    const { rig } = await start({ engine, bot: { retry: { rethrowInternalServerErrors: true } } });
    rig.fake.fail('sendMessage', { code: 500 });
    rig.fake.push(privateText(ALICE, Q.about));
    await waitUntil('an error logged', () => rig.logs.some((l) => l.msg === 'update failed'));
    rig.log.error({ token: FAKE_TOKEN, url: `${rig.fake.apiRoot}/bot${FAKE_TOKEN}/getMe` }, `leak ${FAKE_TOKEN}`);
    expect(rig.rawLogs()).toContain('[redacted]');
    expect(rig.rawLogs()).not.toContain(FAKE_TOKEN.split(':')[1]);
  });
});

describe('shutdown', () => {
  test('stop ends long polling and settles the bot', async () => {
    const { rig } = await start();
    rig.fake.push(privateText(ALICE, Q.about));
    await rig.fake.waitFor('an answer', toChat(ALICE.id));
    await waitUntil('a long poll held open', () => rig.fake.openPolls > 0);
    await withDeadline(rig.running.stop(), 5_000, 'stop() did not resolve within 5 s');
    await withDeadline(rig.running.done, 1_000, 'done did not settle after stop()');
    await waitUntil('the long poll released', () => rig.fake.openPolls === 0);
  });
});

async function waitUntil(description: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
