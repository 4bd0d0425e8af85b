/**
 * The agency a report is from: its name split into place and department, the department's
 * abbreviation expanded (上海市科委 → 上海市科学技术委员会), and the short names people use for it.
 */
import { abbreviationsOf, departmentStem, fullDepartmentName, trailingDepartment } from './departments.js';
import { EMPTY_REGION, ownsCore } from './divisions.js';
import { stripLevel } from './place-names.js';
import { type PlaceMatch, ZONE, placeInName } from './region.js';
import type { Region } from './report.js';

/** An agency as the report names it: full name, the short names people use, its region. */
export interface Agency {
  name: string;
  aliases: string[];
  region: Region;
}

const AGENCY_END = /[局委厅办室府院会部处署所站心区县市州盟旗镇乡道社馆队团校省司行关组台）)]$/;

/** Looks like the name of a body: Chinese characters only, ending like one (局, 委员会, 政府, 区 …). */
export function isAgencyName(name: string): boolean {
  return name.length >= 2 && name.length <= 40 && /^[\u4e00-\u9fa5（）()·]+$/.test(name) && AGENCY_END.test(name);
}

/**
 * Splits an agency name as printed into its place (looked up in the division data) and its
 * department, expands a department abbreviation, derives aliases and the region. `context` is
 * the text whose place names settle an ambiguous place.
 *
 * @example
 * readAgency('上海市科委', '')
 * // → { name: '上海市科学技术委员会', aliases: ['上海市', '上海', …, '上海科委'],
 * //     region: { province: '上海市', city: '上海市', county: null } }
 */
export function readAgency(printed: string, context: string): Agency {
  const found = placeInName(printed, context);
  const fullName = found?.name ?? printed;
  const split = found ? placeWithZone(fullName, found) : unknownPlace(fullName);
  const printedDept = fullName.slice(split.end);
  const dept = fullDepartmentName(printedDept);
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
  const deptNames = base ? unique([base, ...abbreviationsOf(base), printedDept, dept]) : [];
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

const LEVEL_ENDED_PLACE = /^(.{2,12}?(?:省|市|区|县|旗|州|盟))(?:.{2,})$/;

/** A place the division data lacks: the part before a known department, or up to a level suffix. */
function unknownPlace(name: string): PlaceSplit {
  const dept = trailingDepartment(name);
  const place = dept ? name.slice(0, -dept.length) : (LEVEL_ENDED_PLACE.exec(name)?.[1] ?? null);
  if (place === null) return { end: 0, names: [] };
  const core = stripLevel(place);
  return { end: place.length, names: core && ownsCore(core, []) ? [place, core] : [place] };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
