/**
 * The three standard tables: find each in its section, locate every row by the template's
 * labels (not by line positions), read its cells, and turn them into table facts.
 */
import { metric, rowsFor, type TableNo, type TableRow, type TemplateVersion } from '../facts/metrics.js';
import { readCell, toWanYuan, type ReadCell } from './cells.js';
import { labelRegex, TABLE1_LABELS, TABLE2_LABELS, terminatorPattern, type RowLabel } from './labels.js';
import type { Fact, Finding, Section } from './report.js';
import { placeUnderHeader } from './layout-columns.js';
import { isLaidOut, rebuildRows } from './layout-rows.js';
import { assess, resolveRequests } from './resolve.js';
import { readInSequence } from './sequence.js';
import { placeTables, type TablePlace } from './table-places.js';
import { alignmentOf, readRow, segmentCells, shapeOf, type RowReading } from './rows.js';

export interface TableRead {
  facts: Fact[];
  findings: Finding[];
}

interface Region {
  table: TableNo;
  section: number;
  text: string;
}

const TABLE_SECTION: Record<TableNo, number> = { 1: 2, 2: 3, 3: 4 };

/** Table 1's column headers tell the template apart; the year decides only when they are absent. */
export function detectTemplate(sections: Section[], year: number): TemplateVersion {
  const region = (sections.find((s) => s.no === 2)?.text ?? sections.map((s) => s.text).join('\n')).replace(/\s+/g, '');
  const v2021 = /本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量/.test(region);
  const v2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|采购总金额|政府集中采购/.test(region);
  if (v2021 && !v2019) return '2021';
  if (v2019 && !v2021) return '2019';
  return year >= 2021 ? '2021' : '2019';
}

/** Words that show a section really holds its table. */
const TABLE_MARK: Record<TableNo, RegExp> = { 1: /第二十条/, 2: /勾稽|申请人情况|本年新收/, 3: /行政复议[^。]*行政诉讼|结果维持/ };

export function readTables(text: string, sections: Section[], template: TemplateVersion, who: string): TableRead {
  const places = placeTables(text, sections);
  const facts: Fact[] = [];
  const findings: Finding[] = [];
  for (const table of [1, 2, 3] as const) {
    const region = regionOf(text, sections, table, places);
    const rows = rowsFor(table, template);
    if (!region) {
      findings.push({
        rule: 'incomplete',
        severity: 'warning',
        metrics: rows.flatMap((r) => r.columns),
        message: `${who}：没有找到表${'一二三'[table - 1]}（${TABLE_TITLES[table]}），其中的数据均缺失`,
      });
      continue;
    }
    const read = table === 3 ? readTable3(region, rows[0]) : readLabelledTable(region, rows, template);
    for (const { row, reading, label } of read.rows) {
      facts.push(...toFacts(row, reading, region, label));
      if (reading.doubt) {
        findings.push({ rule: 'unreadable', severity: 'warning', metrics: row.columns.filter((_, i) => reading.cells[i].value.kind === 'unknown'), message: `${who}：表${'一二三'[table - 1]}“${label}”一行${reading.doubt}` });
      }
    }
    if (read.missing.length > 0) {
      const names = read.missing.map((r) => rowName(r));
      findings.push({
        rule: 'incomplete',
        severity: 'warning',
        metrics: read.missing.flatMap((r) => r.columns),
        message: `${who}：表${'一二三'[table - 1]}缺少${read.missing.length}行（${names.join('、')}），表格可能被截断，这些数据缺失`,
      });
    }
  }
  return { facts, findings };
}

const TABLE_TITLES: Record<TableNo, string> = { 1: '主动公开政府信息情况', 2: '收到和处理政府信息公开申请情况', 3: '行政复议、行政诉讼情况' };

function rowName(r: TableRow): string {
  const m = metric(r.columns[r.columns.length - 1]);
  return m ? m.label.replace(/（.*?）$/, '').split(' ')[0] : r.key;
}

/**
 * The table's text: its section from the table's header words on; where the section is not
 * found or does not hold the table, wherever the table's own header words place it.
 */
function regionOf(full: string, sections: Section[], table: TableNo, places: Record<TableNo, TablePlace | null>): Region | null {
  const s = sections.find((x) => x.no === TABLE_SECTION[table]);
  const place = places[table];
  if (place && (!s || !TABLE_MARK[table].test(s.text.replace(/\s+/g, '')))) {
    // Keep the spaces before the header on its line: PDF extracts place cells by their column.
    const lineStart = full.lastIndexOf('\n', place.start - 1) + 1;
    const start = /^[ \t\f]*$/.test(full.slice(lineStart, place.start)) ? lineStart : place.start;
    return { table, section: TABLE_SECTION[table], text: full.slice(start, place.end) };
  }
  if (!s) return null;
  let text = s.text;
  if (table === 2) {
    // Narrative before the table must not be read as rows.
    const start = text.search(/勾\s*稽|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收/);
    if (start > 0) text = text.slice(start);
  }
  if (table === 1) {
    let start = text.search(/第\s*二\s*十\s*条/);
    // Keep the spaces before it on its line: PDF extracts place cells by their column.
    const lineStart = text.lastIndexOf('\n', start) + 1;
    if (/^[ \t\f]*$/.test(text.slice(lineStart, start))) start = lineStart;
    if (start > 0) text = text.slice(start);
  }
  return { table, section: s.no, text };
}

