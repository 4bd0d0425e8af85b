/**
 * A second reading of table 2 for text extracted from PDFs, where labels drift away from their
 * numbers (a label two lines above its row, numbers with no label). When the table has exactly
 * as many lines of numbers as the template has rows, the lines are the rows in template order.
 */
import type { TableRow } from '../facts/metrics.js';
import { readCell } from './cells.js';
import { alignmentOf, readRow, shapeOf, type RowReading } from './rows.js';

const CJK = /[\u4e00-\u9fff]/;

export function readInSequence(regionText: string, rows: TableRow[], blanksMayVanish = false): RowReading[] | null {
  const numericLines: string[][] = [];
  for (const line of regionText.split('\n')) {
    // Label words go; numbers, blanks and not-applicable marks ("不涉及") are the row's cells.
    const cells = line.split('\t').filter((c) => !CJK.test(c) || readCell(c).value.kind !== 'text');
    const numbers = cells.filter((c) => /^\s*-?\d[\d.,]*\s*$/.test(c)).length;
    if (numbers >= 5 && line.includes('\t')) numericLines.push(cells);
  }
  if (numericLines.length !== rows.length) return null;
  const align = alignmentOf(regionText.split('\n'), 7);
  return rows.map((row, i) => readRow(numericLines[i], { ...shapeOf(row), blanksMayVanish }, align));
}
