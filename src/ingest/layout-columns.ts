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
 * 社会 three characters left of its numbers), so only the outer two are trusted.
 */
export interface Anchors {
  first: number;
  last: number;
  others: number[];
}

export function applicantAnchors(header: Piece[]): Anchors | null {
  const naturalPerson = header.filter((p) => /^自\s*然/.test(p.text));
  const total = header.filter((p) => /^总\s*计$/.test(p.text));
  if (naturalPerson.length !== 1 || total.length !== 1) return null;
  const own = (p: Piece) => '自然人'.includes(p.text.replace(/\s+/g, '')) || p.text.replace(/\s+/g, '') === '总计';
  return { first: centre(naturalPerson[0]), last: centre(total[0]), others: header.filter((p) => !own(p)).map(centre) };
}

/**
 * A row with numbers only under some columns and no full row on its page: numbers that stand
 * right under 自然人 or 总计, and near no other header word, go there; otherwise the row stays short.
 */
function anchoredLine(r: Row, a: Anchors, full: number): string {
  const clear = (c: number, at: number) => Math.abs(c - at) <= 2 && a.others.every((o) => Math.abs(o - c) >= 4);
  const cells: string[] = Array.from({ length: full }, () => '');
  for (const p of r.values!) {
    const c = centre(p);
    const slot = clear(c, a.first) ? 0 : clear(c, a.last) ? full - 1 : -1;
    if (slot < 0 || cells[slot] !== '') return rowLine(r, [], 0);
    cells[slot] = p.text;
  }
  return [r.label, ...cells].join('\t');
}

export function centre(p: Piece): number {
  return p.x + p.text.length / 2;
}
