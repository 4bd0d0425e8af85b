import { describe, expect, it } from 'vitest';
import { makeReport } from '../query/__fixtures__/reports.js';
import { rank, series } from './queries.js';
import { FactStore } from './store.js';

const store = new FactStore([
  makeReport({ agency: '甲局', year: 2020, cells: { 'licensing.decisions': 5 } }),
  makeReport({ agency: '乙局', year: 2020, cells: { 'licensing.decisions': 5 } }),
  makeReport({ agency: '丙局', year: 2020, cells: { 'licensing.decisions': 2 } }),
  makeReport({ agency: '丁局', year: 2020, cells: { 'licensing.decisions': 'blank' } }),
  makeReport({ agency: '甲局', year: 2019, cells: { 'licensing.decisions': 1 } }),
]);
const y2020 = store.readAll(['licensing.decisions'], { years: [2020] });

describe('queries', () => {
  it('ranks numbers only, ties sharing a rank and the next rank skipping', () => {
    expect(rank(y2020, 'desc').map((x) => [x.reading.report.meta.agency, x.rank])).toEqual([['甲局', 1], ['乙局', 1], ['丙局', 3]]);
    expect(rank(y2020, 'asc').map((x) => x.rank)).toEqual([1, 2, 2]);
  });
  it('orders a series by year with the change from the year before', () => {
    const s = series(store.readAll(['licensing.decisions'], { agencies: ['甲局'] }));
    expect(s.map((x) => [x.reading.report.meta.year, x.delta])).toEqual([[2019, null], [2020, 4]]);
  });
});
