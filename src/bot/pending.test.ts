import { describe, expect, it } from 'vitest';
import { PendingStore } from './pending.js';

describe('uploads awaiting a press', () => {
  it('belong to the person who sent them', () => {
    const store = new PendingStore<string>();
    const id = store.put(1, 'report');
    expect(store.take(id, 2)).toEqual({ ok: false, error: 'not_owner' });
    expect(store.take(id, 1)).toEqual({ ok: true, value: 'report' });
    expect(store.take(id, 1)).toEqual({ ok: false, error: 'expired' }); // taken once
  });

  it('expire after their time', () => {
    let now = 0;
    const store = new PendingStore<string>(15 * 60_000, 20, () => now);
    const id = store.put(1, 'report');
    now = 15 * 60_000;
    expect(store.get(id, 1)).toEqual({ ok: false, error: 'expired' });
  });

  it('keep only the newest when too many wait', () => {
    const store = new PendingStore<number>(60_000, 2);
    const ids = [1, 2, 3].map((n) => store.put(1, n));
    expect(store.size).toBe(2);
    expect(store.get(ids[0] as string, 1).ok).toBe(false);
    expect(store.get(ids[2] as string, 1)).toEqual({ ok: true, value: 3 });
  });
});
