import type { Answer, Citation } from '../query/answer.js';
import { bold, clip, escapeHtml, italic, quote } from './html.js';
import { splitHtml, TELEGRAM_TEXT_LIMIT } from './split.js';

/** How one source is named in a footer or title: "牡丹江市教育局 2020年报告 · 四、…". */
export function sourceName(c: Citation): string {
  return `${clip(c.agency, 40)} ${c.year}年报告${c.section ? ` · ${clip(c.section, 40)}` : ''}`;
}

const FOOTER_SOURCES = 3;

/**
 * One page of an answer as Telegram HTML: the page's text, the page number when there are
 * several, and the sources named (the "来源" button shows their original text).
 */
export function renderPage(answer: Answer, pages: readonly string[], index: number): string {
  const parts = [escapeHtml(pages[index] ?? '')];
  if (pages.length > 1) parts.push(italic(`第 ${index + 1}/${pages.length} 页`));
  const footer = sourcesFooter(answer.citations);
  if (footer !== '') parts.push(footer);
  return parts.join('\n\n');
}

function sourcesFooter(citations: readonly Citation[]): string {
  const names = [...new Set(citations.map(sourceName))];
  if (names.length === 0) return '';
  const shown = names.slice(0, FOOTER_SOURCES).map(escapeHtml).join('；');
  const more = names.length > FOOTER_SOURCES ? ` 等 ${names.length} 处` : '';
  return `${bold('来源')}：${shown}${more}`;
}

const SOURCES_SHOWN = 20;

/**
 * The original cells and sentences behind an answer, one paragraph each (the "来源" button), cut
 * into messages that fit Telegram.
 */
export function renderSources(answer: Answer): string[] {
  if (answer.citations.length === 0) return ['这个回答没有引用具体的报告原文。'];
  const shown = answer.citations.slice(0, SOURCES_SHOWN);
  const head =
    answer.citations.length > SOURCES_SHOWN
      ? bold(`来源（共 ${answer.citations.length} 处，列出前 ${SOURCES_SHOWN} 处）`)
      : bold(`来源（${answer.citations.length} 处）`);
  const blocks = shown.map((c, i) => `${bold(`${i + 1}. ${sourceName(c)}`)}\n${quote(clip(c.snippet, 900))}`);
  return splitHtml([head, ...blocks].join('\n\n'));
}

/**
 * The whole answer with its sources' original text in one message (what an inline result sends).
 * Over Telegram's limit, it is cut at a paragraph and says where to read the rest.
 */
export function renderFull(answer: Answer): string {
  const sources = answer.citations
    .slice(0, 10)
    .map((c) => `${escapeHtml(sourceName(c))}\n${quote(clip(c.snippet, 300))}`);
  const html = [escapeHtml(answer.text.trim()), ...(sources.length > 0 ? [bold('来源'), ...sources] : [])].join('\n\n');
  const cutNote = `\n\n${italic('……（回答较长，完整内容请私聊机器人提问）')}`;
  const messages = splitHtml(html, TELEGRAM_TEXT_LIMIT - cutNote.length);
  const first = messages[0] ?? escapeHtml(answer.question);
  return messages.length > 1 ? `${first}${cutNote}` : first;
}

/** One passage with its source, as its own message (an inline passage result). */
export function renderPassage(c: Citation): string {
  return `${quote(clip(c.snippet, 3000))}\n\n${bold('来源')}：${escapeHtml(sourceName(c))}`;
}
