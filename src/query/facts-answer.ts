import { metric } from '../facts/metrics.js';
import { aggregate, filter, rank, series, topOf, type Comparison, type Ranked } from '../facts/queries.js';
import type { FactStore, Reading, Scope } from '../facts/store.js';
import type { Answer, Citation } from './answer.js';
import {
  citationsOf, disagreementText, formatNumber, labelOf, listNames, reportName, sourceOf, unitOf, valueText, withUnit, yearsText,
} from './format.js';
import type { Operation } from './operation.js';
import type { Question } from './question.js';

/** At most this many reports are listed one a line; the rest are counted. */
const MAX_LINES = 100;

/** Answers a question whose metric was recognised: lookup, rank, compare, trend, aggregate, filter. */
export function answerFacts(q: Question, op: Operation, store: FactStore): Answer {
  const scope: Scope = { agencies: q.agencies, years: q.years.years };
  const parts = q.metrics.map((m) => ({ ids: m.ids, readings: store.readAll(m.ids, scope) }));
  const ctx = { q, scope };
  let out: Written;
  switch (op.kind) {
    case 'rank':
      out = writeRank(parts[0].readings, parts[0].ids, op.order, op.top, ctx);
      break;
    case 'compare':
      out = join(parts.map((p) => writeCompare(p.readings, p.ids, ctx)));
      break;
    case 'trend':
      out = join(parts.map((p) => writeTrend(p.readings, p.ids, ctx)));
      break;
    case 'aggregate':
      out = writeAggregate(parts[0].readings, parts[0].ids, op.fn, ctx);
      break;
    case 'filter':
      out = writeFilter(parts[0].readings, parts[0].ids, op.cmp, op.value, op.count, ctx);
      break;
    default:
      out = writeLookup(parts, ctx);
  }
  return { question: q.raw, route: out.answered ? 'facts' : 'none', text: out.text.trim(), citations: dedupe(out.citations) };
}

interface Written {
  text: string;
  citations: Citation[];
  /** Whether any figure of the corpus was stated (else the answer only explains its absence). */
  answered: boolean;
}

interface Ctx {
  q: Question;
  scope: Scope;
}

function join(parts: Written[]): Written {
  return { text: parts.map((p) => p.text).join('\n\n'), citations: parts.flatMap((p) => p.citations), answered: parts.some((p) => p.answered) };
}

function dedupe(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.reportId}\u0000${c.section}\u0000${c.snippet}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** 牡丹江市教育局2020年, or 牡丹江市教育局 when the question is about one year only. */
function nameIn(r: Reading, multiYear: boolean): string {
  return multiYear ? reportName(r.report) : r.report.meta.agency;
}

function isMultiYear(readings: readonly Reading[]): boolean {
  return new Set(readings.map((r) => r.report.meta.year)).size > 1;
}

function scopeText(ctx: Ctx): string {
  return yearsText(ctx.q.years.years, ctx.q.years.phrase);
}

/** Where a metric exists: 这一项只在2019年版模板（2019、2020年度的报告）中有. */
function templateNote(id: string): string {
  const t = metric(id)?.templates ?? [];
  if (t.length !== 1) return '';
  return t[0] === '2019'
    ? '这一项只在2019年版模板（2019、2020年度的报告）中有，2021年版模板（2021年度起）没有这一项。'
    : '这一项只在2021年版模板（2021年度起的报告）中有，2019年版模板没有这一项。';
}

const STATUS_WORDS: Record<Exclude<Reading['status'], 'number'>, string> = {
  no_item: '模板中没有这一项',
  not_found: '报告中没有找到这一格（表格可能残缺），无法确定',
  blank: '表中未填写',
  not_applicable: '表中为“/”，不适用',
  text: '表中填的不是数字',
  unknown: '该格无法准确读取，无法确定',
};

/** Readings without a number, grouped by why: 未填写：A、B；模板中没有这一项：C. */
function absentText(readings: readonly Reading[], multiYear: boolean): string {
  const groups = new Map<string, string[]>();
  for (const r of readings) {
    if (r.status === 'number') continue;
    const why = r.status === 'no_item' ? `采用${r.report.meta.template}年版模板，${STATUS_WORDS.no_item}` : STATUS_WORDS[r.status];
    const list = groups.get(why) ?? [];
    list.push(nameIn(r, multiYear));
    groups.set(why, list);
  }
  return [...groups].map(([why, names]) => `${listNames(names)}（${why}）`).join('；');
}

/** The whole answer when no report of the scope has the figure. */
function noneText(readings: readonly Reading[], id: string, ctx: Ctx): Written {
  const years = scopeText(ctx);
  const agencies = [...new Set(readings.map((r) => r.report.meta.agency))];
  const who = ctx.q.agencies || agencies.length === 1 ? `${listNames(agencies, 10)}${years}的报告` : `${years}${years ? '的' : ''}${readings.length}份报告`;
  const text = [
    `${who}${readings.length > 1 ? '都' : ''}没有“${labelOf(id)}”的数字，无法回答。`,
    templateNote(id),
    `各报告的情况：${absentText(readings, isMultiYear(readings))}。`,
  ].filter(Boolean).join('\n');
  return { text, citations: [], answered: false };
}

