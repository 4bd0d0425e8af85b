/**
 * Where an agency is: the place its name is printed with ("黑龙江省哈尔滨市呼兰区教育局",
 * "平潭综合实验区", "国家税务总局沭阳县税务局"), matched against the division data, settled by the
 * place names the report mentions when ambiguous, with OCR look-alikes corrected (沐阳 → 沭阳).
 */
import { isDepartment } from './departments.js';
import {
  EMPTY_REGION,
  type Place,
  longestPlaceName,
  placesCalled,
  placesNamed,
  placesWithCore,
} from './divisions.js';
import { levelSuffix, levelsForSuffix, stripLevel } from './place-names.js';
import type { Region } from './report.js';

/** The place an agency name is printed with, looked up in the division data. */
export interface PlaceMatch {
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

const ZONE_TYPES = '(?:综合实验区|实验区|试验区|经济技术开发区|高新技术产业开发区|开发区|高新区|新区|示范区|管理区|合作区|保税区|园区)';
/**
 * Special zones named after a place: 平潭综合实验区, 南京市江北新区, 某某经济技术开发区 … The
 * zone's own name holds no department word, so 生态环境局开发区分局 is a department, not a zone.
 */
export const ZONE = new RegExp(`^(?:(?![局委厅办部处室])[\\u4e00-\\u9fa5]){0,8}?${ZONE_TYPES}`);
/** A zone type right after a place name. */
const ZONE_TYPE = new RegExp(`^${ZONE_TYPES}`);

/**
 * The place in an agency name, with the region it gives: at the start ("黑龙江省哈尔滨市呼兰区
 * 教育局"), at the start once an OCR misprint is corrected ("沐阳县" → 沭阳县), or after an
 * organisation's prefix ("国家税务总局沭阳县税务局"). Null when the data knows no such place.
 *
 * @example
 * placeInName('鹤岗市教育局', '')?.region // → { province: '黑龙江省', city: '鹤岗市', county: null }
 */
export function placeInName(name: string, context: string): PlaceMatch | null {
  return findPlace(name, context) ?? findPlaceCorrectingOcr(name, context) ?? findPlaceAfterPrefix(name, context);
}

type Strength = 'exact' | 'suffix' | 'bare';

interface PlaceSegment {
  start: number;
  end: number;
  candidates: Place[];
  strength: Strength;
}

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

/** The longest place name at `pos`: exact, else with another level suffix, else (first only) bare. */
function placeAt(name: string, pos: number, allowBare: boolean): PlaceSegment | null {
  const maxLen = Math.min(longestPlaceName(), name.length - pos);
  for (let len = maxLen; len >= 2; len--) {
    const hit = placesNamed(name.slice(pos, pos + len));
    if (hit) return { start: pos, end: pos + len, candidates: hit, strength: 'exact' };
  }
  for (let len = maxLen; len >= 3; len--) {
    const printed = name.slice(pos, pos + len);
    const suffix = levelSuffix(printed);
    const core = suffix ? stripLevel(printed) : null;
    if (!suffix || !core) continue;
    const levels = levelsForSuffix(suffix);
    const hit = placesCalled(core).filter((p) => levels.includes(p.level));
    if (hit.length > 0) return { start: pos, end: pos + len, candidates: hit, strength: 'suffix' };
  }
  if (!allowBare) return null;
  for (let len = Math.min(8, name.length - pos - 2); len >= 2; len--) {
    const hit = placesWithCore(name.slice(pos, pos + len));
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
  return named && isDepartment(rest);
}

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
