import type { Context } from 'grammy';
import type { Logger } from '../log.js';

/** Telegram shows "typing…" for 5 seconds; renew a little before it fades. */
const RENEW_MS = 4500;

/**
 * Runs `work` while the chat shows the bot typing. A failed typing action is only logged at debug
 * level: it must never cost the user the answer.
 */
export async function withTyping<T>(ctx: Context, log: Logger, work: () => Promise<T>): Promise<T> {
  if (ctx.chat === undefined) return work();
  const send = () => {
    ctx.replyWithChatAction('typing').catch((err: unknown) => log.debug({ err, chat: ctx.chat?.id }, 'typing action failed'));
  };
  send();
  const timer = setInterval(send, RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
