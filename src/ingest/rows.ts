/**
 * Reading the values of one table row from the text between its label and whatever follows.
 * A row may have several readings (digits run together, a cell too many or too few); a value is
 * known only where every reading that fits the template's sums agrees. Otherwise it is unknown.
 */
import { metric, type TableRow } from '../facts/metrics.js';
import { isDigitRun, readCell, splitDigitRun, type ReadCell } from './cells.js';

export type RowRule = 'applicant_total' | 'review_litigation' | undefined;

export interface RowReading {
  cells: ReadCell[];
  /** Why some cells could not be read with certainty; undefined when all were. */
  doubt?: string;
  /** The readings that fit the row's sums, when more than one does (for table-wide rules). */
  options?: ReadCell[][];
  /**
   * The row printed fewer cells than it has, and its reading rests on the sums (where the lost
   * cells stood, what they held): it stands only if the table's other rules hold with it.
   */
  lostCells?: boolean;
}

const CJK = /[\u4e00-\u9fff]/;
const NUMBERING_ONLY = /^(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])$/;
/** A bracket or stop a wrapped label leaves alone on its line ("（二）部分公开（" / "（"). */
const PUNCTUATION_ONLY = /^[（()）【】「」“”‘’《》，、。：:；;]+$/;

/**
 * Splits the text between a row label and the next label into the row's cell texts. A row's
 * values stand on one line: the label's own line when it has any (after the rest of the label's
 * cell), else the first line after it that has values (PDF extracts print a wrapped label above
 * its numbers). Lines that only continue a wrapped label are no cells. The last line holds the
 * start of the next row: it counts only for the values standing before the next label on it
 * (crawled text without line breaks).
 */
export function segmentCells(segment: string): string[] {
  const lines = segment.split('\n');
  const rowsOfCells: string[][] = [];
  lines.forEach((line, i) => {
    let pieces = line.split('\t');
    if (i === 0) pieces = dropLabelRest(pieces);
    else if (line.trim() === '' && !line.includes('\t')) return;
    if (i === lines.length - 1 && i > 0) {
      while (pieces.length > 0 && !isValue(pieces[pieces.length - 1])) pieces.pop();
    }
    // Bare numbering ("(五)", "三、") or punctuation left by a wrapped label is never a value.
    rowsOfCells.push(pieces.map((p) => p.trim()).filter((c) => !NUMBERING_ONLY.test(c) && !PUNCTUATION_ONLY.test(c)));
  });
  const first = rowsOfCells[0] ?? [];
  const chosen = first.some(isValue) ? first : (rowsOfCells.find((cells) => cells.some(isValue)) ?? first);
  const out = [...chosen];
  // Label and next label on one line: what stands right before the next label is its cell.
  if (lines.length === 1 && out.length > 0 && !isValue(out[out.length - 1])) out.pop();
  return out;
}

/** The first piece is the rest of the label's own cell; crawled pages glue the label and digits. */
function dropLabelRest(pieces: string[]): string[] {
  if (pieces.length === 0 || isValue(pieces[0])) return pieces;
  // Digits right after the label, then words: the row's values, then whatever the page printed
  // next ("结转下年度继续办理0000000四、政府信息公开…").
  const head = /^\s*(\d[\d\s.,]*(?:亿元|万元|元)?)(?=\s*[\u4e00-\u9fff])/.exec(pieces[0]);
  if (head && pieces.length === 1) return [head[1].trim()];
  const tail = /[\u4e00-\u9fff）)”"]\s*(-?\d[\d\s.,]*(?:亿元|万元|元)?)\s*$/.exec(pieces[0]);
  return tail ? [tail[1], ...pieces.slice(1)] : pieces.slice(1);
}

/** A number, a run of digits, or a not-applicable mark: something a value cell holds. */
function isValue(p: string): boolean {
  const t = p.trim();
  if (t === '') return false;
  const kind = readCell(t).value.kind;
  return kind === 'number' || kind === 'not_applicable' || isDigitRun(stripUnit(t));
}

