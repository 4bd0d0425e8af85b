/**
 * The title of a report, wherever and however it is printed: one line or two or three, spaced
 * out, under a markdown heading or a crawler label, without a year, or only in the file name.
 */
import path from 'node:path';
import { isAgencyName } from './agency.js';
import { parseYear } from './dates.js';
import { compact } from './meta-text.js';

export interface Title {
  /** One line, no spaces: "鹤岗市教育局2022年度政府信息公开工作报告". */
  text: string;
  year: number;
  /** The agency printed in the title, when there is one. */
  agency: string | null;
  /** Index in `head` of the title's last line. */
  lastLine: number;
}

const NOT_NAME = '，。；：:、《》“”"！？?,.;!|';
const YEAR_RE = '((?:19|20)\\d{2}|[〇○零Ｏ一二三四五六七八九]{4})';
const TITLE_BODY =
  `^([^${NOT_NAME}]{0,40}?)${YEAR_RE}年度?([^${NOT_NAME}]{0,40}?)` +
  `(?:政府信息公开|政务公开)[^${NOT_NAME}]{0,12}?报告`;
/** A whole title: [agency] YEAR 年(度) [agency] 政府信息公开…报告 [（…）]. */
const TITLE = new RegExp(`${TITLE_BODY}(?:[（(][^）)]{1,10}[）)])?$`);
const TITLE_PREFIX = new RegExp(TITLE_BODY);
const YEARLESS_TITLE = new RegExp(`^([^${NOT_NAME}]{0,40}?)(?:政府信息公开|政务公开)[^${NOT_NAME}]{0,12}?报告$`);

/** Field labels of crawler headers and page metadata tables ("标题: …", "名称\t…"). */
const LABEL = /^(?:标题|题目|名称|文件名称|信息名称|title)\s*[:：\t]\s*/i;
const MARKDOWN = /^(?:#+|>+|\*+|-\s)\s*|\*\*/g;

/**
 * The title in the first lines: one line (possibly with a text run after it, as in crawler
 * pages), or two or three short lines together ("鹤岗市教育局" / "2022 年度政府信息公开工作报告").
 */
export function findTitle(head: string[]): Title | null {
  const lines = head.map(titleLine);
  const limit = Math.min(lines.length, 40);
  for (let i = 0; i < limit; i++) {
    const single = titleAtLineStart(lines[i], i);
    if (single) return single;
    let joined = compact(lines[i]);
    if (joined.length > 50) continue;
    for (let w = 1; w < 3 && i + w < lines.length; w++) {
      const next = compact(lines[i + w]);
      if (next.length > 50) break;
      joined += next;
      const title = titleOf(joined, i + w, TITLE);
      if (title) return title;
    }
  }
  return null;
}

/** A title without a year ("焦作市教育局政府信息公开工作年度报告"), when there is no better one. */
export function yearlessTitle(head: string[]): { text: string; agency: string | null } | null {
  for (const line of head.slice(0, 10)) {
    const m = YEARLESS_TITLE.exec(compact(titleLine(line)));
    if (m) return { text: m[0], agency: isAgencyName(m[1]) ? m[1] : null };
  }
  return null;
}

/** A title the file is named after ("/x/沭阳县发展和改革局2023年政府信息公开年度报告.txt"). */
export function titleFromFileName(file: string): Title | null {
  const base = compact(path.basename(file, path.extname(file)));
  return titleOf(base, -1, TITLE_PREFIX);
}

function titleLine(line: string): string {
  return line.replace(MARKDOWN, '').replace(LABEL, '').trim();
}

/** A title at the start of a line, its words possibly spaced out or followed by body text. */
function titleAtLineStart(line: string, index: number): Title | null {
  const words = line.split(/\s+/);
  let joined = '';
  for (let k = 0; k < words.length && k < 16; k++) {
    joined += words[k];
    if (joined.length > 90) break;
    const title = titleOf(joined, index, TITLE);
    if (title) return title;
  }
  return null;
}

function titleOf(candidate: string, lastLine: number, pattern: RegExp): Title | null {
  const m = pattern.exec(candidate);
  if (!m) return null;
  const [text, before, yearText, after] = m;
  const year = parseYear(yearText);
  if (year === null) return null;
  if (before !== '' && !isAgencyName(before)) return null;
  if (before === '' && after !== '' && !isAgencyName(after)) return null;
  return { text, year, agency: before || after || null, lastLine };
}
