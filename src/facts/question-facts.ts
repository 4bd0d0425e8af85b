/**
 * The facts as one question sees them: a scope's size asked twice in one answer (the route's
 * check that the scope has reports, then the answer's own count) is asked of the storage once.
 * Made anew for each question, so nothing is kept across a reload.
 */
import type { Later } from '../query/later.js';
import type { FactSource } from './fact-source.js';
import type { Scope } from './store.js';

export function questionFacts(store: FactSource): FactSource {
  const counts = new Map<string, Later<number>>();
  const count = (scope: Scope = {}): Later<number> => {
    const key = JSON.stringify([scope.agencies ?? null, scope.years ?? null]);
    let n = counts.get(key);
    if (n === undefined) counts.set(key, (n = store.count(scope)));
    return n;
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'count') return count;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
