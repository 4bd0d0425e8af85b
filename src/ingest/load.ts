import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parse, NodeType, type HTMLElement, type Node, type TextNode } from 'node-html-parser';
import { isoDate } from './dates.js';
import type { Finding, Result } from './report.js';

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

/** The file's text, and the bytes that could not be decoded and were replaced by "\uFFFD". */
interface Decoded {
  text: string;
  replaced: ReplacedBytes | null;
  publishedAt?: string | null;
}

interface ReplacedBytes {
  count: number;
  /** 1-based lines of the file holding them. */
  lines: number[];
  /** The distinct byte values, when known (UTF-8); empty when only their count is. */
  values: number[];
}

/** Files larger than this are refused: no annual report comes near it. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Share of control characters (NUL etc.) or undecodable bytes above which a file is not text. */
const MAX_JUNK_SHARE = 0.02;

interface Loader {
  format: TextFormat;
  /** Turns the file's bytes into text, or says why it cannot (async for formats like PDF). */
  load: (bytes: Buffer) => Result<Decoded, string> | Promise<Result<Decoded, string>>;
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
// Encodings

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8, and so is text
 * that is UTF-8 but for a few damaged bytes (replaced, and named); else `fallback` (GB18030, a
 * superset of GBK and GB2312, the usual encoding of Chinese government text files).
 */
function decodeBytes(bytes: Buffer, fallback = 'gb18030'): Decoded {
  const byBom = decodeByBom(bytes) ?? decodeUtf16WithoutBom(bytes);
  if (byBom !== null) return { text: byBom, replaced: null };
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, replaced: null };
  const damaged = damagedUtf8(bytes);
  if (damaged) return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), replaced: damaged };
  const text = iconv.decode(bytes, fallback);
  return { text, replaced: replacementsIn(text) };
}

function decodeByBom(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf-16be');
  return null;
}

/**
 * UTF-16 saved without a byte order mark: the NUL high bytes of its ASCII characters (digits,
 * tabs, line ends: a report has plenty) stand at odd offsets (little endian) or at even ones
 * (big endian), far more than in the other column. Binary files have NULs in both alike.
 */
function decodeUtf16WithoutBom(bytes: Buffer): string | null {
  if (bytes.length < 64 || bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = bytes.length / 2;
  // The other column has NULs too, fewer: characters such as 一 (U+4E00) end in a zero byte.
  if (odd >= pairs * 0.1 && even * 4 <= odd) return iconv.decode(bytes, 'utf-16le');
  if (even >= pairs * 0.1 && odd * 4 <= even) return iconv.decode(bytes, 'utf-16be');
  return null;
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Share of a file's non-ASCII bytes that may fail to decode for it still to be UTF-8. GBK text
 * read as UTF-8 fails on most of them (seed 004 in GBK: two in three); a UTF-8 report with a
 * damaged spot, on a handful.
 */
const MAX_DAMAGED_UTF8_SHARE = 0.02;

/**
 * The bytes that are no part of a well-formed UTF-8 sequence, when they are few enough for the
 * file to be UTF-8 all the same; null when it is no UTF-8. Each ill-formed sequence is one
 * replacement character in the decoded text (the decoder's "maximal subpart" rule).
 */
function damagedUtf8(bytes: Buffer): ReplacedBytes | null {
  let nonAscii = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) nonAscii++;
  const budget = Math.floor(nonAscii * MAX_DAMAGED_UTF8_SHARE);
  const bad: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const [need, lo, hi] = b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b >= 0xe0 && b <= 0xef ? [2, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf] : b >= 0xf0 && b <= 0xf4 ? [3, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf] : [0, 0, 0];
    let k = 1;
    while (k <= need) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) break;
      k++;
    }
    if (need > 0 && k > need) {
      i += k;
      continue;
    }
    for (let j = 0; j < k; j++) bad.push(i + j);
    if (bad.length > budget) return null;
    i += k;
  }
  if (bad.length === 0) return null;
  return { count: bad.length, lines: linesOf(bytes, bad), values: [...new Set(bad.map((at) => bytes[at]))] };
}

/** The 1-based lines (by "\n") of the byte offsets `at`, ascending, each once. */
function linesOf(bytes: Buffer, at: readonly number[]): number[] {
  const lines = new Set<number>();
  let line = 1;
  let pos = 0;
  for (const offset of at) {
    for (; pos < offset; pos++) if (bytes[pos] === 0x0a) line++;
    lines.add(line);
  }
  return [...lines];
}