function stripUnit(p: string): string {
  return p.trim().replace(/(亿元|万元|元|件|项|个|条|次)$/, '');
}


/**
 * Where a table's rows carry more grid positions than values, which side the empty positions
 * are on: `right` when the values are flush with the row's end (labels padded), `left` when
 * rows end in empty positions.
 */
export type Alignment = 'left' | 'right';

/** What a row holds: how many cells, the sum they obey, which of them are amounts. */
export interface RowShape {
  n: number;
  rule?: RowRule;
  /** Cells that may hold a decimal (amounts in 万元); counts never do. */
  decimals?: readonly boolean[];
  /**
   * Cells set apart by spaces only (text laid out by position): a blank cell leaves no trace
   * there, so a cell the row lacks may be a blank, and no sum may fill it in.
   */
  blanksMayVanish?: boolean;
}

/** The shape of one of the template's rows. */
export function shapeOf(row: TableRow): RowShape {
  return { n: row.columns.length, rule: row.rule, decimals: row.columns.map((id) => metric(id)?.unit === '万元') };
}

/** Reads a row's values from its cell texts. */
export function readRow(cellTexts: string[], shape: RowShape, align: Alignment = 'left'): RowReading {
  const { n, rule } = shape;
  const candidates = candidatesOf(cellTexts, shape, align);
  if (candidates.kind === 'none') {
    return { cells: unknownRow(cellTexts, n), doubt: candidates.why };
  }
  const fitting = distinct(candidates.list.filter((c) => fitsRule(c, rule)));
  let chosen = fitting;
  if (fitting.length === 0) {
    // A single direct reading that breaks the sums is the report's own inconsistency: keep it,
    // the checks will say so. Guessed splits that fit nothing are not readings at all.
    if (candidates.direct && candidates.list.length === 1) chosen = candidates.list;
    else return { cells: unknownRow(cellTexts, n), doubt: `${describe(cellTexts)}：没有一种拆分符合表格的合计关系，无法确定各列数值` };
  }
  const cells: ReadCell[] = [];
  let uncertain = 0;
  for (let i = 0; i < n; i++) {
    const first = chosen[0][i];
    const agree = chosen.every((c) => sameValue(c[i], first));
    if (agree && first.value.kind !== 'unknown') cells.push(chosen.every((c) => c[i].raw === first.raw) ? first : { ...first, raw: inferredRaw(first) });
    else {
      uncertain++;
      cells.push({ value: { kind: 'unknown' }, raw: [...new Set(chosen.map((c) => c[i].raw))].join(' 或 ') });
    }
  }
  const doubt = uncertain > 0 ? doubtOf(cellTexts, candidates, chosen.length, uncertain, n) : undefined;
  if (candidates.lacking !== undefined) return { cells, doubt, options: chosen, lostCells: true };
  return { cells, doubt, options: uncertain > 0 ? chosen : undefined };
}

function doubtOf(cellTexts: string[], candidates: Candidates & { kind: 'some' }, readings: number, uncertain: number, n: number): string {
  if (candidates.lacking !== undefined) {
    const where = readings > 1 ? `缺的单元格可能在不同的列（${readings}种读法都符合合计关系）` : '合计关系推不出缺的单元格';
    return `${describe(cellTexts)}：应有${n}个单元格，只读到${candidates.lacking}个，${where}，${uncertain}个数值无法确定`;
  }
  return `${describe(cellTexts)}：有${readings}种读法都符合表格关系，${uncertain}个数值无法确定`;
}

/** A value every reading agrees on, though the readings took it from different cells or from the sums. */
function inferredRaw(cell: ReadCell): string {
  const v = cell.value.kind === 'number' ? String(cell.value.value) : cell.raw.replace(/（按合计推得）$/, '');
  return `${v}${cell.unit ?? ''}（按合计推得）`;
}

