import { ensureJieba, jieba } from './dictionary.js';
import { STOP_WORDS } from './stopwords.js';

/**
 * How words are cut. `search` (the default, used on both sides) is jieba's cutForSearch: a long
 * word also yields the dictionary words inside it (同仁市教育局 → 同仁 教育 教育局 同仁市教育局), so a
 * question that says 教育局 finds a passage that says 同仁市教育局, and one that says 同仁市教育局 finds
 * it too. `exact` is jieba's plain cut, kept for comparison (see test/bench/search-bench.ts).
 */
export type SegmentMode = 'search' | 'exact';

/**
 * The tokens of one text, in order, repeats kept (term frequency counts them), for the index and
 * for questions alike. Numbers, decimals, dates, phone numbers, e-mail and web addresses are
 * kept whole before jieba sees the text (jieba alone cuts "2896.642" into seven characters);
 * a decimal with trailing zeros also yields its plain form ("96171.60" → 96171.60, 96171.6);
 * stop words and punctuation are dropped; Latin letters are lower-cased.
 *
 * @example
 * segment('采购总金额 2896.642 万元，联系电话0451-57335436')
 * // → ['采购', '金额', '总金额', '采购总金额', '2896.642', '万元', '联系', '电话', '联系电话', '0451-57335436']
 */
export function segment(text: string, mode: SegmentMode = 'search'): string[] {
  const out: string[] = [];
  const atoms: string[][] = [];
  let marked = '';
  for (const piece of pieces(text)) {
    if (typeof piece === 'string') marked += piece;
    else {
      marked += ATOM_MARK;
      atoms.push(piece);
    }
  }
  if (countOf(marked, ATOM_MARK_CHAR) !== atoms.length) return segmentPiecewise(text, mode);
  if (!MEANINGFUL.test(marked)) return atoms.flat();
  let next = 0;
  for (const word of cutWords(marked, mode)) {
    if (word === ATOM_MARK_CHAR) out.push(...atoms[next++]);
    else {
      const k = kept(word);
      if (k !== null) out.push(k);
    }
  }
  return out;
}

/**
 * Where an atom was, in the text jieba cuts: a character of no script between spaces. jieba cuts
 * the runs between its separators (space, tab, line end, ，。) one by one, so the text around the
 * mark is cut exactly as if each run were cut alone, and the whole text costs one call into jieba
 * instead of one per run between two numbers.
 */
const ATOM_MARK_CHAR = '';
const ATOM_MARK = ` ${ATOM_MARK_CHAR} `;

