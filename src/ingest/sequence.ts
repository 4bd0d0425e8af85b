/**
 * A second reading of table 2 for text extracted from PDFs, where labels drift away from their
 * numbers (a label two lines above its row, numbers with no label). When the table has exactly
 * as many lines of numbers as the template has rows, the lines are the rows in template order.
 */
import type { TableRow } from '../facts/metrics.js';
import { readRow, type RowReading } from './rows.js';

const CJK = /[\u4e00-\u9fff]/;

export function readInSequence(regionText: string, rows: TableRow[]): RowReading[] | null {
  const numericLines: string[][] = [];
  for (const line of regionText.split('\n')) {
    const cells = line.split('\t').filter((c) => !CJK.test(c));
    const numbers = cells.filter((c) => /^\s*-?\d[\d.,]*\s*$/.test(c)).length;
    if (numbers >= 5 && line.includes('\t')) numericLines.push(trimBlankEnds(cells, rows[0].columns.length));
  }
  if (numericLines.length !== rows.length) return null;
  return rows.map((row, i) => readRow(numericLines[i], row.columns.length, row.rule));
}

/** Blank cells beyond the row's width at either end are layout, not blank values. */
function trimBlankEnds(cells: string[], n: number): string[] {
  const out = [...cells];
  while (out.length > n && out[0].trim() === '') out.shift();
  while (out.length > n && out[out.length - 1].trim() === '') out.pop();
  return out;
}
