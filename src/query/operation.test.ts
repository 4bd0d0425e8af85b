import { describe, expect, it } from 'vitest';
import { readOperation } from './operation.js';

const many = { several: true, agencyCount: 0, yearCount: 1 };
const one = { several: false, agencyCount: 1, yearCount: 1 };
const op = (q: string, o = many) => readOperation(q, o);

describe('readOperation', () => {
  it.each([
    ['哪个局采购金额最多', 'desc', null],
    ['采购金额最高的', 'desc', null],
    ['各局采购金额排名', 'desc', null],
    ['从高到低排列', 'desc', null],
    ['哪个局许可最少', 'asc', null],
    ['从低到高', 'asc', null],
    ['前三名', 'desc', 3],
    ['前5', 'desc', 5],
    ['倒数第二', 'asc', 2],
  ])('%s is a ranking', (q, order, top) => {
    expect(op(q)).toEqual({ kind: 'rank', order, top });
  });
  it('对比 / 比较 / 和…相比 compare', () => {
    expect(op('对比甲和乙').kind).toBe('compare');
    expect(op('比较甲乙').kind).toBe('compare');
    expect(op('甲和乙相比').kind).toBe('compare');
    expect(op('甲乙的申请', { several: true, agencyCount: 2, yearCount: 1 }).kind).toBe('compare');
  });
  it('变化 / 趋势 / 逐年, or one agency over years, is a trend', () => {
    expect(op('申请数量的变化', one).kind).toBe('trend');
    expect(op('逐年', one).kind).toBe('trend');
    expect(op('申请', { several: false, agencyCount: 1, yearCount: 3 }).kind).toBe('trend');
  });
  it('合计 / 平均 / 几个 aggregate over several reports', () => {
    expect(op('各局采购金额合计')).toEqual({ kind: 'aggregate', fn: 'sum' });
    expect(op('总共收到多少申请')).toEqual({ kind: 'aggregate', fn: 'sum' });
    expect(op('平均采购金额')).toEqual({ kind: 'aggregate', fn: 'avg' });
    expect(op('有几个局填了采购金额')).toEqual({ kind: 'aggregate', fn: 'count' });
  });
  it('reads filters', () => {
    expect(op('采购金额大于100万元的局')).toMatchObject({ kind: 'filter', cmp: '>', value: 100 });
    expect(op('收到申请不少于十件的')).toMatchObject({ kind: 'filter', cmp: '>=', value: 10 });
    expect(op('收到申请少于5件')).toMatchObject({ kind: 'filter', cmp: '<', value: 5 });
    expect(op('哪些局没有收到申请')).toMatchObject({ kind: 'filter', cmp: '=', value: 0 });
    expect(op('行政许可为零的单位')).toMatchObject({ kind: 'filter', cmp: '=', value: 0 });
    expect(op('哪些局有政府集中采购')).toMatchObject({ kind: 'filter', cmp: '>', value: 0 });
    expect(op('有几个局没有收到申请')).toMatchObject({ kind: 'filter', cmp: '=', value: 0, count: true });
  });
  it('asks one agency plainly when it says 没有', () => {
    expect(op('有没有收到申请', one).kind).toBe('lookup');
  });
  it('is a lookup otherwise', () => {
    expect(op('采购金额是多少', one).kind).toBe('lookup');
  });
});
