import { metric } from '../facts/metrics.js';
import type { FactSource } from '../facts/fact-source.js';
import type { Report } from '../ingest/report.js';
import { rank, series, type Comparison } from '../facts/queries.js';
import { agencyKey, type Absence, type Page, type Reading, type Scope, type ValueRow } from '../facts/store.js';
import { TABLE_ROWS, type Answer, type AnswerTable, type Citation } from './answer.js';
import { comparisonTable, filterTable, firstRows, listTable, mergeTables, rankingTable, trendTable, type TableSource } from './answer-table.js';
import { citationsOf, disagreementText, labelOf, listNames, reportName, sourceOf, unitFor, unitOf, valueText, withUnit, uniqueCitations, yearsText } from './format.js';
import { both, each, flow, wait, type Later, type Steps } from './later.js';
import type { Operation } from './operation.js';
import type { Question } from './question.js';

/** At most this many reports are listed one a line; the rest are counted. */
const MAX_LINES = 100;
/** Compare and trend read every report of their scope; past this they list instead. */
const SMALL_SCOPE = 200;

/**
 * Answers a question whose metric was recognised: lookup, rank, compare, trend, aggregate, filter.
 * `tableRows`: how many rows the answer's table carries (`AskOptions`).
 */
export function answerFacts(q: Question, op: Operation, store: FactSource, tableRows: number = TABLE_ROWS): Later<Answer> {
  return flow(factsSteps(q, op, store, tableRows));
}

function* factsSteps(q: Question, op: Operation, store: FactSource, tableRows: number): Steps<Answer> {
  const scope: Scope = { agencies: q.agencies, years: q.years.years };
  const years = q.years.years ?? (yield* wait(store.years()));
  const ctx: Ctx = { q, scope, store, multiYear: years.length > 1, size: yield* wait(store.count(scope)), tableRows };
  const first = q.metrics[0].ids;
  let out: Written;
  switch (op.kind) {
    case 'rank':
      out = yield* writeRank(first, op.order, op.top, ctx);
      break;
    case 'compare':
      out = join(yield* each(q.metrics, (m) => (ctx.size <= SMALL_SCOPE ? writeCompare(m.ids, ctx) : writeList(m.ids, ctx))), (ms) => `${scopeText(ctx)}${ms}对比`);
      break;
    case 'trend':
      out = join(yield* each(q.metrics, (m) => (ctx.size <= SMALL_SCOPE ? writeTrend(m.ids, ctx) : writeList(m.ids, ctx))), (ms) => `${scopeText(ctx)}${ms}逐年变化`);
      break;
    case 'aggregate':
      out = yield* writeAggregate(first, op.fn, ctx);
      break;
    case 'filter':
      out = yield* writeFilter(first, op.cmp, op.value, ctx);
      break;
    default:
      out =
        ctx.size === 1
          ? yield* writeOne(q.metrics.map((m) => m.ids), ctx)
          : join(yield* each(q.metrics, (m) => writeList(m.ids, ctx)), (ms) => `${scopeText(ctx)}${ms}`);
  }
  return {
    question: q.raw,
    route: out.answered ? 'facts' : 'none',
    text: out.text.trim(),
    citations: uniqueCitations(out.citations),
    ...(out.table ? { table: firstRows(out.table, tableRows) } : {}),
  };
}

interface Written {
  text: string;
  citations: Citation[];
  /** Whether any figure of the corpus was stated (else the answer only explains its absence). */
  answered: boolean;
  /** The rows behind a text that lists reports. */
  table?: AnswerTable;
}

interface Ctx {
  q: Question;
  scope: Scope;
  store: FactSource;
  /** The scope spans several years: name each report with its year. */
  multiYear: boolean;
  /** Reports in scope. */
  size: number;
  /** Rows a table carries (its text's lines are read whatever this is). */
  tableRows: number;
}

/** Rows a list reads: those its table carries, and at least those its text shows. */
function rowsRead(ctx: Ctx): number {
  return Math.max(ctx.tableRows, MAX_LINES);
}

/** Answers of several metrics, one after the other; their tables side by side. */
function join(parts: Written[], title: (metrics: string) => string): Written {
  const table = mergeTables(parts.flatMap((p) => (p.table ? [p.table] : [])), title);
  return {
    text: parts.map((p) => p.text).join('\n\n'),
    citations: parts.flatMap((p) => p.citations),
    answered: parts.some((p) => p.answered),
    ...(table ? { table } : {}),
  };
}

function tableSource(ctx: Ctx): TableSource {
  return { store: ctx.store, years: scopeText(ctx) };
}

/** The readings of a table's first rows, for the text: its rows are queried once, for both. */
function* readingsOf(rows: Page<ValueRow>, ids: string[], ctx: Ctx): Steps<Page<Reading>> {
  const shown = rows.items.slice(0, MAX_LINES).map((x) => x.report);
  const read = yield* wait(ctx.store.readers(shown, [ids]));
  return { items: shown.map((r) => read(r, ids)), total: rows.total };
}

