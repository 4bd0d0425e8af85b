import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from './normalize.js';
import { readYears } from './years.js';

const ctx = { now: new Date('2024-06-15'), corpusYears: [2019, 2020, 2021, 2022, 2023] };
const years = (q: string) => readYears(normalizeQuestion(q), ctx).years;

describe('readYears', () => {
  it('reads a year with or without 年', () => {
    expect(years('2020年采购金额')).toEqual([2020]);
    expect(years('2020采购金额')).toEqual([2020]);
    expect(years('2021年度报告')).toEqual([2021]);
    expect(years('二〇二〇年采购金额')).toEqual([2020]);
  });
  it('reads ranges inclusively', () => {
    expect(years('2020到2022年')).toEqual([2020, 2021, 2022]);
    expect(years('2020年至2021年')).toEqual([2020, 2021]);
    expect(years('2019-2021年')).toEqual([2019, 2020, 2021]);
  });
  it('reads several years', () => {
    expect(years('2020年和2022年')).toEqual([2020, 2022]);
  });
  it('reads relative years against the clock', () => {
    expect(years('去年')).toEqual([2023]);
    expect(years('今年')).toEqual([2024]);
    expect(years('前年')).toEqual([2022]);
  });
  it('ends 近三年 at the latest year the corpus covers', () => {
    const r = readYears('近三年收到申请', ctx);
    expect(r.years).toEqual([2021, 2022, 2023]);
    expect(r.phrase).toBe('近三年');
    expect(years('最近两年')).toEqual([2022, 2023]);
  });
  it('reads 以来 and 以前', () => {
    expect(years('2021年以来')).toEqual([2021, 2022, 2023]);
    expect(years('2021年以前')).toEqual([2019, 2020]);
  });
  it('reads no year as all years', () => {
    expect(years('哪个局采购金额最多')).toBeNull();
  });
  it('does not take an amount or a threshold for a year', () => {
    expect(years('采购金额超过2000万元的')).toBeNull();
    expect(years('大于2021的')).toBeNull();
    expect(years('2020年采购金额超过2000万元')).toEqual([2020]);
  });
});
