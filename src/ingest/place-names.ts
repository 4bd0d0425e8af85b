/**
 * How Chinese place names carry their level: 呼兰区, 黄南藏族自治州, 广西壮族自治区. Knows the
 * level suffixes and the ethnic group names of autonomous places; knows no particular place.
 */

export type Level = 'province' | 'city' | 'county';

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

/**
 * A place name without its level: 呼兰区 → 呼兰, 黄南藏族自治州 → 黄南, 广西壮族自治区 → 广西.
 * Null when that would leave fewer than two characters (和县, 矿区).
 */
export function stripLevel(name: string): string | null {
  for (const [suffix, minCore] of LEVEL_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const core = suffix.startsWith('自治') ? stripEthnicGroups(name.slice(0, -suffix.length)) : name.slice(0, -suffix.length);
    if (core.length >= minCore) return core;
  }
  return null;
}

/** The level suffix a place name ends with, as `stripLevel` strips it: 清新区 → 区, 浦东新区 → 新区. */
export function levelSuffix(name: string): string | null {
  const core = stripLevel(name);
  return core === null ? null : name.slice(core.length).replace(/^.*?(?=自治)/, '');
}

/** Which levels a printed suffix allows: "同仁县" may be the county-level 同仁市, never a province. */
export function levelsForSuffix(suffix: string): Level[] {
  if (suffix === '省' || suffix === '自治区' || suffix === '特别行政区') return ['province'];
  if (suffix === '市') return ['province', 'city', 'county'];
  if (suffix === '州' || suffix === '自治州' || suffix === '地区' || suffix === '盟') return ['city'];
  return ['county'];
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