/** 牡丹江市教育局2020年, or 牡丹江市教育局 when the question is about one year only. */
function nameIn(r: Reading, ctx: Ctx): string {
  return nameOf(r.report, ctx);
}

function nameOf(report: Report, ctx: Ctx): string {
  return ctx.multiYear ? reportName(report) : agencyKey(report);
}

function scopeText(ctx: Ctx): string {
  return yearsText(ctx.q.years.years, ctx.q.years.phrase);
}

/** Where a metric exists (its ids together): 这一项只在2019年版模板（2019、2020年度的报告）中有. */
function templateNote(ids: readonly string[]): string {
  const t = [...new Set(ids.flatMap((id) => metric(id)?.templates ?? []))];
  if (t.length !== 1) return '';
  return t[0] === '2019'
    ? '这一项只在2019年版模板（2019、2020年度的报告）中有，2021年版模板（2021年度起）没有这一项。'
    : '这一项只在2021年版模板（2021年度起的报告）中有，2019年版模板没有这一项。';
}

const STATUS_WORDS: Record<Absence['status'], string> = {
  no_item: '模板中没有这一项',
  not_found: '报告中没有找到这一格（表格可能残缺），无法确定',
  blank: '表中未填写',
  not_applicable: '表中为“/”，不适用',
  text: '表中填的不是数字',
  unknown: '该格无法准确读取，无法确定',
};

/** Reports without a number, grouped by why: A、B（表中未填写）；C等40份（采用2021年版模板，模板中没有这一项）. */
function absentText(groups: readonly Absence[], ctx: Ctx): string {
  return groups
    .map((g) => {
      const why = g.status === 'no_item' ? `采用${g.template}年版模板，${STATUS_WORDS.no_item}` : STATUS_WORDS[g.status];
      const names = g.examples.map((r) => nameOf(r, ctx)).join('、');
      return `${names}${g.count > g.examples.length ? `等${g.count}份` : ''}（${why}）`;
    })
    .join('；');
}

/** The whole answer when no report of the scope has the figure (`groups`: the scope's reports by why, `absent`). */
function* none(ids: readonly string[], ctx: Ctx): Steps<Written> {
  return noneText(ids, yield* wait(ctx.store.absent(ids, ctx.scope)), ctx);
}

/** `none`, with the groups already read (alongside the rows that turned out to be none). */
function noneText(ids: readonly string[], groups: readonly Absence[], ctx: Ctx): Written {
  const years = scopeText(ctx);
  const agencies = [...new Set(groups.flatMap((g) => g.examples.map(agencyKey)))];
  const who = ctx.q.agencies || ctx.size === 1 ? `${listNames(agencies, 10)}${years}的报告` : `${years}${years ? '的' : ''}${ctx.size}份报告`;
  const text = [
    `${who}${ctx.size > 1 ? '都' : ''}没有“${labelOf(ids[0])}”的数字，无法回答。`,
    templateNote(ids),
    `各报告的情况：${absentText(groups, ctx)}。`,
  ].filter(Boolean).join('\n');
  return { text, citations: [], answered: false };
}

function notes(readings: readonly Reading[]): string[] {
  return readings.map((r) => disagreementText(r)).filter((x): x is string => !!x);
}

/** Several figures of one report. */
function* writeOne(idLists: string[][], ctx: Ctx): Steps<Written> {
  const [report] = yield* wait(ctx.store.reportsIn(ctx.scope));
  const read = yield* wait(ctx.store.readers([report], idLists));
  const readings = idLists.map((ids) => read(report, ids));
  const lines: string[] = [`${reportName(report)}：`];
  for (const r of readings) {
    lines.push(`· ${labelOf(r.metric)}：${valueText(r)}`);
    if (r.fact) lines.push(`  来源：${sourceOf(report, r.fact)}`);
    const d = disagreementText(r);
    if (d) lines.push(`  ${d}`);
  }
  if (readings.every((r) => r.status === 'no_item')) lines.push(templateNote([readings[0].metric]));
  return { text: lines.join('\n'), citations: citationsOf(readings), answered: readings.some((r) => r.fact) };
}

