import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS, type TableNo, type TemplateVersion } from '../../../src/facts/metrics.js';
import type { GoldFacts, GoldValue } from './gold.js';
import type { Rng } from './random.js';
import { caseCell, rowsOf } from './tables.js';
import * as T from './template.js';

/**
 * The three tables as grids of cells with rowspan/colspan, the way the Word or web original has
 * them. Every layout renders from these grids: HTML keeps the spans, text layouts flatten them
 * the way an extraction would.
 */
export type CellRole = 'title' | 'header' | 'label' | 'value' | 'note';

export interface GridCell {
  text: string;
  role: CellRole;
  rowspan: number;
  colspan: number;
  /** The metric of a value cell. */
  metric?: string;
}

export interface TableGrid {
  table: TableNo;
  width: number;
  rows: GridCell[][];
}

/** How amounts are printed: "2896.642" under "（万元）", "258.3万元" in the cell, four decimals, or 元. */
export type AmountStyle = 'plain' | 'cell_unit' | 'four_decimals' | 'yuan';

export interface GridStyle {
  amount: AmountStyle;
  /** 2021 reports that keep the old row name "规范性文件". */
  oldDocsName: boolean;
  /** How "/" cells are printed. */
  notApplicable: string;
}

export function drawGridStyle(rng: Rng): GridStyle {
  return {
    amount: rng.weighted([['plain', 55], ['cell_unit', 15], ['four_decimals', 20], ['yuan', 10]] as const),
    oldDocsName: rng.chance(0.15),
    notApplicable: rng.weighted([['/', 80], ['／', 8], ['—', 6], ['不涉及', 6]] as const),
  };
}

const cell = (text: string, role: CellRole, colspan = 1, rowspan = 1, metric?: string): GridCell => ({ text, role, rowspan, colspan, ...(metric ? { metric } : {}) });

/** A figure with at most four decimals, without trailing zeros or exponent. */
export function plainNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

/** The printed text of one cell. */
export function cellText(value: GoldValue, metric: string, style: GridStyle): string {
  if (value === null) return '';
  if (value === 'n/a') return style.notApplicable;
  if (typeof value === 'string') return value.slice('text:'.length);
  if (!T.isAmount(metric)) return String(value);
  switch (style.amount) {
    case 'cell_unit':
      return value === 0 ? '0' : `${plainNumber(value)}万元`;
    case 'four_decimals':
      return value.toFixed(4);
    case 'yuan':
      return String(Math.round(value * 10_000));
    default:
      return plainNumber(value);
  }
}

function amountHeader(metric: string, template: TemplateVersion, style: GridStyle): string {
  const base = T.table1Header(metric, template);
  switch (style.amount) {
    case 'four_decimals':
      return `${base}（万元，保留四位小数）`;
    case 'yuan':
      return template === '2021' ? `${base}（单位：元）` : `${base}（元）`;
    case 'cell_unit':
      return base;
    default:
      return template === '2021' ? `${base}（单位：万元）` : base;
  }
}

interface Table1Item {
  title: GridCell;
  columns: readonly string[];
  rows: { key: string; columns: readonly string[] }[];
}

const table1Items = memoByTemplate((template): Table1Item[] => {
  const rows = new Map(rowsOf(1, template).map((r) => [r.key, r]));
  return T.TABLE1_ITEMS.flatMap((item) => {
    const present = item.rows.map((k) => rows.get(k)).filter((r) => r !== undefined);
    if (present.length === 0) return [];
    return [{ title: cell(item.item, 'title', 4), columns: present[0].columns, rows: present.map((r) => ({ key: r.key, columns: r.columns })) }];
  });
});

function table1(facts: GoldFacts, template: TemplateVersion, style: GridStyle): TableGrid {
  const out: GridCell[][] = [];
  for (const item of table1Items(template)) {
    const n = item.columns.length;
    const fill = (i: number) => (i === n - 1 ? 4 - n : 1);
    out.push([item.title]);
    out.push([cell('信息内容', 'header'), ...item.columns.map((m, i) => cell(T.isAmount(m) ? amountHeader(m, template, style) : T.table1Header(m, template), 'header', fill(i)))]);
    for (const row of item.rows) {
      out.push([
        cell(T.table1Label(row.key, template, style.oldDocsName), 'label'),
        ...row.columns.map((m, i) => cell(cellText(facts[m] ?? null, m, style), 'value', fill(i), 1, m)),
      ]);
    }
  }
  return { table: 1, width: 4, rows: out };
}

function valueCells(facts: GoldFacts, columns: readonly string[], style: GridStyle): GridCell[] {
  return columns.map((m) => cell(cellText(facts[m] ?? null, m, style), 'value', 1, 1, m));
}

