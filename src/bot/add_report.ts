import { Composer, InlineKeyboard, type Context } from 'grammy';
import type { Document } from 'grammy/types';
import { attachmentLinks, type Attachment } from '../fetch/attachments.js';
import { fetchFile } from '../fetch/fetch-file.js';
import { MAX_FILE_BYTES } from '../ingest/formats/load.js';
import { sniffFile } from '../ingest/formats/sniff.js';
import type { Result } from '../ingest/report.js';
import type { Candidate } from '../intake/candidate.js';
import { fileAddressed } from './addressed.js';
import { decodeAction, encodeAction, isAddAction, type AddAction } from './callback_data.js';
import type { BotDeps } from './deps.js';
import { clip } from './html.js';
import { sendHtml, sendPlain } from './reply.js';
import { withTyping } from './typing.js';
import { addedText, attachmentsHtml, candidateHtml } from './upload_summary.js';

export const NOT_ADMIN = '抱歉，只有管理员可以向语料添加报告。如需添加，请联系管理员。';
const DISABLED = '这个机器人没有开启添加报告的功能。';
const USAGE = '用法：/add 链接（http 或 https），或直接把报告文件发给我。';

/**
 * Adding reports from the chat, for admins (ADMIN_USER_IDS): a document sent to the bot (in a
 * group: with the bot mentioned in its caption, or in reply to it), `/add URL`, or a bare link in a
 * private chat. The bot reads the file and shows what it read; "加入语料" saves it into the corpus
 * and the bot answers from it at once, "取消" drops it. Nothing is written before the press, and
 * only the person who sent the file can press. Install before the commands and the questions.
 */
export function addReport(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();

  composer.on('message:document', async (ctx, next) => {
    if (!fileAddressed(ctx.message, ctx.me)) return next();
    if (await mayAdd(ctx, deps)) await offerDocument(ctx, deps, ctx.message.document);
  });

  composer.command('add', async (ctx) => {
    if (!(await mayAdd(ctx, deps))) return;
    const link = bareLink(typeof ctx.match === 'string' ? ctx.match : '');
    if (link === null) return sendPlain(ctx, USAGE);
    await offerLink(ctx, deps, link);
  });

  composer.on('message:text', async (ctx, next) => {
    const link = ctx.chat.type === 'private' && isAdmin(deps, ctx.from.id) ? bareLink(ctx.message.text) : null;
    if (link === null) return next();
    if (await mayAdd(ctx, deps)) await offerLink(ctx, deps, link);
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (action === null || !isAddAction(action)) return next();
    await pressed(ctx, deps, action);
  });
  return composer;
}

const isAdmin = (deps: BotDeps, user: number | undefined) => user !== undefined && deps.config.access.adminUserIds.has(user);

/** A message that is just one http(s) link. */
function bareLink(text: string): string | null {
  const trimmed = text.trim();
  return /^https?:\/\/\S+$/i.test(trimmed) ? trimmed : null;
}

async function mayAdd(ctx: Context, deps: BotDeps): Promise<boolean> {
  if (!isAdmin(deps, ctx.from?.id)) {
    deps.log.info({ chat: ctx.chat?.id, user: ctx.from?.id }, 'refused: adding reports is for admins');
    await sendPlain(ctx, NOT_ADMIN);
    return false;
  }
  if (deps.intake === null) {
    await sendPlain(ctx, DISABLED);
    return false;
  }
  return true;
}

async function offerDocument(ctx: Context, deps: BotDeps, doc: Document): Promise<void> {
  const name = doc.file_name ?? 'report';
  // Telegram says how large the file is: one too large is refused before a byte is downloaded.
  if ((doc.file_size ?? 0) > MAX_FILE_BYTES) {
    await sendPlain(ctx, `${name}：文件过大（${megabytes(doc.file_size ?? 0)}），上限 ${megabytes(MAX_FILE_BYTES)}，没有下载。`);
    return;
  }
  const bytes = await withTyping(ctx, deps.log, () => download(ctx, deps, doc.file_id));
  if (!bytes.ok) return sendPlain(ctx, `${name}：${bytes.error}`);
  await offerCandidate(ctx, deps, name, await intake(deps).read(bytes.value, name));
}

/**
 * The file's bytes from the Bot API server (getFile, then its file URL). The server is the one
 * the configuration names, not a link from a chat: it may be a local Bot API server, so private
 * addresses are allowed here. The URL holds the token: failures are logged, never shown.
 */