/** One metric over several reports: one line per report that states it. */
function* writeList(ids: string[], ctx: Ctx): Steps<Written> {
  // Why the others state no figure is read alongside the rows.
  const [rows, groups] = yield* wait(both(ctx.store.statedRows(ids, ctx.scope, rowsRead(ctx)), ctx.store.absent(ids, ctx.scope)));
  const page = yield* readingsOf(rows, ids, ctx);
  if (!page.total) return noneText(ids, groups, ctx);
  const id = page.items[0].metric;
  const lines = [`${scopeText(ctx)}${labelOf(id)}（${ctx.size}份报告）：`];
  for (const r of page.items) lines.push(`· ${nameIn(r, ctx)}：${valueText(r)}`);
  if (page.total > page.items.length) lines.push(`……其余${page.total - page.items.length}份从略。`);
  const absent = absentText(groups.filter((g) => g.status === 'no_item' || g.status === 'not_found'), ctx);
  if (absent) lines.push(`没有这一项的报告：${absent}。`);
  lines.push(...notes(page.items));
  const table = yield* listTable(tableSource(ctx), rows, ids, id, unitFor(id, page.items.find((r) => r.fact)?.fact));
  return { text: lines.join('\n'), citations: citationsOf(page.items.slice(0, 20)), answered: true, table };
}

function* writeRank(ids: string[], order: 'desc' | 'asc', top: number | null, ctx: Ctx): Steps<Written> {
  // A ranking of the first ranks counts the rows within them: it reads them all (ties can make them many).
  const limit = top ? TABLE_ROWS : rowsRead(ctx);
  const [rows, groups] = yield* wait(both(ctx.store.rankRows(ids, ctx.scope, order, { top, limit, reports: MAX_LINES }), ctx.store.absent(ids, ctx.scope)));
  const shown = rows.items.slice(0, MAX_LINES);
  const read = yield* wait(ctx.store.readers(shown.map((x) => x.report), [ids]));
  const page = { items: shown.map((x) => ({ rank: x.rank, reading: read(x.report, ids) })), total: rows.total };
  if (!page.total) return noneText(ids, groups, ctx);
  const ranked = page.items;
  const id = ranked[0].reading.metric;
  const amount = unitOf(id).includes('元');
  const word = order === 'desc' ? (amount ? '最高' : '最多') : amount ? '最低' : '最少';
  const first = ranked.filter((x) => x.rank === 1);
  const lines = [
    `${scopeText(ctx)}${labelOf(id)}${first.length > 1 ? '并列' : ''}${word}的是${first.map((x) => nameIn(x.reading, ctx)).join('、')}：${valueText(first[0].reading)}。`,
    `${top ? `前${top}名` : '排名'}（${order === 'desc' ? '从高到低' : '从低到高'}，${page.total}份报告有此数字）：`,
  ];
  const perRank = new Map<number, number>();
  for (const x of ranked) perRank.set(x.rank, (perRank.get(x.rank) ?? 0) + 1);
  for (const x of ranked) lines.push(`${x.rank}. ${nameIn(x.reading, ctx)} ${valueText(x.reading)}${(perRank.get(x.rank) ?? 0) > 1 ? '（并列）' : ''}`);
  const shownTop = top ? Math.min(page.total, ranked.length) : ranked.length;
  if (!top && page.total > shownTop) lines.push(`……其余${page.total - shownTop}份从略。`);
  const absent = absentText(groups, ctx);
  if (absent) lines.push(`未列入排名：${absent}。`);
  lines.push(...notes(ranked.map((x) => x.reading)));
  const table = rankingTable(tableSource(ctx), rows, id, unitFor(id, first[0].reading.fact), order, top);
  return { text: lines.join('\n'), citations: citationsOf(ranked.slice(0, 20).map((x) => x.reading)), answered: true, table };
}

function* writeCompare(ids: string[], ctx: Ctx): Steps<Written> {
  const readings = yield* wait(ctx.store.readAll(ids, ctx.scope));
  const stated = readings.find((r) => r.fact);
  if (!stated) return yield* none(ids, ctx);
  const lines = [`${scopeText(ctx)}${labelOf(stated.metric)}对比：`];
  for (const r of readings) lines.push(`· ${nameIn(r, ctx)}：${valueText(r)}`);
  const nums = readings.filter((r) => r.value !== null);
  if (nums.length === 2) {
    const [a, b] = nums;
    const diff = (a.value as number) - (b.value as number);
    lines.push(
      diff === 0
        ? `两者相同，都是${withUnit(a.value as number, a.metric, a.fact)}。`
        : `${nameIn(diff > 0 ? a : b, ctx)}比${nameIn(diff > 0 ? b : a, ctx)}多${withUnit(Math.abs(diff), a.metric, a.fact)}。`,
    );
  } else if (nums.length > 2) {
    const sorted = rank(nums, 'desc');
    lines.push(`最多的是${nameIn(sorted[0].reading, ctx)}，最少的是${nameIn(sorted[sorted.length - 1].reading, ctx)}。`);
  }
  lines.push(...notes(readings));
  const table = comparisonTable(tableSource(ctx), readings, stated.metric, unitFor(stated.metric, stated.fact));
  return { text: lines.join('\n'), citations: citationsOf(readings.slice(0, 20)), answered: true, table };
}

