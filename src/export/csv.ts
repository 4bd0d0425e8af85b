import type { AnswerTable, TableCell, TableKind } from '../query/answer.js';

/**
 * An answer's table as a CSV file for a spreadsheet: RFC 4180 (fields with a comma, quote or line
 * break quoted, quotes doubled, CRLF between records) in UTF-8 with a byte order mark, without
 * which Excel reads Chinese as GBK and garbles it.
 *
 * @example
 * tableCsv(answer.table).toString('utf8') // '\uFEFF名次,单位,年度,…\r\n1,牡丹江市教育局,2020,2896.642\r\n…'
 */
export function tableCsv(table: Pick<AnswerTable, 'columns' | 'rows'>): Buffer {
  const records = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${records.join('\r\n')}\r\n`, 'utf8');
}

/** One field: numbers as written, null as empty, text quoted when it must be. */
export function csvField(cell: TableCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  // A spreadsheet runs a field starting with = + - @ as a formula: text from a report is never one.
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const KIND_WORDS: Record<TableKind, string> = { ranking: '排名', comparison: '对比', trend: '趋势', list: '列表', filter: '筛选' };

/**
 * A file name that says what the table is: 排名_行政许可处理决定数量_2020.csv. Years come from
 * the table's 年度 column (2019-2021 for a run of years); characters no file system allows are
 * dropped.
 */
export function csvFileName(table: Pick<AnswerTable, 'kind' | 'metric' | 'columns' | 'rows'>): string {
  const metric = table.metric.replace(/[\s\\/:*?"<>|（）()]+/g, '').slice(0, 30);
  const years = yearsOf(table);
  return `${[KIND_WORDS[table.kind], metric, years].filter(Boolean).join('_')}.csv`;
}

function yearsOf(table: Pick<AnswerTable, 'columns' | 'rows'>): string {
  const at = table.columns.indexOf('年度');
  if (at < 0) return '';
  const years = [...new Set(table.rows.map((r) => r[at]).filter((y): y is number => typeof y === 'number'))].sort((a, b) => a - b);
  if (years.length === 0) return '';
  if (years.length === 1) return String(years[0]);
  const run = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  return run ? `${years[0]}-${years[years.length - 1]}` : years.join('_');
}
