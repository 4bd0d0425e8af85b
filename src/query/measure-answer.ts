import { compares, competitionRanks } from '../facts/queries.js';
import type { FactSource, IndicatorAsk, IndicatorRows, Reader } from '../facts/fact-source.js';
import { agencyKey, type Scope } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { formatNumber, reportName, uniqueCitations, yearsText } from './format.js';
import { each, flow, wait, type Later, type Steps } from './later.js';
import { indicatorMeasure, metricMeasure, type Evaluation, type Measure } from './measure.js';
import type { Comparison, Operation } from './operation.js';
import { peerKindOf, peerName, peersOf } from './peers.js';
import type { Question } from './question.js';

/** Reports listed one a line at most; the rest are counted. */
const MAX_LINES = 100;
/** Reports whose working is spelled out under their line. */
const WORKED = 10;
/** Reports whose standing among their peers is worked out. */
const STANDING = 10;
/** Reports without a figure named, at most. */
const UNCOMPUTED = 20;
/** Compare and trend evaluate every report of their scope; past this they list instead (as facts-answer.ts). */
const SMALL_SCOPE = 200;

/** What names a report in an answer, and the size of its scope. */
interface NameCtx {
  q: Question;
  multiYear: boolean;
  /** Reports of the scope. */
  size: number;
}

interface Ctx extends NameCtx {
  /** The reports the answer evaluates: the scope's, or its first when it shows no more (`size` counts them all). */
  reports: Report[];
  /** Reads the cells of the scope's reports, and of the reports 同比 and 排第几 compare them with. */
  read: Reader;
  /** 同比: each agency's report of a year, by `agencyKey|year` (the first by file). */
  previous: Map<string, Report>;
  /** 排第几: each shown report's peers, of its year and kind of body at any level (itself included). */
  peers: Map<Report, Report[]>;
}

interface Written {
  lines: string[];
  citations: Citation[];
  answered: boolean;
}

/**
 * Answers questions on indicators (公开率, 复议纠错率 …) and the two questions any figure can be
 * asked: 同比 (against the agency's previous year) and 排第几 (among bodies of its kind and level).
 * Every answer names the formula and the cells it used; a figure that cannot be computed says
 * 无法计算 and why, never 0 or 100%.
 */
export function answerMeasures(q: Question, op: Operation, store: FactSource): Later<Answer> {
  return flow(measureSteps(q, op, store));
}

function* measureSteps(q: Question, asked: Operation, store: FactSource): Steps<Answer> {
  const measures = [...q.indicators.map((m) => indicatorMeasure(m.def)), ...q.metrics.map((m) => metricMeasure(m.ids))];
  const scope: Scope = { agencies: q.agencies, years: q.years.years };
  const [size, years] = [yield* wait(store.count(scope)), q.years.years ?? (yield* wait(store.years()))];
  const multiYear = years.length > 1;
  // A comparison or trend of many reports is a list, as the figures' own answers (facts-answer.ts).
  const op: Operation = (asked.kind === 'compare' || asked.kind === 'trend') && size > SMALL_SCOPE ? { kind: 'lookup' } : asked;
  if ((op.kind === 'rank' || op.kind === 'filter') && measures.every((m) => m.computed)) {
    // Ranked or filtered where the cells are: the answer reads the cells of the reports it names only.
    const parts = yield* each(measures, (m) => rowsWritten(m, op, scope, store, { q, multiYear, size }));
    return measureAnswer(q, parts);
  }
  // The reports an answer evaluates: all of a small comparison or trend, else those it shows.
  const shownAt = op.kind === 'standing' ? STANDING : op.kind === 'compare' || op.kind === 'trend' || op.kind === 'rank' || op.kind === 'filter' ? undefined : MAX_LINES;
  const reports = yield* wait(store.reportsIn(scope, shownAt));
  // Every report whose cells the answer reads, read at once: the scope's, and those they are compared with.
  const previous = new Map<string, Report>();
  const peers = new Map<Report, Report[]>();
  const others: Report[] = [];
  if (op.kind === 'yoy' && reports.length) {
    const shown = reports.slice(0, MAX_LINES);
    const before = yield* wait(store.reportsIn({ agencies: [...new Set(shown.map(agencyKey))], years: [...new Set(shown.map((r) => r.meta.year - 1))] }));
    for (const r of before) {
      const key = `${agencyKey(r)}|${r.meta.year}`;
      if (!previous.has(key)) previous.set(key, r);
    }
    others.push(...previous.values());
  }
  if (op.kind === 'standing') {
    for (const r of reports.slice(0, STANDING)) {
      const all = yield* wait(store.peers(r));
      peers.set(r, all);
      others.push(...all);
    }
  }
  const read = yield* wait(store.readers([...reports, ...others], measures.flatMap((m) => m.reads)));
  const ctx: Ctx = { q, reports, size, multiYear, read, previous, peers };
  return measureAnswer(q, measures.map((m) => write(m, op, ctx)));
}

