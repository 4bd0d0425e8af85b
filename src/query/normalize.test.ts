import { describe, expect, it } from 'vitest';
import { normalizeQuestion, readCount } from './normalize.js';

describe('normalizeQuestion', () => {
  it('reads traditional characters as simplified', () => {
    expect(normalizeQuestion('哪個局2020年採購總金額最多')).toBe('哪个局2020年采购总金额最多');
  });
  it('turns years in Chinese numerals into digits', () => {
    expect(normalizeQuestion('二〇二〇年采购金额')).toBe('2020年采购金额');
    expect(normalizeQuestion('二零二一年度')).toBe('2021年度');
  });
  it('makes full-width digits half-width and collapses spaces', () => {
    expect(normalizeQuestion('２０２０年   采购')).toBe('2020年 采购');
  });
});

describe('readCount', () => {
  it('reads digits and small Chinese numbers', () => {
    expect(readCount('3')).toBe(3);
    expect(readCount('三')).toBe(3);
    expect(readCount('十')).toBe(10);
    expect(readCount('十二')).toBe(12);
    expect(readCount('二十五')).toBe(25);
    expect(readCount('两')).toBe(2);
    expect(readCount('多')).toBeNull();
  });
});
