import type { Comparison } from '../facts/queries.js';
import { readCount } from './normalize.js';

export type { Comparison };

/** What the question wants done with the figure. */
export type Operation =
  | { kind: 'lookup' }
  | { kind: 'rank'; order: 'desc' | 'asc'; top: number | null }
  | { kind: 'compare' }
  | { kind: 'trend' }
  | { kind: 'aggregate'; fn: 'sum' | 'avg' | 'count' }
  | { kind: 'filter'; cmp: Comparison; value: number; count: boolean }
  /** 同比: each year against the same agency's previous year. */
  | { kind: 'yoy' }
  /** Where one agency stands among bodies of its kind and level (排第几, 百分位). */
  | { kind: 'standing' };


const N = '([0-9]+(?:\\.[0-9]+)?|[一二两三四五六七八九十]{1,3})';
const TOP = new RegExp(`(?:前|top|TOP|Top)\\s*${N}(?!\\s*年)`);
const BOTTOM = new RegExp(`(?:后|倒数)\\s*第?${N}(?!\\s*年)`);
const ASC = /最少|最低|最小|倒数|从低到高|从少到多|由低到高|由少到多|升序/;
const RANK = /最多|最高|最大|最少|最低|最小|排名|排行|排序|排列|名次|第一|前[0-9一二两三四五六七八九十]|从高到低|从多到少|由高到低|由多到少|降序|升序|从低到高|从少到多|倒数/;
const COMPARE = /对比|比较|相比|比起|相较|差距|差多少|多多少|少多少|高多少|哪个多|谁多|谁高|谁少|\bvs\b|VS|和.{1,12}比/;
const TREND = /变化|趋势|逐年|历年|每年|各年|走势|增长|下降|增幅|降幅|这几年|多年来/;
const YOY = /同比|比上年|较上年|与上年相比|和上年相比|比上一年|较上一年|与上一年相比|上年同期/;
const STANDING = /排第几|排在第几|排名第几|第几名|第几位|排名如何|排名怎样|处于什么(位置|水平)|什么位置|百分位|位次|在同类|同类(单位|机关|部门)中|在.{1,10}(中|里|当中|之中)(排|处于|位列|位居|的(位置|排名|水平))/;
const SUM = /合计|总共|一共|总和|总计是|加起来|加总|汇总|共有多少|累计多少/;
const AVG = /平均|均值|人均|平均值/;
const COUNT = /几个|几家|多少个|多少家|几份|多少份|数量有几/;

const THRESHOLD: Array<[RegExp, Comparison]> = [
  [new RegExp(`(?:不少于|不低于|至少|大于等于|大于或等于|≥|>=)\\s*${N}`), '>='],
  [new RegExp(`(?:不多于|不高于|不超过|至多|小于等于|小于或等于|≤|<=)\\s*${N}`), '<='],
  [new RegExp(`(?:大于|超过|多于|高于|>)\\s*${N}`), '>'],
  [new RegExp(`(?:小于|少于|低于|不足|<)\\s*${N}`), '<'],
  [new RegExp(`${N}\\s*(?:万元|元|件|项|条|个)?\\s*(?:以上|及以上)`), '>='],
  [new RegExp(`${N}\\s*(?:万元|元|件|项|条|个)?\\s*(?:以下|及以下)`), '<='],
  [new RegExp(`(?:等于|为|是)\\s*${N}\\s*(?:万元|元|件|项|条|个)?\\s*的`), '='],
];
const ZERO = /为零|为0(?!\.)|是零|是0(?!\.)|等于零|等于0|零申请|没有收到|未收到|没收到|没有|没|无(?!法)/;
const NONZERO = /不为零|不为0|非零|大于零|不是0|不是零/;
/** 哪些局有…, 有哪些单位…: a filter on "has it at all". */
const WHICH_HAVE = /(?:哪些|哪几个|哪几家|有哪些|哪个|几个|多少个|几家|多少家)(?:局|单位|部门|机关|报告|年报|地方|市|区|县)?.{0,16}有|有哪些(?:局|单位|部门|机关|报告)/;

/**
 * Reads the operation. `several` says whether the question is about more than one report, since
 * "没有收到申请" asks yes-or-no of one agency but "哪些局没有收到申请" filters many.
 */
export function readOperation(text: string, opts: { several: boolean; agencyCount: number; yearCount: number }): Operation {
  if (STANDING.test(text)) return { kind: 'standing' };
  if (YOY.test(text)) return { kind: 'yoy' };
  const top = TOP.exec(text);
  const bottom = BOTTOM.exec(text);
  if (RANK.test(text) || top || bottom) {
    const order = ASC.test(text) || bottom ? 'asc' : 'desc';
    const n = top ? readCount(top[1]) : bottom ? readCount(bottom[1]) : null;
    return { kind: 'rank', order, top: n };
  }
  if (COMPARE.test(text) || (opts.agencyCount >= 2 && opts.yearCount <= 1)) return { kind: 'compare' };
  if (opts.several) {
    const filter = readFilter(text);
    if (filter) return filter;
  }
  if (AVG.test(text)) return { kind: 'aggregate', fn: 'avg' };
  if (SUM.test(text) && opts.several) return { kind: 'aggregate', fn: 'sum' };
  if (COUNT.test(text) && opts.several) return { kind: 'aggregate', fn: 'count' };
  if (TREND.test(text) || (opts.agencyCount === 1 && opts.yearCount >= 2)) return { kind: 'trend' };
  return { kind: 'lookup' };
}

function readFilter(text: string): Operation | null {
  const count = COUNT.test(text);
  for (const [re, cmp] of THRESHOLD) {
    const m = re.exec(text);
    const value = m ? readCount(m[1]) : null;
    if (value !== null) return { kind: 'filter', cmp, value, count };
  }
  if (NONZERO.test(text)) return { kind: 'filter', cmp: '>', value: 0, count };
  if (ZERO.test(text)) return { kind: 'filter', cmp: '=', value: 0, count };
  if (WHICH_HAVE.test(text)) return { kind: 'filter', cmp: '>', value: 0, count };
  return null;
}
