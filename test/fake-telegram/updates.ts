import type { Chat, Message, MessageEntity, Update, User } from 'grammy/types';

/**
 * Builders of the updates Telegram sends, without `update_id` (the fake server numbers them).
 * Entities are computed the way Telegram does: a leading `/command` and every `@username`.
 */
export type NewUpdate = Omit<Update, 'update_id'>;

export const user = (id: number, first_name: string, username?: string): User => ({
  id,
  is_bot: false,
  first_name,
  ...(username ? { username } : {}),
});

export const ALICE = user(101, '王丽', 'wangli');
export const BOB = user(102, '李强', 'liqiang');
export const CAROL = user(103, '张敏');

/** The oversight staff's group. */
export const STAFF_GROUP: Chat.SupergroupChat = { id: -1001000000001, type: 'supergroup', title: '政务公开监督组' };

export const privateChat = (u: User): Chat.PrivateChat => ({ id: u.id, type: 'private', first_name: u.first_name });

let clock = 1_700_000_000;

/** A text message; `replyTo` makes it a reply (to a message the bot sent, say). */
export function textMessage(from: User, chat: Chat, text: string, replyTo?: Message): NewUpdate {
  const message = {
    date: clock++,
    chat,
    from,
    text,
    ...(entitiesOf(text).length > 0 ? { entities: entitiesOf(text) } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
  } as unknown as NonNullable<Update['message']>;
  return { message };
}

export const privateText = (from: User, text: string) => textMessage(from, privateChat(from), text);
export const groupText = (from: User, text: string, replyTo?: Message, chat: Chat = STAFF_GROUP) => textMessage(from, chat, text, replyTo);

/** What a document message carries of its file (see `FakeTelegram.putFile`). */
export interface DocumentFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

/** A document sent with an optional caption; `replyTo` makes it a reply. */
export function documentMessage(from: User, chat: Chat, document: DocumentFile, caption?: string, replyTo?: Message): NewUpdate {
  const message = {
    date: clock++,
    chat,
    from,
    document,
    ...(caption ? { caption, ...(entitiesOf(caption).length > 0 ? { caption_entities: entitiesOf(caption) } : {}) } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
  } as unknown as NonNullable<Update['message']>;
  return { message };
}

export const privateDocument = (from: User, document: DocumentFile, caption?: string) =>
  documentMessage(from, privateChat(from), document, caption);

export function inlineQuery(from: User, query: string, id = `iq-${clock++}`): NewUpdate {
  return { inline_query: { id, from, query, offset: '', chat_type: 'sender' } };
}

/** A press of the button carrying `data` under `message` (one the bot sent). */
export function buttonPress(from: User, message: Message, data: string, id = `cb-${clock++}`): NewUpdate {
  return {
    callback_query: { id, from, message: message as Message & { chat: Chat }, chat_instance: `ci-${message.chat.id}`, data },
  } as NewUpdate;
}

function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) {
    entities.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return entities;
}
