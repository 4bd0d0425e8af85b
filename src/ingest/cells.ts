import type { CellValue } from './report.js';

/** A cell as read: its value, the unit it printed (if any), and its original text. */
export interface ReadCell {
  value: CellValue;
  unit?: string;
  raw: string;
}

const NOT_APPLICABLE = /^(?:[\/／—–\-－─━_]+|不涉及|不适用|无此项|——)$/;
const NUMBER = /^([+\-－]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(亿元|万元|元|件|项|个|条|次)?$/;

const memo = new Map<string, ReadCell>();

/** Reads one cell's text. Blank stays blank, "/" is not-applicable, words stay words. */
export function readCell(raw: string): ReadCell {
  // Tables repeat the same few cell texts ("0", "") thousands of times: read each once.
  const known = memo.get(raw);
  if (known) return known;
  const cell = Object.freeze(readCellText(raw));
  if (memo.size > 50_000) memo.clear();
  memo.set(raw, cell);
  return cell;
}

function readCellText(raw: string): ReadCell {
  const t = raw.trim();
  if (t === '') return { value: { kind: 'blank' }, raw };
  if (NOT_APPLICABLE.test(t)) return { value: { kind: 'not_applicable' }, raw };
  const compact = t.replace(/(?<=\d)\s+(?=[\d.万元亿件项个条次])/g, '');
  const m = NUMBER.exec(compact);
  if (m) {
    const sign = m[1] === '' || m[1] === '+' ? 1 : -1;
    const value = sign * Number(`${m[2].replace(/,/g, '')}${m[3] !== undefined ? `.${m[3]}` : ''}`);
    return { value: { kind: 'number', value: value === 0 ? 0 : value }, unit: m[4], raw };
  }
  return { value: { kind: 'text', text: t.replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '') }, raw };
}

/** Converts an amount to 万元 given the unit its cell or header printed. */
export function toWanYuan(value: number, unit: string | undefined): number {
  if (unit === '元') return round(value / 10_000);
  if (unit === '亿元') return round(value * 10_000);
  return value;
}

function round(v: number): number {
  return Math.round(v * 1e8) / 1e8;
}

/** A cell of digits run together or spread over spaces ("230 000023"), as crawlers flatten tables. */
export function isDigitRun(raw: string): boolean {
  return /^[\d\s.]+$/.test(raw.trim()) && /\d/.test(raw);
}

/** How to cut a digit run: which cells may hold a decimal, and how many cuts to list at most. */
export interface SplitOptions {
  /** Cells that may hold a decimal (amounts); counts never do. Default: none. */
  decimals?: readonly boolean[];
  limit?: number;
}

/**
 * Every way to cut a digit string into `n` numbers, or null when there are too many ways to
 * list. A figure never starts with 0 unless it is 0 ("00" is two cells), and only an amount
 * cell may hold a decimal ("0.5").
 *
 * @example splitDigitRun('0000000', 7) // [[0, 0, 0, 0, 0, 0, 0]]
 */
export function splitDigitRun(digits: string, n: number, options: SplitOptions = {}): number[][] | null {
  const { decimals = [], limit = 200_000 } = options;
  const s = digits.replace(/\s+/g, '');
  const out: number[][] = [];
  let count = 0;
  const parts: string[] = [];
  const valid = (p: string, cell: number) => isWholeFigure(p) || (decimals[cell] === true && /^(?:0|[1-9]\d*)\.\d+$/.test(p));
  const walk = (at: number, left: number): boolean => {
    const cell = n - left;
    if (left === 1) {
      const p = s.slice(at);
      if (valid(p, cell)) {
        if (++count > limit) return false;
        out.push([...parts, p].map(Number));
      }
      return true;
    }
    // A piece starting with 0 is "0" itself or a decimal "0.x"; longer ones never fit.
    const longest = s[at] === '0' ? (decimals[cell] === true && s[at + 1] === '.' ? s.length : at + 1) : s.length;
    // Leave at least one character for each remaining part.
    for (let end = at + 1; end <= Math.min(longest, s.length - (left - 1)); end++) {
      const p = s.slice(at, end);
      if (!valid(p, cell)) continue;
      parts.push(p);
      const ok = walk(end, left - 1);
      parts.pop();
      if (!ok) return false;
    }
    return true;
  };
  if (s.length < n) return [];
  return walk(0, n) ? out : null;
}

/** A whole figure as a count prints it: 0, or digits not starting with 0. */
export function isWholeFigure(p: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(p);
}
