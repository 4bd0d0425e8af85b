import { series } from '../facts/queries.js';
import type { FactSource } from '../facts/fact-source.js';
import { agencyKey, type Page, type RankedRow, type Reading, type ValueRow } from '../facts/store.js';
import type { AnswerTable, TableCell, TableKind } from './answer.js';
import { clip, formatNumber, labelOf } from './format.js';
import { wait, type Steps } from './later.js';

/**
 * The rows behind the fact answers that list reports (see `AnswerTable`). They are the rows of
 * the same store queries as the answers' text (`rankRows`, `statedRows`, `whereRows`, up to
 * `TABLE_ROWS`), in the same order, so a row of the table is a line of the text; only the text
 * stops at its first hundred lines.
 */

/** What a table is made with: the store (to say why a listed report has no number) and the question's years. */
export interface TableSource {
  store: FactSource;
  /** The years of the question in words ("2020年"), '' for all. */
  years: string;
}

/** Columns that name a row (单位, 年度 …); the rest are figures. */
const KEY_COLUMNS: Record<TableKind, number> = { ranking: 3, comparison: 2, trend: 2, list: 2, filter: 2 };

/** A figure's column: "政府集中采购 采购总金额（万元）". */
export function figureColumn(label: string, unit: string): string {
  return unit ? `${label}（${unit}）` : label;
}

const STATUS_CELLS: Record<Exclude<Reading['status'], 'number'>, string> = {
  blank: '未填写',
  not_applicable: '不适用',
  text: '非数字',
  unknown: '无法确定',
  no_item: '模板无此项',
  not_found: '未找到',
};

/** A reading as a cell: its number, or the words for why there is none (never 0 for a blank). */
export function cellOf(r: Reading): TableCell {
  if (r.status === 'number') return r.value;
  if (r.status === 'text' && r.fact?.value.kind === 'text') return `填写“${clip(r.fact.value.text, 20)}”`;
  return STATUS_CELLS[r.status];
}

/** Every ranked report of the scope: 名次, 单位, 年度, the figure. */
export function rankingTable(src: TableSource, page: Page<RankedRow>, id: string, unit: string, order: 'desc' | 'asc', top: number | null): AnswerTable {
  const label = labelOf(id);
  const cut = top ? `前${top}名` : '排名';
  return {
    kind: 'ranking',
    title: `${src.years}${label}${cut}${order === 'asc' ? '（从低到高）' : ''}`,
    metric: label,
    unit,
    columns: ['名次', '单位', '年度', figureColumn(label, unit)],
    rows: [...page.items.map((x): TableCell[] => [x.rank, agencyKey(x.report), x.report.meta.year, x.value]), ...restOf(page, true)],
    total: top ? page.items.length + (page.rest?.values.length ?? 0) : page.total,
  };
}

/** One row per reading (a comparison of a small scope): 单位, 年度, the figure or why there is none. */
export function comparisonTable(src: TableSource, readings: readonly Reading[], id: string, unit: string): AnswerTable {
  const label = labelOf(id);
  return {
    kind: 'comparison',
    title: `${src.years}${label}对比`,
    metric: label,
    unit,
    columns: ['单位', '年度', figureColumn(label, unit)],
    rows: readings.map((r) => [agencyKey(r.report), r.report.meta.year, cellOf(r)]),
    total: readings.length,
  };
}

/** Each agency year by year, with the change from its previous figure. */
export function trendTable(src: TableSource, readings: readonly Reading[], id: string, unit: string): AnswerTable {
  const label = labelOf(id);
  const byAgency = new Map<string, Reading[]>();
  for (const r of readings) byAgency.set(agencyKey(r.report), [...(byAgency.get(agencyKey(r.report)) ?? []), r]);
  const rows: TableCell[][] = [];
  for (const [agency, list] of byAgency) {
    for (const step of series(list)) rows.push([agency, step.reading.report.meta.year, cellOf(step.reading), step.delta === null ? null : Number(formatNumber(step.delta))]);
  }
  return {
    kind: 'trend',
    title: `${src.years}${label}逐年变化`,
    metric: label,
    unit,
    columns: ['单位', '年度', figureColumn(label, unit), figureColumn(`${label}比上一年增减`, unit)],
    rows,
    total: rows.length,
  };
}

/** Every report of the scope that states the metric, in report order. */
export function* listTable(src: TableSource, page: Page<ValueRow>, ids: string[], id: string, unit: string): Steps<AnswerTable> {
  const label = labelOf(id);
  const unnumbered = page.items.filter((x) => Number.isNaN(x.value)).map((x) => x.report);
  const read = yield* wait(src.store.readers(unnumbered, [ids]));
  return {
    kind: 'list',
    title: `${src.years}${label}`,
    metric: label,
    unit,
    columns: ['单位', '年度', figureColumn(label, unit)],
    // A cell without a number is read to say why (few are): the others cost no fact read.
    rows: page.items.map((x) => [agencyKey(x.report), x.report.meta.year, Number.isNaN(x.value) ? cellOf(read(x.report, ids)) : x.value]),
    total: page.total,
  };
}

/** The reports whose figure passes a filter, in report order. */
export function filterTable(src: TableSource, page: Page<ValueRow>, id: string, unit: string, condition: string): AnswerTable {
  const label = labelOf(id);
  return {
    kind: 'filter',
    title: `${src.years}${condition}的报告`,
    metric: label,
    unit,
    columns: ['单位', '年度', figureColumn(label, unit)],
    rows: [...page.items.map((x): TableCell[] => [agencyKey(x.report), x.report.meta.year, x.value]), ...restOf(page, false)],
    total: page.total,
  };
}

/** A table's first `n` rows (`total` still counts them all): what an answer carries when asked for fewer (`AskOptions`). */
export function firstRows(table: AnswerTable, n: number): AnswerTable {
  return table.rows.length <= n ? table : { ...table, rows: table.rows.slice(0, n) };
}

/** The rows of a page's `rest`: [名次,] 单位, 年度, the figure. */
function restOf(page: Page<unknown>, ranked: boolean): TableCell[][] {
  const r = page.rest;
  if (!r) return [];
  return r.agencies.map((agency, k) => (ranked ? [r.ranks?.[k] ?? null, agency, r.years[k], r.values[k]] : [agency, r.years[k], r.values[k]]));
}

/**
 * Tables of several metrics over the same reports (a comparison of two figures) as one wide
 * table: the rows' names once, then each metric's columns. Tables whose rows differ are not
 * merged: the first stands for them.
 */
export function mergeTables(tables: readonly AnswerTable[], title: (metrics: string) => string): AnswerTable | undefined {
  const [first, ...rest] = tables;
  if (first === undefined || rest.length === 0) return first;
  const keys = KEY_COLUMNS[first.kind];
  const keyOf = (row: readonly TableCell[]) => JSON.stringify(row.slice(0, keys));
  const sameRows = (t: AnswerTable) =>
    t.kind === first.kind && t.rows.length === first.rows.length && t.rows.every((row, i) => keyOf(row) === keyOf(first.rows[i] as TableCell[]));
  if (!rest.every(sameRows)) return first;
  const metrics = tables.map((t) => t.metric).join('、');
  return {
    ...first,
    title: title(metrics),
    unit: tables.every((t) => t.unit === first.unit) ? first.unit : '',
    columns: [...first.columns, ...rest.flatMap((t) => t.columns.slice(keys))],
    rows: first.rows.map((row, i) => [...row, ...rest.flatMap((t) => (t.rows[i] as TableCell[]).slice(keys))]),
  };
}