type Candidates =
  | { kind: 'none'; why: string }
  /** `lacking`: how many cells the row printed when it printed fewer than it has. */
  | { kind: 'some'; list: ReadCell[][]; direct: boolean; lacking?: number };

function candidatesOf(cellTexts: string[], shape: RowShape, align: Alignment): Candidates {
  const { n, decimals } = shape;
  if (cellTexts.length === 0) return { kind: 'none', why: '该行没有读到任何单元格' };
  cellTexts = trimPadding(cellTexts, n, align);
  if (cellTexts.length === n) return { kind: 'some', list: [cellTexts.map(readCell)], direct: true };

  // Label fragments ("机关不再处理其…") split a row into runs; the values are the fullest run.
  const runs = splitRuns(cellTexts);
  const run = runs.reduce((best, r) => (nonBlank(r).length > nonBlank(best).length ? r : best), runs[0]);
  if (run.length === n) return { kind: 'some', list: [run.map(readCell)], direct: true };

  const tokens = run.flatMap(expandSpaced);
  const filled = tokens.filter((t) => t.trim() !== '');
  if (filled.length === 0) {
    return run.length > 0 ? { kind: 'some', list: [Array.from({ length: n }, () => readCell(''))], direct: true } : { kind: 'none', why: '该行没有读到数值' };
  }
  if (tokens.length === n) return { kind: 'some', list: [tokens.map(readCell)], direct: true };
  if (filled.length === n) return { kind: 'some', list: [filled.map(readCell)], direct: true };
  if (filled.length > n) {
    const list: ReadCell[][] = [];
    for (let s = 0; s + n <= filled.length; s++) list.push(filled.slice(s, s + n).map(readCell));
    return { kind: 'some', list, direct: false };
  }
  // Separate cells that each hold one figure are cells: some were lost, none run together.
  if (!shape.blanksMayVanish && run.length >= 2 && tokens.length < n && tokens.every(isSingleCell)) {
    const placed = withLostCells(tokens, shape);
    if (placed.length === 0) return { kind: 'none', why: `${describe(cellTexts)}：应有${n}个单元格，只读到${tokens.length}个，缺的单元格放在哪一列都不符合表格关系` };
    return { kind: 'some', list: placed, direct: false, lacking: tokens.length };
  }
  // Where a blank cell leaves no trace, printed figures fewer than the row's cells may be that
  // many cells beside blanks ("11" under 上一年项目数量, 本年增/减 blank) as well as digits run
  // together (1|1): nothing tells which.
  if (shape.blanksMayVanish && filled.every(isSingleCell)) {
    return { kind: 'none', why: `${describe(cellTexts)}：应有${n}个单元格，只读到${filled.length}个，可能是数字连在一起，也可能有单元格空白，无法确定` };
  }
  const values = nonBlank(run);
  // Digits run together are cut into cells; numbers already apart in their own cells are not.
  const apart = (values.length > 1 && values.every((v) => /^-?\d[\d,]*(?:\.\d+)?$/.test(stripUnit(v)) && !/^0\d/.test(stripUnit(v)))) || values.some((v) => /\d\s{2,}\d/.test(v));
  if (!apart && values.every((v) => isDigitRun(stripUnit(v)))) {
    const unit = /(亿元|万元|元)$/.exec(values[values.length - 1].trim())?.[1];
    const splits = splitDigitRun(values.map(stripUnit).join(''), n, { decimals });
    if (splits === null) return { kind: 'none', why: `${describe(cellTexts)}：数字连在一起，可能的拆分太多，无法确定` };
    if (splits.length > 0) {
      const list = splits.map((s) => s.map((v, i) => ({ ...readCell(String(v)), unit: i === n - 1 ? unit : undefined, raw: String(v) + (i === n - 1 && unit ? unit : '') })));
      return { kind: 'some', list, direct: false };
    }
  }
  return { kind: 'none', why: `${describe(cellTexts)}：应有${n}个单元格，读到${filled.length}个数值，无法确定各自属于哪一列` };
}

