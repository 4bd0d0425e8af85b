import { InlineKeyboard, InputFile, type Context } from 'grammy';
import type { Answer } from '../query/answer.js';
import type { ShownAnswer } from './answer_store.js';
import { encodeAction } from './callback_data.js';
import { escapeHtml } from './html.js';
import type { BotDeps } from './deps.js';
import { chartOf } from './exports.js';
import { paginate } from './pages.js';
import { renderPage } from './render.js';
import { replyParameters } from './reply_to.js';
import { splitHtml, TELEGRAM_CAPTION_LIMIT, visibleLength } from './split.js';

/**
 * Sends HTML that may be longer than one message: cut at paragraphs, the keyboard under the last
 * piece. In a group, the first piece replies to the asking message.
 */
export async function sendHtml(ctx: Context, html: string | readonly string[], keyboard?: InlineKeyboard): Promise<void> {
  const pieces = typeof html === 'string' ? splitHtml(html) : html.flatMap((h) => splitHtml(h));
  const replyTo = replyParameters(ctx);
  for (const [i, piece] of pieces.entries()) {
    const last = i === pieces.length - 1;
    await ctx.reply(piece, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 && replyTo ? { reply_parameters: replyTo } : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

/** Plain text (a usage line, a refusal), escaped and sent like any other reply. */
export async function sendPlain(ctx: Context, text: string): Promise<void> {
  await sendHtml(ctx, escapeHtml(text));
}

/**
 * Sends an answer's first page, with "来源", "更多" and "导出CSV" buttons when it has sources,
 * pages or a table. A ranking, comparison or trend of several figures comes with its chart: the
 * text is the photo's caption when it fits one, else it follows the photo.
 */
export async function sendAnswer(ctx: Context, deps: BotDeps, answer: Answer): Promise<void> {
  const shown: ShownAnswer = { answer, pages: paginate(answer.text) };
  const id = needsButtons(shown) ? await deps.answers.remember(shown) : null;
  const html = renderPage(answer, shown.pages, 0);
  const keyboard = id === null ? undefined : pageKeyboard(id, shown, 0);
  const chart = await chartOf(answer, deps.log);
  if (chart === null) return sendHtml(ctx, html, keyboard);
  const captioned = shown.pages.length === 1 && visibleLength(html) <= TELEGRAM_CAPTION_LIMIT;
  const replyTo = replyParameters(ctx);
  await ctx.replyWithPhoto(new InputFile(chart, 'chart.png'), {
    ...(captioned ? { caption: html, parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) } : {}),
    ...(replyTo ? { reply_parameters: replyTo } : {}),
  });
  if (!captioned) await sendHtml(ctx, html, keyboard);
}

/** Replaces a shown answer's message by another of its pages (the "更多" button). */
export async function editToPage(ctx: Context, id: string, shown: ShownAnswer, page: number): Promise<void> {
  const [html] = splitHtml(renderPage(shown.answer, shown.pages, page));
  await ctx.editMessageText(html ?? '…', {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    reply_markup: pageKeyboard(id, shown, page),
  });
}

function needsButtons(shown: ShownAnswer): boolean {
  return shown.pages.length > 1 || shown.answer.citations.length > 0 || shown.answer.table !== undefined;
}

export function pageKeyboard(id: string, shown: ShownAnswer, page: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text('◀ 上一页', encodeAction({ kind: 'page', answerId: id, page: page - 1 }));
  if (shown.answer.citations.length > 0) keyboard.text('来源', encodeAction({ kind: 'sources', answerId: id }));
  if (shown.answer.table) keyboard.text('导出CSV', encodeAction({ kind: 'csv', answerId: id }));
  if (page < shown.pages.length - 1) keyboard.text('更多 ▶', encodeAction({ kind: 'page', answerId: id, page: page + 1 }));
  return keyboard;
}
