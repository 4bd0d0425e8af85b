/**
 * The sign-off (落款) at the end of a report: the agency's name over the date, or run into the
 * last paragraph ("…特此报告。焦作市教育局 2020年1月7日").
 */
import { isAgencyName } from './agency.js';
import { dateOnly, isoDate } from './dates.js';
import { compact } from './meta-text.js';

/** The agency of the sign-off: a name line followed by a date line, or run into text. */
export function signOffAgency(tail: string[]): string | null {
  for (let i = tail.length - 2; i >= 0; i--) {
    const name = compact(tail[i]);
    if (name.length <= 30 && isAgencyName(name) && dateOnly(tail[i + 1])) return name;
  }
  return inlineSignOff(tail)?.agency ?? null;
}

/** The date of the sign-off: a date line at the end, or "单位名称 2020年1月7日" run into text. */
export function signOffDate(tail: string[]): string | null {
  for (let i = tail.length - 1; i >= 0 && i >= tail.length - 8; i--) {
    const date = dateOnly(tail[i]);
    if (date) return date;
  }
  return inlineSignOff(tail)?.date ?? null;
}

function inlineSignOff(tail: string[]): { agency: string; date: string } | null {
  const words = tail.join(' ').slice(-600).split(/\s+/);
  for (let j = words.length - 1; j > 0; j--) {
    const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(words[j]);
    if (!m) continue;
    const agency = words[j - 1].replace(/^.*[。；：:]/, '');
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date && isAgencyName(agency)) return { agency, date };
  }
  return null;
}
