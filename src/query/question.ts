import type { AgencyDirectory, AgencyMention } from './agencies.js';
import { maskIndicators, readIndicators, type IndicatorMention } from './indicators.js';
import { readMetrics, type MetricMention } from './metrics.js';
import { normalizeQuestion } from './normalize.js';
import { readOperation, type Operation } from './operation.js';
import { readYears, type YearReading } from './years.js';

/** What the question is for, before any data is read. */
export type Intent =
  | { kind: 'overview' }
  | { kind: 'checks' }
  | { kind: 'card' }
  | { kind: 'section'; part: SectionPart }
  | { kind: 'meta'; ask: MetaAsk }
  | { kind: 'facts'; op: Operation }
  /** An operation on figures (排名, 对比, 合计) without a figure named. */
  | { kind: 'unclear' }
  /** Passages; `note` says first why no figure answers (a list the tables hold only as a count). */
  | { kind: 'search'; note?: string };

export type SectionPart = 'problems' | 'improvements' | 'both' | 'other';
export type MetaAsk = 'agencies' | 'years' | 'count' | 'published';

/** A question as understood: figure, agencies, years and intent. */
export interface Question {
  /** As asked. */
  raw: string;
  /** Simplified characters, half-width digits. */
  text: string;
  metrics: MetricMention[];
  /** Indicators named (公开率, 复议纠错率); their words are no metric's. */
  indicators: IndicatorMention[];
  mentions: AgencyMention[];
  /** Agencies in scope; null when the question names none (all). */
  agencies: string[] | null;
  /** Agencies or places named that the corpus does not hold. */
  unknown: string[];
  years: YearReading;
  intent: Intent;
}

export interface ReadContext {
  directory: AgencyDirectory;
  corpusYears: readonly number[];
  now: Date;
}

/** "报送了哪些规范性文件": the documents themselves, which the tables only count. */
const LIST_ASK = /哪些(?:规范性文件|行政规范性文件|规章|文件|政策|制度|事项|项目)|(?:文件|规章|制度)(?:有|是)哪些|名单|目录|清单|标题|名称|文号/;
/** Words asking for a figure: a count, a ranking, a comparison. */
const COUNT_ASK = /多少|几[件个项条篇场次份家]|数量|数目|件数|条数|篇数|场次|次数|人次|总数|总量|金额|最多|最少|最高|最低|排名|排第|前[0-9一二三四五六七八九十]+|比较|对比|趋势|变化|增长|减少|合计|总共|一共|超过|以上|以下|不足|占比|比例|率/;

const OVERVIEW = /语料库?的?(概况|总览|概要|情况|统计|简介|规模)|(数据|收录)(概况|总览)|^(概况|总览)$|收录(范围|情况)/;
const CHECKS = /一致吗|是否一致|前后年份|跨年|年度之间|矛盾|不一致|勾稽|不符|不吻合|对不上|出入|冲突|校验|核对|核验|前后不一|有误|错误|异常/;
const CARD = /概况|概要|总览|简介|摘要|一览|基本情况|主要数据|关键数据|核心数据|年报情况/;
const PROBLEMS = /存在的?(主要)?(什么|哪些)?问题|问题(有哪些|是什么)|有(什么|哪些)问题|哪些问题|什么问题|不足之处|不足|短板|薄弱/;
const IMPROVE = /改进|措施|整改|下一步|今后|打算|举措/;
const OTHER_MATTERS = /其他需要报告/;
const META_AGENCIES = /(哪些|什么|几个|多少个?|哪几个)(单位|局|机关|部门|机构)|收录了?哪些|有哪些报告|哪些报告|单位(名单|列表)/;
const META_YEARS = /哪一?年|哪些年|年份|几个年度|哪几年|什么年度/;
const META_COUNT = /几份|多少份|报告数|多少篇|几篇|多少个报告|几个报告/;
const META_PUBLISHED = /发布(日期|时间)|什么时候(发布|公布|印发|成文|出的)|(成文|落款)日期|哪天(发布|公布)|何时(发布|公布)/;
/** Operations on figures: a question made of these and nothing else names no figure. */
const FIGURE_OPS = /最多|最少|最高|最低|排名|排行|排序|对比|比较|合计|总共|平均|多少|变化|趋势/;
/** Words that make a question about several agencies even when it names a place. */
const PLURAL = /各|哪个|哪些|哪家|哪几|所有|全部|每个|排名|排行|最多|最少|最高|最低|前[0-9一二两三四五六七八九十]|合计|总共|平均|几个|多少个|多少家|几家/;
/** A question that only names a report: 牡丹江市教育局2020年的年报. */
const ONLY_REPORT = /^[\s的年度报告年报政府信息公开工作情况？?。，,]*$/;

