import { expect, test } from 'vitest';
import type { Answer } from '../query/answer.js';
import { AnswerStore } from './answer_store.js';

const answer = (rows: number): Answer => ({
  question: 'q',
  route: 'facts',
  text: 't',
  citations: [],
  ...(rows ? { table: { kind: 'list', title: 't', metric: 'm', unit: '', columns: ['单位'], rows: Array.from({ length: rows }, () => ['甲局']), total: rows } } : {}),
});

test('the oldest answer is forgotten past the capacity, and its button finds nothing', () => {
  const store = new AnswerStore(2);
  const [a, b, c] = [0, 0, 0].map(() => store.remember({ answer: answer(0), pages: ['t'] }));
  expect(store.get(a!)).toBeUndefined();
  expect(store.get(b!)).toBeDefined();
  expect(store.get(c!)).toBeDefined();
});

test('answers with large tables are forgotten sooner: the rows held stay under the budget', () => {
  const store = new AnswerStore(100, 1000);
  const first = store.remember({ answer: answer(600), pages: ['t'] });
  const second = store.remember({ answer: answer(600), pages: ['t'] });
  expect(store.get(first)).toBeUndefined();
  expect(store.get(second)?.answer.table?.rows).toHaveLength(600);
});

test('one answer larger than the budget is still kept until the next', () => {
  const store = new AnswerStore(100, 10);
  const big = store.remember({ answer: answer(50), pages: ['t'] });
  expect(store.get(big)).toBeDefined();
});
