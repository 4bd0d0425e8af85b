import { expand, type GridCell, type TableGrid } from '../grid.js';
import type { Rng } from '../random.js';

/**
 * Text as `pdftotext -layout` gives it for a PDF that Word or WPS made (hongze-qzf-2023,
 * huaian-szf-2024): cells stand at the x positions of their columns, padded with spaces; a label
 * wraps inside its cell over several lines, and a label that spans rows (（三）不予公开 over its
 * eight sub-rows, 三、本年度办理结果 one character a line) is centred across them, so its
 * fragments interleave with the sub-rows' numbers. A page break may fall inside a table: a
 * footer ("- 3 -", "第 3 页", "3 / 8"), a form feed, another left margin, and table 2's header
 * printed again on the new page.
 */
export interface PdfVariant {
  /** Characters a line in the columns of table 2's labels: 三、本年度办理结果, the groups, the rows. */
  resultWidth: number;
  groupWidth: number;
  leafWidth: number;
  /** Characters a line of table 1's 信息内容 column. */
  table1Width: number;
  valueWidth: number;
  /** Characters a line of a one-column header ("商业\n企业"). */
  headerWidth: number;
  /** Table 1's 第二十条 items as a column spanning their rows instead of a title row. */
  itemColumn: boolean;
  /** A blank line between table rows. */
  rowGap: boolean;
  /** Where a row's numbers stand beside a label of several lines. */
  values: 'top' | 'middle' | 'between';
  /** Tables with a page break inside (1, 2, 3). */
  breaks: readonly boolean[];
  footer: Footer;
  /** The page number stands at the top of the new page rather than the foot of the old one. */
  numberOnTop: boolean;
  /** Table 2's header rows printed again after a page break (Word's "repeat header rows"). */
  repeatHeader: boolean;
}

export type Footer = 'dash' | 'tight-dash' | 'em-dash' | 'page' | 'page-of' | 'slash' | 'bare';

const FOOTERS: readonly (readonly [Footer, number])[] = [
  ['dash', 3],
  ['tight-dash', 2],
  ['em-dash', 1],
  ['page', 2],
  ['page-of', 1],
  ['slash', 2],
  ['bare', 1],
];

export function drawPdfVariant(rng: Rng): PdfVariant {
  return {
    resultWidth: rng.int(1, 3),
    groupWidth: rng.int(3, 5),
    leafWidth: rng.int(8, 16),
    table1Width: rng.int(5, 10),
    valueWidth: rng.int(4, 8),
    headerWidth: rng.int(2, 4),
    itemColumn: rng.chance(0.35),
    rowGap: rng.chance(0.5),
    values: rng.weighted([['top', 1], ['middle', 2], ['between', 1]] as const),
    breaks: [rng.chance(0.3), rng.chance(0.75), rng.chance(0.3)],
    footer: rng.weighted(FOOTERS),
    numberOnTop: rng.chance(0.15),
    repeatHeader: rng.chance(0.4),
  };
}

export function pdfVariantName(v: PdfVariant): string {
  const flags = [`leaf-${v.leafWidth}`, `result-${v.resultWidth}`, `values-${v.values}`, `footer-${v.footer}`];
  if (v.itemColumn) flags.push('item-column');
  if (v.rowGap) flags.push('row-gap');
  if (v.breaks.some(Boolean)) flags.push(`breaks-${v.breaks.map((b, i) => (b ? i + 1 : '')).join('')}`);
  if (v.numberOnTop) flags.push('number-on-top');
  if (v.repeatHeader) flags.push('repeat-header');
  return flags.join('+');
}

export function footerText(style: Footer, page: number, pages: number): string {
  switch (style) {
    case 'dash':
      return `- ${page} -`;
    case 'tight-dash':
      return `-${page}-`;
    case 'em-dash':
      return `— ${page} —`;
    case 'page':
      return `第 ${page} 页`;
    case 'page-of':
      return `第${page}页 共${pages}页`;
    case 'slash':
      return `${page} / ${pages}`;
    case 'bare':
      return String(page);
  }
}