/** `segment` for a text that holds the mark itself: each run cut by a call of its own. */
function segmentPiecewise(text: string, mode: SegmentMode): string[] {
  const out: string[] = [];
  for (const piece of pieces(text)) {
    if (typeof piece !== 'string') out.push(...piece);
    else {
      for (const word of cutWords(piece, mode)) {
        const k = kept(word);
        if (k !== null) out.push(k);
      }
    }
  }
  return out;
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/**
 * The known words of a question, found without jieba: every word of `known` (the index's
 * vocabulary) that occurs in it, plus its numbers, addresses and dates as `segment` keeps them.
 * A single character counts only where no longer word covers it (市 of 同仁市 does not).
 * Everything `segment` would find that the index knows is found, so the two sides always meet;
 * and answering a question never waits for jieba's dictionary (1–3 s to load).
 *
 * @example
 * matchKnownWords('鹤岗教育公众号发了多少条信息', (w) => vocabulary.has(w))
 * // → ['鹤岗', '鹤岗教育', '教育', '公众', '公众号', '发', '条', '信息'] (those the vocabulary holds)
 */
export function matchKnownWords(text: string, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (const piece of pieces(text)) {
    if (typeof piece === 'string') matchRun(piece, known, out);
    else out.push(...piece.filter(known));
  }
  return out;
}

/** Longest word `matchKnownWords` looks for. */
const MAX_WORD = 16;

function matchRun(text: string, known: (word: string) => boolean, out: string[]): void {
  const covered = new Uint8Array(text.length);
  const singles: Array<[number, string]> = [];
  for (let start = 0; start < text.length; start++) {
    for (let len = Math.min(MAX_WORD, text.length - start); len >= 1; len--) {
      const word = text.slice(start, start + len);
      if (len > 1 && STOP_WORDS.has(word)) covered.fill(1, start, start + len);
      if (!MEANINGFUL.test(word) || STOP_WORDS.has(word) || !known(word)) continue;
      if (len === 1) singles.push([start, word]);
      else {
        out.push(word);
        covered.fill(1, start, start + len);
      }
    }
  }
  for (const [at, word] of singles) if (covered[at] === 0) out.push(word);
}

/** Text cut into runs for jieba (strings) and atoms already tokenized (arrays). */
function* pieces(text: string): Generator<string | string[]> {
  const normalized = normalizeForSearch(text);
  let last = 0;
  for (const m of normalized.matchAll(ATOM)) {
    if (m.index > last) yield normalized.slice(last, m.index);
    yield atomTokens(m);
    last = m.index + m[0].length;
  }
  if (last < normalized.length) yield normalized.slice(last);
}

/**
 * The form both sides are compared in: full-width letters, digits and signs become ASCII
 * (NFKC), Latin is lower-cased.
 */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const TLD = '(?:cn|com|net|org|gov|edu|info|top|xyz)';
const ATOM = new RegExp(
  [
    // http://www.hulan.gov.cn/ , https://x.y/path?q=1
    String.raw`(?<url>https?:\/\/[a-z0-9\-._~%]+(?::\d+)?(?:\/[a-z0-9\-._~%\/?#=&+]*)?)`,
    String.raw`(?<email>[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,})`,
    // mdjjyj.gov.cn , www.hulan.gov.cn/zwgk
    String.raw`(?<domain>(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+${TLD}(?![a-z0-9])(?:\/[a-z0-9\-._~%\/?#=&+]*)?)`,
    // 0451-57335436 , (0451)57335436 , 400-123-4567 , 13912345678
    String.raw`(?<phone>(?<!\d)(?:\(0\d{2,3}\)\s?\d{7,8}|0\d{2,3}-\d{7,8}(?:-\d{1,5})?|400-?\d{3}-?\d{4}|1[3-9]\d{9})(?!\d))`,
    // 2022年1月19日 , 2021 年 1 月 25 日 , 2023年12月
    String.raw`(?<cndate>(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)`,
    // 2022-01-19 , 2022/1/19 , 2022.01.19
    String.raw`(?<isodate>(?<!\d)\d{4}[-\/.]\d{1,2}[-\/.]\d{1,2}(?![\d.]))`,
    // 2896.642 , 1,234 , 100
    String.raw`(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)`,
    String.raw`(?<latin>[a-z]+)`,
  ].join('|'),
  'g',
);

const GENERIC_HOST_LABELS = new Set(['www', 'gov', 'com', 'net', 'org', 'edu', 'cn', 'http', 'https']);

function atomTokens(m: RegExpMatchArray): string[] {
  const g = m.groups!;
  if (g.url !== undefined || g.domain !== undefined) return hostTokens(g.url ?? g.domain!);
  if (g.email !== undefined) return [g.email];
  if (g.phone !== undefined) return [g.phone.replace(/^\((0\d{2,3})\)\s?/, '$1-')];
  if (g.cndate !== undefined) {
    const [y, mo, d] = g.cndate.match(/\d+/g)!;
    return [d === undefined ? `${y}年${Number(mo)}月` : `${y}年${Number(mo)}月${Number(d)}日`, y];
  }
  if (g.isodate !== undefined) {
    const [y, mo, d] = g.isodate.split(/[-/.]/);
    return [`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`, y];
  }
  if (g.number !== undefined) return numberTokens(g.number.replace(/,/g, ''));
  const word = g.latin!;
  return word.length >= 2 && !STOP_WORDS.has(word) ? [word] : [];
}

/**
 * A number as printed, and as a person types it when that differs: a cell printed "2896.6420"
 * (保留四位小数) is found by 2896.642 as well, on both sides.
 */
function numberTokens(printed: string): string[] {
  if (!printed.includes('.')) return [printed];
  const plain = printed.replace(/0+$/, '').replace(/\.$/, '');
  return plain === printed ? [printed] : [printed, plain];
}

/** A web address is searched by its host without "www." and by the host's own name: mdjjyj. */
function hostTokens(address: string): string[] {
  const host = address.replace(/^https?:\/\//, '').split(/[/:?#]/)[0].replace(/\.+$/, '');
  const bare = host.replace(/^www\./, '');
  const tokens = [bare];
  const name = bare.split('.')[0];
  if (name !== bare && name.length >= 2 && !GENERIC_HOST_LABELS.has(name)) tokens.push(name);
  return tokens;
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

function cutWords(text: string, mode: SegmentMode): string[] {
  if (!MEANINGFUL.test(text)) return [];
  ensureJieba();
  return mode === 'search' ? jieba().cutForSearch(text) : jieba().cut(text);
}

/** A word jieba gave as indexed, or null when it does not count: blank, punctuation, a stop word. */
function kept(w: string): string | null {
  // Most words are Han from end to end: nothing to trim, and letters for sure.
  if (isHan(w.charCodeAt(0)) && isHan(w.charCodeAt(w.length - 1))) return STOP_WORDS.has(w) ? null : w;
  const word = w.trim();
  return word !== '' && MEANINGFUL.test(word) && !STOP_WORDS.has(word) ? word : null;
}

const isHan = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
