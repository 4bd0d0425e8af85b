import { describe, expect, it } from 'vitest';
import { makeReport } from '../query/__fixtures__/reports.js';
import { FactStore } from './store.js';

const a2020 = makeReport({
  agency: '甲县教育局', year: 2020,
  cells: { 'procurement.amount': 12.5, 'licensing.decisions': 'blank', 'requests.new.total': 0, 'procurement.projects': 9 },
  narrative: [{ metric: 'procurement.projects', value: 6, sentence: '政府集中采购项目6项。' }],
});
const a2022 = makeReport({ agency: '甲县教育局', year: 2022, cells: { 'fees.amount': 1.5, 'requests.new.total': 'na', 'licensing.decisions': 'unknown' } });
const b2020 = makeReport({ agency: '乙县教育局', year: 2020, cells: { 'procurement.amount': 30, 'fees.prev_items': 2 } });
const store = new FactStore([a2022, b2020, a2020]);

describe('FactStore', () => {
  it('lists reports by agency then year, and the years covered', () => {
    expect(store.reportsIn().map((r) => r.id)).toEqual([a2020.id, a2022.id, b2020.id]);
    expect(store.years()).toEqual([2020, 2022]);
    expect(store.reportsIn({ years: [2020] }).map((r) => r.id).sort()).toEqual([a2020.id, b2020.id].sort());
    expect(store.reportsIn({ agencies: ['甲县教育局'], years: [2022] }).map((r) => r.id)).toEqual([a2022.id]);
  });
  it('reads a number, and a zero as a zero', () => {
    expect(store.read(a2020, ['procurement.amount'])).toMatchObject({ status: 'number', value: 12.5 });
    expect(store.read(a2020, ['requests.new.total'])).toMatchObject({ status: 'number', value: 0 });
  });
  it('keeps a blank cell blank, "/" not applicable and an unreadable cell unknown — never 0', () => {
    expect(store.read(a2020, ['licensing.decisions'])).toMatchObject({ status: 'blank', value: null });
    expect(store.read(a2022, ['requests.new.total'])).toMatchObject({ status: 'not_applicable', value: null });
    expect(store.read(a2022, ['licensing.decisions'])).toMatchObject({ status: 'unknown', value: null });
  });
  it('tells an item the template lacks from a cell the parser did not find', () => {
    expect(store.read(a2022, ['procurement.amount']).status).toBe('no_item');
    expect(store.read(b2020, ['licensing.decisions']).status).toBe('not_found');
  });
  it('takes the first metric the template has', () => {
    expect(store.read(b2020, ['fees.amount', 'fees.prev_items'])).toMatchObject({ metric: 'fees.prev_items', value: 2 });
    expect(store.read(a2022, ['fees.amount', 'fees.prev_items'])).toMatchObject({ metric: 'fees.amount', value: 1.5 });
  });
  it('prefers the table and keeps a differing narrative figure', () => {
    const r = store.read(a2020, ['procurement.projects']);
    expect(r).toMatchObject({ status: 'number', value: 9, disagree: true });
    expect(r.others.map((o) => o.source)).toEqual(['政府集中采购项目6项。']);
  });
  it('reads a metric over a scope from its index, one reading per report', () => {
    const rs = store.readAll(['procurement.amount'], { years: [2020] });
    expect(rs.map((r) => [r.report.meta.agency, r.value])).toEqual([['甲县教育局', 12.5], ['乙县教育局', 30]]);
    const all = store.readAll(['procurement.amount']);
    expect(all.map((r) => r.status)).toEqual(['number', 'no_item', 'number']);
  });
});

describe('FactStore over a scope', () => {
  const many = new FactStore([
    makeReport({ agency: '甲局', year: 2020, cells: { 'licensing.decisions': 5 } }),
    makeReport({ agency: '乙局', year: 2020, cells: { 'licensing.decisions': 5 } }),
    makeReport({ agency: '丙局', year: 2020, cells: { 'licensing.decisions': 2 } }),
    makeReport({ agency: '丁局', year: 2020, cells: { 'licensing.decisions': 'blank' } }),
    makeReport({ agency: '戊局', year: 2020, cells: {} }),
    makeReport({ agency: '甲局', year: 2021, cells: { 'licensing.decisions': 9 } }),
  ]);
  const ids = ['licensing.decisions'];
  const y2020 = { years: [2020] };
  const names = (rs: Array<{ reading: { report: { meta: { agency: string } } }; rank: number }>) => rs.map((x) => [x.reading.report.meta.agency, x.rank]);

  it('ranks with ties sharing a rank, in report order within a tie', () => {
    expect(names(many.rank(ids, y2020, 'desc', { limit: 10 }).items)).toEqual([['甲局', 1], ['乙局', 1], ['丙局', 3]]);
    expect(names(many.rank(ids, y2020, 'asc', { limit: 10 }).items)).toEqual([['丙局', 1], ['甲局', 2], ['乙局', 2]]);
  });
  it('keeps everyone tied at the cut of a top N, and counts all with a number', () => {
    const top = many.rank(ids, y2020, 'desc', { top: 1, limit: 10 });
    expect(top.items).toHaveLength(2);
    expect(top.total).toBe(3);
  });
  it('ranks across years', () => {
    expect(many.rank(ids, {}, 'desc', { limit: 1 }).items[0].reading.report.meta.year).toBe(2021);
  });
  it('sums only numbers', () => {
    expect(many.sum(ids, y2020)).toEqual({ count: 3, sum: 12 });
  });
  it('filters numbers, in report order', () => {
    const page = many.where(ids, y2020, { cmp: ">", value: 2 }, 10);
    expect(page.items.map((r) => r.report.meta.agency).sort()).toEqual(['乙局', '甲局']);
    expect(page.total).toBe(2);
  });
  it('groups the reports without a number by why', () => {
    const groups = many.absent(ids, y2020).map((g) => [g.status, g.count, g.examples.map((r) => r.meta.agency)]);
    expect(groups).toEqual(expect.arrayContaining([['blank', 1, ['丁局']], ['not_found', 1, ['戊局']]]));
  });
  it('scopes by agency', () => {
    expect(many.sum(ids, { agencies: ['甲局'] })).toEqual({ count: 2, sum: 14 });
    expect(many.count({ agencies: ['甲局'] })).toBe(2);
    expect(many.count(y2020)).toBe(5);
  });
});
