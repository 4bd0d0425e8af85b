/**
 * Years and dates as reports print them: 2022, 二〇二二; 2021年1月25日, 二〇二一年一月二十五日,
 * 2020-01-20 15:22. Out of range (before 2000, after 2100) is no date.
 */
import { compact } from './meta-text.js';

const CN_DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** A year of four digits or four Chinese numerals: "2022", "二〇二二" → 2022. */
export function parseYear(text: string): number | null {
  const digits = /^\d{4}$/.test(text) ? text : [...text].map((c) => CN_DIGITS[c] ?? '?').join('');
  const year = Number(digits);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

/** The year covered, from "统计期限自2019年1月1日起", "统计时限为2022年1月1日至…", "统计周期为 2024 年 1 月 1 日". */
export function yearFromPeriod(head: string[]): number | null {
  const m = /统计(?:期限|时限|周期|时间|区间|范围)[^\d]{0,6}(\d{4})年1月1日/.exec(compact(head.join('')));
  return m ? parseYear(m[1]) : null;
}

const DATE_ONLY = /^[（(]?(\d{4})年(\d{1,2})月(\d{1,2})日[）)]?$/;
const CN_DATE_ONLY = /^[（(]?([〇○零Ｏ一二三四五六七八九]{4})年([一二十]{1,2})月([一二三十四五六七八九]{1,3})日[）)]?$/;
const ISO_DATE = /^[（(]?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[）)]?$/;

/** A line that is only a date, as printed under a title or at a sign-off → YYYY-MM-DD. */
export function dateOnly(line: string): string | null {
  const s = compact(line);
  const m = DATE_ONLY.exec(s) ?? ISO_DATE.exec(line.trim());
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const c = CN_DATE_ONLY.exec(s);
  if (!c) return null;
  const year = parseYear(c[1]);
  const month = parseSmallCnNumber(c[2]);
  const day = parseSmallCnNumber(c[3]);
  return year && month && day ? isoDate(year, month, day) : null;
}

/** 2021, 1, 7 → "2021-01-07"; null for a date out of range. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date line right under the title (an agency line may sit between them). */
export function dateBelowTitle(head: string[], lastLine: number): string | null {
  if (lastLine < 0) return null;
  for (let i = lastLine + 1; i < head.length && i <= lastLine + 3; i++) {
    const date = dateOnly(head[i]);
    if (date) return date;
    if (compact(head[i]).length > 40) return null;
  }
  return null;
}

/** 一 … 三十一 → 1 … 31. */
function parseSmallCnNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const m = /^([一二三])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]] : 1) : 0;
  if (!m[2] && m[1]) return m[3] ? null : CN_DIGITS[m[1]];
  return tens * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}
