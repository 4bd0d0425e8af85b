import { expect, test } from 'vitest';
import { reportParagraphs } from '../../test/fake-telegram/fixed_engine.js';
import { paginate } from './pages.js';

const ranking = ['2020年 政府集中采购总金额 排名：', ...Array.from({ length: 25 }, (_, i) => `${i + 1}. 第${i + 1}个单位 ${100 - i} 万元`)].join('\n');

test('a short answer is one page', () => {
  expect(paginate('牡丹江市教育局 2020年 政府集中采购总金额：2896.642 万元')).toHaveLength(1);
});

test('a long ranking is paged a number of lines at a time, nothing lost', () => {
  const pages = paginate(ranking, { maxItems: 10, maxChars: 3000 });
  expect(pages.map((p) => p.split('\n').length)).toEqual([10, 10, 6]);
  expect(pages.join('\n')).toBe(ranking);
});

test('a passage list keeps each passage whole on a page within the character budget', () => {
  const passages = reportParagraphs('004_1f4ee6e2bcc4addb.txt');
  const pages = paginate(passages.join('\n\n'), { maxItems: 10, maxChars: 1500 });
  expect(pages.length).toBeGreaterThan(1);
  for (const page of pages) expect(page.length).toBeLessThanOrEqual(1500);
  const shortOnes = passages.filter((p) => p.length <= 1500);
  for (const p of shortOnes) expect(pages.some((page) => page.includes(p))).toBe(true);
});

test('a report card of some thirty lines is one page', () => {
  const card = ['牡丹江市教育局2020年政府信息公开工作年度报告', ...Array.from({ length: 28 }, (_, i) => `· 指标${i}：${i}件`)].join('\n');
  expect(paginate(card)).toHaveLength(1);
});

test('a line that introduces the next (ending in "：") never ends a page', () => {
  const passages = Array.from({ length: 6 }, (_, i) => `单位${i} · 五、存在的主要问题及改进情况：\n${'一是信息主动公开力度不足。'.repeat(3)}`).join('\n');
  for (const page of paginate(passages, { maxItems: 3, maxChars: 3000 })) expect(page).not.toMatch(/：$/);
});
