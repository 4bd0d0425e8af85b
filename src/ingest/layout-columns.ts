/**
 * Which column each number of a laid-out table row stands in. A row with blank cells prints
 * fewer numbers than its table has columns; their positions say which columns they fill, where a
 * full row of the same block, or the header over the outer columns, shows where columns are.
 */

/** A piece of a line of text, at its position (characters from the line start, or cell index). */
export interface Piece {
  x: number;
  text: string;
}

/** A table row put back together: its label, and the numbers that stand beside it. */
export interface Row {
  x: number;
  label: string;
  values: Piece[] | null;
  /** A row label with nothing beside it on a page where every number has its row: blank cells. */
  blank?: boolean;
}

/** Item titles and header words of table 1: rows end there. */
export const HEADER = /第\s*二\s*十\s*条|信\s*息\s*内/;

/**
 * Rows as tab lines. Where a row has fewer numbers than a full row of its block (the rows under
 * one header), its numbers go to the columns they stand under, if each is clearly under one.
 * `columns`: how many numbers a full row has (table 2), when known.
 */
export function place(rows: (Row | string)[], columns: number | undefined, tabbed: boolean, anchors: Anchors | null = null): string[] {
  const out: string[] = [];
  let block: (Row | string)[] = [];
  const flush = () => {
    const full = columns ?? Math.max(0, ...block.map((r) => (typeof r === 'string' ? 0 : (r.values?.length ?? 0))));
    const model = block.find((r): r is Row => typeof r !== 'string' && r.values?.length === full);
    const centres = !tabbed && full >= 2 && model ? model.values!.map(centre) : [];
    for (const r of block) {
      if (typeof r === 'string') out.push(r);
      else if (!model && anchors && r.values && r.values.length < full) out.push(anchoredLine(r, anchors, full));
      else out.push(rowLine(r, centres, columns ?? (model ? full : 0)));
    }
    block = [];
  };
  for (const r of rows) {
    if (typeof r === 'string' && HEADER.test(r) && !columns) flush();
    block.push(r);
  }
  flush();
  return out;
}

function rowLine(r: Row, centres: number[], width: number): string {
  if (r.values === null) return r.blank && width > 0 ? r.label + '\t'.repeat(width) : r.label;
  let cells = r.values.map((p) => p.text);
  const full = centres.length;
  if (full >= 2 && r.values.length < full) {
    const width = (centres[full - 1] - centres[0]) / (full - 1);
    const at = r.values.map((p) => centres.reduce((best, c, i) => (Math.abs(c - centre(p)) < Math.abs(centres[best] - centre(p)) ? i : best), 0));
    // Where a number cannot be put in one column for sure, the row stays short: it reads as unknown.
    const clear = r.values.every((p, i) => Math.abs(centres[at[i]] - centre(p)) < width / 3) && new Set(at).size === at.length;
    if (clear) {
      cells = Array.from({ length: full }, () => '');
      at.forEach((slot, i) => (cells[slot] = r.values![i].text));
    }
  }
  return [r.label, ...cells].join('\t');
}

/**
 * Where the first and last applicant columns (自然人, 总计) stand, read from the header words
 * over them; the other header words, only to see that nothing else stands near. pdftotext keeps
 * the outer header words over their columns but squeezes the inner ones (hongze-qzf-2023 prints
 * 社会 three characters left of its numbers), so only the outer two are trusted, unless the
 * header words stand in seven columns, the five organisations' evenly apart, as a page laid out
 * from the PDF's word positions has them: then each column is known by its header.
 */
export interface Anchors {
  first: number;
  last: number;
  others: number[];
  /** The middle of each of the seven applicant columns, when the header words show all of them. */
  columns: number[] | null;
}

/** Header words over several columns (申请人情况, 法人或其他组织): they mark no column of their own. */
const SPANNING = /申\s*请\s*人|法\s*人\s*或/;

export function applicantAnchors(header: Piece[]): Anchors | null {
  const naturalPerson = header.filter((p) => /^自\s*然/.test(p.text));
  const total = header.filter((p) => /^总\s*计$/.test(p.text));
  if (naturalPerson.length !== 1 || total.length !== 1) return null;
  const own = (p: Piece) => '自然人'.includes(p.text.replace(/\s+/g, '')) || p.text.replace(/\s+/g, '') === '总计';
  const first = centre(naturalPerson[0]);
  const last = centre(total[0]);
  // The table's corner note (（本列数据的勾稽关系为…）, wrapped) ends left of 自然人: it stands over
  // the row labels, not over a column, and its middle says nothing about where columns are.
  const overColumns = (p: Piece) => p.x + p.text.length > naturalPerson[0].x;
  return { first, last, others: header.filter((p) => !own(p) && overColumns(p)).map(centre), columns: headerColumns(header, first, last) };
}

