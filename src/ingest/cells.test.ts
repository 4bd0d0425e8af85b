import { describe, expect, it } from 'vitest';
import { splitDigitRun } from './cells.js';

describe('splitDigitRun: digits a crawler ran together', () => {
  it('reads seven 0 from "0000000": a count never starts with 0, so "00" is two cells', () => {
    expect(splitDigitRun('0000000', 7)).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
  });

  it('never cuts a figure with a leading zero', () => {
    // "1001" into two: 1|001 and 10|01 are no figures; 100|1 is.
    expect(splitDigitRun('1001', 2)).toEqual([[100, 1]]);
    expect(splitDigitRun('0012', 2)).toEqual([]);
  });

  it('lists every split that is left when several are', () => {
    expect(splitDigitRun('1234', 2)).toEqual([
      [1, 234],
      [12, 34],
      [123, 4],
    ]);
  });

  it('puts a decimal only in an amount cell', () => {
    // 政府集中采购: 采购项目数量 (a count) and 采购总金额 (万元).
    expect(splitDigitRun('1332.52', 2, { decimals: [false, true] })).toEqual([
      [1, 332.52],
      [13, 32.52],
      [133, 2.52],
    ]);
    expect(splitDigitRun('1332.52', 2)).toEqual([]);
  });

  it('accepts an amount below one 万元 ("0.5") but not "00.5"', () => {
    expect(splitDigitRun('30.5', 2, { decimals: [false, true] })).toEqual([[3, 0.5]]);
    expect(splitDigitRun('300.5', 2, { decimals: [false, true] })).toEqual([[30, 0.5]]);
  });

  it('says when there are too many splits to list', () => {
    expect(splitDigitRun('123456789123456', 5, { limit: 10 })).toBeNull();
  });
});
