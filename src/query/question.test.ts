import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from './agencies.js';
import { readQuestion } from './question.js';

const directory = new AgencyDirectory([
  { agency: '七台河市教育局', aliases: [], region: { province: '黑龙江省', city: '七台河市', county: null } },
  { agency: '勃利县教育局', aliases: [], region: { province: '黑龙江省', city: '七台河市', county: '勃利县' } },
  { agency: '延吉市财政局', aliases: [], region: { province: '吉林省', city: '延边朝鲜族自治州', county: '延吉市' } },
]);
const read = (q: string) => readQuestion(q, { directory, corpusYears: [2020, 2021, 2022], now: new Date('2023-05-01') });
const intent = (q: string) => read(q).intent;

describe('readQuestion', () => {
  it('routes a metric with an operation to the facts', () => {
    expect(intent('哪些局2020年有政府集中采购')).toMatchObject({ kind: 'facts', op: { kind: 'filter', cmp: '>', value: 0 } });
    expect(intent('2021年各局收到申请从多到少')).toMatchObject({ kind: 'facts', op: { kind: 'rank', order: 'desc' } });
    expect(intent('勃利县2021年行政许可')).toMatchObject({ kind: 'facts', op: { kind: 'lookup' } });
    expect(intent('勃利和延吉2021年收到申请')).toMatchObject({ kind: 'facts', op: { kind: 'compare' } });
    expect(intent('勃利县2020到2022年收到申请')).toMatchObject({ kind: 'facts', op: { kind: 'trend' } });
  });
  it('reads the scope: names, places, kinds, or all', () => {
    expect(read('勃利2021年行政许可').agencies).toEqual(['勃利县教育局']);
    expect(read('七台河2021年行政许可').agencies).toEqual(['七台河市教育局']);
    expect(read('七台河哪个局行政许可最多').agencies?.sort()).toEqual(['七台河市教育局', '勃利县教育局']);
    expect(read('吉林省各局收到申请').agencies).toEqual(['延吉市财政局']);
    expect(read('延边州的单位收到申请').agencies).toEqual(['延吉市财政局']);
    expect(read('各教育局收到申请合计').agencies?.sort()).toEqual(['七台河市教育局', '勃利县教育局']);
    expect(read('黑龙江的财政局收到申请').agencies).toEqual([]);
    expect(read('哪个局收到申请最多').agencies).toBeNull();
    expect(read('七台河勃利县教育局收到申请').agencies).toEqual(['勃利县教育局']);
    expect(read('吉林省的七台河市教育局').agencies?.sort()).toEqual(['七台河市教育局', '延吉市财政局']);
  });
  it('keeps agencies the corpus lacks apart', () => {
    expect(read('北京市教育局2020年采购金额')).toMatchObject({ agencies: null, unknown: ['北京市教育局'] });
  });
  it('routes checks, cards, overview, sections and meta by their words', () => {
    expect(intent('七台河2021年的数据有没有不一致')).toEqual({ kind: 'checks' });
    expect(intent('勃利县教育局勾稽关系对不对')).toEqual({ kind: 'checks' });
    expect(intent('勃利 2021年 年报概况')).toEqual({ kind: 'card' });
    expect(intent('勃利县教育局2021年的年报')).toEqual({ kind: 'card' });
    expect(intent('语料概况')).toEqual({ kind: 'overview' });
    expect(intent('勃利县教育局存在哪些不足')).toEqual({ kind: 'section', part: 'problems' });
    expect(intent('延吉市财政局下一步打算')).toEqual({ kind: 'section', part: 'improvements' });
    expect(intent('勃利县教育局存在的问题和改进措施')).toEqual({ kind: 'section', part: 'both' });
    expect(intent('七台河有什么其他需要报告的事项')).toEqual({ kind: 'section', part: 'other' });
    expect(intent('收录了哪些单位')).toEqual({ kind: 'meta', ask: 'agencies' });
    expect(intent('有几份2021年的报告')).toEqual({ kind: 'meta', ask: 'count' });
    expect(intent('勃利县教育局是哪年的报告')).toEqual({ kind: 'meta', ask: 'years' });
    expect(intent('勃利县教育局的年报什么时候发布')).toEqual({ kind: 'meta', ask: 'published' });
  });
  it('searches passages for everything else', () => {
    expect(intent('双随机双公示')).toEqual({ kind: 'search' });
    expect(intent('勃利县教育局共计发表新闻多少条')).toEqual({ kind: 'search' });
  });
});