function measureAnswer(q: Question, parts: readonly Written[]): Answer {
  const citations = uniqueCitations(parts.flatMap((p) => p.citations));
  const text = parts.map((p) => p.lines.join('\n')).join('\n\n');
  return { question: q.raw, route: parts.some((p) => p.answered) ? 'facts' : 'none', text: text.trim(), citations };
}

/** A ranking or filter of a measure the store computes (`Measure.computed`), and the cells of the reports it names. */
function* rowsWritten(m: Measure, op: Extract<Operation, { kind: 'rank' | 'filter' }>, scope: Scope, store: FactSource, ctx: NameCtx): Steps<Written> {
  const ask: IndicatorAsk =
    op.kind === 'rank' ? { order: op.order, limit: MAX_LINES, uncomputed: UNCOMPUTED } : { filter: { cmp: op.cmp, value: op.value }, limit: MAX_LINES, uncomputed: UNCOMPUTED };
  const rows = yield* wait(store.indicatorRows(m.computed as NonNullable<Measure['computed']>, scope, ask));
  const read = yield* wait(store.readers([...rows.items.map((x) => x.report), ...rows.uncomputed], m.reads));
  return op.kind === 'rank' ? writeRank(m, op.order, op.top, rows, read, ctx) : writeFilter(m, op.cmp, op.value, rows, read, ctx);
}

function write(m: Measure, op: Operation, ctx: Ctx): Written {
  switch (op.kind) {
    case 'rank':
      return writeRank(m, op.order, op.top, rowsOf(m, ctx, { order: op.order }), ctx.read, ctx);
    case 'trend':
      return writeTrend(m, ctx);
    case 'yoy':
      return writeYoy(m, ctx);
    case 'standing':
      return writeStanding(m, ctx);
    case 'filter':
      return writeFilter(m, op.cmp, op.value, rowsOf(m, ctx, { filter: { cmp: op.cmp, value: op.value } }), ctx.read, ctx);
    case 'compare':
      return writeCompare(m, ctx);
    default:
      return ctx.size === 1 ? writeOne(m, ctx) : writeList(m, ctx);
  }
}

/** A measure of several ids (one a template) ranked or filtered report by report, as `indicatorRows` does. */
function rowsOf(m: Measure, ctx: Ctx, ask: Omit<IndicatorAsk, 'limit' | 'uncomputed'>): IndicatorRows {
  const es = evaluations(m, ctx);
  const passed = es.filter((e) => e.value !== null && (!ask.filter || compares(ask.filter.cmp, e.value, ask.filter.value)));
  const list = ask.order ? ranked(passed, ask.order) : passed.map((e, k) => ({ e, rank: k + 1 }));
  return {
    items: list.slice(0, MAX_LINES).map((x) => ({ rank: x.rank, report: x.e.report, value: x.e.value as number })),
    total: list.length,
    computed: es.filter((e) => e.value !== null).length,
    uncomputed: es.filter((e) => e.value === null).slice(0, UNCOMPUTED).map((e) => e.report),
  };
}

function nameOf(report: Report, ctx: NameCtx): string {
  return ctx.multiYear ? reportName(report) : agencyKey(report);
}

function scopeText(ctx: NameCtx): string {
  return yearsText(ctx.q.years.years, ctx.q.years.phrase);
}

function formulaLine(m: Measure): string[] {
  return m.formula ? [`口径：${m.formula}`] : [];
}

/** The figures behind a rate in brief: （32 ÷ 69）. */
function brief(e: Evaluation): string {
  return e.ratio ? `（${formatNumber(e.ratio[0])} ÷ ${formatNumber(e.ratio[1])}）` : '';
}

