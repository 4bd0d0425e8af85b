import { expect, test } from 'vitest';
import { RateLimiter } from './rate_limit.js';

test('allows the limit within a window, refuses the next, and says so once', () => {
  const limiter = new RateLimiter(2, 60_000);
  expect(limiter.take('alice', 0)).toEqual({ allowed: true, firstRefusal: false });
  expect(limiter.take('alice', 1_000)).toEqual({ allowed: true, firstRefusal: false });
  expect(limiter.take('alice', 2_000)).toEqual({ allowed: false, firstRefusal: true });
  expect(limiter.take('alice', 3_000)).toEqual({ allowed: false, firstRefusal: false });
  expect(limiter.take('bob', 3_000).allowed).toBe(true);
});

test('the window slides: a minute later the user may ask again', () => {
  const limiter = new RateLimiter(1, 60_000);
  limiter.take('alice', 0);
  expect(limiter.take('alice', 59_999).allowed).toBe(false);
  expect(limiter.take('alice', 60_001).allowed).toBe(true);
});

test('a limit of 0 means no limit', () => {
  const limiter = new RateLimiter(0);
  for (let i = 0; i < 100; i++) expect(limiter.take('alice', i).allowed).toBe(true);
});