/** A fragment of text at a column position on one line of the table. */
interface Fragment {
  line: number;
  x: number;
  text: string;
}

/** Table 1 with each 第二十条 item as a left column spanning its header and rows. */
function withItemColumn(grid: TableGrid): TableGrid {
  const rows: GridCell[][] = [];
  let i = 0;
  while (i < grid.rows.length) {
    const title = grid.rows[i][0];
    let j = i + 1;
    while (j < grid.rows.length && grid.rows[j][0].role !== 'title') j++;
    const span = j - i - 1;
    grid.rows.slice(i + 1, j).forEach((row, k) => rows.push(k === 0 ? [{ ...title, role: 'label', colspan: 1, rowspan: span }, ...row] : row));
    i = j;
  }
  return { table: 1, width: grid.width + 1, rows };
}

function columnWidths(grid: TableGrid, v: PdfVariant, rng: Rng): number[] {
  if (grid.table === 2) return [v.resultWidth, v.groupWidth, v.leafWidth, ...Array.from({ length: 7 }, () => v.valueWidth)];
  if (grid.table === 3) return Array.from({ length: 15 }, () => Math.max(3, v.valueWidth - 2));
  const values = Array.from({ length: 3 }, () => v.valueWidth + rng.int(2, 6));
  return grid.width === 5 ? [v.groupWidth + 2, v.table1Width, ...values] : [v.table1Width, ...values];
}

/** Cuts a cell's text into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  if (text === '') return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

interface Laid {
  fragments: Fragment[];
  /** First line of each grid row, and one past the last line of the table. */
  rowTop: number[];
}

function layOut(grid: TableGrid, v: PdfVariant, widths: number[]): Laid {
  const matrix = expand(grid);
  const x: number[] = [];
  widths.reduce((at, w, i) => ((x[i] = at), at + w + 2), 0);
  const span = (c: number, n: number) => widths.slice(c, c + n).reduce((a, w) => a + w, 0) + 2 * (n - 1);
  const starts: { cell: GridCell; r: number; c: number; lines: string[] }[] = [];
  matrix.forEach((row, r) =>
    row.forEach((slot, c) => {
      if (slot.at !== 'start') return;
      const cell = slot.cell;
      const width = cell.role === 'header' && cell.colspan === 1 ? Math.min(widths[c], v.headerWidth) : span(c, cell.colspan);
      starts.push({ cell, r, c, lines: cell.role === 'value' ? (cell.text === '' ? [] : [cell.text]) : wrap(cell.text, Math.max(1, width)) });
    }),
  );
  // Row heights: the tallest cell of the row; a spanning cell's rest goes to its last row.
  const between = (s: (typeof starts)[number]) => v.values === 'between' && s.cell.role === 'label' && s.cell.rowspan === 1 && s.lines.length >= 2 && matrix[s.r].some((x) => x.cell.role === 'value');
  const height = matrix.map(() => 1);
  for (const s of starts) if (s.cell.rowspan === 1) height[s.r] = Math.max(height[s.r], s.lines.length + (between(s) ? 1 : 0));
  const gap = v.rowGap ? 1 : 0;
  for (const s of starts.filter((t) => t.cell.rowspan > 1)) {
    const rows = height.slice(s.r, s.r + s.cell.rowspan);
    const have = rows.reduce((a, h) => a + h, 0) + gap * (rows.length - 1);
    if (s.lines.length > have) height[s.r + s.cell.rowspan - 1] += s.lines.length - have;
  }
  const rowTop: number[] = [];
  height.reduce((at, h, r) => ((rowTop[r] = at), at + h + gap), 0);
  rowTop.push(rowTop[height.length - 1] + height[height.length - 1]);

  const fragments: Fragment[] = [];
  for (const s of starts) {
    const top = rowTop[s.r];
    const bottom = rowTop[s.r + s.cell.rowspan - 1] + height[s.r + s.cell.rowspan - 1];
    const room = bottom - top;
    if (s.cell.role === 'value') {
      if (s.lines.length === 0) continue;
      const at = v.values === 'top' ? 0 : Math.floor((room - 1) / 2);
      const w = span(s.c, s.cell.colspan);
      fragments.push({ line: top + at, x: x[s.c] + Math.max(0, Math.floor((w - s.lines[0].length) / 2)), text: s.lines[0] });
      continue;
    }
    const lines = s.lines;
    const skip = between(s) ? Math.ceil(lines.length / 2) : -1;
    const used = lines.length + (skip >= 0 ? 1 : 0);
    const first = top + Math.floor((room - used) / 2);
    const indent = s.cell.role === 'title' || s.cell.role === 'header' ? Math.max(0, Math.floor((span(s.c, s.cell.colspan) - lines[0].length * 2) / 2)) : 0;
    lines.forEach((text, k) => fragments.push({ line: first + k + (skip >= 0 && k >= skip ? 1 : 0), x: x[s.c] + indent, text }));
  }
  return { fragments, rowTop };
}

