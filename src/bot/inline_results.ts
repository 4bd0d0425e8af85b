import type { InlineQueryResultArticle, InputTextMessageContent } from 'grammy/types';
import type { Answer, Citation } from '../query/answer.js';
import { clip } from './html.js';
import { renderFull, renderPassage, sourceName } from './render.js';

/** Telegram accepts at most 50 results for one inline query. */
const MAX_RESULTS = 50;

/**
 * An answer as inline results, figures first, then passages. A figure is a citation of a facts
 * answer: its title is the answer's line that names the citation's agency (with agency and year
 * added if the line lacks them), and choosing it sends the whole sourced answer. A passage is a
 * citation of a search answer and sends that passage with its source. Any other answer (corpus,
 * checks, nothing found) is one result carrying the whole answer.
 */
export function inlineResults(answer: Answer): InlineQueryResultArticle[] {
  if (answer.route === 'facts' && answer.citations.length > 0) return figureResults(answer).slice(0, MAX_RESULTS);
  if (answer.route === 'search' && answer.citations.length > 0) return passageResults(answer.citations).slice(0, MAX_RESULTS);
  return [wholeAnswerResult(answer, 'a0')];
}

function figureResults(answer: Answer): InlineQueryResultArticle[] {
  const message = htmlMessage(renderFull(answer));
  const lines = answer.text
    .split('\n')
    .map((line) => line.replace(/^[\s·•・\-—]+/, '').trim())
    .filter((line) => /\d/.test(line));
  const seen = new Set<string>();
  return answer.citations.flatMap((c, i) => {
    const title = figureTitle(c, lines);
    const description = clip(`${c.section}｜原文：${c.snippet}`, 180);
    if (seen.has(title + description)) return [];
    seen.add(title + description);
    return [{ type: 'article', id: `f${i}`, title, description, input_message_content: message }];
  });
}

/**
 * The answer's line for a citation: the one stating the cited value (the last number of the
 * original cell or sentence), preferring a line that also names the cell's label or the agency;
 * agency and year are added when the line lacks them. Without such a line, the original text.
 */
function figureTitle(c: Citation, lines: readonly string[]): string {
  const value = [...c.snippet.matchAll(/\d+(?:\.\d+)?/g)].at(-1)?.[0];
  const label = c.snippet.split(/[：:\t]/)[0]?.trim() ?? '';
  const states = (line: string) => value !== undefined && new RegExp(`(?<![\\d.])${value.replace('.', '\\.')}(?![\\d.]*\\d)`).test(line);
  const score = (line: string) =>
    (states(line) ? 4 : 0) + (label.length >= 2 && line.includes(label) ? 2 : 0) + (line.includes(c.agency) ? 1 : 0);
  const best = lines.reduce<{ line: string; score: number }>(
    (top, line) => (score(line) > top.score ? { line, score: score(line) } : top),
    { line: '', score: 3 },
  );
  const line = best.line === '' ? c.snippet.replace(/\s+/g, ' ') : best.line;
  const year = String(c.year);
  const missing = [line.includes(c.agency) ? '' : c.agency, line.includes(year) ? '' : `${year}年`].filter(Boolean).join(' ');
  return clip(missing === '' ? line : `${missing} · ${line}`, 120);
}

function passageResults(citations: readonly Citation[]): InlineQueryResultArticle[] {
  return citations.map((c, i) => ({
    type: 'article',
    id: `p${i}`,
    title: clip(sourceName(c), 120),
    description: clip(c.snippet, 180),
    input_message_content: htmlMessage(renderPassage(c)),
  }));
}

/** One result sending the whole answer, titled by its first line (or `title` when given). */
export function wholeAnswerResult(answer: Answer, id: string, title?: string): InlineQueryResultArticle {
  const [first = answer.question, second = ''] = answer.text.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    type: 'article',
    id,
    title: clip(title ?? first, 120),
    description: clip(title === undefined ? second : first, 180),
    input_message_content: htmlMessage(renderFull(answer)),
  };
}

function htmlMessage(html: string): InputTextMessageContent {
  return { message_text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
}
