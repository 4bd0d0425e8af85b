import { expect, test } from 'vitest';
import { aboutQuestion, askQuestion, checkQuestion, rankQuestion, reportQuestion } from './command_questions.js';

test.each([
  [rankQuestion, '采购金额 2020', '2020年采购金额排名'],
  [rankQuestion, '2020年 行政许可', '2020年行政许可排名'],
  [rankQuestion, '采购金额', '采购金额排名'],
  [reportQuestion, '牡丹江 2020', '牡丹江 2020年 年报概况'],
  [reportQuestion, '牡丹江2020', '牡丹江 2020年 年报概况'],
  [reportQuestion, '呼兰区教育局', '呼兰区教育局 年报概况'],
  [checkQuestion, '牡丹江 2020', '牡丹江2020年的数据有什么矛盾'],
  [checkQuestion, '', '哪些报告的数据有矛盾'],
  [askQuestion, '  哪个局2020年采购总金额最多 ', '哪个局2020年采购总金额最多'],
  [aboutQuestion, '', '语料概况'],
])('%o("%s") asks "%s"', (toQuestion, args, question) => {
  expect(toQuestion(args)).toEqual({ ok: true, question });
});

test.each([
  [askQuestion, '/ask 问题'],
  [reportQuestion, '/report 单位 年份'],
  [rankQuestion, '/rank 指标 年份'],
])('%o without arguments explains its use', (toQuestion, usage) => {
  const result = toQuestion('  ');
  expect(result.ok).toBe(false);
  expect(result.ok ? '' : result.usage).toContain(usage);
});