function evaluations(m: Measure, ctx: Ctx): Evaluation[] {
  return ctx.reports.map((r) => m.evaluate(r, ctx.read));
}

function citationsOf(es: readonly Evaluation[]): Citation[] {
  return es.slice(0, 20).flatMap((e) => e.citations);
}

function none(m: Measure, ctx: NameCtx): Written {
  return { lines: [`语料中没有符合条件的报告，无法回答${m.name}。`], citations: [], answered: false };
}

function workingLines(e: Evaluation, indent = '  '): string[] {
  return [e.working, e.note].filter((x): x is string => !!x).map((x) => `${indent}${x}`);
}

function writeOne(m: Measure, ctx: Ctx): Written {
  const e = m.evaluate(ctx.reports[0], ctx.read);
  const lines = [`${reportName(e.report)}${m.name}：${e.text}`, ...formulaLine(m), ...workingLines(e, '')];
  return { lines, citations: e.citations, answered: e.citations.length > 0 };
}

function writeList(m: Measure, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const es = evaluations(m, ctx);
  const lines = [`${scopeText(ctx)}${m.name}（${ctx.size}份报告）：`, ...formulaLine(m)];
  for (const e of es.slice(0, MAX_LINES)) {
    lines.push(`· ${nameOf(e.report, ctx)}：${e.text}`);
    if (ctx.size <= WORKED) lines.push(...workingLines(e, '  '));
  }
  if (ctx.size > MAX_LINES) lines.push(`……其余${ctx.size - MAX_LINES}份从略。`);
  return { lines, citations: citationsOf(es), answered: es.some((e) => e.citations.length) };
}

/** Evaluations with a value, ranked with ties (1, 1, 3). */
function ranked(es: readonly Evaluation[], order: 'desc' | 'asc'): Array<{ rank: number; e: Evaluation }> {
  const sign = order === 'desc' ? -1 : 1;
  const sorted = es.filter((e) => e.value !== null).sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const ranks = competitionRanks(sorted.map((e) => e.value as number));
  return sorted.map((e, i) => ({ e, rank: ranks[i] }));
}

/** The reports a measure could not be computed for, each with why: 甲局（无法计算（予以公开未填写））. */
function uncomputed(m: Measure, rows: IndicatorRows, read: Reader, ctx: NameCtx): string {
  return rows.uncomputed.map((r) => `${nameOf(r, ctx)}（${m.evaluate(r, read).text}）`).join('；');
}

function writeRank(m: Measure, order: 'desc' | 'asc', top: number | null, rows: IndicatorRows, read: Reader, ctx: NameCtx): Written {
  if (!rows.total) {
    const why = uncomputed(m, rows, read, ctx);
    return { lines: [`${scopeText(ctx)}没有一份报告能算出${m.name}。`, ...formulaLine(m), ...(why ? [`各报告：${why}。`] : [])], citations: [], answered: false };
  }
  const list = rows.items.map((x) => ({ rank: x.rank, e: m.evaluate(x.report, read) }));
  const word = m.rate ? (order === 'desc' ? '最高' : '最低') : order === 'desc' ? '最多' : '最少';
  const first = list.filter((x) => x.rank === 1);
  const shown = list.filter((x) => !top || x.rank <= top).slice(0, MAX_LINES);
  const lines = [
    `${scopeText(ctx)}${m.name}${first.length > 1 ? '并列' : ''}${word}的是${first.map((x) => nameOf(x.e.report, ctx)).join('、')}：${first[0].e.text}${brief(first[0].e)}。`,
    ...formulaLine(m),
    `${top ? `前${top}名` : '排名'}（${order === 'desc' ? '从高到低' : '从低到高'}，${rows.total}份报告能算出）：`,
    ...shown.map((x) => `${x.rank}. ${nameOf(x.e.report, ctx)} ${x.e.text}${brief(x.e)}`),
  ];
  if (!top && rows.total > shown.length) lines.push(`……其余${rows.total - shown.length}份从略。`);
  const why = uncomputed(m, rows, read, ctx);
  if (why) lines.push(`未列入排名：${why}。`);
  return { lines, citations: citationsOf(shown.map((x) => x.e)), answered: true };
}

