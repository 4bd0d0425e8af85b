/**
 * Bytes → text for the loaders: which encoding a file is in (a BOM, UTF-16 without one, UTF-8,
 * UTF-8 with a few damaged bytes, else GB18030 or the page's declared charset), which bytes had
 * to be replaced, and whether what came out is text at all.
 */
import iconv from 'iconv-lite';
import type { Finding, Result } from '../report.js';

/** The file's text, and the bytes that could not be decoded and were replaced by "\uFFFD". */
export interface Decoded {
  text: string;
  replaced: ReplacedBytes | null;
}

export interface ReplacedBytes {
  count: number;
  /** 1-based lines of the file holding them. */
  lines: number[];
  /** The distinct byte values, when known (UTF-8); empty when only their count is. */
  values: number[];
}

/** Share of control characters (NUL etc.) or undecodable bytes above which a file is not text. */
const MAX_JUNK_SHARE = 0.02;

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8, and so is text
 * that is UTF-8 but for a few damaged bytes (replaced, and named); else `fallback` (GB18030, a
 * superset of GBK and GB2312, the usual encoding of Chinese government text files).
 */
export function decodeBytes(bytes: Buffer, fallback = 'gb18030'): Decoded {
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
export function replacedFinding(r: ReplacedBytes): Finding {
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

/** The decoded text, or why it is no text (see `junkReason`). */
export function checkedText(decoded: Decoded): Result<Decoded, string> {
  const junk = junkReason(decoded.text);
  return junk === null ? { ok: true, value: decoded } : { ok: false, error: junk };
}
