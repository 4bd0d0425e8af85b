import type { TableNo } from '../facts/metrics.js';
import type { Section } from './report.js';

/**
 * Where the three tables stand in a report, found by their own header words rather than by the
 * section headings above them: a report whose headings cannot be placed (numbered in a way no
 * rule knows, dropped by a PDF extract) still has its tables read.
 */
export interface TablePlace {
  start: number;
  end: number;
}

const sp = (words: string) => words.split('').join('\\s*');

/** 第二十条第（一）项 opens table 1 in both templates. */
const TABLE1 = new RegExp(sp('第二十条'));
/** Table 2's header: the 勾稽 note, 申请人情况, or its first row. */
const TABLE2 = new RegExp(`${sp('勾稽')}|${sp('申请人情况')}|${sp('本年新收')}`);
/** Table 3's header: 行政复议 then 行政诉讼, with its outcome columns close by. */
const TABLE3 = new RegExp(`${sp('行政复议')}[^。]{0,80}?${sp('行政诉讼')}(?=[^。]{0,200}?${sp('结果维持')})`);

function find(re: RegExp, text: string, from: number): number {
  const i = text.slice(from).search(re);
  return i < 0 ? -1 : from + i;
}

/** Each table's place in the normalized text, or null when its header words are not there. */
export function placeTables(text: string, sections: readonly Section[]): Record<TableNo, TablePlace | null> {
  const s1 = find(TABLE1, text, 0);
  const s2 = find(TABLE2, text, Math.max(0, s1));
  const s3 = find(TABLE3, text, Math.max(0, s2, s1));
  // A table ends where the next begins, or at the next section heading after it.
  const endOf = (start: number, next: number[]): number => {
    let end = text.length;
    for (const n of next) if (n > start && n < end) end = n;
    // Each section ends where the next heading begins.
    for (const s of sections) if (s.end > start && s.end < end) end = s.end;
    return end;
  };
  const place = (start: number, next: number[]): TablePlace | null => (start < 0 ? null : { start, end: endOf(start, next) });
  return { 1: place(s1, [s2, s3]), 2: place(s2, [s3]), 3: place(s3, []) };
}
