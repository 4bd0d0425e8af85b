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

/**
 * Every way to cut a digit string into `n` numbers (no leading zeros, at most one decimal point
 * each), or null when there are too many ways to list.
 */
export function splitDigitRun(digits: string, n: number, limit = 200_000): number[][] | null {
  const s = digits.replace(/\s+/g, '');
  const out: number[][] = [];
  let count = 0;
  const parts: string[] = [];
  const valid = (p: string) => /^(?:0|[1-9]\d*)(?:\.\d+)?$/.test(p);
  const walk = (at: number, left: number): boolean => {
    if (left === 1) {
      const p = s.slice(at);
      if (valid(p)) {
        if (++count > limit) return false;
        out.push([...parts, p].map(Number));
      }
      return true;
    }
    // Leave at least one character for each remaining part.
    for (let end = at + 1; end <= s.length - (left - 1); end++) {
      const p = s.slice(at, end);
      if (!valid(p)) {
        if (p.startsWith('0') && p !== '0' && !p.startsWith('0.')) break;
        continue;
      }
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