/** Replacement characters a decoder put in `text`, by line; null when there are none. */
function replacementsIn(text: string): ReplacedBytes | null {
  if (!text.includes('\uFFFD')) return null;
  const lines: number[] = [];
  let count = 0;
  text.split('\n').forEach((line, i) => {
    const n = line.split('\uFFFD').length - 1;
    if (n > 0) {
      count += n;
      lines.push(i + 1);
    }
  });
  return { count, lines, values: [] };
}

/** The finding that tells a reader where bytes were replaced: 第12行有9个无法解码的字节（0xFF 0xFE）已替换. */
function replacedFinding(r: ReplacedBytes): Finding {
  const shownLines = r.lines.slice(0, 5).join('、');
  const where = r.lines.length === 1 ? `第${shownLines}行有` : `第${shownLines}行${r.lines.length > 5 ? `等${r.lines.length}行` : ''}共有`;
  const hex = r.values.slice(0, 6).map((v) => `0x${v.toString(16).toUpperCase().padStart(2, '0')}`);
  const which = hex.length ? `（${hex.join(' ')}${r.values.length > 6 ? ' …' : ''}）` : '';
  return {
    rule: 'encoding',
    severity: 'warning',
    metrics: [],
    message: `文件${where}${r.count}个无法解码的字节${which}已替换为“\uFFFD”，该处文字可能缺损`,
  };
}

/**
 * Why a decoded string is not text, or null when it is: control characters other than layout
 * ones (tab, newlines, form feed) and U+FFFD replacement characters are junk.
 */
function junkReason(text: string): string | null {
  let junk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0xfffd || c === 0x7f) {
      junk++;
    }
  }
  if (text.length === 0 || junk / text.length <= MAX_JUNK_SHARE) return null;
  const pct = Math.round((junk / text.length) * 100);
  return `文件内容不像文字（${pct}% 是控制字符或无法解码的字节）：可能是二进制文件、改了扩展名的 Word/PDF，或编码损坏`;
}

function checkedText(decoded: Decoded): Result<Decoded, string> {
  const junk = junkReason(decoded.text);
  return junk === null ? { ok: true, value: decoded } : { ok: false, error: junk };
}

// ---------------------------------------------------------------------------------------------
// Plain text (.txt, .md)

function loadPlainText(bytes: Buffer): Result<Decoded, string> {
  return checkedText(decodeBytes(bytes));
}

// ---------------------------------------------------------------------------------------------
// HTML (.html, .htm)

function loadHtml(bytes: Buffer): Result<Decoded, string> {
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

// The <title> is placed once, first, by htmlToText.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'iframe', 'object']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'tr', 'ul',
]);

/**
 * HTML → plain text. Block elements end lines, script/style/comments are dropped, entities are
 * decoded (&nbsp; is a space). Each `<table>` becomes one line per grid row of tab-separated cells
 * (see `tableRows`), with a blank line before and after. The page `<title>` comes first when the
 * body does not repeat it.
 */
export function htmlToText(html: string): string {
  return readHtml(html).text;
}

/** A page's text (see `htmlToText`) and the publication date its markup states. */
function readHtml(html: string): { text: string; publishedAt: string | null } {
  const root = parseHtml(html);
  return { text: renderText(root), publishedAt: markupDate(root) };
}

function parseHtml(html: string): HTMLElement {
  // The parser keeps a doctype or XML declaration as text; they are markup, not content.
  // ([^<>]: a page of thousands of unclosed "<!DOCTYPE" is not scanned to its end for each.)
  const markup = withoutUnclosedComment(html.replace(/<!DOCTYPE[^<>]*>|<\?xml[^<>]*\?>/gi, ''));
  return parse(markup, {
    comment: false,
    // Tags left open at the end stay where they are: the parser's repair of them moves every
    // child up once per open tag (quadratic: 10,000 unclosed <span>s take seconds) and lifts
    // the text of a last unclosed <td> out of its cell.
    parseNoneClosedTags: true,
    blockTextElements: { script: false, noscript: false, style: false, template: false },
  });
}

/**
 * The markup up to a comment never closed: the rest is comment, as a browser reads it. The
 * parser would look for "-->" to the end again at every "<!--" after it (minutes on a hostile page).
 */
