import { compares } from '../facts/queries.js';
import type { FactSource, Reader } from '../facts/fact-source.js';
import { agencyKey } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { formatNumber, reportName, uniqueCitations, yearsText } from './format.js';
import { flow, wait, type Later, type Steps } from './later.js';
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

interface Ctx {
  q: Question;
  reports: Report[];
  multiYear: boolean;
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

function* measureSteps(q: Question, op: Operation, store: FactSource): Steps<Answer> {
  const measures = [...q.indicators.map((m) => indicatorMeasure(m.def)), ...q.metrics.map((m) => metricMeasure(m.ids))];
  const reports = yield* wait(store.reportsIn({ agencies: q.agencies, years: q.years.years }));
  const years = q.years.years ?? (yield* wait(store.years()));
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
  const ctx: Ctx = { q, reports, multiYear: years.length > 1, read, previous, peers };
  const parts = measures.map((m) => write(m, op, ctx));
  const citations = uniqueCitations(parts.flatMap((p) => p.citations));
  const text = parts.map((p) => p.lines.join('\n')).join('\n\n');
  return { question: q.raw, route: parts.some((p) => p.answered) ? 'facts' : 'none', text: text.trim(), citations };
}

function write(m: Measure, op: Operation, ctx: Ctx): Written {
  switch (op.kind) {
    case 'rank':
      return writeRank(m, op.order, op.top, ctx);
    case 'trend':
      return writeTrend(m, ctx);
    case 'yoy':
      return writeYoy(m, ctx);
    case 'standing':
      return writeStanding(m, ctx);
    case 'filter':
      return writeFilter(m, op.cmp, op.value, ctx);
    case 'compare':
      return writeCompare(m, ctx);
    default:
      return ctx.reports.length === 1 ? writeOne(m, ctx) : writeList(m, ctx);
  }
}

function nameOf(report: Report, ctx: Ctx): string {
  return ctx.multiYear ? reportName(report) : agencyKey(report);
}

function scopeText(ctx: Ctx): string {
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

function none(m: Measure, ctx: Ctx): Written {
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
  const lines = [`${scopeText(ctx)}${m.name}（${es.length}份报告）：`, ...formulaLine(m)];
  for (const e of es.slice(0, MAX_LINES)) {
    lines.push(`· ${nameOf(e.report, ctx)}：${e.text}`);
    if (es.length <= WORKED) lines.push(...workingLines(e, '  '));
  }
  if (es.length > MAX_LINES) lines.push(`……其余${es.length - MAX_LINES}份从略。`);
  return { lines, citations: citationsOf(es), answered: es.some((e) => e.citations.length) };
}

/** Evaluations with a value, ranked with ties (1, 1, 3). */
function ranked(es: readonly Evaluation[], order: 'desc' | 'asc'): Array<{ rank: number; e: Evaluation }> {
  const sign = order === 'desc' ? -1 : 1;
  const sorted = es.filter((e) => e.value !== null).sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const out: Array<{ rank: number; e: Evaluation }> = [];
  sorted.forEach((e, i) => out.push({ e, rank: i > 0 && sorted[i - 1].value === e.value ? out[i - 1].rank : i + 1 }));
  return out;
}

function uncomputed(es: readonly Evaluation[], ctx: Ctx): string {
  return es
    .filter((e) => e.value === null)
    .slice(0, 20)
    .map((e) => `${nameOf(e.report, ctx)}（${e.text}）`)
    .join('；');
}

function writeRank(m: Measure, order: 'desc' | 'asc', top: number | null, ctx: Ctx): Written {
  const es = evaluations(m, ctx);
  const list = ranked(es, order);
  if (!list.length) {
    const why = uncomputed(es, ctx);
    return { lines: [`${scopeText(ctx)}没有一份报告能算出${m.name}。`, ...formulaLine(m), ...(why ? [`各报告：${why}。`] : [])], citations: [], answered: false };
  }
  const word = m.rate ? (order === 'desc' ? '最高' : '最低') : order === 'desc' ? '最多' : '最少';
  const first = list.filter((x) => x.rank === 1);
  const shown = list.filter((x) => !top || x.rank <= top).slice(0, MAX_LINES);
  const lines = [
    `${scopeText(ctx)}${m.name}${first.length > 1 ? '并列' : ''}${word}的是${first.map((x) => nameOf(x.e.report, ctx)).join('、')}：${first[0].e.text}${brief(first[0].e)}。`,
    ...formulaLine(m),
    `${top ? `前${top}名` : '排名'}（${order === 'desc' ? '从高到低' : '从低到高'}，${list.length}份报告能算出）：`,
    ...shown.map((x) => `${x.rank}. ${nameOf(x.e.report, ctx)} ${x.e.text}${brief(x.e)}`),
  ];
  if (!top && list.length > shown.length) lines.push(`……其余${list.length - shown.length}份从略。`);
  const why = uncomputed(es, ctx);
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
    if (ctx.reports.length <= 3) lines.push(...workingLines(now), ...workingLines(prev));
  }
  if (ctx.reports.length > MAX_LINES) lines.push(`……其余${ctx.reports.length - MAX_LINES}份从略。`);
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
  if (ctx.reports.length > STANDING) lines.push(`……其余${ctx.reports.length - STANDING}份从略。`);
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

function writeFilter(m: Measure, cmp: Comparison, value: number, ctx: Ctx): Written {
  if (!ctx.reports.length) return none(m, ctx);
  const es = evaluations(m, ctx);
  const passed = es.filter((e) => e.value !== null && compares(cmp, e.value, value));
  const cond = `${m.name}${CMP_WORDS[cmp]}${m.format(value)}`;
  const lines = [passed.length ? `${scopeText(ctx)}${cond}的有${passed.length}份报告：` : `${scopeText(ctx)}没有${cond}的报告（共查看${es.length}份报告）。`, ...formulaLine(m)];
  for (const e of passed.slice(0, MAX_LINES)) lines.push(`· ${nameOf(e.report, ctx)}：${e.text}${brief(e)}`);
  const why = uncomputed(es, ctx);
  if (why) lines.push(`无法判断：${why}。`);
  return { lines, citations: citationsOf(passed), answered: es.some((e) => e.value !== null) };
}
