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

/** The publishing agency and date a page states in its first lines; null where it states none. */
export function readPageFields(head: string[]): PageFields {
  const fields: PageFields = { agency: null, date: null };
  for (const line of head.slice(0, 30)) {
    for (const [label, value] of labelledValues(line)) {
      if (AGENCY_LABEL.test(label) && !fields.agency && isAgencyName(compact(value))) fields.agency = compact(value);
      if (DATE_LABEL.test(label) && !fields.date) fields.date = dateOnly(value) ?? dateOnly(value.split(/\s+/)[0] ?? '');
    }
  }
  return fields;
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
