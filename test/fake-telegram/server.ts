import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, UserFromGetMe } from 'grammy/types';
import { checkTelegramHtml } from './telegram_html.js';

/** One call the bot made, as the server received it. */
export interface ApiCall {
  /** Position among all calls, from 0. */
  seq: number;
  method: string;
  payload: Record<string, unknown>;
  /** The error code the server answered with, if it refused the call. */
  refused?: number;
  /** What the server answered (for `sendMessage`: the message, with its `message_id`). */
  result?: unknown;
  /** Files uploaded with the call (multipart/form-data), by the field that names them: `photo`, `document`. */
  files?: Record<string, UploadedFile>;
}

/** A file the bot uploaded, as the server received it. */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

/** A refusal to inject: 429 with `retryAfter` seconds, 500, 400 … */
export interface Failure {
  code: number;
  retryAfter?: number;
  description?: string;
}

type Json = Record<string, unknown>;

interface Waiter {
  offset: number;
  limit: number;
  respond: (updates: unknown[]) => void;
}

interface PendingFailure extends Failure {
  method: string;
  times: number;
  when?: (payload: Json) => boolean;
}

/** The bot the fake server says it is. */
export const FAKE_BOT: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: '年报助手',
  username: 'report_qa_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** Telegram holds a long poll at most 50 seconds; so does the fake. */
const MAX_POLL_SECONDS = 50;

