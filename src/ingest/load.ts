import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { checkedText, decodeBytes, replacedFinding, type Decoded } from './decode.js';
import { readHtml } from './html.js';
import type { Finding, Result } from './report.js';

export { htmlToText } from './html.js';

/**
 * File loaders: bytes on disk → plain text, one function per format, chosen by extension.
 * Everything after this module works on text (tables as tab-separated rows), never on a format.
 * A new format (docx, pdf) is one more entry in `LOADERS`.
 */

export type TextFormat = 'txt' | 'md' | 'html';

export interface LoadedText {
  text: string;
  format: TextFormat;
  /** What a reader should know about how the file was read (bytes replaced …); absent when nothing. */
  findings?: Finding[];
  /** The publication date a web page states in its markup (YYYY-MM-DD), when it does. */
  publishedAt?: string;
}

/** Files larger than this are refused: no annual report comes near it. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A loader's reading of a file: its text, the bytes replaced, and a page's publication date. */
interface Read extends Decoded {
  publishedAt?: string | null;
}

interface Loader {
  format: TextFormat;
  /** Turns the file's bytes into text, or says why it cannot (async for formats like PDF). */
  load: (bytes: Buffer) => Result<Read, string> | Promise<Result<Read, string>>;
}

const LOADERS: Readonly<Record<string, Loader>> = {
  '.txt': { format: 'txt', load: loadPlainText },
  '.md': { format: 'md', load: loadPlainText },
  '.html': { format: 'html', load: loadHtml },
  '.htm': { format: 'html', load: loadHtml },
};

/** Extensions `loadFile` reads, lower case with the dot: `.txt`, `.md`, `.html`, `.htm`. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(LOADERS));

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
  const loader = LOADERS[ext];
  if (!loader) {
    const shown = ext === '' ? '（无扩展名）' : ext;
    return fail(`不支持的文件类型 ${shown}：目前只能读取 ${SUPPORTED_EXTENSIONS.join(' ')} 文件`);
  }

  let bytes: Buffer;
  try {
    const info = await stat(filePath);
    const irregular = notRegularFile(info);
    if (irregular) return fail(irregular);
    if (info.size > MAX_FILE_BYTES) {
      return fail(`文件过大（${formatMb(info.size)}），上限 ${formatMb(MAX_FILE_BYTES)}：请确认这是一份年度报告`);
    }
    bytes = await readFile(filePath);
  } catch (err) {
    return fail(describeFsError(err));
  }
  if (bytes.length === 0) return fail('文件为空（0 字节）');
  const other = otherFormat(bytes);
  if (other) return fail(`文件内容是${other}，不是文字：扩展名 ${ext} 与内容不符，请按原格式保存后再放入语料`);

  const read = await loader.load(bytes);
  if (!read.ok) return fail(read.error);
  const { text, replaced, publishedAt } = read.value;
  if (text.trim() === '') return fail('文件没有文字内容（只有空白）');
  const loadedText: LoadedText = { text, format: loader.format };
  if (replaced) loadedText.findings = [replacedFinding(replaced)];
  if (publishedAt) loadedText.publishedAt = publishedAt;
  return { ok: true, value: loadedText };
}

/** Formats that announce themselves in their first bytes, as files renamed to .txt often are. */
const MAGIC: ReadonlyArray<[bytes: number[], name: string]> = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF 文件（以 %PDF- 开头）'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP 压缩包（如 Word .docx，以 PK 开头）'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '旧版 Office 文件（如 Word .doc）'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
];

function otherFormat(bytes: Buffer): string | null {
  for (const [magic, name] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return name;
  return null;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Why a path is no file to read, or null for a regular file. Reading a named pipe would wait
 * forever for a writer: it is refused, as a folder or a device is.
 */
export function notRegularFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return '这是一个文件夹，不是文件';
  if (info.isFIFO()) return '这是一个命名管道，不是普通文件';
  return '这不是普通文件（设备或套接字）';
}

/** A file system error as a line a person can act on ("文件不存在：请检查路径"). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return '文件不存在：请检查路径';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限：请检查文件权限';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  return `无法读取文件：${err instanceof Error ? err.message : String(err)}`;
}

// ---------------------------------------------------------------------------------------------
// Plain text (.txt, .md)

function loadPlainText(bytes: Buffer): Result<Read, string> {
  return checkedText(decodeBytes(bytes));
}

// ---------------------------------------------------------------------------------------------
// HTML (.html, .htm)

function loadHtml(bytes: Buffer): Result<Read, string> {
  const checked = checkedText(decodeBytes(bytes, declaredCharset(bytes)));
  if (!checked.ok) return checked;
  const page = readHtml(checked.value.text);
  return { ok: true, value: { text: page.text, replaced: checked.value.replaced, publishedAt: page.publishedAt } };
}

/**
 * The charset an HTML file declares in `<meta charset>` or `http-equiv` (looked for in its first
 * 4 KB), when iconv-lite knows it; GB18030 otherwise. GBK/GB2312 are read as GB18030, their superset.
 */
function declaredCharset(bytes: Buffer): string {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const m = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const name = m?.[1]?.toLowerCase();
  if (!name || /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(name)) return 'gb18030';
  return iconv.encodingExists(name) ? name : 'gb18030';
}
