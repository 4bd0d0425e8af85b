import type { AnswerTable, TableCell } from '../query/answer.js';
import { yearsText } from '../query/format.js';

/** Fewer figures than this read better as text than as a picture. */
export const MIN_CHART_VALUES = 3;
/** Bars drawn at most (the text lists as many lines). */
export const MAX_BARS = 100;
/** Lines of a trend drawn at most: more cannot be told apart. */
export const MAX_LINES = 10;

/** What a chart shows, before it is drawn: bars (ranking, comparison) or lines over the years (trend). */
export type ChartPlan =
  | { type: 'bar'; title: string; source: string; unit: string; bars: { label: string; value: number }[] }
  | { type: 'line'; title: string; source: string; unit: string; years: number[]; lines: { name: string; values: (number | null)[] }[] };

/**
 * The chart of an answer's table, or null when a picture would not help: a ranking or comparison
 * as bars, a trend as lines, of one figure with at least `MIN_CHART_VALUES` numbers (a trend:
 * some agency over at least two years). Rows without a number are left out and the source line
 * says how many; a table carrying its first rows only (`rows` fewer than `total`) is drawn from
 * those, and the source line says so.
 */
export function chartPlan(table: AnswerTable): ChartPlan | null {
  const year = table.columns.indexOf('年度');
  const agency = table.columns.indexOf('单位');
  if (year < 0 || agency < 0) return null;
  if (table.kind === 'ranking' && table.columns.length === 4) return barPlan(table, agency, year, 3);
  if (table.kind === 'comparison' && table.columns.length === 3) return barPlan(table, agency, year, 2);
  if (table.kind === 'trend' && table.columns.length === 4) return linePlan(table, agency, year);
  return null;
}

function barPlan(table: AnswerTable, agency: number, year: number, figure: number): ChartPlan | null {
  const numbered = table.rows.filter((r) => isNumber(r[figure]));
  if (numbered.length < MIN_CHART_VALUES) return null;
  const years = new Set(table.rows.map((r) => r[year]));
  const shown = numbered.slice(0, MAX_BARS);
  const unnumbered = table.rows.length - numbered.length;
  const notes = [
    unnumbered > 0 ? `${unnumbered}份没有数字，未画出` : '',
    shown.length < numbered.length ? `图中为前${shown.length}份` : '',
  ];
  return {
    type: 'bar',
    title: table.title,
    source: sourceLine(table, agency, year, notes),
    unit: table.unit,
    bars: shown.map((r) => ({ label: years.size > 1 ? `${r[agency]} ${r[year]}年` : String(r[agency]), value: r[figure] as number })),
  };
}

function linePlan(table: AnswerTable, agency: number, year: number): ChartPlan | null {
  const figure = 2;
  const years = [...new Set(table.rows.map((r) => r[year]).filter(isNumber))].sort((a, b) => a - b);
  const byAgency = new Map<string, (number | null)[]>();
  for (const r of table.rows) {
    const values = byAgency.get(String(r[agency])) ?? years.map(() => null);
    values[years.indexOf(r[year] as number)] = isNumber(r[figure]) ? r[figure] : null;
    byAgency.set(String(r[agency]), values);
  }
  const lines = [...byAgency].map(([name, values]) => ({ name, values })).filter((l) => l.values.filter(isNumber).length >= 2);
  const count = lines.reduce((n, l) => n + l.values.filter(isNumber).length, 0);
  if (lines.length === 0 || count < MIN_CHART_VALUES) return null;
  const shown = lines.slice(0, MAX_LINES);
  const notes = [shown.length < byAgency.size ? `图中为${shown.length}个单位，共${byAgency.size}个` : ''];
  return { type: 'line', title: table.title, source: sourceLine(table, agency, year, notes), unit: table.unit, years, lines: shown };
}

/**
 * 来源：5个单位的政府信息公开工作年度报告（2020–2023年，共5份）; of a table carrying its first
 * rows only, the units and years of those: 来源：100个单位的…（2023年，共10000份中的前100份…）.
 */
function sourceLine(table: AnswerTable, agency: number, year: number, notes: string[]): string {
  const agencies = new Set(table.rows.map((r) => r[agency])).size;
  const years = [...new Set(table.rows.map((r) => r[year]).filter(isNumber))].sort((a, b) => a - b);
  const extra = notes.filter(Boolean).map((n) => `；${n}`).join('');
  const count = table.rows.length < table.total ? `共${table.total}份中的前${table.rows.length}份` : `共${table.total}份`;
  return `来源：${agencies}个单位的政府信息公开工作年度报告（${yearsText(years)}，${count}${extra}）`;
}

const isNumber = (c: TableCell): c is number => typeof c === 'number' && Number.isFinite(c);
