/**
 * Fields of the page a report was saved from: crawler headers ("发布时间: 2020-01-20 15:22") and
 * site metadata tables ("发布机构\t沭阳县发展和改革局\t公开日期\t2024-01-17").
 */
import { isAgencyName } from './agency.js';
import { dateOnly } from './dates.js';
import { compact } from './meta-text.js';

export interface PageFields {
  agency: string | null;
  date: string | null;
}

const AGENCY_LABEL = /^(?:发布机构|发文机关|发布单位|发文单位)$/;
const DATE_LABEL = /^(?:发布时间|发布日期|公开日期|成文日期|生成日期|印发日期)$/;

/**
 * A date labelled anywhere in a page's info line ("来源：县政府办 时间：2025-03-10 15:35 浏览次数：").
 * The label stands at the line's start or after a blank or separator, so that "统计时间：" or
 * "会议时间：" in a sentence is no label of the page.
 */
const LABELLED_DATE =
  /(?:^|[\s|｜丨/])(?:发布时间|发布日期|公开日期|成文日期|生成日期|印发日期|更新时间|更新日期|时间|日期)\s*[:：]\s*(\d{4}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|年\s*\d{1,2}\s*月\s*\d{1,2}\s*日))/;

/** Where the report itself begins: its first section heading ("一、总体情况"). */
const SECTION_HEADING = /^[一二三四五六七]\s*[、.．]/;

/** The publishing agency and date a page states in its first lines; null where it states none. */
export function readPageFields(head: string[]): PageFields {
  const fields: PageFields = { agency: null, date: null };
  for (const line of head.slice(0, 30)) {
    for (const [label, value] of labelledValues(line)) {
      if (AGENCY_LABEL.test(label) && !fields.agency && isAgencyName(compact(value))) fields.agency = compact(value);
      if (DATE_LABEL.test(label) && !fields.date) fields.date = dateOnly(value) ?? dateOnly(value.split(/\s+/)[0] ?? '');
    }
  }
  fields.date ??= infoLineDate(head);
  return fields;
}

/** A labelled date in a short line above the report's first section: the page's info line. */
function infoLineDate(head: string[]): string | null {
  for (const line of head.slice(0, 30)) {
    if (SECTION_HEADING.test(line)) return null;
    if (line.length > 120) continue;
    const m = LABELLED_DATE.exec(line);
    const date = m ? dateOnly(m[1]) : null;
    if (date) return date;
  }
  return null;
}

/** "标签: 值", or a tab row of label, value, label, value … */
function labelledValues(line: string): [label: string, value: string][] {
  const pairs: [string, string][] = [];
  if (line.includes('\t')) {
    const cells = line.split('\t').map((c) => c.trim());
    for (let i = 0; i + 1 < cells.length; i += 2) pairs.push([cells[i], cells[i + 1]]);
  } else {
    const m = /^([^\s:：]{2,6})\s*[:：]\s*(.*)$/.exec(line);
    if (m) pairs.push([m[1], m[2].trim()]);
  }
  return pairs;
}
