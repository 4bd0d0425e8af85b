import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsFor } from '../facts/metrics.js';
import { readRow, segmentCells, shapeOf, type RowReading } from './rows.js';

const APPLICANTS = shapeOf(rowsFor(2, '2021')[0]);
const TABLE3 = shapeOf(rowsFor(3, '2021')[0]);
const PROCUREMENT = shapeOf(rowsFor(1, '2019').find((r) => r.key === 'procurement')!);

/** Numbers as numbers, '?' for unknown, null for blank. */
function values(r: RowReading): (number | null | string)[] {
  return r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind === 'unknown' ? '?' : c.value.kind === 'blank' ? null : c.value.kind));
}

describe('readRow: a row that printed fewer cells than it has', () => {
  it('reads six 0 for seven applicant cells as seven 0, whichever cell was lost', () => {
    const r = readRow(['0', '0', '0', '0', '0', '0'], APPLICANTS);
    expect(values(r)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.doubt).toBeUndefined();
    expect(r.cells[6].raw).toContain('按合计推得');
  });

  it('keeps the cells unknown where the lost cell could stand in several columns', () => {
    // 5 0 0 0 0 5: the lost cell is a 0 before the 5 (0 5 0 0 0 0 | 5), a 0 after it
    // (5 0 0 0 0 0 | 5), or the total (5 0 0 0 0 5 | 10). Only the three middle 0 are sure.
    const r = readRow(['5', '0', '0', '0', '0', '5'], APPLICANTS);
    expect(values(r)).toEqual(['?', '?', 0, 0, 0, '?', '?']);
    expect(r.doubt).toContain('只读到6个');
    expect(r.doubt).toContain('4个数值无法确定');
    // Five places for a lost 0 after the 5 give one reading, not five.
    expect(r.options).toHaveLength(3);
  });

  it('knows the cells every fitting placement agrees on', () => {
    // 3 0 0 0 0 0: a lost applicant would make the total 0 with 3 among its parts (ruled out);
    // the lost cell is the total, 3.
    const r = readRow(['3', '0', '0', '0', '0', '0'], APPLICANTS);
    expect(values(r)).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });

  it('leaves a cell unknown where the sum cannot force it', () => {
    // Two cells lost, the total 4 printed: how 4 splits among the lost parts is not said.
    const r = readRow(['1', '0', '0', '0', '5'], APPLICANTS);
    expect(values(r)).toContain('?');
    expect(r.doubt).toBeDefined();
  });

  it('forces a lost outcome in table 3 from its total', () => {
    const printed = ['1', '0', '2', '0', '3', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    // 1 0 2 0 3: a lost cell among review's five would break 1+0+2+0=3; so it is in a lawsuit
    // group, all of whose printed cells are 0: a 0 wherever it stands.
    expect(values(readRow(printed, TABLE3))).toEqual([1, 0, 2, 0, 3, ...Array(10).fill(0)]);
  });

  it('never turns a visibly blank cell into 0', () => {
    expect(values(readRow(['3', '', '', '', '', '', '3'], APPLICANTS))).toEqual([3, null, null, null, null, null, 3]);
    // A blank among six printed cells: no sum holds over a blank, so nothing is forced.
    expect(values(readRow(['', '0', '0', '0', '0', '0'], APPLICANTS))).toEqual(Array(7).fill('?'));
  });

  it('forces nothing where two cells are lost and one may be the total', () => {
    expect(values(readRow(['0', '0', '0', '0', '0'], APPLICANTS))).toEqual(Array(7).fill('?'));
  });

  it('never cuts figures across the boundaries of separate cells', () => {
    // Fourteen cells of table 3 and the last total lost: 12|10|9|11|42 could also be cut as
    // 1|2|10|9|… were the cell boundaries ignored; they are the report's own.
    const printed = ['12', '10', '9', '11', '42', '10', '12', '11', '9', '42', '12', '10', '11', '9'];
    expect(values(readRow(printed, TABLE3))).toEqual([12, 10, 9, 11, 42, 10, 12, 11, 9, 42, 12, 10, 11, 9, 42]);
  });

  it('does not take one run of digits for a row of separate cells', () => {
    expect(values(readRow(['7000007'], APPLICANTS))).toEqual([7, 0, 0, 0, 0, 0, 7]);
  });
});

describe('readRow: digits run together', () => {
  it('reads "0000000" as seven 0', () => {
    expect(values(readRow(['0000000'], APPLICANTS))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps cells unknown where several splits fit the row total, and says so', () => {
    // 270020130 fits 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30.
    const r = readRow(['270020130'], APPLICANTS);
    expect(values(r)).toEqual(['?', '?', 0, '?', '?', 1, 30]);
    expect(r.options).toHaveLength(2);
    expect(r.doubt).toContain('2种读法');
  });

  it('keeps all three cells of a table 1 row unknown when nothing decides between splits', () => {
    expect(values(readRow(['1234'], shapeOf(rowsFor(1, '2021')[0])))).toEqual(['?', '?', '?']);
  });

  it('cuts no lone figure into cells where a blank cell leaves no trace', () => {
    // pdftotext -layout prints 行政事业性收费 with 本年增/减 blank as "11": 11 beside a blank, or 1|1.
    const fees = shapeOf(rowsFor(1, '2019').find((r) => r.key === 'fees')!);
    const r = readRow(['11'], { ...fees, blanksMayVanish: true });
    expect(values(r)).toEqual(['?', '?']);
    expect(r.doubt).toContain('单元格空白');
    // Digits no single figure prints ("00") are run together still.
    expect(values(readRow(['00'], { ...fees, blanksMayVanish: true }))).toEqual([0, 0]);
  });

  it('puts the decimal of a run-together amount in the amount cell only', () => {
    // 1|332.52, 13|32.52, 133|2.52: the count is not known; "1332.5|2" is no reading.
    const r = readRow(['1332.52'], PROCUREMENT);
    expect(values(r)).toEqual(['?', '?']);
    expect(r.cells[0].raw).not.toContain('.');
  });
});

describe('segmentCells: the text between a row label and the next', () => {
  it('takes the digits right after the label when words follow them on the line', () => {
    expect(segmentCells('0000000四、政府信息公开行政复议、行政诉讼情况')).toEqual(['0000000']);
  });

  it('takes the digits at the end of the label’s own cell', () => {
    expect(segmentCells('（区分处理的，只计这一情形，不计其他情形）500000 5')).toEqual(['500000 5']);
  });

  it('takes no bracket left alone by a wrapped label for a cell', () => {
    // "（二）部分公开（" wrapped once more before its figures: the "（" stands alone before them.
    expect(segmentCells(' \n（\t1\t0\t0\t0\t0\t0\t1\n区分处理的，只计这一情形，不计其他情形）\n')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(segmentCells('\n）\t2\t0\t0\t0\t0\t0\t2\n')).toEqual(['2', '0', '0', '0', '0', '0', '2']);
  });
});

describe('readRow never states a figure the row does not have', () => {
  /** A row of table 2 as a consistent report prints it: six counts and their total. */
  const applicantRow = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 30 }) }, { weight: 1, arbitrary: fc.nat({ max: 2000 }) }), { minLength: 6, maxLength: 6 }).map((parts) => [...parts, parts.reduce((a, b) => a + b, 0)]);

  const agreesWith = (truth: number[], r: RowReading) => r.cells.every((c, i) => c.value.kind === 'unknown' || (c.value.kind === 'number' && c.value.value === truth[i]));

  it('with one or two cells lost, every cell it knows is the printed one', () => {
    fc.assert(
      fc.property(applicantRow, fc.uniqueArray(fc.nat({ max: 6 }), { minLength: 1, maxLength: 2 }), (truth, lost) => {
        const printed = truth.filter((_, i) => !lost.includes(i)).map(String);
        expect(agreesWith(truth, readRow(printed, APPLICANTS))).toBe(true);
      }),
    );
  });

  it('with its digits run together, every cell it knows is the printed one', () => {
    fc.assert(
      fc.property(applicantRow, (truth) => {
        expect(agreesWith(truth, readRow([truth.join('')], APPLICANTS))).toBe(true);
      }),
    );
  });

  it('with a lost cell in table 3, every cell it knows is the printed one', () => {
    const group = fc.array(fc.nat({ max: 12 }), { minLength: 4, maxLength: 4 }).map((p) => [...p, p.reduce((a, b) => a + b, 0)]);
    fc.assert(
      fc.property(fc.tuple(group, group, group), fc.nat({ max: 14 }), (groups, lost) => {
        const truth = groups.flat();
        const printed = truth.filter((_, i) => i !== lost).map(String);
        expect(agreesWith(truth, readRow(printed, TABLE3))).toBe(true);
      }),
    );
  });
});
