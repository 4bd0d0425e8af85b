import { describe, expect, it } from 'vitest';
import { readPng } from '../../test/png.js';
import type { AnswerTable } from '../query/answer.js';
import { chartPlan } from './chart-plan.js';
import { chartPng, chartSvg } from './chart.js';

const ranking = (n: number): AnswerTable => ({
  kind: 'ranking',
  title: '2020年政府集中采购 采购总金额排名',
  metric: '政府集中采购 采购总金额',
  unit: '万元',
  columns: ['名次', '单位', '年度', '政府集中采购 采购总金额（万元）'],
  rows: [
    [1, '牡丹江市教育局', 2020, 2896.642],
    [2, '呼兰区教育局', 2020, 258.3],
    [3, '鹤岗市教育局', 2020, 12],
    ...Array.from({ length: Math.max(0, n - 3) }, (_, i) => [i + 4, `第${i + 4}区教育局`, 2020, 10 - i / 100]),
  ].slice(0, n),
  total: n,
});

describe('the chart of a ranking', () => {
  it('is bars named by agency, with the title and the source line, in the SVG as Chinese text', () => {
    const plan = chartPlan(ranking(3));
    expect(plan?.type).toBe('bar');
    const svg = chartSvg(plan!);
    for (const words of ['牡丹江市教育局', '呼兰区教育局', '鹤岗市教育局', '2020年政府集中采购 采购总金额排名', '来源：3个单位的政府信息公开工作年度报告（2020年，共3份）', '2896.642', '万元']) {
      expect(svg).toContain(words);
    }
  });

  it('draws as a PNG with ink on it, as wide as the chart', async () => {
    const png = await chartPng(chartPlan(ranking(5))!);
    const info = readPng(png);
    expect(info.width).toBe(900);
    expect(info.height).toBeGreaterThanOrEqual(360);
    expect(info.inked).toBeGreaterThan(0.01);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('stops at 100 bars and says so', () => {
    const plan = chartPlan(ranking(130));
    expect(plan?.type === 'bar' && plan.bars).toHaveLength(100);
    expect(plan?.source).toContain('图中为前100份');
  });

  it('draws a table carrying its first rows only from those, and says of how many', () => {
    const first = { ...ranking(100), total: 10_000 };
    const plan = chartPlan(first);
    expect(plan?.type === 'bar' && plan.bars).toHaveLength(100);
    expect(plan?.source).toContain('共10000份中的前100份');
    // All 100 rows carried have a number: none is said to lack one.
    expect(plan?.source).not.toContain('没有数字');
    expect(plan?.source).not.toContain('图中为前');
  });

  it('is no picture for two figures: text says it better', () => {
    expect(chartPlan(ranking(2))).toBeNull();
  });
});

describe('the chart of a comparison and of a trend', () => {
  it('leaves out a report without a number and says how many', () => {
    const plan = chartPlan({
      kind: 'comparison',
      title: '行政许可 处理决定数量对比',
      metric: '行政许可 处理决定数量',
      unit: '件',
      columns: ['单位', '年度', '行政许可 处理决定数量（件）'],
      rows: [['甲局', 2020, 5], ['乙局', 2021, 3], ['丙局', 2022, 8], ['丁局', 2022, '未填写']],
      total: 4,
    });
    expect(plan?.type === 'bar' && plan.bars.map((b) => b.label)).toEqual(['甲局 2020年', '乙局 2021年', '丙局 2022年']);
    expect(plan?.source).toContain('1份没有数字，未画出');
  });

  it('draws a trend as one line an agency over the years, gaps where a year is missing', () => {
    const plan = chartPlan({
      kind: 'trend',
      title: '本年新收政府信息公开申请逐年变化',
      metric: '本年新收政府信息公开申请',
      unit: '件',
      columns: ['单位', '年度', '本年新收政府信息公开申请（件）', '本年新收政府信息公开申请比上一年增减（件）'],
      rows: [['甲局', 2020, 3, null], ['甲局', 2021, 5, 2], ['甲局', 2022, 4, -1], ['乙局', 2020, 10, null], ['乙局', 2022, 7, -3]],
      total: 5,
    });
    expect(plan).toMatchObject({ type: 'line', years: [2020, 2021, 2022], lines: [{ name: '甲局', values: [3, 5, 4] }, { name: '乙局', values: [10, null, 7] }] });
    const svg = chartSvg(plan!);
    expect(svg).toContain('甲局');
    expect(svg).toContain('2021年');
  });

  it('draws no trend when no agency has two years', () => {
    const plan = chartPlan({
      kind: 'trend', title: 't', metric: 'm', unit: '件', columns: ['单位', '年度', 'a', 'b'],
      rows: [['甲局', 2020, 3, null], ['乙局', 2021, 5, null], ['丙局', 2022, 4, null]], total: 3,
    });
    expect(plan).toBeNull();
  });
});