interface TableRows {
  rows: Array<{ row: TableRow; reading: RowReading; label: string }>;
  missing: TableRow[];
}

function labelOf(row: TableRow): RowLabel {
  if (row.table === 1) return TABLE1_LABELS[row.key];
  return TABLE2_LABELS[row.key.replace(/^requests\./, '')];
}

function readLabelledTable(laidOut: Region, rows: TableRow[], template: TemplateVersion): TableRows {
  const labels = rows.map(labelOf);
  // PDF extracts and Word exports: put each row's wrapped label and its numbers on one line first.
  // Text laid out by spaces: a blank cell leaves no trace, so no sum may fill a cell a row lacks.
  const blanksMayVanish = isLaidOut(laidOut.text);
  const region = blanksMayVanish || laidOut.text.includes('\t') ? { ...laidOut, text: rebuildRows(laidOut.text, labels.map(labelRegex), laidOut.table === 2 ? 7 : undefined) } : laidOut;
  const terminators = [...region.text.matchAll(terminatorPattern(region.table, template, labels))].map((m) => m.index!).filter((i, k, a) => k === 0 || i !== a[k - 1]);
  const out: TableRows = { rows: [], missing: [] };
  // Table 1 rows are as wide as their own header; table 2 rows share one grid.
  const align = region.table === 2 ? alignmentOf(region.text.split('\n'), 7) : 'left';
  let from = 0;
  rows.forEach((row, k) => {
    const re = labelRegex(labels[k]);
    const m = execFrom(re, region.text, from) ?? execFrom(re, region.text, 0);
    if (!m) {
      out.missing.push(row);
      return;
    }
    const labelEnd = m.index + m[0].length;
    from = labelEnd;
    const next = terminators.find((t) => t >= labelEnd) ?? region.text.length;
    const cells = segmentCells(region.text.slice(labelEnd, next));
    const reading = readRow(cells, { ...shapeOf(row), blanksMayVanish }, align);
    out.rows.push({ row, reading, label: m[0].replace(/\s+/g, '') });
  });
  return region.table === 2 ? reconcileRequests(out, region, rows, template, blanksMayVanish) : out;
}

const rowKey = (row: TableRow) => row.key.replace(/^requests\./, '');

/**
 * Table 2 is read twice, by labels and (for PDF extracts) by the order of its lines of numbers.
 * A value stands where the readings agree, or where only a reading that fits every rule has it.
 */
function reconcileRequests(byLabel: TableRows, region: Region, rows: TableRow[], template: TemplateVersion, blanksMayVanish: boolean): TableRows {
  const a = new Map(byLabel.rows.map((r) => [rowKey(r.row), r.reading]));
  resolveRequests(a, template);
  const inSequence = readInSequence(region.text, rows, blanksMayVanish);
  if (!inSequence) {
    for (const r of byLabel.rows) r.reading = a.get(rowKey(r.row))!;
    return byLabel;
  }
  const b = new Map(rows.map((row, i) => [rowKey(row), inSequence[i]]));
  resolveRequests(b, template);
  const fa = assess(a, template);
  const fb = assess(b, template);
  // A reading that fits every rule it can check wins a disagreement; of two such, the one that
  // could check more (fewer unknown cells hiding a broken sum).
  const okA = fa.violations === 0 && fa.checked > 0;
  const okB = fb.violations === 0 && fb.checked > 0;
  const aSound = okA && (!okB || fa.checked >= fb.checked);
  const bSound = okB && (!okA || fb.checked >= fa.checked);
  const labels = new Map(byLabel.rows.map((r) => [rowKey(r.row), r.label]));
  const out: TableRows = { rows: [], missing: [] };
  for (const row of rows) {
    const ra = a.get(rowKey(row));
    const rb = b.get(rowKey(row))!;
    if (!ra) {
      if (bSound) out.rows.push({ row, reading: rb, label: rowName(row) });
      else out.missing.push(row);
      continue;
    }
    let disagreements = 0;
    const cells = ra.cells.map((ca, i) => {
      const cb = rb.cells[i];
      const ka = ca.value.kind !== 'unknown';
      const kb = cb.value.kind !== 'unknown';
      if (ka && kb && sameCell(ca, cb)) return ca;
      if (ka && kb) {
        if (bSound && !aSound) return cb;
        if (aSound && !bSound) return ca;
        disagreements++;
        return { value: { kind: 'unknown' as const }, raw: `${ca.raw} 或 ${cb.raw}` };
      }
      if (ka) return aSound || !bSound ? ca : { value: { kind: 'unknown' as const }, raw: ca.raw };
      if (kb) return bSound ? cb : ca;
      return ca;
    });
    const unknown = cells.some((c) => c.value.kind === 'unknown');
    const doubt = disagreements > 0 ? `按标签和按行序两种读法有${disagreements}个数值不一致，无法确定` : unknown ? (ra.doubt ?? rb.doubt ?? '部分数值无法确定') : undefined;
    out.rows.push({ row, reading: { cells, doubt }, label: labels.get(rowKey(row)) ?? rowName(row) });
  }
  return out;
}

