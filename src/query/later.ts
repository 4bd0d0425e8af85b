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
