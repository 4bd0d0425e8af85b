import { escapeHtml, unescapeHtml } from './html.js';

/**
 * Cuts `text` into pieces of at most `limit` characters (UTF-16 units, as Telegram counts), at the
 * largest boundary that fits: paragraph, then line, then sentence, then anywhere (never inside a
 * surrogate pair). Boundaries are kept at the end of the piece they close; whitespace at the
 * edges of a piece is dropped.
 *
 * @example
 * splitText('一段。\n\n二段。', 4) // ['一段。', '二段。']
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError(`splitText: limit ${limit} is too small`);
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head.length > 0) pieces.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

const BOUNDARIES: readonly RegExp[] = [/\n\s*\n/g, /\n/g, /[。！？；!?;]/g, /[，、,\s]/g];

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const boundary of BOUNDARIES) {
    let best = -1;
    for (const m of window.matchAll(boundary)) {
      const end = m.index + m[0].length;
      if (end <= limit && m.index > 0) best = end;
    }
    // A boundary in the first fifth would leave a stub; prefer a finer boundary further on.
    if (best > limit / 5) return best;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Telegram's limit on a message's text, in UTF-16 units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Telegram's limit on a photo's or document's caption, counted the same way. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** What Telegram counts of Telegram HTML: the text without tags, entities decoded. */
export function visibleLength(html: string): number {
  return unescapeHtml(html.replace(/<[^>]*>/g, '')).length;
}

/**
 * Cuts Telegram HTML into messages of at most `limit` characters at paragraph boundaries. Every
 * paragraph must close the tags it opens (the renderers in this folder do); a paragraph longer
 * than `limit` loses its formatting and is cut as plain text, so no tag or entity is ever split.
 * Measuring the HTML source overestimates Telegram's count, which only makes pieces safer.
 */
export function splitHtml(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const paragraph of html.split(/\n{2,}/)) {
    const blocks = paragraph.length <= limit ? [paragraph] : cutAsPlainText(paragraph, limit);
    for (const block of blocks) {
      if (block.trim() === '') continue;
      if (current === '') current = block;
      else if (current.length + 2 + block.length <= limit) current += `\n\n${block}`;
      else {
        messages.push(current);
        current = block;
      }
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}

function cutAsPlainText(html: string, limit: number): string[] {
  const plain = unescapeHtml(html.replace(/<[^>]*>/g, ''));
  return fitEscaped(plain, limit, limit);
}

function fitEscaped(plain: string, plainLimit: number, htmlLimit: number): string[] {
  return splitText(plain, plainLimit).flatMap((piece) => {
    const escaped = escapeHtml(piece);
    if (escaped.length <= htmlLimit) return [escaped];
    const smaller = Math.max(2, Math.floor((plainLimit * htmlLimit) / escaped.length) - 1);
    return fitEscaped(piece, smaller, htmlLimit);
  });
}