/**
 * A row of separate cells that printed fewer than it has lost some in extraction: every way to
 * put the lost cells among the printed ones, each lost cell filled where the row's sum forces
 * it (counts are never negative: a total of 0 makes every lost part 0) and unknown elsewhere.
 * Placements the sums rule out are dropped.
 */
function withLostCells(cellTexts: string[], shape: RowShape): ReadCell[][] {
  const { n, rule, decimals = [] } = shape;
  const lost = n - cellTexts.length;
  const printed = cellTexts.map(readCell);
  const out: ReadCell[][] = [];
  for (const gaps of combinations(n, lost)) {
    const cells: (ReadCell | null)[] = [];
    let next = 0;
    for (let i = 0; i < n; i++) cells.push(gaps.has(i) ? null : printed[next++]);
    const fitsDecimals = cells.every((c, i) => c === null || decimals[i] === true || c.value.kind !== 'number' || Number.isInteger(c.value.value));
    if (!fitsDecimals) continue;
    const filled = fillBySums(cells, rule);
    if (filled) out.push(filled);
  }
  return out;
}

/** A printed cell that can only be one cell: no figure starts with 0 unless it is 0 or 0.x. */
function isSingleCell(text: string): boolean {
  const t = stripUnit(text).replace(/,/g, '');
  const kind = readCell(text).value.kind;
  if (kind === 'blank' || kind === 'not_applicable') return true;
  return kind === 'number' && !/^-?0\d/.test(t);
}

function* combinations(n: number, k: number, from = 0): Generator<Set<number>> {
  if (k === 0) {
    yield new Set();
    return;
  }
  for (let i = from; i <= n - k; i++) {
    for (const rest of combinations(n, k - 1, i + 1)) yield new Set([i, ...rest]);
  }
}

/** The groups of cells a row's rule sums: parts and the cell holding their total. */
function sumGroups(rule: RowRule): Array<{ parts: number[]; total: number }> {
  if (rule === 'applicant_total') return [{ parts: [0, 1, 2, 3, 4, 5], total: 6 }];
  if (rule === 'review_litigation') return [0, 5, 10].map((at) => ({ parts: [at, at + 1, at + 2, at + 3], total: at + 4 }));
  return [];
}

/** Fills lost cells (null) the sums force; null when the printed cells rule this placement out. */
function fillBySums(cells: (ReadCell | null)[], rule: RowRule): ReadCell[] | null {
  const out: (ReadCell | null)[] = [...cells];
  const num = (c: ReadCell | null) => (c && c.value.kind === 'number' ? c.value.value : null);
  for (const { parts, total } of sumGroups(rule)) {
    const lostParts = parts.filter((i) => cells[i] === null);
    const printedParts = parts.filter((i) => cells[i] !== null);
    const known = printedParts.map((i) => num(cells[i]));
    if (known.some((v) => v === null || v < 0)) continue;
    const sum = (known as number[]).reduce((a, b) => a + b, 0);
    if (cells[total] === null) {
      if (lostParts.length === 0) out[total] = forced(sum);
      continue;
    }
    const t = num(cells[total]);
    if (t === null || lostParts.length === 0) continue;
    const rest = round(t - sum);
    if (rest < 0) return null;
    if (rest === 0) for (const i of lostParts) out[i] = forced(0);
    else if (lostParts.length === 1) out[lostParts[0]] = forced(rest);
  }
  return out.map((c) => c ?? { value: { kind: 'unknown' }, raw: '（缺）' });
}

function forced(value: number): ReadCell {
  return { value: { kind: 'number', value }, raw: `${value}（按合计推得）` };
}

function round(v: number): number {
  return Math.round(v * 1e8) / 1e8;
}