function notes(readings: readonly Reading[]): string[] {
  return readings.map((r) => disagreementText(r)).filter((x): x is string => !!x).map((x) => `${x}`);
}

function writeLookup(parts: Array<{ ids: string[]; readings: Reading[] }>, ctx: Ctx): Written {
  const reports = new Set(parts.flatMap((p) => p.readings.map((r) => r.report.id)));
  if (reports.size === 1) {
    const report = parts[0].readings[0].report;
    const lines: string[] = [`${reportName(report)}：`];
    for (const { readings } of parts) {
      const r = readings[0];
      lines.push(`· ${labelOf(r.metric)}：${valueText(r)}`);
      if (r.fact) lines.push(`  来源：${sourceOf(report, r.fact)}`);
      const d = disagreementText(r);
      if (d) lines.push(`  ${d}`);
    }
    const all = parts.map((p) => p.readings[0]);
    if (all.every((r) => r.status === 'no_item')) lines.push(templateNote(all[0].metric));
    return { text: lines.join('\n'), citations: citationsOf(all), answered: all.some((r) => r.fact) };
  }
  return join(parts.map((p) => writeList(p.readings, p.ids, ctx)));
}

/** One metric over several reports: one line per report. */
function writeList(readings: Reading[], ids: string[], ctx: Ctx): Written {
  const withFact = readings.filter((r) => r.fact);
  if (!withFact.length) return noneText(readings, ids[0], ctx);
  const multiYear = isMultiYear(readings);
  const years = scopeText(ctx);
  const lines = [`${years}${labelOf(ids[0])}（${readings.length}份报告）：`];
  for (const r of withFact.slice(0, MAX_LINES)) lines.push(`· ${nameIn(r, multiYear)}：${valueText(r)}`);
  if (withFact.length > MAX_LINES) lines.push(`……其余${withFact.length - MAX_LINES}份从略。`);
  const absent = absentText(readings, multiYear);
  if (absent) lines.push(`没有数字的报告：${absent}。`);
  lines.push(...notes(withFact.slice(0, MAX_LINES)));
  return { text: lines.join('\n'), citations: citationsOf(withFact.slice(0, 20)), answered: true };
}

function writeRank(readings: Reading[], ids: string[], order: 'desc' | 'asc', top: number | null, ctx: Ctx): Written {
  let ranked = rank(readings, order);
  if (!ranked.length) return noneText(readings, ids[0], ctx);
  const id = ranked[0].reading.metric;
  const amount = unitOf(id).includes('元');
  const word = order === 'desc' ? (amount ? '最高' : '最多') : amount ? '最低' : '最少';
  const multiYear = isMultiYear(readings);
  const first = ranked.filter((x) => x.rank === 1);
  const years = scopeText(ctx);
  const lines = [
    `${years}${labelOf(id)}${first.length > 1 ? '并列' : ''}${word}的是${first.map((x) => nameIn(x.reading, multiYear)).join('、')}：${valueText(first[0].reading)}。`,
  ];
  if (top) ranked = topOf(ranked, top);
  const shown = ranked.slice(0, MAX_LINES);
  lines.push(`${top ? `前${top}名` : '排名'}（${order === 'desc' ? '从高到低' : '从低到高'}，${readings.filter((r) => r.value !== null).length}份报告有此数字）：`);
  for (const x of shown) lines.push(`${x.rank}. ${nameIn(x.reading, multiYear)} ${valueText(x.reading)}${tieMark(x, ranked)}`);
  if (ranked.length > shown.length) lines.push(`……其余${ranked.length - shown.length}份从略。`);
  const absent = absentText(readings, multiYear);
  if (absent) lines.push(`未列入排名：${absent}。`);
  lines.push(...notes(shown.map((x) => x.reading)));
  return { text: lines.join('\n'), citations: citationsOf(shown.slice(0, 20).map((x) => x.reading)), answered: true };
}

function tieMark(x: Ranked, all: readonly Ranked[]): string {
  return all.filter((y) => y.rank === x.rank).length > 1 ? '（并列）' : '';
}

