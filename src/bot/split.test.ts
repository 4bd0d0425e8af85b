import { describe, expect, test } from 'vitest';
import { checkTelegramHtml } from '../../test/fake-telegram/telegram_html.js';
import { reportParagraphs } from '../../test/fake-telegram/fixed_engine.js';
import { escapeHtml } from './html.js';
import { splitHtml, splitText } from './split.js';

const report = reportParagraphs('004_1f4ee6e2bcc4addb.txt').join('\n\n');

describe('splitText', () => {
  test('text within the limit stays whole', () => {
    expect(splitText('一、总体情况\n\n二、主动公开', 100)).toEqual(['一、总体情况\n\n二、主动公开']);
  });

  test('cuts at paragraph boundaries first', () => {
    const pieces = splitText(report, 1500);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(1500);
    expect(pieces.join('\n\n')).toBe(report);
  });

  test('a paragraph longer than the limit is cut after a sentence', () => {
    const paragraph = reportParagraphs('004_1f4ee6e2bcc4addb.txt').find((p) => p.length > 500)!;
    const pieces = splitText(paragraph, 200);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/[。；！？，、]$/);
    expect(pieces.join('').replace(/\s/g, '')).toBe(paragraph.replace(/\s/g, ''));
  });

  test('never cuts an emoji in half', () => {
    const pieces = splitText('📊'.repeat(10), 5);
    for (const piece of pieces) expect(piece).toBe([...piece].join(''));
    expect(pieces.join('')).toBe('📊'.repeat(10));
  });
});

describe('splitHtml', () => {
  test('every piece is valid Telegram HTML within 4096 characters', () => {
    const html = reportParagraphs('004_1f4ee6e2bcc4addb.txt')
      .map((p, i) => `<b>${i + 1}.</b> ${escapeHtml(p)}\n<blockquote>${escapeHtml(p.slice(0, 200))}</blockquote>`)
      .join('\n\n')
      .repeat(3);
    const pieces = splitHtml(html);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4096);
      expect(checkTelegramHtml(piece)).toMatchObject({ ok: true });
    }
  });

  test('an oversized paragraph full of escapes is cut without splitting an entity', () => {
    const html = escapeHtml('<&>'.repeat(3000));
    const pieces = splitHtml(html, 4096);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(4096);
      expect(checkTelegramHtml(piece)).toMatchObject({ ok: true });
    }
    expect(pieces.map((p) => (checkTelegramHtml(p) as { text: string }).text).join('')).toBe('<&>'.repeat(3000));
  });
});
