import type { Context } from 'grammy';
import type { ReplyParameters } from 'grammy/types';

/** In groups an answer replies to the message that asked (for a button: the message it is under). */
export function replyParameters(ctx: Context): ReplyParameters | undefined {
  const msg = ctx.callbackQuery?.message ?? ctx.msg;
  if (ctx.chat?.type === 'private' || msg === undefined) return undefined;
  return { message_id: msg.message_id, allow_sending_without_reply: true };
}