function sameCell(a: ReadCell, b: ReadCell): boolean {
  if (a.value.kind !== b.value.kind) return false;
  if (a.value.kind === 'number' && b.value.kind === 'number') return a.value.value === b.value.value;
  return true;
}

function execFrom(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

/** A line of value cells only: numbers, blanks, not-applicable marks. */
function isValueLine(line: string): boolean {
  const cells = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
  return cells.every((c) => {
    const kind = readCell(c).value.kind;
    return kind === 'number' || kind === 'blank' || kind === 'not_applicable';
  });
}


/**
 * Table 3 has no row labels: its 15 numbers follow the headers, on one line, or on three lines
 * when a report prints review and the two kinds of lawsuit as separate tables.
 */
function readTable3(region: Region, row: TableRow): TableRows {
  const n = row.columns.length;
  const lines = region.text.split('\n');
  const isNumeric = (line: string) => line.trim() !== '' && isValueLine(line) && (line.includes('\t') || line.trim().split(/\s+/).length >= 5);
  const numericLines = lines.filter(isNumeric);
  const numeric = numericLines.map((line) => (line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/)));
  let cells: string[] | null = null;
  let blanksPlaced = false;
  // Cells read from lines of value cells; digits that run on from the header words are crawled text.
  let crawled = false;
  const last = numeric[numeric.length - 1];
  const lastLine = numericLines[numericLines.length - 1];
  // A laid-out row short of a cell or more: its numbers placed under the header words, if they show every column.
  const placed = last && !lastLine.includes('\t') && last.length < n ? placeUnderHeader(lines.slice(0, lines.indexOf(lastLine)), lastLine, n) : null;
  if (placed) {
    cells = placed;
    blanksPlaced = true;
  } else if (last && last.filter((c) => c.trim() !== '').length >= n) cells = last;
  else if (numeric.length > 1 && numeric.flat().length === n) cells = numeric.flat();
  else if (last) cells = last;
  if (!cells) {
    // Crawled pages run headers and digits together: take the digits after the last header word.
    const header = [...region.text.matchAll(/总\s*计|审\s*结|起\s*诉/g)].pop();
    if (header) {
      const after = region.text.slice(header.index! + header[0].length);
      const digits = /^[\s\d]+/.exec(after)?.[0] ?? '';
      if (/\d/.test(digits)) {
        cells = [digits.trim()];
        crawled = true;
      }
    }
  }
  if (!cells) return { rows: [], missing: [row] };
  // Cells set apart by spaces: a blank cell leaves no trace (unless placed under the header
  // words). Crawled digits are read as in tables 1 and 2 of crawled text, every cell printed.
  const apartBySpaces = !crawled && !region.text.includes('\t') && !blanksPlaced;
  return { rows: [{ row, reading: readRow(cells, { ...shapeOf(row), blanksMayVanish: apartBySpaces }), label: '行政复议、行政诉讼' }], missing: [] };
}

function amountUnit(regionText: string, metricId: string, cell: ReadCell): string | undefined {
  if (cell.unit === '元' || cell.unit === '万元' || cell.unit === '亿元') return cell.unit;
  const header = metricId === 'procurement.amount' ? '采购总金额' : '收费金额';
  const re = new RegExp(`${header.split('').join('\\s*')}[^\\t\\n]{0,6}?[（(]?\\s*(?:单\\s*位\\s*[:：]\\s*)?(亿\\s*元|万\\s*元|元)`);
  return re.exec(regionText)?.[1].replace(/\s+/g, '');
}

function toFacts(row: TableRow, reading: RowReading, region: Region, label: string): Fact[] {
  return row.columns.map((id, i) => {
    const cell = reading.cells[i];
    const def = metric(id);
    let value = cell.value;
    let unit = def?.unit ?? '';
    if (value.kind === 'number' && unit === '万元') {
      const printed = amountUnit(region.text, id, cell);
      value = { kind: 'number', value: toWanYuan(value.value, printed) };
    }
    return {
      metric: id,
      value,
      unit,
      origin: 'table' as const,
      section: region.section,
      source: `${label}：${cell.raw.trim() === '' ? '（空白）' : cell.raw.trim()}`,
    };
  });
}