function writeCompare(m: Measure, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const es = evaluations(m, ctx);
  const lines = [`${scopeText(ctx)}${m.name}对比：`, ...formulaLine(m)];
  for (const e of es.slice(0, MAX_LINES)) lines.push(`· ${nameOf(e.report, ctx)}：${e.text}`, ...(es.length <= WORKED ? workingLines(e) : []));
  const nums = es.filter((e) => e.value !== null);
  if (nums.length === 2) {
    const [a, b] = nums;
    const d = (a.value as number) - (b.value as number);
    const [hi, lo] = d >= 0 ? [a, b] : [b, a];
    lines.push(Math.abs(d) < 1e-9 ? `两者相同，都是${a.text}。` : `${nameOf(hi.report, ctx)}比${nameOf(lo.report, ctx)}${m.change(Math.abs(d)).replace(/^增加|^上升/, m.rate ? '高' : '多')}。`);
  } else if (nums.length > 2) {
    const r = ranked(nums, 'desc');
    lines.push(`${m.rate ? '最高' : '最多'}的是${nameOf(r[0].e.report, ctx)}，${m.rate ? '最低' : '最少'}的是${nameOf(r[r.length - 1].e.report, ctx)}。`);
  }
  return { lines, citations: citationsOf(es), answered: nums.length > 0 || es.some((e) => e.citations.length) };
}