function writeCompare(readings: Reading[], ids: string[], ctx: Ctx): Written {
  const withFact = readings.filter((r) => r.fact);
  if (!withFact.length) return noneText(readings, ids[0], ctx);
  const multiYear = isMultiYear(readings);
  const years = scopeText(ctx);
  const lines = [`${years}${labelOf(ids[0])}对比：`];
  for (const r of readings.slice(0, MAX_LINES)) lines.push(`· ${nameIn(r, multiYear)}：${valueText(r)}`);
  const nums = readings.filter((r) => r.value !== null);
  if (nums.length === 2) {
    const [a, b] = nums;
    const diff = (a.value as number) - (b.value as number);
    lines.push(
      diff === 0
        ? `两者相同，都是${withUnit(a.value as number, a.metric, a.fact)}。`
        : `${nameIn(diff > 0 ? a : b, multiYear)}比${nameIn(diff > 0 ? b : a, multiYear)}多${withUnit(Math.abs(diff), a.metric, a.fact)}。`,
    );
  } else if (nums.length > 2) {
    const sorted = rank(nums, 'desc');
    lines.push(`最多的是${nameIn(sorted[0].reading, multiYear)}，最少的是${nameIn(sorted[sorted.length - 1].reading, multiYear)}。`);
  }
  lines.push(...notes(readings));
  return { text: lines.join('\n'), citations: citationsOf(readings.slice(0, 20)), answered: true };
}

function writeTrend(readings: Reading[], ids: string[], ctx: Ctx): Written {
  const withFact = readings.filter((r) => r.fact);
  if (!withFact.length) return noneText(readings, ids[0], ctx);
  const byAgency = new Map<string, Reading[]>();
  for (const r of readings) byAgency.set(r.report.meta.agency, [...(byAgency.get(r.report.meta.agency) ?? []), r]);
  const lines: string[] = [];
  for (const [agency, list] of [...byAgency].slice(0, 20)) {
    lines.push(`${agency} ${labelOf(ids[0])}逐年情况：`);
    for (const step of series(list)) {
      const r = step.reading;
      const change = step.delta === null ? '' : step.delta === 0 ? '（与上一年持平）' : `（比上一年${step.delta > 0 ? '增加' : '减少'}${withUnit(Math.abs(step.delta), r.metric, r.fact)}）`;
      lines.push(`· ${r.report.meta.year}年：${valueText(r)}${change}`);
    }
    if (list.length === 1) lines.push(`语料中该单位只有${list[0].report.meta.year}年的报告，看不出变化。`);
  }
  if (byAgency.size > 20) lines.push(`……其余${byAgency.size - 20}个单位从略。`);
  lines.push(...notes(readings));
  return { text: lines.join('\n'), citations: citationsOf(withFact.slice(0, 20)), answered: true };
}

function writeAggregate(readings: Reading[], ids: string[], fn: 'sum' | 'avg' | 'count', ctx: Ctx): Written {
  const agg = aggregate(readings);
  if (!agg.count) return noneText(readings, ids[0], ctx);
  const id = readings.find((r) => r.value !== null)?.metric ?? ids[0];
  const years = scopeText(ctx);
  const multiYear = isMultiYear(readings);
  const counted = readings.filter((r) => r.value !== null);
  const head =
    fn === 'sum'
      ? `${years}${agg.count}份报告的${labelOf(id)}合计：${withUnit(agg.sum, id)}。`
      : fn === 'avg'
        ? `${years}${agg.count}份报告的${labelOf(id)}平均：${withUnit(agg.avg as number, id)}（合计${withUnit(agg.sum, id)}）。`
        : `${years}有${agg.count}份报告填有${labelOf(id)}的数字。`;
  const lines = [head, `计入：${counted.slice(0, MAX_LINES).map((r) => `${nameIn(r, multiYear)} ${valueText(r)}`).join('；')}${counted.length > MAX_LINES ? '……' : ''}`];
  const absent = absentText(readings, multiYear);
  if (absent) lines.push(`未计入：${absent}。`);
  lines.push(...notes(counted.slice(0, MAX_LINES)));
  return { text: lines.join('\n'), citations: citationsOf(counted.slice(0, 20)), answered: true };
}

const CMP_WORDS: Record<Comparison, string> = { '>': '大于', '>=': '不少于', '<': '小于', '<=': '不超过', '=': '等于' };

function writeFilter(readings: Reading[], ids: string[], cmp: Comparison, value: number, count: boolean, ctx: Ctx): Written {
  const { passed, undecided } = filter(readings, cmp, value);
  if (!readings.some((r) => r.value !== null)) return noneText(readings, ids[0], ctx);
  const id = readings.find((r) => r.value !== null)?.metric ?? ids[0];
  const multiYear = isMultiYear(readings);
  const years = scopeText(ctx);
  const cond = `${labelOf(id)}${CMP_WORDS[cmp]}${value === 0 ? '0' : withUnit(value, id)}`;
  const lines = [
    passed.length
      ? `${years}${cond}的有${passed.length}份报告：`
      : `${years}没有${cond}的报告（共查看${readings.length}份报告）。`,
  ];
  for (const r of passed.slice(0, MAX_LINES)) lines.push(`· ${nameIn(r, multiYear)}：${valueText(r)}`);
  if (passed.length > MAX_LINES) lines.push(`……其余${passed.length - MAX_LINES}份从略。`);
  const absent = absentText(undecided, multiYear);
  if (absent) lines.push(`无法判断：${absent}。`);
  lines.push(...notes(passed.slice(0, MAX_LINES)));
  return { text: lines.join('\n'), citations: citationsOf(passed.slice(0, 20)), answered: true };
}