async function download(ctx: Context, deps: BotDeps, fileId: string): Promise<Result<Buffer, string>> {
  const failed = (detail: unknown): Result<Buffer, string> => {
    deps.log.warn({ chat: ctx.chat?.id, detail }, 'could not download a document from Telegram');
    return { ok: false, error: '从 Telegram 下载文件失败，请稍后重新发送。' };
  };
  let path: string | undefined;
  try {
    path = (await ctx.api.getFile(fileId)).file_path;
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }
  if (!path) return failed('getFile gave no file_path');
  const url = `${deps.config.telegram.apiRoot}/file/bot${deps.config.telegram.token}/${path}`;
  const got = await fetchFile(url, { allowPrivateAddresses: true, timeoutMs: 60_000 });
  return got.ok ? { ok: true, value: got.value.bytes } : failed(got.error);
}

async function offerLink(ctx: Context, deps: BotDeps, link: string): Promise<void> {
  const got = await withTyping(ctx, deps.log, () => fetchFile(link, deps.fetch));
  if (!got.ok) return sendPlain(ctx, got.error);
  const { bytes, name, charset, url } = got.value;
  const read = await intake(deps).read(bytes, name, charset ? { charset } : {});
  // An announcement page whose report is an attachment: offer the attachments instead.
  if (!(read.ok && read.value.summary.cells > 0) && sniffFile(bytes).kind === 'html') {
    const attachments = attachmentLinks(bytes, url, charset);
    if (attachments.length > 0) return offerAttachments(ctx, deps, attachments);
  }
  await offerCandidate(ctx, deps, name, read);
}

async function offerCandidate(ctx: Context, deps: BotDeps, name: string, read: Result<Candidate, string>): Promise<void> {
  if (!read.ok) return sendPlain(ctx, `${name}：${read.error}`);
  const id = await deps.uploads.put(ctx.from?.id ?? 0, read.value);
  const keyboard = new InlineKeyboard()
    .text('加入语料', encodeAction({ kind: 'add', uploadId: id }))
    .text('取消', encodeAction({ kind: 'cancel_add', uploadId: id }));
  await sendHtml(ctx, candidateHtml(read.value, Math.round(deps.uploads.ttlMs / 60_000)), keyboard);
}

async function offerAttachments(ctx: Context, deps: BotDeps, attachments: Attachment[]): Promise<void> {
  const listId = await deps.attachments.put(ctx.from?.id ?? 0, attachments);
  const keyboard = new InlineKeyboard();
  attachments.forEach((a, index) => keyboard.text(`${index + 1}. ${clip(a.label, 30)}`, encodeAction({ kind: 'attachment', listId, index })).row());
  await sendHtml(ctx, attachmentsHtml(attachments), keyboard);
}

const CLAIM_REFUSED = {
  expired: '这次上传已过期或已处理，请重新发送。',
  not_owner: '只有发送这份文件的人可以确认。',
  busy: '正在处理这次上传，请稍候。',
} as const;

async function pressed(ctx: Context, deps: BotDeps, action: AddAction): Promise<void> {
  const user = ctx.from?.id;
  if (action.kind === 'attachment') {
    const list = await deps.attachments.get(action.listId, user);
    const attachment = list.ok ? list.value[action.index] : undefined;
    if (!list.ok || attachment === undefined) {
      await ctx.answerCallbackQuery({ text: CLAIM_REFUSED[list.ok ? 'expired' : list.error], show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery({ text: '正在下载……' });
    await offerLink(ctx, deps, attachment.url);
    return;
  }
  const claim = await deps.uploads.take(action.uploadId, user);
  if (!claim.ok) {
    await ctx.answerCallbackQuery({ text: CLAIM_REFUSED[claim.error], show_alert: true });
    return;
  }
  const candidate = claim.value;
  await ctx.answerCallbackQuery({ text: action.kind === 'add' ? '正在加入语料……' : '已取消' });
  // Settled (and its buttons taken away) once done with: a replica that dies while adding leaves
  // the upload to be confirmed again.
  const settle = async () => {
    await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard() }).catch((err: unknown) => deps.log.debug({ err }, 'could not remove the buttons'));
    await deps.uploads.settle(action.uploadId);
  };
  if (action.kind === 'cancel_add') {
    await settle();
    return sendPlain(ctx, `已取消：${candidate.name} 没有加入语料。`);
  }
  const added = await withTyping(ctx, deps.log, () => intake(deps).add(candidate));
  await settle();
  if (!added.ok) return sendPlain(ctx, `没有加入语料：${added.error}`);
  deps.log.info({ user, file: added.value.file, refreshed: added.value.refreshed.ok }, 'report added to the corpus');
  await sendPlain(ctx, addedText(candidate, added.value));
}

function intake(deps: BotDeps) {
  if (deps.intake === null) throw new Error('adding reports is not enabled');
  return deps.intake;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
