import { describe, expect, it } from 'vitest';
import { maskIndicators, readIndicators } from './indicators.js';
import { readMetrics } from './metrics.js';
import { readOperation } from './operation.js';

const ids = (q: string) => readIndicators(q).map((m) => m.def.id);

describe('readIndicators', () => {
  it.each([
    ['2020年哪个局公开率最低', 'rate.granted'],
    ['不予公开率', 'rate.denied'],
    ['无法提供率', 'rate.unable'],
    ['不予处理率', 'rate.not_processed'],
    ['结转率', 'rate.carried_forward'],
    ['牡丹江市教育局复议纠错率', 'rate.review_corrected'],
    ['行政诉讼败诉率', 'rate.litigation_lost'],
    ['未经复议直接起诉败诉率', 'rate.litigation_direct_lost'],
    ['复议后起诉败诉率', 'rate.litigation_after_review_lost'],
    ['被复议诉讼率', 'rate.contested'],
    ['申请总量', 'requests.received'],
  ])('%s → %s', (q, id) => {
    expect(ids(q)).toEqual([id]);
  });
  it('leaves no metric inside an indicator word', () => {
    const q = '2022年申请总量';
    expect(readMetrics(maskIndicators(q, readIndicators(q)))).toEqual([]);
  });
});

describe('同比 and 排第几', () => {
  const op = (q: string) => readOperation(q, { several: false, agencyCount: 1, yearCount: 1 });
  it.each(['申请数量同比', '收到申请比上年增加多少', '公开率较上一年'])('%s → yoy', (q) => {
    expect(op(q).kind).toBe('yoy');
  });
  it.each(['收到申请数在教育局中排第几', '公开率在同类单位中排名第几', '公开率处于什么水平', '申请数量的百分位'])('%s → standing', (q) => {
    expect(op(q).kind).toBe('standing');
  });
});