/**
 * A fake Telegram Bot API server on 127.0.0.1 for driving the real grammY `Bot` over HTTP. It keeps
 * an update queue served by `getUpdates` long polling, answers the methods the bot uses
 * (`sendMessage`, `sendPhoto` and `sendDocument` uploads (multipart/form-data, the files recorded
 * with the call), `editMessageText`, `editMessageReplyMarkup`, `answerInlineQuery`,
 * `answerCallbackQuery`, `setMyCommands`, `sendChatAction`, `getMe`, webhooks, `getFile` and file
 * downloads of files put with `putFile`), checks what Telegram checks (HTML entities, 4096
 * characters, 1024 of a caption, 64-byte callback data, 50 inline results), records every call,
 * and refuses calls on demand (429, 500).
 *
 * @example
 * const fake = await FakeTelegram.start();
 * const env = { TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
 * fake.push(privateText(ALICE, '语料概况'));
 * const sent = await fake.waitFor('the answer', (c) => c.method === 'sendMessage');
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  /** Messages in every chat, the bot's and the users', by `${chat}:${message_id}`. */
  readonly messages = new Map<string, Message>();
  webhook: { url: string; secret_token?: string } | null = null;

  #server: Server;
  #apiRoot = '';
  #queue: Update[] = [];
  #nextUpdateId = 1;
  #nextMessageId = 1;
  #waiters = new Set<Waiter>();
  #failures: PendingFailure[] = [];
  #listeners = new Set<() => void>();
  #chats = new Map<number, Chat>();
  #files = new Map<string, { bytes: Buffer; path: string }>();

  private constructor(readonly token: string | null) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts a server on a free port of 127.0.0.1. With `token`, other tokens get 401. */
  static async start(options: { token?: string } = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(options.token ?? null);
    // A deep accept queue: a benchmark opens hundreds of connections at once.
    await new Promise<void>((resolve) => fake.#server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    fake.#apiRoot = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** For `TELEGRAM_API_ROOT`. */
  get apiRoot(): string {
    return this.#apiRoot;
  }

  /** Long polls being held open right now. */
  get openPolls(): number {
    return this.#waiters.size;
  }

  async stop(): Promise<void> {
    for (const waiter of this.#waiters) waiter.respond([]);
    this.#waiters.clear();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /**
   * Queues updates (built with `./updates.ts`, or anything at all to test malformed input) for
   * `getUpdates`, giving each the next `update_id` and each message a `message_id`. Returns the
   * updates as queued.
   */
  push<T extends object>(...updates: T[]): (T & { update_id: number })[] {
    const queued = this.stamp(...updates);
    this.#queue.push(...(queued as unknown as Update[]));
    this.#flushWaiters();
    return queued;
  }

  /**
   * Gives updates their ids as `push` does, and records their messages, without queueing them:
   * for a test that posts them to a webhook itself (to the replica of its choice).
   */
  stamp<T extends object>(...updates: T[]): (T & { update_id: number })[] {
    return updates.map((u) => {
      const update = { ...u, update_id: this.#nextUpdateId++ } as T & { update_id: number };
      const msg = (update as Partial<Update>).message;
      if (msg && typeof msg === 'object' && msg.chat && typeof msg.chat.id === 'number') {
        if (msg.message_id === undefined) (msg as { message_id: number }).message_id = this.#nextMessageId++;
        this.#chats.set(msg.chat.id, msg.chat);
        this.messages.set(`${msg.chat.id}:${msg.message_id}`, msg);
      }
      return update;
    });
  }

  /**
   * Holds a file as if a user had uploaded it, for `getFile` and the file download
   * (`/file/bot<token>/<file_path>`, recorded as a call of the pseudo-method `downloadFile`).
   * Returns the fields of the message's `document` that name it.
   */
  putFile(bytes: Buffer): { file_id: string; file_unique_id: string; file_size: number } {
    const n = this.#files.size + 1;
    const fileId = `BQACAgIAAxkBAAI${n}`;
    this.#files.set(fileId, { bytes, path: `documents/file_${n}` });
    return { file_id: fileId, file_unique_id: `AgAD${n}`, file_size: bytes.length };
  }

  /** Refuses the next `times` calls of `method` (matching `when`, if given) with `failure`. */
  fail(method: string, failure: Failure, options: { times?: number; when?: (payload: Json) => boolean } = {}): void {
    this.#failures.push({ ...failure, method, times: options.times ?? 1, when: options.when });
  }

  /** Calls of `method`, optionally only those from position `since` on. */
  callsOf(method: string, since = 0): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.seq >= since && c.refused === undefined);
  }

  /** Position of the next call: pass to `waitFor` / `callsOf` to look only at what follows. */
  mark(): number {
    return this.calls.length;
  }

  /**
   * Resolves with the first successful call matching `predicate` (at or after `since`), waiting for
   * it at most `timeoutMs`; on timeout, rejects with `description` and the calls seen.
   */
  waitFor(
    description: string,
    predicate: (call: ApiCall) => boolean,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ApiCall> {
    let next = options.since ?? 0;
    return this.#waitUntil(description, () => {
      for (; next < this.calls.length; next++) {
        const call = this.calls[next] as ApiCall;
        if (call.refused === undefined && predicate(call)) return call;
      }
      return undefined;
    }, options);
  }

  /**
   * Waits until `count` successful calls of `method` (or matching a predicate) have been made
   * since `since`; returns them.
   */
  waitForCount(
    method: string | ((call: ApiCall) => boolean),
    count: number,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<ApiCall[]> {
    const found: ApiCall[] = [];
    let next = options.since ?? 0;
    const matches = typeof method === 'string' ? (c: ApiCall) => c.method === method : method;
    return this.#waitUntil(`${count} calls of ${typeof method === 'string' ? method : 'the kind awaited'} (seen ${found.length})`, () => {
      for (; next < this.calls.length; next++) {
        const call = this.calls[next] as ApiCall;
        if (matches(call) && call.refused === undefined) found.push(call);
      }
      return found.length >= count ? found : undefined;
    }, options);
  }

  /** Checks `found` now and after every call; each check must only look at what is new. */
  #waitUntil<T>(description: string, found: () => T | undefined, options: { since?: number; timeoutMs?: number }): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const since = options.since ?? 0;
    return new Promise((resolve, reject) => {
      const now = found();
      if (now !== undefined) return resolve(now);
      const listener = () => {
        const hit = found();
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls
          .slice(since, since + 40)
          .map((c) => `${c.method}${c.refused ? ` (refused ${c.refused})` : ''} ${JSON.stringify(c.payload).slice(0, 160)}`);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}. Calls seen:\n  ${seen.join('\n  ') || '(none)'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
      };
      this.#listeners.add(listener);
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readBody(req);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(pathname);
    if (download) return this.#download(download[1] as string, download[2] as string, res);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(pathname);
    if (m === null) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m as unknown as [string, string, string];
    if (this.token !== null && token !== this.token) {
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    let payload: Json;
    let files: Record<string, UploadedFile> | undefined;
    const boundary = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(req.headers['content-type'] ?? '')?.[1];
    try {
      if (boundary) ({ payload, files } = readMultipart(body, boundary));
      else payload = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Json);
    } catch (err) {
      return send(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(err as Error).message}` });
    }
    const call: ApiCall = { seq: this.calls.length, method, payload, ...(files ? { files } : {}) };
    const failure = this.#takeFailure(method, payload);
    if (failure) {
      call.refused = failure.code;
      this.#record(call);
      return send(res, failure.code, {
        ok: false,
        error_code: failure.code,
        description:
          failure.description ??
          (failure.code === 429 ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}` : 'Internal Server Error'),
        ...(failure.code === 429 ? { parameters: { retry_after: failure.retryAfter ?? 1 } } : {}),
      });
    }
    if (method === 'getUpdates') return this.#getUpdates(payload, call, res);
    const outcome = this.#answer(method, payload, files ?? {});
    if (outcome.ok) call.result = outcome.result;
    else call.refused = outcome.code;
    this.#record(call);
    if (outcome.ok) send(res, 200, { ok: true, result: outcome.result });
    else send(res, outcome.code, { ok: false, error_code: outcome.code, description: outcome.description });
  }

  #download(token: string, filePath: string, res: ServerResponse): void {
    if (this.token !== null && token !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const file = [...this.#files.values()].find((f) => f.path === filePath);
    this.#record({ seq: this.calls.length, method: 'downloadFile', payload: { file_path: filePath }, ...(file ? {} : { refused: 404 }) });
    if (!file) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  #record(call: ApiCall): void {
    this.calls.push(call);
    for (const listener of [...this.#listeners]) listener();
  }

  #takeFailure(method: string, payload: Json): PendingFailure | undefined {
    const failure = this.#failures.find((f) => f.method === method && f.times > 0 && (f.when?.(payload) ?? true));
    if (failure) failure.times -= 1;
    return failure;
  }

  #getUpdates(payload: Json, call: ApiCall, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100)));
    const timeout = Math.min(MAX_POLL_SECONDS, Math.max(0, Number(payload.timeout ?? 0)));
    // Asking from `offset` confirms every earlier update, as on Telegram.
    if (offset > 0) this.#queue = this.#queue.filter((u) => u.update_id >= offset);
    this.#record(call);
    const ready = this.#queue.slice(0, limit);
    if (ready.length > 0 || timeout === 0) return send(res, 200, { ok: true, result: ready });
    let timer: NodeJS.Timeout | undefined;
    const waiter: Waiter = {
      offset,
      limit,
      respond: (updates) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        if (!res.writableEnded) send(res, 200, { ok: true, result: updates });
      },
    };
    timer = setTimeout(() => waiter.respond([]), timeout * 1000);
    this.#waiters.add(waiter);
    // The client gave up (the bot stopped): forget the poll.
    res.on('close', () => {
      clearTimeout(timer);
      this.#waiters.delete(waiter);
    });
  }

  #flushWaiters(): void {
    for (const waiter of [...this.#waiters]) {
      const ready = this.#queue.filter((u) => u.update_id >= waiter.offset).slice(0, waiter.limit);
      if (ready.length > 0) waiter.respond(ready);
    }
  }

  #answer(method: string, p: Json, files: Record<string, UploadedFile>): { ok: true; result: unknown } | { ok: false; code: number; description: string } {
    const bad = (description: string) => ({ ok: false as const, code: 400, description: `Bad Request: ${description}` });
    switch (method) {
      case 'getMe':
        return { ok: true, result: FAKE_BOT };
      case 'deleteWebhook':
        this.webhook = null;
        return { ok: true, result: true };
      case 'setWebhook':
        this.webhook = { url: String(p.url), secret_token: p.secret_token as string | undefined };
        return { ok: true, result: true };
      case 'setMyCommands': {
        const commands = p.commands as { command: string; description: string }[] | undefined;
        if (!Array.isArray(commands) || commands.length > 100) return bad('commands must be a list of at most 100');
        for (const c of commands) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command)) return bad(`BOT_COMMAND_INVALID: ${c.command}`);
          if (!c.description || c.description.length > 256) return bad('BOT_COMMAND_DESCRIPTION_INVALID');
        }
        return { ok: true, result: true };
      }
      case 'sendChatAction':
        return { ok: true, result: true };
      case 'answerCallbackQuery': {
        if (typeof p.text === 'string' && p.text.length > 200) return bad('MESSAGE_TOO_LONG');
        return { ok: true, result: true };
      }
      case 'answerInlineQuery':
        return this.#answerInlineQuery(p, bad);
      case 'sendMessage':
        return this.#sendMessage(p, bad);
      case 'sendPhoto':
      case 'sendDocument':
        return this.#sendFile(method === 'sendPhoto' ? 'photo' : 'document', p, files, bad);
      case 'editMessageText':
        return this.#editMessageText(p, bad);
      case 'editMessageReplyMarkup': {
        const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
        const message = this.messages.get(key);
        if (!message) return bad('message to edit not found');
        const edited = { ...message, reply_markup: p.reply_markup } as Message;
        this.messages.set(key, edited);
        return { ok: true, result: edited };
      }
      case 'getFile': {
        const file = this.#files.get(String(p.file_id));
        if (!file) return bad('invalid file_id');
        return { ok: true, result: { file_id: p.file_id, file_unique_id: 'u', file_size: file.bytes.length, file_path: file.path } };
      }
      default:
        return { ok: false, code: 404, description: 'Not Found: method not found' };
    }
  }

  #sendMessage(p: Json, bad: (d: string) => { ok: false; code: number; description: string }) {
    const chatId = Number(p.chat_id);
    const text = this.#checkText(p, bad);
    if (typeof text !== 'string') return text;
    const markupError = checkMarkup(p.reply_markup);
    if (markupError) return bad(markupError);
    const chat = this.#chats.get(chatId) ?? ({ id: chatId, type: chatId > 0 ? 'private' : 'supergroup', title: 'group' } as Chat);
    const reply = p.reply_parameters as { message_id?: number } | undefined;
    const message = {
      message_id: this.#nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: FAKE_BOT,
      text,
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      ...this.#repliedTo(chatId, reply),
    } as Message;
    this.messages.set(`${chatId}:${message.message_id}`, message);
    return { ok: true as const, result: message };
  }

  /** The message a new one replies to, when `reply_parameters` names one of this chat's. */
  #repliedTo(chatId: number, reply: { message_id?: number } | undefined): { reply_to_message?: Message } {
    const replied = reply?.message_id === undefined ? undefined : this.messages.get(`${chatId}:${reply.message_id}`);
    return replied ? { reply_to_message: replied } : {};
  }

  /** A photo or document: an uploaded file (the field is `attach://…` naming its part), an optional caption. */
  #sendFile(field: 'photo' | 'document', p: Json, files: Record<string, UploadedFile>, bad: (d: string) => { ok: false; code: number; description: string }) {
    const file = files[field];
    if (!file) return bad(`there is no ${field} in the request`);
    if (file.bytes.length === 0) return bad('file must be non-empty');
    let caption: string | undefined;
    if (p.caption !== undefined) {
      const checked = this.#checkText({ text: p.caption, parse_mode: p.parse_mode }, bad);
      if (typeof checked !== 'string') return checked;
      if (checked.length > 1024) return bad('message caption is too long');
      caption = checked;
    }
    const markupError = checkMarkup(p.reply_markup);
    if (markupError) return bad(markupError);
    if (field === 'photo') {
      const size = pngSize(file.bytes);
      if (!size) return bad('IMAGE_PROCESS_FAILED');
      if (size.width + size.height > 10_000 || Math.max(size.width, size.height) / Math.min(size.width, size.height) > 20) return bad('PHOTO_INVALID_DIMENSIONS');
    }
    const chatId = Number(p.chat_id);
    const chat = this.#chats.get(chatId) ?? ({ id: chatId, type: chatId > 0 ? 'private' : 'supergroup', title: 'group' } as Chat);
    const n = this.#nextMessageId++;
    const ids = { file_id: `${field}-${n}`, file_unique_id: `u-${field}-${n}`, file_size: file.bytes.length };
    const reply = p.reply_parameters as { message_id?: number } | undefined;
    const message = {
      message_id: n,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: FAKE_BOT,
      ...(field === 'photo' ? { photo: [{ ...ids, ...pngSize(file.bytes) }] } : { document: { ...ids, file_name: file.filename } }),
      ...(caption !== undefined ? { caption } : {}),
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      ...this.#repliedTo(chatId, reply),
    } as Message;
    this.messages.set(`${chatId}:${message.message_id}`, message);
    return { ok: true as const, result: message };
  }

  #editMessageText(p: Json, bad: (d: string) => { ok: false; code: number; description: string }) {
    const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
    const message = this.messages.get(key);
    if (!message) return bad('message to edit not found');
    const text = this.#checkText(p, bad);
    if (typeof text !== 'string') return text;
    const markupError = checkMarkup(p.reply_markup);
    if (markupError) return bad(markupError);
    if (message.text === text && JSON.stringify(message.reply_markup ?? null) === JSON.stringify(p.reply_markup ?? null)) {
      return bad('message is not modified: specified new message content and reply markup are exactly the same');
    }
    const edited = { ...message, text, reply_markup: p.reply_markup, edit_date: Math.floor(Date.now() / 1000) } as Message;
    this.messages.set(key, edited);
    return { ok: true as const, result: edited };
  }

  #answerInlineQuery(p: Json, bad: (d: string) => { ok: false; code: number; description: string }) {
    const results = p.results as Json[] | undefined;
    if (!Array.isArray(results)) return bad('results must be a list');
    if (results.length > 50) return bad('RESULTS_TOO_MUCH');
    const ids = new Set<string>();
    for (const r of results) {
      const id = String(r.id);
      if (Buffer.byteLength(id) > 64 || ids.has(id)) return bad('RESULT_ID_INVALID');
      ids.add(id);
      const content = r.input_message_content as Json | undefined;
      if (!content || typeof content.message_text !== 'string') return bad('input_message_content is required');
      const text = this.#checkText(content, bad);
      if (typeof text !== 'string') return text;
    }
    return { ok: true as const, result: true };
  }

  /** The text as Telegram would show it, or the refusal Telegram would give. */
  #checkText(p: Json, bad: (d: string) => { ok: false; code: number; description: string }) {
    const raw = p.text ?? p.message_text;
    if (typeof raw !== 'string' || raw.trim() === '') return bad('message text is empty');
    let text = raw;
    if (p.parse_mode === 'HTML') {
      const checked = checkTelegramHtml(raw);
      if (!checked.ok) return bad(`can't parse entities: ${checked.error}`);
      text = checked.text;
    }
    if (text.length > 4096) return bad('message is too long');
    return text;
  }
}

