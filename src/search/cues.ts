import { ROW_LABEL_PATTERNS } from '../facts/metrics.js';
import { normalizeForSearch } from './segment.js';

/**
 * What a question says beyond its words: the years it names and the section of the report its
 * answer lives in. Both boost passages; neither filters (a question about 2022 still finds a 2021
 * passage when no 2022 report says it).
 */

/** 4-digit years from 1990 to 2049, not inside a longer number: "2022年" "2020 年度". */
export function yearsIn(question: string): number[] {
  const years = new Set<number>();
  for (const m of question.matchAll(/(?<!\d)(199\d|20[0-4]\d)(?!\d)/g)) years.add(Number(m[1]));
  return [...years];
}

/** The template's sections and the words by which a question asks for each. */
const SECTION_CUES: ReadonlyArray<{ no: number; cue: RegExp }> = [
  { no: 5, cue: /问题|不足|短板|薄弱|困难|改进|整改|措施|下一步|打算|努力方向/ },
  { no: 6, cue: /其他需要报告|其他.{0,4}事项/ },
  { no: 4, cue: /复议|诉讼/ },
  { no: 3, cue: /依申请|收到.{0,6}申请|申请.{0,4}(?:办理|答复|处理)/ },
  { no: 1, cue: /总体情况|总体上|概况/ },
];

/** The sections a question points to, e.g. 存在哪些问题 → [5]. */
export function sectionsIn(question: string): number[] {
  return SECTION_CUES.filter((s) => s.cue.test(question)).map((s) => s.no);
}

/**
 * The figures a question holds, years and dates aside: "2896.642", "447228", "7项" → 7. A
 * question with one is looking for a table's cell as much as for a sentence.
 */
export function figuresIn(question: string): string[] {
  const text = normalizeForSearch(question)
    .replace(/(?<!\d)\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?/g, ' ')
    .replace(/(?<!\d)(?:199\d|20[0-4]\d)(?![\d.])/g, ' ');
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, ''));
}

/** Whether a question asks what a table row says: it holds a figure, or names a row ("政府集中采购", "行政复议"). */
export function asksForRows(question: string): boolean {
  if (figuresIn(question).length > 0) return true;
  const text = normalizeForSearch(question).replace(/\s+/g, '');
  return ROW_LABEL_PATTERNS.some((re) => re.test(text));
}
