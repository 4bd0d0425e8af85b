import { describe, expect, it } from 'vitest';
import { AnswerSchema } from './answer.js';
import { FIXTURE_REPORTS } from './__fixtures__/corpus.js';
import { JUNE_2024, makeReport } from './__fixtures__/reports.js';
import { buildEngine } from './engine.js';

const engine = buildEngine(FIXTURE_REPORTS, { now: JUNE_2024 });
const ask = (q: string) => AnswerSchema.parse(engine.answer(q));

describe('the rows behind an answer', () => {
  it('a ranking has one row per line of its text: rank, agency, year, figure', () => {
    const a = ask('哪个局2020年采购总金额最多');
    expect(a.table).toMatchObject({ kind: 'ranking', unit: '万元', columns: ['名次', '单位', '年度', '政府集中采购 采购总金额（万元）'] });
    expect(a.table?.rows).toEqual([
      [1, '大庆市财政局', 2020, 800],
      [1, '大庆市教育局', 2020, 800],
      [3, '长春市教育局', 2020, 120.5],
    ]);
    for (const [rank, agency, , value] of a.table!.rows) expect(a.text).toContain(`${rank}. ${agency} ${value}万元`);
  });

  it('a ranking of 130 reports lists 100 in its text and keeps all 130 rows', () => {
    const reports = Array.from({ length: 130 }, (_, i) =>
      makeReport({ agency: `第${i + 1}区教育局`, year: 2020, province: '黑龙江省', cells: { 'licensing.decisions': 1000 - i } }),
    );
    const a = buildEngine(reports, { now: JUNE_2024 }).answer('2020年哪个局行政许可决定最多');
    expect(a.text).toMatch(/其余30份从略/);
    expect(a.table?.rows).toHaveLength(130);
    expect(a.table?.total).toBe(130);
    expect(a.table?.rows.at(-1)).toEqual([130, '第130区教育局', 2020, 871]);
  });

  it('a blank cell is 未填写 in a comparison, never 0', () => {
    const a = ask('比较大庆市教育局和长春市教育局2020年行政许可处理决定数量');
    expect(a.table?.kind).toBe('comparison');
    expect(a.table?.rows).toEqual([
      ['大庆市教育局', 2020, '未填写'],
      ['长春市教育局', 2020, 3],
    ]);
  });

  it('two figures compared make one table with a column each', () => {
    const a = ask('比较大庆市教育局和长春市教育局2020年收到申请和行政许可');
    expect(a.table?.columns).toEqual(['单位', '年度', '本年新收政府信息公开申请（件）', '行政许可 处理决定数量（件）']);
    expect(a.table?.rows).toEqual([
      ['大庆市教育局', 2020, 0, '未填写'],
      ['长春市教育局', 2020, 2, 3],
    ]);
  });

  it('a trend gives each year with its change from the year before', () => {
    const a = ask('大庆市财政局行政许可逐年变化');
    expect(a.table?.kind).toBe('trend');
    expect(a.table?.rows).toEqual([
      ['大庆市财政局', 2019, 10, null],
      ['大庆市财政局', 2020, 12, 2],
      ['大庆市财政局', 2021, 15, 3],
    ]);
  });

  it('a filter keeps the reports that pass it', () => {
    const a = ask('2020年采购金额大于100万元的有哪些局');
    expect(a.table?.kind).toBe('filter');
    expect(a.table?.rows.map((r) => r[0])).toEqual(['大庆市财政局', '大庆市教育局', '长春市教育局']);
  });

  it('an answer about one report, or without figures, has no table', () => {
    expect(ask('大庆市财政局2020年采购总金额是多少').table).toBeUndefined();
    expect(ask('2021年哪个局采购金额最多').table).toBeUndefined();
  });
});
