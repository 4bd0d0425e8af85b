import { describe, expect, it } from 'vitest';
import type { FactSource } from './fact-source.js';
import { questionFacts } from './question-facts.js';
import { FactStore } from './store.js';
import { makeReport } from '../query/__fixtures__/reports.js';

describe('the facts one question sees', () => {
  it('asks the storage for a scope’s size once, and passes every other question through', () => {
    const store = new FactStore([
      makeReport({ agency: '甲县教育局', year: 2020, cells: { 'requests.new.total': 12 } }),
      makeReport({ agency: '乙县教育局', year: 2020, cells: { 'requests.new.total': 30 } }),
      makeReport({ agency: '甲县教育局', year: 2021, cells: { 'requests.new.total': 4 } }),
    ]);
    const asked: unknown[] = [];
    const counting = new Proxy(store, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === 'count') return (scope?: object) => (asked.push(scope), store.count(scope));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as FactSource;
    const facts = questionFacts(counting);
    const scope = { years: [2020] };
    expect(facts.count(scope)).toBe(store.count(scope));
    expect(facts.count({ years: [2020] })).toBe(store.count(scope));
    expect(facts.count()).toBe(store.count());
    expect(asked).toHaveLength(2);
    expect(facts.years()).toEqual(store.years());
    expect(facts.rankRows(['requests.new.total'], scope, 'desc', { limit: 3 })).toEqual(store.rankRows(['requests.new.total'], scope, 'desc', { limit: 3 }));
    // A new question asks again.
    questionFacts(counting).count(scope);
    expect(asked).toHaveLength(3);
  });
});
