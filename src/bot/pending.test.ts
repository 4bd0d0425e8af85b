import { describe, expect, it } from 'vitest';
import { MemoryPendingStore } from './pending.js';

describe('uploads awaiting a press', () => {
  it('belong to the person who sent them', async () => {
    const store = new MemoryPendingStore<string>();
    const id = await store.put(1, 'report');
    expect(await store.take(id, 2)).toEqual({ ok: false, error: 'not_owner' });
    expect(await store.take(id, 1)).toEqual({ ok: true, value: 'report' });
    expect(await store.take(id, 1)).toEqual({ ok: false, error: 'expired' }); // taken once
  });

  it('expire after their time', async () => {
    let now = 0;
    const store = new MemoryPendingStore<string>(15 * 60_000, 20, () => now);
    const id = await store.put(1, 'report');
    now = 15 * 60_000;
    expect(await store.get(id, 1)).toEqual({ ok: false, error: 'expired' });
  });

  it('keep only the newest when too many wait', async () => {
    const store = new MemoryPendingStore<number>(60_000, 2);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await store.put(1, n));
    expect(store.size).toBe(2);
    expect((await store.get(ids[0] as string, 1)).ok).toBe(false);
    expect(await store.get(ids[2] as string, 1)).toEqual({ ok: true, value: 3 });
  });
});
