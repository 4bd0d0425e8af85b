import { Composer, type Context } from 'grammy';
import type { AccessConfig } from '../config.js';
import type { Logger } from '../log.js';
import { isAddressed } from './addressed.js';

/**
 * Whether a user in a chat may use the bot. Each list, when set, restricts its own dimension:
 * ALLOWED_CHAT_IDS alone opens the bot to everyone in those groups; ALLOWED_USER_IDS alone to
 * those people wherever they are; both to those people in those chats. An inline query has no
 * chat and counts as the user's private chat. Admins are always allowed.
 */
export function isAllowed(access: AccessConfig, userId: number | undefined, chatId: number | undefined): boolean {
  if (userId !== undefined && access.adminUserIds.has(userId)) return true;
  const chat = chatId ?? userId;
  const chatOk = access.allowedChatIds === null || (chat !== undefined && access.allowedChatIds.has(chat));
  const userOk = access.allowedUserIds === null || (userId !== undefined && access.allowedUserIds.has(userId));
  return chatOk && userOk;
}

export const REFUSAL = '抱歉，这个机器人只为授权的群组和用户服务。如需使用，请联系管理员。';

/**
 * Stops updates from chats and users that are not allowed. Each refused chat (or, for inline
 * queries and buttons, user) hears one polite refusal, the first time it addresses the bot, and
 * silence afterwards.
 */
export function access(config: AccessConfig, log: Logger): Composer<Context> {
  const composer = new Composer<Context>();
  const open = config.allowedChatIds === null && config.allowedUserIds === null;
  if (open) return composer;
  const refused = new Set<string>();
  const firstTime = (key: string) => {
    if (refused.has(key)) return false;
    if (refused.size > 100_000) refused.clear();
    refused.add(key);
    return true;
  };
  composer.use(async (ctx, next) => {
    if (isAllowed(config, ctx.from?.id, ctx.chat?.id)) return next();
    log.info({ chat: ctx.chat?.id, user: ctx.from?.id, update: ctx.update.update_id }, 'refused: not an allowed chat or user');
    if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], {
        cache_time: 0,
        is_personal: true,
        button: { text: '未获授权使用此机器人', start_parameter: 'unauthorized' },
      });
    } else if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: REFUSAL, show_alert: true });
    } else if (ctx.message && ctx.chat && isAddressed(ctx.message, ctx.me) && firstTime(refusalKey(config, ctx))) {
      const inGroup = ctx.chat.type !== 'private';
      await ctx.reply(REFUSAL, inGroup ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {});
    }
  });
  return composer;
}

/** A refused group hears the refusal once; in an allowed group, each refused member once. */
function refusalKey(config: AccessConfig, ctx: Context): string {
  const chat = ctx.chat?.id;
  const chatOk = config.allowedChatIds === null || (chat !== undefined && config.allowedChatIds.has(chat));
  return chatOk ? `user:${ctx.from?.id}` : `chat:${chat}`;
}
