import { expect, test } from 'vitest';
import type { Answer } from '../query/answer.js';
import { MemoryAnswerStore } from './answer_store.js';

const answer = (rows: number): Answer => ({
  question: 'q',
  route: 'facts',
  text: 't',
  citations: [],
  ...(rows ? { table: { kind: 'list', title: 't', metric: 'm', unit: '', columns: ['单位'], rows: Array.from({ length: rows }, () => ['甲局']), total: rows } } : {}),
});

test('the oldest answer is forgotten past the capacity, and its button finds nothing', async () => {
  const store = new MemoryAnswerStore(2);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push(await store.remember({ answer: answer(0), pages: ['t'] }));
  const [a, b, c] = ids as [string, string, string];
  expect(await store.get(a)).toBeUndefined();
  expect(await store.get(b)).toBeDefined();
  expect(await store.get(c)).toBeDefined();
});

test('answers with large tables are forgotten sooner: the rows held stay under the budget', async () => {
  const store = new MemoryAnswerStore(100, 1000);
  const first = await store.remember({ answer: answer(600), pages: ['t'] });
  const second = await store.remember({ answer: answer(600), pages: ['t'] });
  expect(await store.get(first)).toBeUndefined();
  expect((await store.get(second))?.answer.table?.rows).toHaveLength(600);
});

test('one answer larger than the budget is still kept until the next', async () => {
  const store = new MemoryAnswerStore(100, 10);
  const big = await store.remember({ answer: answer(50), pages: ['t'] });
  expect(await store.get(big)).toBeDefined();
});
