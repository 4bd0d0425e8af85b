import { expect, test } from 'vitest';
import { fixedAnswers, Q } from '../../test/fake-telegram/fixed_engine.js';
import type { InputTextMessageContent } from 'grammy/types';
import { inlineResults } from './inline_results.js';

const answers = fixedAnswers();
const message = (r: { input_message_content: unknown }) => (r.input_message_content as InputTextMessageContent).message_text;

test('a figure result is titled with agency, year and unit, and sends the whole sourced answer', () => {
  const results = inlineResults(answers.get(Q.purchase)!);
  expect(results).toHaveLength(2);
  expect(results.map((r) => r.title)).toEqual([
    '牡丹江市教育局 2020年 · 政府集中采购 采购总金额：2896.642 万元（表格）',
    '牡丹江市教育局 2020年 · 正文写作 2896 万元，与表格不一致。',
  ]);
  expect(results[0]!.description).toContain('原文：政府集中采购 38 2896.642');
  expect(results[1]!.description).toContain('采购总金额 2896 万元');
  for (const r of results) expect(message(r)).toContain('正文写作 2896 万元');
});

test('a ranking gives each ranked report its own line as title, the year added', () => {
  const titles = inlineResults(answers.get(Q.rank)!).map((r) => r.title);
  expect(titles).toEqual(['2020年 · 1. 牡丹江市教育局 2896.642 万元', '2020年 · 2. 呼兰区教育局 258.3 万元']);
});

test('passages are listed one a result, each sending that passage with its source', () => {
  const answer = answers.get(Q.passages)!;
  const results = inlineResults(answer);
  expect(results.length).toBe(Math.min(50, answer.citations.length));
  expect(results[0]!.title).toBe('牡丹江市教育局 2020年报告 · 一、总体情况');
  expect(message(results[0]!)).toContain('<b>来源</b>：牡丹江市教育局 2020年报告');
});

test('an answer without citations is one result carrying it whole', () => {
  const results = inlineResults(answers.get(Q.about)!);
  expect(results).toHaveLength(1);
  expect(results[0]!.title).toContain('语料共 5 份报告');
});

test('a citation stated twice in the answer yields one result, not two', () => {
  const answer = answers.get(Q.purchase)!;
  const twice = { ...answer, citations: [answer.citations[0]!, answer.citations[0]!] };
  expect(inlineResults(twice)).toHaveLength(1);
});
