import { InlineKeyboard, type Context } from 'grammy';
import type { ReplyParameters } from 'grammy/types';
import type { Answer } from '../query/answer.js';
import type { ShownAnswer } from './answer_store.js';
import { encodeAction } from './callback_data.js';
import { escapeHtml } from './html.js';
import type { BotDeps } from './deps.js';
import { paginate } from './pages.js';
import { renderPage } from './render.js';
import { splitHtml } from './split.js';

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

/** Sends an answer's first page, with "来源" and "更多" buttons when it has sources or pages. */
export async function sendAnswer(ctx: Context, deps: BotDeps, answer: Answer): Promise<void> {
  const shown: ShownAnswer = { answer, pages: paginate(answer.text) };
  const id = needsButtons(shown) ? deps.answers.remember(shown) : null;
  await sendHtml(ctx, renderPage(answer, shown.pages, 0), id === null ? undefined : pageKeyboard(id, shown, 0));
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
  return shown.pages.length > 1 || shown.answer.citations.length > 0;
}

export function pageKeyboard(id: string, shown: ShownAnswer, page: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text('◀ 上一页', encodeAction({ kind: 'page', answerId: id, page: page - 1 }));
  if (shown.answer.citations.length > 0) keyboard.text('来源', encodeAction({ kind: 'sources', answerId: id }));
  if (page < shown.pages.length - 1) keyboard.text('更多 ▶', encodeAction({ kind: 'page', answerId: id, page: page + 1 }));
  return keyboard;
}

/** In groups an answer replies to the message that asked (for a button: the message it is under). */
function replyParameters(ctx: Context): ReplyParameters | undefined {
  const msg = ctx.callbackQuery?.message ?? ctx.msg;
  if (ctx.chat?.type === 'private' || msg === undefined) return undefined;
  return { message_id: msg.message_id, allow_sending_without_reply: true };
}