/**
 * The seven columns from the header words between 自然人 and 总计 (a word split over lines,
 * 商业 / 企业, stands centred in its column on each line), or null when they do not show seven
 * columns with the five organisations' evenly apart.
 */
function headerColumns(header: Piece[], first: number, last: number): number[] | null {
  const middles = header
    .filter((p) => !SPANNING.test(p.text))
    .map(centre)
    .filter((c) => c >= first - 1.5 && c <= last + 1.5);
  const columns = columnsOf(middles);
  if (columns.length !== 7) return null;
  const gaps = columns.slice(1).map((c, i) => c - columns[i]);
  const inner = gaps.slice(1, 5);
  if (Math.min(...gaps) < 3 || Math.max(...inner) > 1.25 * Math.min(...inner)) return null;
  return columns;
}

/**
 * A row with numbers only under some columns and no full row on its page. Where the header shows
 * every column, each number goes to the column it stands right under; otherwise numbers that
 * stand right under 自然人 or 总计, and near no other header word, go there. Any other number
 * leaves the row short.
 */
function anchoredLine(r: Row, a: Anchors, full: number): string {
  const clear = (c: number, at: number) => Math.abs(c - at) <= 2 && a.others.every((o) => Math.abs(o - c) >= 4);
  const cells: string[] = Array.from({ length: full }, () => '');
  for (const p of r.values!) {
    const c = centre(p);
    const slot = a.columns && a.columns.length === full ? underColumn(c, a.columns) : clear(c, a.first) ? 0 : clear(c, a.last) ? full - 1 : -1;
    if (slot < 0 || cells[slot] !== '') return rowLine(r, [], 0);
    cells[slot] = p.text;
  }
  return [r.label, ...cells].join('\t');
}

/**
 * Columns from the middles of header words: middles within 1.5 of the first of a group stand
 * over one column (a word split over lines, 商业 / 企业), whose place is their mean; left to right.
 */
function columnsOf(middles: readonly number[]): number[] {
  const groups: number[][] = [];
  for (const c of [...middles].sort((a, b) => a - b)) {
    const g = groups.at(-1);
    if (g && c - g[0] <= 1.5) g.push(c);
    else groups.push([c]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** A header word of table 3 over one column: 结果维持, 其他结果, 总计 … whole or in its two halves. */
const OUTCOME_WORD = /^(?:结果|维持|纠正|其他|尚未|审结|总计){1,2}$/;

/**
 * Table 3's row of numbers laid out with spaces, where a blank cell leaves only a wider gap:
 * each number goes to the column whose header words it stands under, when the header lines show
 * all `n` columns at evenly spaced places (a page laid out from a PDF's word positions). Null
 * where they do not, or where a number is not clearly under one column of its own.
 */
export function placeUnderHeader(header: readonly string[], values: string, n: number): string[] | null {
  const middles = header
    .flatMap((line) => [...line.matchAll(/\S+/g)].filter((m) => OUTCOME_WORD.test(m[0])).map((m) => centre({ x: m.index!, text: m[0] })));
  const columns = columnsOf(middles);
  if (columns.length !== n) return null;
  const gaps = columns.slice(1).map((c, i) => c - columns[i]);
  if (Math.min(...gaps) < 2.5 || Math.max(...gaps) > 1.6 * Math.min(...gaps)) return null;
  const cells: string[] = Array.from({ length: n }, () => '');
  for (const m of values.matchAll(/\S+/g)) {
    const slot = underColumn(centre({ x: m.index!, text: m[0] }), columns);
    if (slot < 0 || cells[slot] !== '') return null;
    cells[slot] = m[0];
  }
  return cells;
}

/** The column whose middle a number stands within a third of the way to its neighbours, or −1. */
function underColumn(c: number, columns: number[]): number {
  const k = columns.reduce((best, m, i) => (Math.abs(m - c) < Math.abs(columns[best] - c) ? i : best), 0);
  const near = Math.min(...[columns[k - 1], columns[k + 1]].filter((m) => m !== undefined).map((m) => Math.abs(m - columns[k])));
  return Math.abs(columns[k] - c) <= near / 3 ? k : -1;
}

/**
 * The middle of a piece as it stands on the page: a Chinese character is as wide as two digits,
 * so it covers two columns of the layout though it is one character of the line.
 */
export function centre(p: Piece): number {
  return p.x + (p.text.length + (p.text.match(WIDE) ?? []).length) / 2;
}

const WIDE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g;
