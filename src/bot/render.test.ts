import { expect, test } from 'vitest';
import { checkTelegramHtml } from '../../test/fake-telegram/telegram_html.js';
import { fixedAnswers, Q } from '../../test/fake-telegram/fixed_engine.js';
import type { Answer } from '../query/answer.js';
import { paginate } from './pages.js';
import { renderFull, renderPage, renderSources } from './render.js';

const answers = fixedAnswers();
const hostile: Answer = {
  question: '<script>',
  route: 'search',
  text: '一段 <i>正文</i> & 更多',
  citations: [{ reportId: 'x', agency: '<b>某局</b>', year: 2020, section: '五、存在的主要问题&改进', snippet: 'a < b > c' }],
};

test('every dynamic string is escaped: text, agency, section, snippet', () => {
  for (const html of [renderPage(hostile, paginate(hostile.text), 0), renderFull(hostile), ...renderSources(hostile)]) {
    expect(checkTelegramHtml(html)).toMatchObject({ ok: true });
    expect(html).not.toContain('<b>某局');
    expect(html).not.toContain('<i>正文');
  }
  expect(renderSources(hostile).join('')).toContain('a &lt; b &gt; c');
});

test('the full answer of an inline result fits one message and says when it was cut', () => {
  const long = answers.get(Q.passages)!;
  const html = renderFull(long);
  expect(html.length).toBeLessThanOrEqual(4096);
  expect(html).toContain('完整内容请私聊机器人');
  expect(checkTelegramHtml(html)).toMatchObject({ ok: true });
});

test('a page names its sources and its place among the pages', () => {
  const long = answers.get(Q.passages)!;
  const pages = paginate(long.text);
  const html = renderPage(long, pages, 1);
  expect(html).toContain(`第 2/${pages.length} 页`);
  expect(html).toContain('<b>来源</b>：牡丹江市教育局 2020年报告');
});