function withoutUnclosedComment(html: string): string {
  for (let at = html.indexOf('<!--'); at >= 0; at = html.indexOf('<!--', at)) {
    const end = html.indexOf('-->', at + 4);
    if (end < 0) return html.slice(0, at);
    at = end + 3;
  }
  return html;
}

function renderText(root: HTMLElement): string {
  const out = new TextSink();
  renderChildren(root, out);
  const body = out.finish();
  const titleElement = firstElement(root, 'title');
  const title = titleElement ? cellText(titleElement) : '';
  if (title !== '' && !body.includes(title)) return `${title}\n\n${body}`;
  return body;
}

/** `<meta>` names under which sites state a page's publication date. */
const DATE_META = /^(?:pubdate|publishdate|publish_date|publishtime|publish_time|firstpublishedtime|releasedate|article:published_time|dc\.date(?:\.issued)?)$/i;
/** Elements a site prints the publication date in: <publishtime>, class="article_time", id="pubdate" … */
const DATE_CLASS = /(?:^|[\s_-])(?:pub|publish|release|article|info|news|post|fb)?[_-]?(?:time|date|sj)(?:$|[\s_-])/i;
const SECTION_START = /^\s*[一二三四五六七]\s*[、.．]/;
/** A label before the date in such an element: 时间：, 发布时间：, 日期： … */
const DATE_LABEL_PREFIX = /^(?:发布时间|发布日期|公开日期|更新时间|更新日期|时间|日期)?\s*[:：]?\s*/;

/**
 * The publication date a page states in its markup: a `<meta name="PubDate">`, a `<publishtime>`,
 * or a short element whose class or id names a time or date and whose text is only a date
 * (with its label: "时间：2025-03-10 15:35"), before the report's first section heading: dates of
 * the report's own text are never read here.
 */
function markupDate(root: HTMLElement): string | null {
  const stack: Node[] = [];
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    // The report's first section heading: what follows is the report's own text.
    if (node.nodeType === NodeType.TEXT_NODE && SECTION_START.test((node as TextNode).text)) return null;
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    const date =
      tag === 'meta'
        ? DATE_META.test(node.getAttribute('name') ?? node.getAttribute('property') ?? '')
          ? pageDate(node.getAttribute('content') ?? '')
          : null
        : tag === 'publishtime' || DATE_CLASS.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)
          ? pageDate(cellText(node))
          : null;
    if (date) return date;
    if (tag === 'head' || !SKIPPED.has(tag)) pushChildren(stack, node.childNodes);
  }
  return null;
}

/** "时间：2025-03-10 15:35", "2025年3月10日", "2025-03-10T15:35:00+08:00" → YYYY-MM-DD; else null. */
function pageDate(text: string): string | null {
  const t = text.replace(DATE_LABEL_PREFIX, '').trim();
  if (t.length > 40) return null;
  const m = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}

/** Collects inline text into lines; blocks and tables break lines. */
class TextSink {
  private lines: string[] = [];
  private current = '';

  inline(text: string): void {
    this.current += text;
  }

  breakLine(): void {
    const line = collapse(this.current);
    if (line !== '') this.lines.push(line);
    this.current = '';
  }

  blankLine(): void {
    this.breakLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  rows(rows: string[]): void {
    this.blankLine();
    for (const row of rows) this.lines.push(row);
    this.lines.push('');
  }

  finish(): string {
    this.breakLine();
    while (this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.join('\n') + '\n';
  }
}

function isElement(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE;
}

function tagOf(node: HTMLElement): string {
  return (node.rawTagName ?? '').toLowerCase();
}

/**
 * What to do when a walk leaves an element: pages nest elements thousands deep (a table in a
 * cell of a table …), so every walk over the markup keeps its own stack instead of recursing,
 * and a leave step stands for the work after an element's children.
 */
interface Leave {
  leave: () => void;
}

/** Pushes `children` so that popping visits them in document order. */
function pushChildren(stack: (Node | Leave)[], children: readonly Node[]): void {
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}

function renderChildren(root: HTMLElement, out: TextSink): void {
  const stack: (Node | Leave)[] = [];
  const breakLine: Leave = { leave: () => out.breakLine() };
  const space: Leave = { leave: () => out.inline(' ') };
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node | Leave;
    if ('leave' in node) {
      node.leave();
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      out.inline((node as TextNode).text);
      continue;
    }
    if (!isElement(node)) continue; // comments
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      out.breakLine();
      continue;
    }
    if (tag === 'table') {
      out.rows(tableRows(node).map((row) => row.filter((c) => c !== COVERED).join('\t')));
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      // A cell outside any table (broken markup): keep its text apart from its neighbours.
      out.inline(' ');
      stack.push(space);
    } else if (BLOCKS.has(tag)) {
      out.breakLine();
      stack.push(breakLine);
    }
    pushChildren(stack, node.childNodes);
  }
}

