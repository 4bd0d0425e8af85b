import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('drops page footers typed in full-width digits as it drops those in ASCII', () => {
    expect(normalizeText('规章\t1\t0\t11\n— ５ —\n行政许可\t3').split('\n')).toEqual(['规章\t1\t0\t11', '', '行政许可\t3']);
    expect(normalizeText('规章\t1\n第 ３ 页\n').split('\n')).toEqual(['规章\t1', '', '']);
  });

  it('turns full-width digits, signs and decimal points into ASCII', () => {
    expect(normalizeText('收费金额\t９６１７１．６\t－３')).toBe('收费金额\t96171.6\t-3');
  });
});
