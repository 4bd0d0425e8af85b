import type { Message, UserFromGetMe } from 'grammy/types';

/**
 * Whether a message asks something of the bot. In a private chat every message does; in a group
 * (privacy mode on, or the bot made admin and seeing everything) only a command, a message that
 * mentions the bot, or a reply to one of the bot's own messages does.
 */
export function isAddressed(msg: Message, me: UserFromGetMe): boolean {
  if (msg.chat?.type === 'private') return true;
  return startsWithCommand(msg) || mentionsBot(msg, me) || repliesToBot(msg, me);
}

/**
 * The question a message asks the bot, or null when it asks none (a command is handled by its
 * own handler; an unaddressed group message is none of the bot's business). Mentions of the bot
 * are removed: "@report_bot 牡丹江 2020 采购" asks "牡丹江 2020 采购".
 */
export function questionOf(msg: Message, me: UserFromGetMe): string | null {
  if (typeof msg.text !== 'string' || startsWithCommand(msg)) return null;
  if (msg.chat?.type !== 'private' && !mentionsBot(msg, me) && !repliesToBot(msg, me)) return null;
  return withoutMentions(msg, me).trim();
}

/**
 * Whether a message carrying a file (a document sent to be added) is addressed to the bot: in a
 * private chat always; in a group when its caption mentions the bot or it replies to the bot.
 */
export function fileAddressed(msg: Message, me: UserFromGetMe): boolean {
  if (msg.chat?.type === 'private') return true;
  if (repliesToBot(msg, me)) return true;
  const caption = msg.caption ?? '';
  const handle = `@${me.username}`.toLowerCase();
  return (msg.caption_entities ?? []).some(
    (e) =>
      (e.type === 'mention' && caption.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
}

export function startsWithCommand(msg: Message): boolean {
  return (msg.entities ?? []).some((e) => e.type === 'bot_command' && e.offset === 0);
}

export function mentionsBot(msg: Message, me: UserFromGetMe): boolean {
  return botMentions(msg, me).length > 0;
}

export function repliesToBot(msg: Message, me: UserFromGetMe): boolean {
  return msg.reply_to_message?.from?.id === me.id;
}

function botMentions(msg: Message, me: UserFromGetMe) {
  const text = msg.text ?? '';
  const handle = `@${me.username}`.toLowerCase();
  return (msg.entities ?? []).filter(
    (e) =>
      (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id),
  );
}

function withoutMentions(msg: Message, me: UserFromGetMe): string {
  let text = msg.text ?? '';
  // From the end, so earlier offsets stay valid; a text_mention names the bot in words, keep those.
  const mentions = botMentions(msg, me)
    .filter((e) => e.type === 'mention')
    .sort((a, b) => b.offset - a.offset);
  for (const e of mentions) text = `${text.slice(0, e.offset)} ${text.slice(e.offset + e.length)}`;
  return text.replace(/\s+/g, ' ');
}