/** Empty grid positions beyond the row's width (a table wider than this row) are layout. */
function trimPadding(cells: string[], n: number, align: Alignment): string[] {
  const out = [...cells];
  const trimEnd = () => {
    while (out.length > n && out[out.length - 1].trim() === '') out.pop();
  };
  const trimStart = () => {
    while (out.length > n && out[0].trim() === '') out.shift();
  };
  if (align === 'right') {
    trimStart();
    trimEnd();
  } else {
    trimEnd();
    trimStart();
  }
  return out;
}

/** The alignment of a table's value cells, read from its lines that have more positions than values. */
export function alignmentOf(lines: string[], n: number): Alignment {
  let right = 0;
  let left = 0;
  for (const line of lines) {
    const fields = line.split('\t');
    if (fields.length <= n || !fields.some((f) => /\d/.test(f))) continue;
    if (fields[fields.length - 1].trim() === '') left++;
    else right++;
  }
  return right > left ? 'right' : 'left';
}

function splitRuns(cells: string[]): string[][] {
  const runs: string[][] = [[]];
  for (const c of cells) {
    if (CJK.test(c) && readCell(c).value.kind === 'text') runs.push([]);
    else runs[runs.length - 1].push(c);
  }
  return runs.filter((r, i) => r.length > 0 || i === 0);
}

function nonBlank(cells: string[]): string[] {
  return cells.filter((c) => c.trim() !== '');
}

function expandSpaced(cell: string): string[] {
  return /^\s*-?\d[\d.,]*(?:\s+-?\d[\d.,]*)+\s*$/.test(cell) ? cell.trim().split(/\s+/) : [cell];
}

function fitsRule(cells: ReadCell[], rule: RowRule): boolean {
  const nums = cells.map((c) => (c.value.kind === 'number' ? c.value.value : null));
  const sumFits = (parts: (number | null)[], total: number | null) => {
    if (total === null || parts.some((p) => p === null)) return true;
    const s = (parts as number[]).reduce((a, b) => a + b, 0);
    return Math.abs(s - total) < 1e-6;
  };
  if (rule === 'applicant_total') return sumFits(nums.slice(0, 6), nums[6]);
  if (rule === 'review_litigation') return [0, 5, 10].every((at) => sumFits(nums.slice(at, at + 4), nums[at + 4]));
  return true;
}

/**
 * One of each reading (lost cells placed apart may give the same row); a cell that came from
 * different printed cells or from the sums in merged readings says so.
 */
function distinct(readings: ReadCell[][]): ReadCell[][] {
  const byKey = new Map<string, ReadCell[]>();
  for (const r of readings) {
    const key = JSON.stringify(r.map((c) => [c.value, c.unit]));
    const kept = byKey.get(key);
    if (!kept) byKey.set(key, [...r]);
    else r.forEach((c, i) => {
      if (c.raw !== kept[i].raw && kept[i].value.kind !== 'unknown') kept[i] = { ...kept[i], raw: inferredRaw(kept[i]) };
    });
  }
  return [...byKey.values()];
}

function sameValue(a: ReadCell, b: ReadCell): boolean {
  if (a.value.kind !== b.value.kind) return false;
  if (a.value.kind === 'number' && b.value.kind === 'number') return a.value.value === b.value.value && a.unit === b.unit;
  if (a.value.kind === 'text' && b.value.kind === 'text') return a.value.text === b.value.text;
  return true;
}

function unknownRow(cellTexts: string[], n: number): ReadCell[] {
  const raw = describe(cellTexts);
  return Array.from({ length: n }, () => ({ value: { kind: 'unknown' as const }, raw }));
}

function describe(cellTexts: string[]): string {
  const s = cellTexts.map((c) => c.trim()).join(' | ');
  return s.length > 60 ? `${s.slice(0, 60)}…` : s === '' ? '（空）' : `“${s}”`;
}