/** Reads a question: the parts in any order, traditional characters as simplified. */
export function readQuestion(raw: string, ctx: ReadContext): Question {
  const text = normalizeQuestion(raw);
  const indicators = readIndicators(text);
  const metrics = readMetrics(maskIndicators(text, indicators));
  const mentions = ctx.directory.read(text);
  const years = readYears(text, { now: ctx.now, corpusYears: ctx.corpusYears });
  const plural = PLURAL.test(text);
  const agencies = scopeOf(text, mentions, plural);
  const unknown = mentions.filter((m) => m.type === 'unknown').map((m) => m.text);
  const named = mentions.filter((m) => m.type === 'agency').length;
  const q: Omit<Question, 'intent'> = { raw, text, metrics, indicators, mentions, agencies, unknown, years };
  return { ...q, intent: intentOf(q, { named, plural }) };
}

/**
 * The agencies a question is about. Agencies named are a union (比较甲和乙); a place qualifies
 * the agencies named with it (哈尔滨呼兰区教育局, 福州的鼓楼区教育局) or, named alone, stands for
 * its agencies; a kind (教育局) narrows the places. Null when nothing is named: all agencies.
 */
function scopeOf(text: string, mentions: AgencyMention[], plural: boolean): string[] | null {
  const named: Array<Set<string>> = [];
  const places: Array<Set<string>> = [];
  const kinds = new Set<string>();
  for (const [k, m] of mentions.entries()) {
    // A short name that is also a place, right before another agency (七台河勃利县教育局), is the place.
    const next = mentions[k + 1];
    if (m.type === 'agency' && m.asRegion && next?.type === 'agency' && /^的?$/.test(text.slice(m.end, next.start))) {
      places.push(new Set(m.asRegion));
      continue;
    }
    if (m.type === 'agency') named.push(new Set(plural && m.asRegion ? m.asRegion : m.agencies));
    else if (m.type === 'region') places.push(new Set(m.agencies));
    else if (m.type === 'kind') for (const a of m.agencies) kinds.add(a);
  }
  const groups = [...named];
  for (const place of places) {
    const qualified = named.filter((set) => [...set].some((a) => place.has(a)));
    for (const set of qualified) for (const a of set) if (!place.has(a)) set.delete(a);
    if (!qualified.length) groups.push(place);
  }
  if (!groups.length) return kinds.size ? [...kinds] : null;
  const union = new Set(groups.flatMap((g) => [...g]));
  return kinds.size ? [...union].filter((a) => kinds.has(a)) : [...union];
}

function intentOf(q: Omit<Question, 'intent'>, flags: { named: number; plural: boolean }): Intent {
  const { text } = q;
  const named = q.agencies !== null;
  if (OVERVIEW.test(text) && !named) return { kind: 'overview' };
  if (CHECKS.test(text)) return { kind: 'checks' };
  const problems = PROBLEMS.test(text);
  const improve = IMPROVE.test(text);
  if (problems || improve) return { kind: 'section', part: problems && improve ? 'both' : problems ? 'problems' : 'improvements' };
  if (OTHER_MATTERS.test(text)) return { kind: 'section', part: 'other' };
  if (META_PUBLISHED.test(text)) return { kind: 'meta', ask: 'published' };
  if (q.metrics.length && !q.indicators.length && LIST_ASK.test(text) && !COUNT_ASK.test(text)) {
    return { kind: 'search', note: `年报的表格只有“${q.metrics[0].text}”的件数，没有名单；以下是正文中的相关内容。` };
  }
  if (q.metrics.length || q.indicators.length) {
    const several = !(q.agencies && q.agencies.length === 1);
    const op = readOperation(text, { several, agencyCount: flags.named, yearCount: q.years.years?.length ?? 0 });
    return { kind: 'facts', op };
  }
  if (CARD.test(text) && named) return { kind: 'card' };
  if (FIGURE_OPS.test(text) && stripSpans(text, q).replace(new RegExp(FIGURE_OPS.source, 'g'), '').replace(/[哪个些局单位的是了年度各？?，。\s]/g, '').length <= 2) return { kind: 'unclear' };
  if (META_COUNT.test(text)) return { kind: 'meta', ask: 'count' };
  if (META_YEARS.test(text) && (named || /报告|年报|语料|收录/.test(text))) return { kind: 'meta', ask: 'years' };
  if (META_AGENCIES.test(text) && !q.years.years) return { kind: 'meta', ask: 'agencies' };
  if (META_AGENCIES.test(text) && /语料|收录|报告/.test(text)) return { kind: 'meta', ask: 'agencies' };
  if (named && ONLY_REPORT.test(stripSpans(text, q))) return { kind: 'card' };
  return { kind: 'search' };
}

/** The question without the agencies and years it names: what is left to search for. */
export function stripSpans(text: string, q: Pick<Question, 'mentions' | 'years'>): string {
  const spans: Array<[number, number]> = [...q.mentions.filter((m) => m.type !== 'unknown').map((m): [number, number] => [m.start, m.end]), ...q.years.spans];
  let out = '';
  for (let i = 0; i < text.length; i++) if (!spans.some(([a, b]) => i >= a && i < b)) out += text[i];
  return out;
}