const TABLE2_HEAD: readonly GridCell[][] = [
  [cell(T.TABLE2_NOTE, 'note', 3, 3), cell('申请人情况', 'header', 7)],
  [cell(T.APPLICANT_HEADERS.natural_person, 'header', 1, 2), cell('法人或其他组织', 'header', 5), cell(T.APPLICANT_HEADERS.total, 'header', 1, 2)],
  APPLICANT_COLUMNS.slice(1, 6).map((c) => cell(T.APPLICANT_HEADERS[c], 'header')),
];

/** The label cells that open each row of table 2 (merged labels on the first row they cover). */
const table2Labels = memoByTemplate((template) => {
  const rows = rowsOf(2, template);
  const results = rows.filter((r) => !T.NON_RESULT_ROWS.has(T.requestRowName(r.key)) || T.requestRowName(r.key) === 'total_processed');
  const groupSize = new Map<string, number>();
  for (const r of rows) {
    const g = T.requestGroup(r.key, template);
    if (g !== null) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  }
  let inResults = 0;
  let lastGroup: string | null = null;
  return rows.map((row) => {
    const name = T.requestRowName(row.key);
    const label = T.requestLabel(row.key);
    if (name === 'new' || name === 'carried_over' || name === 'carried_forward') return { columns: row.columns, labels: [cell(label, 'label', 3)] };
    const lead: GridCell[] = inResults++ === 0 ? [cell('三、本年度办理结果', 'label', 1, results.length)] : [];
    const group = T.requestGroup(row.key, template);
    const groupCell = group !== null && group !== lastGroup ? [cell(T.REQUEST_GROUPS[group], 'label', 1, groupSize.get(group))] : [];
    lastGroup = group;
    return { columns: row.columns, labels: [...lead, ...groupCell, cell(label, 'label', group === null ? 2 : 1)] };
  });
});

function table2(facts: GoldFacts, template: TemplateVersion, style: GridStyle): TableGrid {
  const rows = table2Labels(template).map((r) => [...r.labels, ...valueCells(facts, r.columns, style)]);
  return { table: 2, width: 10, rows: [...TABLE2_HEAD, ...rows] };
}

const OUTCOME_LABELS = OUTCOME_COLUMNS.map((o) => T.OUTCOME_HEADERS[o]);
const TABLE3_HEAD: readonly GridCell[][] = [
  [cell(T.CASE_HEADERS.review, 'header', 5), cell('行政诉讼', 'header', 10)],
  [...OUTCOME_LABELS.map((h) => cell(h, 'header', 1, 2)), cell(T.CASE_HEADERS.litigation_direct, 'header', 5), cell(T.CASE_HEADERS.litigation_after_review, 'header', 5)],
  [...OUTCOME_LABELS, ...OUTCOME_LABELS].map((h) => cell(h, 'header')),
];
const TABLE3_IDS = CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => caseCell(k, o)));

function table3(facts: GoldFacts, style: GridStyle): TableGrid {
  return { table: 3, width: 15, rows: [...TABLE3_HEAD, valueCells(facts, TABLE3_IDS, style)] };
}

function memoByTemplate<X>(make: (template: TemplateVersion) => X): (template: TemplateVersion) => X {
  const cache = new Map<TemplateVersion, X>();
  return (template) => {
    let v = cache.get(template);
    if (v === undefined) cache.set(template, (v = make(template)));
    return v;
  };
}

/** The three tables of a report as grids. */
export function buildGrids(facts: GoldFacts, template: TemplateVersion, style: GridStyle): TableGrid[] {
  return [table1(facts, template, style), table2(facts, template, style), table3(facts, style)];
}

/** A position of the flattened grid: the cell starting there, or what covers it. */
export interface Slot {
  cell: GridCell;
  /** 'start' where the cell begins; 'down' under a rowspan; 'right' beside a colspan. */
  at: 'start' | 'down' | 'right';
  /** Whether this is the first column of the cell. */
  first: boolean;
  /** The row where the cell starts. */
  top: number;
}

/** The grid as a full matrix (width × rows), spans resolved. */
export function expand(grid: TableGrid): Slot[][] {
  const matrix: Slot[][] = [];
  for (let r = 0; r < grid.rows.length; r++) matrix.push(new Array<Slot>(grid.width));
  for (let r = 0; r < grid.rows.length; r++) {
    let c = 0;
    for (const gc of grid.rows[r]) {
      while (matrix[r][c] !== undefined) c++;
      for (let dr = 0; dr < gc.rowspan; dr++) {
        for (let dc = 0; dc < gc.colspan; dc++) {
          matrix[r + dr][c + dc] = { cell: gc, at: dr === 0 ? (dc === 0 ? 'start' : 'right') : 'down', first: dc === 0, top: r };
        }
      }
      c += gc.colspan;
    }
  }
  for (let r = 0; r < matrix.length; r++) {
    for (let c = 0; c < grid.width; c++) {
      if (matrix[r][c] === undefined) throw new Error(`grid of table ${grid.table} has a hole at row ${r}, column ${c}`);
    }
  }
  return matrix;
}
