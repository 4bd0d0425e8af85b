/**
 * A value now or a promise of it. The embedded passage index answers at once and the database
 * later; routes written over `Later` stay synchronous for the embedded engine (its `answer`, for
 * benchmarks and the JSONL loop) and asynchronous only where the database is behind them.
 */
export type Later<T> = T | Promise<T>;

/** `f` of the value, at once when it is there, else when the promise settles. (Not named `then`: a module exporting `then` is a thenable, and `await import` of it calls it.) */
export function andThen<T, U>(value: Later<T>, f: (x: T) => U): Later<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * Steps written as a generator over `Later` values: each `yield* wait(x)` hands `x` to `flow`,
 * which goes on at once with a value and after the promise with a promise. An answer written so
 * runs synchronously over the embedded store and asynchronously over the database, one code.
 */
export type Steps<T> = Generator<unknown, T, unknown>;

/** The value of `x` inside steps run by `flow`. */
export function* wait<T>(x: Later<T>): Steps<T> {
  return (yield x) as T;
}

/**
 * Runs `steps`: synchronously while every value waited for is there, else as a promise from the
 * first promise on.
 *
 * @example
 *   flow((function* () { const n = yield* wait(source.count()); return n + 1; })())
 */
export function flow<T>(steps: Steps<T>): Later<T> {
  let step = steps.next();
  while (!step.done) {
    if (step.value instanceof Promise) return settle(steps, step.value);
    step = steps.next(step.value);
  }
  return step.value;
}

async function settle<T>(steps: Steps<T>, pending: Promise<unknown>): Promise<T> {
  for (;;) {
    let step: IteratorResult<unknown, T>;
    try {
      step = steps.next(await pending);
    } catch (e) {
      // The promise failed (the generator's own throw leaves it done and is thrown again here).
      step = steps.throw(e);
    }
    while (!step.done && !(step.value instanceof Promise)) step = steps.next(step.value);
    if (step.done) return step.value;
    pending = step.value as Promise<unknown>;
  }
}

/** `f` of each item in turn, as steps. */
export function* each<A, T>(items: readonly A[], f: (item: A, index: number) => Steps<T>): Steps<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) out.push(yield* f(items[i], i));
  return out;
}

/** Both values, waited for together: at once when both are there, else one promise of the two. */
export function both<A, B>(a: Later<A>, b: Later<B>): Later<[A, B]> {
  return a instanceof Promise || b instanceof Promise ? Promise.all([a, b]) : [a, b];
}
