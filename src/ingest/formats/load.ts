import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Result } from '../report.js';
import { replacedFinding } from './decode.js';
import { readDoc } from './doc.js';
import { readDocx } from './docx.js';
import { readHtmlFile } from './html.js';
import { readPdf } from './pdf.js';
import type { FormatReading } from './reading.js';
import { describeFsError, MAX_FILE_BYTES, notRegularFile, SUPPORTED_EXTENSIONS } from './files.js';
import { sniffFile, type FileKind } from './sniff.js';
import { readPlainText } from './text.js';

export { htmlToText } from './html.js';
export { describeFsError, MAX_FILE_BYTES, notRegularFile, SUPPORTED_EXTENSIONS } from './files.js';

/**
 * File loaders: bytes → plain text, one module per format beside this one, chosen by what the
 * bytes are (see `sniff.ts`), the extension serving only to tell Markdown from text. Everything
 * after this module works on text (tables as tab-separated rows, or laid out as on the page),
 * never on a format.
 */

export type TextFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'doc';

export interface LoadedText {
  text: string;
  format: TextFormat;
  /** What a reader should know about how the file was read (bytes replaced …); absent when nothing. */
  findings?: Finding[];
  /** The publication date a web page states in its markup, when it does (YYYY-MM-DD). */
  publishedAt?: string;
  /** Set when the text was read by OCR from a scan: every fact says so. */
  readBy?: 'ocr';
}


/** What is known of a file besides its bytes: the charset a server's Content-Type named. */
export interface LoadHints {
  charset?: string;
}

type FormatReader = (bytes: Buffer, hints: LoadHints) => Result<FormatReading, string> | Promise<Result<FormatReading, string>>;

/** The reader of each kind of file that can hold a report, and the format it reports. */
const READERS: Partial<Record<FileKind, { format: TextFormat; read: FormatReader }>> = {
  html: { format: 'html', read: readHtmlFile },
  pdf: { format: 'pdf', read: readPdf },
  docx: { format: 'docx', read: readDocx },
  doc: { format: 'doc', read: readDoc },
  text: { format: 'txt', read: readPlainText },
};


/**
 * Reads one report file as text. Expected failures (missing, empty, too large, not text,
 * unsupported extension) come back as `{ ok: false, error }` naming the file; it never throws.
 *
 * @example
 * const r = await loadFile('corpus/shuyang-fgj-2023.html');
 * if (r.ok) console.log(r.value.text); // tables as tab-separated rows
 */
export async function loadFile(filePath: string): Promise<Result<LoadedText>> {
  const fail = (message: string): Result<LoadedText> => ({ ok: false, error: { file: filePath, message } });
  const ext = path.extname(filePath).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    const shown = ext === '' ? '（无扩展名）' : ext;
    return fail(`不支持的文件类型 ${shown}：目前只能读取 ${SUPPORTED_EXTENSIONS.join(' ')} 文件`);
  }
  let bytes: Buffer;
  try {
    const info = await stat(filePath);
    const irregular = notRegularFile(info);
    if (irregular) return fail(irregular);
    if (info.size > MAX_FILE_BYTES) return fail(tooLarge(info.size));
    bytes = await readFile(filePath);
  } catch (err) {
    return fail(describeFsError(err));
  }
  return loadBytes(bytes, filePath);
}

/**
 * Reads a report held in memory (a file sent to the bot, a page fetched from a link); `name` is
 * the file's name, for messages and to tell `.md` from text. Never throws.
 */
export async function loadBytes(bytes: Buffer, name: string, hints: LoadHints = {}): Promise<Result<LoadedText>> {
  const fail = (message: string): Result<LoadedText> => ({ ok: false, error: { file: name, message } });
  if (bytes.length === 0) return fail('文件为空（0 字节）');
  if (bytes.length > MAX_FILE_BYTES) return fail(tooLarge(bytes.length));
  const ext = path.extname(name).toLowerCase();
  const sniffed = sniffFile(bytes);
  const kind: FileKind = sniffed.kind === 'text' && (ext === '.html' || ext === '.htm') ? 'html' : sniffed.kind;
  const reader = READERS[kind];
  if (!reader) {
    const mismatch = ext ? `：扩展名 ${ext} 与内容不符，请按原格式保存后再放入语料` : '';
    return fail(`文件内容是${sniffed.name}，不是能读取的报告格式${mismatch}`);
  }
  const read = await reader.read(bytes, hints);
  if (!read.ok) return fail(read.error);
  const { text, replaced, publishedAt, findings, readBy } = read.value;
  if (text.trim() === '') return fail('文件没有文字内容（只有空白）');
  const format: TextFormat = reader.format === 'txt' && ext === '.md' ? 'md' : reader.format;
  const loadedText: LoadedText = { text, format };
  const allFindings = [...(replaced ? [replacedFinding(replaced)] : []), ...(findings ?? [])];
  if (allFindings.length > 0) loadedText.findings = allFindings;
  if (publishedAt) loadedText.publishedAt = publishedAt;
  if (readBy) loadedText.readBy = readBy;
  return { ok: true, value: loadedText };
}

function tooLarge(size: number): string {
  return `文件过大（${formatMb(size)}），上限 ${formatMb(MAX_FILE_BYTES)}：请确认这是一份年度报告`;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
