import { expect, test } from 'vitest';
import { FixedEngine, Q } from './fixed_engine.js';
import { measureThroughput } from './harness.js';
import { checkTelegramHtml } from './telegram_html.js';

test('measureThroughput pushes N questions through the real bot and counts the answers', async () => {
  const engine = new FixedEngine();
  const result = await measureThroughput({ engine, updates: 200, chats: 20, questions: [Q.about, Q.rank] });
  expect(result.updates).toBe(200);
  expect(engine.asked).toHaveLength(200);
  expect(result.perSecond).toBeGreaterThan(0);
});

test('the fake server reads HTML as Telegram does: known tags, nested, escaped', () => {
  expect(checkTelegramHtml('<b>牡丹江</b> &lt;2020&gt; &amp; <blockquote>原文</blockquote>')).toEqual({
    ok: true,
    text: '牡丹江 <2020> & 原文',
  });
  expect(checkTelegramHtml('<script>x</script>')).toMatchObject({ ok: false });
  expect(checkTelegramHtml('<b>未闭合')).toMatchObject({ ok: false });
  expect(checkTelegramHtml('<b><i>交错</b></i>')).toMatchObject({ ok: false });
  expect(checkTelegramHtml('a < b')).toMatchObject({ ok: false });
  expect(checkTelegramHtml('R&D')).toMatchObject({ ok: false });
});