function checkMarkup(markup: unknown): string | null {
  if (markup === undefined || markup === null) return null;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return null;
  for (const row of rows as { text?: string; callback_data?: string }[][]) {
    for (const button of row) {
      if (!button.text) return 'BUTTON_TEXT_EMPTY';
      if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) return 'BUTTON_DATA_INVALID';
    }
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A multipart/form-data body as the Bot API reads it: each field a string (JSON for objects such
 * as `reply_markup`), each file part under its own name, which a field refers to as
 * `attach://name`. Files are returned by the field that refers to them.
 */
function readMultipart(body: Buffer, boundary: string): { payload: Json; files: Record<string, UploadedFile> } {
  const parts: { name: string; filename: string | null; data: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body without its boundary');
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('multipart body not closed');
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = /filename="?([^"\r\n]*)"?/i.exec(headers)?.[1] ?? null;
    parts.push({ name, filename, data: part.subarray(headerEnd + 4) });
    at = next;
  }
  const payload: Json = {};
  const uploads = new Map<string, UploadedFile>();
  for (const p of parts) {
    if (p.filename !== null) uploads.set(p.name, { filename: p.filename, bytes: Buffer.from(p.data) });
    else {
      const text = p.data.toString('utf8');
      payload[p.name] = /^[[{]/.test(text) ? (JSON.parse(text) as unknown) : text;
    }
  }
  const files: Record<string, UploadedFile> = {};
  for (const [key, value] of Object.entries(payload)) {
    const id = typeof value === 'string' ? /^attach:\/\/(.+)$/.exec(value)?.[1] : undefined;
    const file = id === undefined ? undefined : uploads.get(id);
    if (id !== undefined && !file) throw new Error(`${key} refers to a file part that is not in the request`);
    if (file) files[key] = file;
  }
  return { payload, files };
}

/** Width and height from a PNG's header, or null when the bytes are no PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const png = bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR';
  return png ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