function byAgency(reports: readonly Report[]): Map<string, Report[]> {
  const out = new Map<string, Report[]>();
  for (const r of reports) out.set(agencyKey(r), [...(out.get(agencyKey(r)) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => a.meta.year - b.meta.year);
  return out;
}

function writeTrend(m: Measure, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const lines: string[] = [];
  const all: Evaluation[] = [];
  const groups = [...byAgency(ctx.reports)];
  for (const [agency, reports] of groups.slice(0, 20)) {
    lines.push(`${agency} ${m.name}逐年情况：`);
    let prev: number | null = null;
    for (const r of reports) {
      const e = m.evaluate(r, ctx.read);
      all.push(e);
      const change = e.value !== null && prev !== null ? `（比上一年${m.change(e.value - prev)}）` : '';
      lines.push(`· ${r.meta.year}年：${e.text}${brief(e)}${change}`);
      if (e.value !== null) prev = e.value;
    }
    if (reports.length === 1) lines.push(`语料中该单位只有${reports[0].meta.year}年的报告，看不出变化。`);
  }
  if (groups.length > 20) lines.push(`……其余${groups.length - 20}个单位从略。`);
  lines.push(...formulaLine(m));
  return { lines, citations: citationsOf(all), answered: all.some((e) => e.citations.length) };
}

/**
 * 同比: each report of the scope against the same agency's report of the year before. No
 * change where either figure is missing; no percent where the previous figure is 0.
 */
function writeYoy(m: Measure, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const lines = [`${scopeText(ctx)}${m.name}同比（与同一单位上一年的报告相比）：`, ...formulaLine(m)];
  const all: Evaluation[] = [];
  let answered = false;
  for (const r of ctx.reports.slice(0, MAX_LINES)) {
    const now = m.evaluate(r, ctx.read);
    const prevReport = ctx.previous.get(`${agencyKey(r)}|${r.meta.year - 1}`);
    const prev = prevReport ? m.evaluate(prevReport, ctx.read) : null;
    all.push(now, ...(prev ? [prev] : []));
    const head = `· ${reportName(r)}：${now.text}；${r.meta.year - 1}年：${prev ? prev.text : '语料中没有这一年的报告'}`;
    if (now.value === null || prev?.value == null) {
      lines.push(`${head}。同比无法计算（${!prev ? `缺少${r.meta.year - 1}年的报告` : now.value === null ? `${r.meta.year}年的数字缺失` : `${r.meta.year - 1}年的数字缺失`}）。`);
      continue;
    }
    answered = true;
    const d = now.value - prev.value;
    const pct = prev.value === 0 ? '变化率无法计算（上一年为0）' : `变化率${d >= 0 ? '+' : '−'}${formatNumber(Math.round((Math.abs(d) / Math.abs(prev.value)) * 1000) / 10)}%`;
    lines.push(`${head}。同比${m.change(d)}，${pct}。`);
    if (ctx.size <= 3) lines.push(...workingLines(now), ...workingLines(prev));
  }
  if (ctx.size > MAX_LINES) lines.push(`……其余${ctx.size - MAX_LINES}份从略。`);
  return { lines, citations: citationsOf(all), answered: answered || all.some((e) => e.citations.length) };
}

/**
 * Where each report of the scope stands among the same year's bodies of its kind and level: a
 * competition rank from the highest, and the share of the others it is above.
 */
function writeStanding(m: Measure, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const lines: string[] = [];
  const all: Evaluation[] = [];
  for (const r of ctx.reports.slice(0, STANDING)) {
    const anyLevel = ctx.peers.get(r) as Report[];
    const own = m.evaluate(r, ctx.read);
    all.push(own);
    lines.push(`${reportName(r)}${m.name}：${own.text}${brief(own)}。`);
    const kind = peerKindOf(r.meta);
    const groups: Array<{ title: string; peers: Report[] }> = [{ title: `${r.meta.year}年${peerName(kind)}`, peers: peersOf(r, anyLevel) }];
    if (kind.level !== '乡镇级' && anyLevel.length > groups[0].peers.length) groups.push({ title: `${r.meta.year}年各级${kind.kind}`, peers: anyLevel });
    for (const g of groups) lines.push(...standingLines(m, own, g.title, g.peers, ctx.read));
  }
  if (ctx.size > STANDING) lines.push(`……其余${ctx.size - STANDING}份从略。`);
  lines.push(...formulaLine(m));
  return { lines, citations: citationsOf(all), answered: all.some((e) => e.value !== null) };
}

function standingLines(m: Measure, mine: Evaluation, title: string, peers: readonly Report[], read: Reader): string[] {
  const es = peers.map((p) => (p === mine.report ? mine : m.evaluate(p, read)));
  const withValue = es.filter((e) => e.value !== null);
  const head = `在${title}中（同类单位共${peers.length}个，${withValue.length}个能算出）`;
  if (mine.value === null) return [`${head}：本单位的数字无法计算，不参与排位。`];
  const higher = withValue.filter((e) => (e.value as number) > (mine.value as number)).length;
  const lower = withValue.filter((e) => (e.value as number) < (mine.value as number)).length;
  const others = withValue.length - 1;
  const rank = higher + 1;
  const where =
    others === 0
      ? '只有本单位有此数字，无法排位（百分位无法计算）'
      : `从高到低排第${rank}名${withValue.filter((e) => e.value === mine.value).length > 1 ? '（并列）' : ''}，高于其余${others}个中的${lower}个（百分位${formatNumber(Math.round((lower / others) * 1000) / 10)}%）`;
  const list = ranked(withValue, 'desc').slice(0, 10).map((x) => `${x.rank}. ${agencyKey(x.e.report)} ${x.e.text}`).join('；');
  const missing = es.filter((e) => e.value === null).slice(0, 10).map((e) => `${agencyKey(e.report)}（${e.text}）`).join('；');
  return [`${head}：${where}。`, ...(others > 0 ? [`  同类单位：${list}${withValue.length > 10 ? '……' : ''}`] : []), ...(missing ? [`  未能排位：${missing}`] : [])];
}

const CMP_WORDS: Record<Comparison, string> = { '>': '大于', '>=': '不低于', '<': '低于', '<=': '不超过', '=': '等于' };

function writeFilter(m: Measure, cmp: Comparison, value: number, rows: IndicatorRows, read: Reader, ctx: NameCtx): Written {
  if (!ctx.size) return none(m, ctx);
  const passed = rows.items.map((x) => m.evaluate(x.report, read));
  const cond = `${m.name}${CMP_WORDS[cmp]}${m.format(value)}`;
  const lines = [rows.total ? `${scopeText(ctx)}${cond}的有${rows.total}份报告：` : `${scopeText(ctx)}没有${cond}的报告（共查看${ctx.size}份报告）。`, ...formulaLine(m)];
  for (const e of passed.slice(0, MAX_LINES)) lines.push(`· ${nameOf(e.report, ctx)}：${e.text}${brief(e)}`);
  const why = uncomputed(m, rows, read, ctx);
  if (why) lines.push(`无法判断：${why}。`);
  return { lines, citations: citationsOf(passed), answered: rows.computed > 0 };
}