/** The first element named `tag` in document order, or null. */
function firstElement(root: HTMLElement, tag: string): HTMLElement | null {
  const stack: Node[] = [];
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!isElement(node)) continue;
    if (tagOf(node) === tag) return node;
    pushChildren(stack, node.childNodes);
  }
  return null;
}

/** Whitespace runs (including &nbsp;, tabs and the ideographic space) → one space, trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A grid position covered by a cell spanning rows or columns: no cell of its own. */
export const COVERED = '\u0000covered';

/**
 * A table as its grid: one array per grid row, rowspan/colspan resolved. A cell spanning several
 * positions puts its text in the first (top-left) one and marks the covered ones `COVERED`, so a
 * label spanning rows is not repeated, no value is duplicated, and a covered position is never
 * mistaken for a blank cell. In the text, covered positions are left out: each line holds the
 * row's own cells. All rows have the same width; an empty `<td>` is an empty string.
 * A table whose spans would fill more than `MAX_GRID_POSITIONS` (only a hostile page asks for
 * that) is read row by row, each row its own cells, spans ignored.
 */
function tableRows(table: HTMLElement): string[][] {
  const trs = ownRows(table);
  return spannedGrid(trs) ?? trs.map((tr) => ownCells(tr).map(cellText));
}

/** Grid positions one table may fill: a report's table has a few hundred; this is thousands of them. */
const MAX_GRID_POSITIONS = 1_000_000;

function spannedGrid(trs: HTMLElement[]): string[][] | null {
  const grid: (string | undefined)[][] = trs.map(() => []);
  let filled = 0;
  for (let r = 0; r < trs.length; r++) {
    let c = 0;
    for (const cell of ownCells(trs[r])) {
      while (grid[r][c] !== undefined) c++;
      const rowSpan = span(cell.getAttribute('rowspan'), trs.length - r);
      const colSpan = span(cell.getAttribute('colspan'), 1000);
      filled += rowSpan * colSpan;
      if (filled > MAX_GRID_POSITIONS) return null;
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          const row = grid[r + dr];
          if (row[c + dc] === undefined) row[c + dc] = dr === 0 && dc === 0 ? cellText(cell) : COVERED;
        }
      }
      c += colSpan;
    }
  }
  let width = 0;
  for (const row of grid) width = Math.max(width, row.length);
  if (width * grid.length > MAX_GRID_POSITIONS) return null;
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

/** The `<td>`/`<th>` children of a row. */
function ownCells(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes.filter((cell): cell is HTMLElement => isElement(cell) && (tagOf(cell) === 'td' || tagOf(cell) === 'th'));
}

/** A rowspan/colspan attribute as a count ≥ 1; 0 ("to the end") and overlong spans are capped. */
function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return Math.max(1, max);
  return Math.max(1, Math.min(n, max));
}

/** The `<tr>`s of this table (in thead/tbody/tfoot too), not those of tables nested in its cells. */
function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const stack: Node[] = [];
  pushChildren(stack, table.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    if (tag === 'tr') rows.push(node);
    else if (tag !== 'table' && tag !== 'td' && tag !== 'th') pushChildren(stack, node.childNodes);
  }
  return rows;
}

/** A cell's text on one line: blocks inside it and all whitespace become single spaces. */
function cellText(cell: HTMLElement): string {
  const parts: string[] = [];
  const space: Leave = { leave: () => parts.push(' ') };
  const stack: (Node | Leave)[] = [];
  pushChildren(stack, cell.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node | Leave;
    if ('leave' in node) {
      node.leave();
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      parts.push((node as TextNode).text);
      continue;
    }
    if (!isElement(node) || SKIPPED.has(tagOf(node))) continue;
    const tag = tagOf(node);
    if (tag === 'br' || BLOCKS.has(tag) || tag === 'td' || tag === 'th') {
      parts.push(' ');
      stack.push(space);
    }
    pushChildren(stack, node.childNodes);
  }
  return collapse(parts.join(''));
}
