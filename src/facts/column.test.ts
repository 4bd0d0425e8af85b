import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByValue } from './column.js';

/** The order spelled out: positions with a number, by value descending, ties by position. */
function plainOrder(values: Float64Array): number[] {
  return [...values.keys()].filter((i) => !Number.isNaN(values[i])).sort((a, b) => values[b] - values[a] || a - b);
}

describe('orderByValue', () => {
  it('orders numbers by value descending, ties by position, and leaves out cells without a number', () => {
    const cell = fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 200 }), (cells) => {
        const values = Float64Array.from(cells);
        expect([...orderByValue(values)]).toEqual(plainOrder(values));
      }),
    );
  });

  it('orders whole counts, large and small, the same way', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1e7 })), { maxLength: 300 }), (cells) => {
        const values = Float64Array.from(cells);
        expect([...orderByValue(values)]).toEqual(plainOrder(values));
      }),
    );
  });

  it('gives an empty order for a column without numbers', () => {
    expect([...orderByValue(Float64Array.from([NaN, NaN]))]).toEqual([]);
  });
});