function* writeTrend(ids: string[], ctx: Ctx): Steps<Written> {
  const readings = yield* wait(ctx.store.readAll(ids, ctx.scope));
  const withFact = readings.filter((r) => r.fact);
  if (!withFact.length) return yield* none(ids, ctx);
  const byAgency = new Map<string, Reading[]>();
  for (const r of readings) byAgency.set(agencyKey(r.report), [...(byAgency.get(agencyKey(r.report)) ?? []), r]);
  const lines: string[] = [];
  for (const [agency, list] of [...byAgency].slice(0, 20)) {
    lines.push(`${agency} ${labelOf(ids[0])}逐年情况：`);
    for (const step of series(list)) {
      const r = step.reading;
      const change =
        step.delta === null ? '' : step.delta === 0 ? '（与上一年持平）' : `（比上一年${step.delta > 0 ? '增加' : '减少'}${withUnit(Math.abs(step.delta), r.metric, r.fact)}）`;
      lines.push(`· ${r.report.meta.year}年：${valueText(r)}${change}`);
    }
    if (list.length === 1) lines.push(`语料中该单位只有${list[0].report.meta.year}年的报告，看不出变化。`);
  }
  if (byAgency.size > 20) lines.push(`……其余${byAgency.size - 20}个单位从略。`);
  lines.push(...notes(readings));
  const table = trendTable(tableSource(ctx), readings, withFact[0].metric, unitFor(withFact[0].metric, withFact[0].fact));
  return { text: lines.join('\n'), citations: citationsOf(withFact.slice(0, 20)), answered: true, table };
}

function* writeAggregate(ids: string[], fn: 'sum' | 'avg' | 'count', ctx: Ctx): Steps<Written> {
  // The sum, the reports counted and those left out, read together.
  const [[{ count, sum }, groups], rows] = yield* wait(
    both(both(ctx.store.sum(ids, ctx.scope), ctx.store.absent(ids, ctx.scope)), ctx.store.whereRows(ids, ctx.scope, null, MAX_LINES)),
  );
  if (!count) return noneText(ids, groups, ctx);
  const counted = yield* readingsOf(rows, ids, ctx);
  const id = counted.items[0].metric;
  const years = scopeText(ctx);
  const head =
    fn === 'sum'
      ? `${years}${count}份报告的${labelOf(id)}合计：${withUnit(sum, id)}。`
      : fn === 'avg'
        ? `${years}${count}份报告的${labelOf(id)}平均：${withUnit(sum / count, id)}（合计${withUnit(sum, id)}）。`
        : `${years}有${count}份报告填有${labelOf(id)}的数字。`;
  const lines = [head, `计入：${counted.items.map((r) => `${nameIn(r, ctx)} ${valueText(r)}`).join('；')}${counted.total > counted.items.length ? `……等${counted.total}份` : ''}`];
  const absent = absentText(groups, ctx);
  if (absent) lines.push(`未计入：${absent}。`);
  lines.push(...notes(counted.items));
  return { text: lines.join('\n'), citations: citationsOf(counted.items.slice(0, 20)), answered: true };
}

const CMP_WORDS: Record<Comparison, string> = { '>': '大于', '>=': '不少于', '<': '小于', '<=': '不超过', '=': '等于' };

function* writeFilter(ids: string[], cmp: Comparison, value: number, ctx: Ctx): Steps<Written> {
  const [[{ count }, groups], rows] = yield* wait(
    both(both(ctx.store.sum(ids, ctx.scope), ctx.store.absent(ids, ctx.scope)), ctx.store.whereRows(ids, ctx.scope, { cmp, value }, rowsRead(ctx), MAX_LINES)),
  );
  if (!count) return noneText(ids, groups, ctx);
  const page = yield* readingsOf(rows, ids, ctx);
  const id = page.items[0]?.metric ?? ids[0];
  const years = scopeText(ctx);
  const cond = `${labelOf(id)}${CMP_WORDS[cmp]}${value === 0 ? '0' : withUnit(value, id)}`;
  const lines = [page.total ? `${years}${cond}的有${page.total}份报告：` : `${years}没有${cond}的报告（共查看${ctx.size}份报告）。`];
  for (const r of page.items) lines.push(`· ${nameIn(r, ctx)}：${valueText(r)}`);
  if (page.total > page.items.length) lines.push(`……其余${page.total - page.items.length}份从略。`);
  const absent = absentText(groups, ctx);
  if (absent) lines.push(`无法判断：${absent}。`);
  lines.push(...notes(page.items));
  const unit = unitFor(id, page.items.find((r) => r.fact)?.fact);
  const table = page.total ? filterTable(tableSource(ctx), rows, id, unit, cond) : undefined;
  return { text: lines.join('\n'), citations: citationsOf(page.items.slice(0, 20)), answered: true, ...(table ? { table } : {}) };
}
