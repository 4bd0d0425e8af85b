import { describe, expect, it } from 'vitest';
import { decodeTerms, encodeTerms, PostingList } from './coding.js';
import { Column } from './column.js';

describe('coding', () => {
  it('gives back the (term, count) pairs of a passage in term order, counts capped at 255', () => {
    const out = new Column(Uint8Array);
    encodeTerms(out, [300_000, 5, 127, 128], [2, 1, 999, 3]);
    const pairs: Array<[number, number]> = [];
    decodeTerms(out.view(), 0, out.length, (t, c) => pairs.push([t, c]));
    expect(pairs).toEqual([
      [5, 1],
      [127, 255],
      [128, 3],
      [300_000, 2],
    ]);
  });

  it('keeps passages apart in one stream', () => {
    const out = new Column(Uint8Array);
    encodeTerms(out, [7], [1]);
    const end = out.length;
    encodeTerms(out, [3], [4]);
    const second: number[] = [];
    decodeTerms(out.view(), end, out.length, (t, c) => second.push(t, c));
    expect(second).toEqual([3, 4]);
  });

  it('lists the passages of a posting list in the order added', () => {
    const list = new PostingList();
    for (const [pid, count] of [
      [0, 1],
      [9, 2],
      [70_000, 1],
    ]) {
      list.push(pid, count);
    }
    const seen: number[][] = [];
    list.forEach((pid, count) => seen.push([pid, count]));
    expect(seen).toEqual([
      [0, 1],
      [9, 2],
      [70_000, 1],
    ]);
    expect(list.count).toBe(3);
  });
});
