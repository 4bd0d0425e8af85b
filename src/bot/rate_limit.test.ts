import { expect, test } from 'vitest';
import { MemoryRateLimiter } from './rate_limit.js';

test('allows the limit within a window, refuses the next, and says so once', async () => {
  const limiter = new MemoryRateLimiter(2, 60_000);
  expect(await limiter.take('alice', 0)).toEqual({ allowed: true, firstRefusal: false });
  expect(await limiter.take('alice', 1_000)).toEqual({ allowed: true, firstRefusal: false });
  expect(await limiter.take('alice', 2_000)).toEqual({ allowed: false, firstRefusal: true });
  expect(await limiter.take('alice', 3_000)).toEqual({ allowed: false, firstRefusal: false });
  expect((await limiter.take('bob', 3_000)).allowed).toBe(true);
});

test('the window slides: a minute later the user may ask again', async () => {
  const limiter = new MemoryRateLimiter(1, 60_000);
  await limiter.take('alice', 0);
  expect((await limiter.take('alice', 59_999)).allowed).toBe(false);
  expect((await limiter.take('alice', 60_001)).allowed).toBe(true);
});

test('a limit of 0 means no limit', async () => {
  const limiter = new MemoryRateLimiter(0);
  for (let i = 0; i < 100; i++) expect((await limiter.take('alice', i)).allowed).toBe(true);
});