/** One line of fragments, each at its column or pushed right by the one before it. */
function compose(fragments: Fragment[], margin: number): string {
  let out = '';
  for (const f of [...fragments].sort((a, b) => a.x - b.x)) {
    const at = Math.max(f.x + margin, out.length === 0 ? 0 : out.length + 2);
    out += ' '.repeat(at - out.length) + f.text;
  }
  return out;
}

/** Header rows at the top of table 2 (the note, 申请人情况, 法人或其他组织, the applicant kinds). */
function headerRows(grid: TableGrid): number {
  let r = 0;
  while (r < grid.rows.length && grid.rows[r].every((c) => c.role === 'header' || c.role === 'note' || c.role === 'title')) r++;
  return r;
}

export function renderPdfLayout(grid: TableGrid, v: PdfVariant, rng: Rng): string {
  const g = grid.table === 1 && v.itemColumn ? withItemColumn(grid) : grid;
  const widths = columnWidths(g, v, rng);
  const { fragments, rowTop } = layOut(g, v, widths);
  const total = rowTop[rowTop.length - 1];
  const byLine: Fragment[][] = Array.from({ length: total }, () => []);
  for (const f of fragments) byLine[f.line].push(f);
  const head = headerRows(g);
  const margins = [rng.int(0, 6), rng.int(0, 12)];
  // A break at a row boundary after the header (table 3: between its header and its numbers).
  const breakRow = v.breaks[grid.table - 1] && g.rows.length - 1 > head ? rng.int(Math.max(head, 1), g.rows.length - 1) : -1;
  const breakLine = breakRow >= 0 ? rowTop[breakRow] - (v.rowGap && breakRow > 0 ? 1 : 0) : -1;
  const out: string[] = [];
  for (let line = 0; line < total; line++) {
    if (line === breakLine) {
      const page = rng.int(2, 7);
      const number = ' '.repeat(rng.int(20, 60)) + footerText(v.footer, page, page + rng.int(1, 4));
      out.push(...Array.from({ length: rng.int(1, 3) }, () => ''));
      if (!v.numberOnTop) out.push(number);
      out.push('\f' + (v.numberOnTop ? number : ''));
      if (v.numberOnTop) out.push('');
      if (v.repeatHeader && grid.table === 2) {
        for (let h = 0; h < rowTop[head]; h++) out.push(compose(byLine[h], margins[1]));
      }
    }
    out.push(compose(byLine[line], line >= breakLine && breakLine >= 0 ? margins[1] : margins[0]));
  }
  // A form feed starts the first line of the new page, as pdftotext prints it.
  return out.join('\n').replace(/\f\n/g, '\f').replace(/[ ]+$/gm, '');
}
