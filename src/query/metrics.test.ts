import { describe, expect, it } from 'vitest';
import { readMetrics } from './metrics.js';
import { normalizeQuestion } from './normalize.js';

const first = (q: string) => readMetrics(normalizeQuestion(q))[0]?.ids[0];
const all = (q: string) => readMetrics(normalizeQuestion(q)).map((m) => m.ids[0]);

describe('readMetrics', () => {
  it.each(['采购总金额', '采购金额', '采购总额', '集中采购', '政府集中采购花了多少钱'])('%s → procurement.amount', (q) => {
    expect(first(`某局2020年${q}`)).toBe('procurement.amount');
  });
  it('采购项目 → procurement.projects', () => {
    expect(first('2020年采购项目有几项')).toBe('procurement.projects');
    expect(first('政府集中采购项目数量')).toBe('procurement.projects');
  });
  it.each(['行政许可', '行政许可决定', '行政许可处理决定数量'])('%s → licensing.decisions', (q) => {
    expect(first(q)).toBe('licensing.decisions');
  });
  it('行政许可上一年项目数量 → licensing.prev_items', () => {
    expect(first('行政许可上一年项目数量')).toBe('licensing.prev_items');
  });
  it.each(['收到申请多少件', '新收申请', '依申请公开的数量', '收到了多少件政府信息公开申请'])('%s → requests.new.total', (q) => {
    expect(first(q)).toBe('requests.new.total');
  });
  it('reads the applicant column of a request row', () => {
    expect(first('商业企业收到申请多少件')).toBe('requests.new.business');
    expect(first('自然人的新收申请')).toBe('requests.new.natural_person');
  });
  it('reads the column of 规范性文件 anywhere in the sentence', () => {
    expect(first('制发了几件行政规范性文件')).toBe('normative_docs.issued');
    expect(first('废止了多少规范性文件')).toBe('normative_docs.repealed');
    expect(first('现行有效的规范性文件')).toBe('normative_docs.in_force');
    expect(first('规范性文件对外公开总数量')).toBe('normative_docs.in_force');
    expect(first('规范性文件有多少件')).toBe('normative_docs.in_force');
  });
  it('reads 行政复议 and 行政诉讼 (both kinds of lawsuit)', () => {
    expect(all('行政复议和行政诉讼情况')).toEqual(['review.total', 'litigation_direct.total', 'litigation_after_review.total']);
    expect(first('行政复议结果纠正')).toBe('review.corrected');
    expect(all('复议后起诉')).toEqual(['litigation_after_review.total']);
  });
  it('offers the 2019 item where the 2021 template names 收费 differently', () => {
    expect(readMetrics('行政事业性收费')[0].ids).toEqual(['fees.amount', 'fees.prev_items']);
    expect(readMetrics('行政事业性收费金额')[0].ids).toEqual(['fees.amount']);
  });
  it('reads no metric in free text', () => {
    expect(all('共计发表新闻多少条')).toEqual([]);
    expect(all('双随机双公示')).toEqual([]);
  });
});
