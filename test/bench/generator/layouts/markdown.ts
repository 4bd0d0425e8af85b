import { APPLICANT_COLUMNS, OUTCOME_COLUMNS } from '../../../../src/facts/metrics.js';
import { expand, type GridCell, type TableGrid } from '../grid.js';
import type { Rng } from '../random.js';
import * as T from '../template.js';

/**
 * Markdown pipe tables, as PDF and OCR converters write them. `grid`: each table one pipe table
 * of the flattened grid. `sectioned` (shuyang-xzf-2025): table 1 cut into one small table per
 * 第二十条 item, table 2 into one per result group, table 3 into one per case kind, each under
 * a "###" heading.
 */
export type MarkdownVariant = 'grid' | 'sectioned';

export function drawMarkdownVariant(rng: Rng): MarkdownVariant {
  return rng.chance(0.5) ? 'grid' : 'sectioned';
}

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function pipeTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [pipeRow(header), `|${' --- |'.repeat(header.length)}`, ...rows.map(pipeRow)].join('\n');
}

function gridTable(grid: TableGrid): string {
  const matrix = expand(grid).map((row) => row.map((s) => (s.at === 'start' ? s.cell.text : '')));
  return pipeTable(matrix[0], matrix.slice(1));
}

/** Label and value texts of each data row of a grid (rows with at least one value cell). */
function dataRows(grid: TableGrid): { labels: string[]; values: string[] }[] {
  return grid.rows
    .filter((row) => row.some((c) => c.role === 'value'))
    .map((row) => ({
      labels: row.filter((c: GridCell) => c.role === 'label').map((c) => c.text),
      values: row.filter((c: GridCell) => c.role === 'value').map((c) => c.text),
    }));
}

function sectionedTable1(grid: TableGrid): string {
  const parts: string[] = [];
  let header: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (header.length > 0) parts.push(pipeTable(header, rows));
    header = [];
    rows = [];
  };
  for (const row of grid.rows) {
    const first = row[0];
    if (first.role === 'title') {
      flush();
      parts.push(`### ${first.text}`);
    } else if (first.role === 'header') header = row.map((c) => c.text);
    else rows.push(row.map((c) => c.text));
  }
  flush();
  return parts.join('\n\n');
}

function sectionedTable2(grid: TableGrid): string {
  const header = ['项目', ...APPLICANT_COLUMNS.map((c) => T.APPLICANT_HEADERS[c])];
  const parts: string[] = [T.TABLE2_NOTE];
  let heading: string | null = null;
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length > 0) parts.push([...(heading ? [`### ${heading}`] : []), pipeTable(header, rows)].join('\n'));
    rows = [];
  };
  for (const { labels, values } of dataRows(grid)) {
    // The group label ((三)不予公开 …) stands on the first row of its group; "三、本年度办理结果" is dropped.
    const own = labels.filter((l) => l !== '三、本年度办理结果');
    const group = own.length > 1 ? own[0] : null;
    if (group !== null || (heading !== null && own.length === 1 && !/^\d/.test(own[0]))) {
      flush();
      heading = group;
    }
    rows.push([own[own.length - 1], ...values]);
  }
  flush();
  return parts.join('\n\n');
}

function sectionedTable3(grid: TableGrid): string {
  const values = dataRows(grid)[0].values;
  const header = OUTCOME_COLUMNS.map((o) => T.OUTCOME_HEADERS[o]);
  const names = ['行政复议', `行政诉讼（${T.CASE_HEADERS.litigation_direct}）`, `行政诉讼（${T.CASE_HEADERS.litigation_after_review}）`];
  return names.map((name, k) => `### ${name}\n${pipeTable(header, [values.slice(k * 5, k * 5 + 5)])}`).join('\n\n');
}

export function renderMarkdown(grid: TableGrid, variant: MarkdownVariant): string {
  if (variant === 'grid') return gridTable(grid);
  if (grid.table === 1) return sectionedTable1(grid);
  if (grid.table === 2) return sectionedTable2(grid);
  return sectionedTable3(grid);
}
