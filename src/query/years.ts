import { readCount } from './normalize.js';

/** The years a question asks about, and where it named them. */
export interface YearReading {
  /** Null when the question names no year (all years). */
  years: number[] | null;
  /** How the question said it when relative ("去年", "近三年"), for the answer to restate. */
  phrase: string | null;
  spans: Array<[number, number]>;
}

export interface YearContext {
  now: Date;
  /** Years the corpus covers, ascending; relative spans ("近三年") end at the latest of them. */
  corpusYears: readonly number[];
}

const NUM = '[0-9一二两三四五六七八九十]{1,3}';
const RANGE = /((?:19|20)\d{2})\s*年?度?\s*(?:到|至|~|～|-|—|–)\s*((?:19|20)\d{2})\s*年?度?/g;
const SINCE = /((?:19|20)\d{2})\s*年?度?\s*(以来|以后|之后|起)/g;
const BEFORE = /((?:19|20)\d{2})\s*年?度?\s*(以前|之前)/g;
const SINGLE = /(?<![\d.])((?:19|20)\d{2})(?![\d.])(\s*年度?)?/g;
const RECENT = new RegExp(`(?:近|最近|过去|前)(${NUM}|几)\\s*(?:年|个年度)`, 'g');
const RELATIVE: Array<[RegExp, number]> = [
  [/今年/g, 0],
  [/去年/g, -1],
  [/前年/g, -2],
];
/** Words before a number that make it a threshold or an amount, not a year. */
const NOT_YEAR_BEFORE = /(大于|小于|超过|多于|少于|高于|低于|不足|等于|达到|至少|为|是)\s*$/;
const NOT_YEAR_AFTER = /^\s*(万|元|件|项|条|个|份|家|%|多)/;

/** Reads the years of a question: 2020 / 2020年 / 2020到2022年 / 近三年 / 去年 / 2020年以来. */
export function readYears(text: string, ctx: YearContext): YearReading {
  const spans: Array<[number, number]> = [];
  const years = new Set<number>();
  let phrase: string | null = null;
  const taken = (i: number) => spans.some(([a, b]) => i >= a && i < b);
  const thisYear = ctx.now.getFullYear();
  const latest = ctx.corpusYears.length ? Math.min(ctx.corpusYears[ctx.corpusYears.length - 1], thisYear) : thisYear;
  const earliest = ctx.corpusYears.length ? ctx.corpusYears[0] : latest;

  const addRange = (a: number, b: number) => {
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) years.add(y);
  };
  for (const m of text.matchAll(RANGE)) {
    addRange(Number(m[1]), Number(m[2]));
    spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(SINCE)) {
    if (taken(m.index)) continue;
    addRange(Number(m[1]), Math.max(latest, Number(m[1])));
    spans.push([m.index, m.index + m[0].length]);
    phrase = m[0];
  }
  for (const m of text.matchAll(BEFORE)) {
    if (taken(m.index)) continue;
    const end = Number(m[1]) - 1;
    if (end >= earliest) addRange(earliest, end);
    else years.add(end); // an empty span still names a year, so the answer says there is none
    spans.push([m.index, m.index + m[0].length]);
    phrase = m[0];
  }
  for (const m of text.matchAll(SINGLE)) {
    if (taken(m.index)) continue;
    const hasNian = Boolean(m[2]);
    if (!hasNian) {
      if (NOT_YEAR_BEFORE.test(text.slice(0, m.index))) continue;
      if (NOT_YEAR_AFTER.test(text.slice(m.index + m[1].length))) continue;
    }
    years.add(Number(m[1]));
    spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(RECENT)) {
    const n = m[1] === '几' ? 3 : readCount(m[1]);
    if (!n || n > 50) continue;
    addRange(latest - n + 1, latest);
    spans.push([m.index, m.index + m[0].length]);
    phrase = m[0];
  }
  for (const [re, delta] of RELATIVE) {
    for (const m of text.matchAll(re)) {
      years.add(thisYear + delta);
      spans.push([m.index, m.index + m[0].length]);
      phrase = m[0];
    }
  }
  return { years: years.size ? [...years].sort((a, b) => a - b) : null, phrase, spans };
}
