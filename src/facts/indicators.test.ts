import { describe, expect, it } from 'vitest';
import { makeReport, type Cell } from '../query/__fixtures__/reports.js';
import { computeIndicator, indicator, INDICATORS } from './indicators.js';
import { FactStore } from './store.js';

/** Table 2's total column and table 3, as a made-up report states them. */
function valueOf(id: string, cells: Record<string, Cell>) {
  const report = makeReport({ agency: '某市教育局', year: 2022, cells });
  const store = new FactStore([report]);
  return computeIndicator(indicator(id)!, (m) => store.read(report, [m]));
}

const requests: Record<string, Cell> = {
  'requests.new.total': 18,
  'requests.carried_over.total': 2,
  'requests.granted.total': 9,
  'requests.partly_granted.total': 3,
  ...Object.fromEntries(['state_secret', 'prohibited_by_law', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'query_matter'].map((r, k) => [`requests.denied.${r}.total`, k === 3 ? 2 : 0])),
  ...Object.fromEntries(['not_held', 'needs_creation', 'still_unclear'].map((r, k) => [`requests.unable.${r}.total`, k === 0 ? 4 : 0])),
  ...Object.fromEntries(['petition', 'repeated', 'publication', 'excessive', 'confirmation'].map((r, k) => [`requests.not_processed.${r}.total`, k === 1 ? 1 : 0])),
  'requests.total_processed.total': 19,
  'requests.carried_forward.total': 1,
};
const cases: Record<string, Cell> = {
  'review.upheld': 2, 'review.corrected': 1, 'review.other': 0, 'review.pending': 1, 'review.total': 4,
  'litigation_direct.upheld': 1, 'litigation_direct.corrected': 1, 'litigation_direct.other': 0, 'litigation_direct.pending': 2, 'litigation_direct.total': 4,
  'litigation_after_review.upheld': 0, 'litigation_after_review.corrected': 1, 'litigation_after_review.other': 0, 'litigation_after_review.pending': 0, 'litigation_after_review.total': 1,
};
const all = { ...requests, ...cases };

describe('indicators', () => {
  it.each([
    ['requests.received', 20], // 18 + 2
    ['rate.granted', (12 / 19) * 100],
    ['rate.denied', (2 / 19) * 100],
    ['rate.unable', (4 / 19) * 100],
    ['rate.not_processed', (1 / 19) * 100],
    ['rate.carried_forward', (1 / 20) * 100],
    ['rate.review_corrected', (1 / 3) * 100], // 1 ÷ (4 − 1)
    ['rate.litigation_direct_lost', (1 / 2) * 100], // 1 ÷ (4 − 2)
    ['rate.litigation_after_review_lost', 100], // 1 ÷ (1 − 0)
    ['rate.litigation_lost', (2 / 3) * 100], // (1 + 1) ÷ (2 + 1)
    ['rate.contested', (9 / 19) * 100], // (4 + 4 + 1) ÷ 19
  ])('%s is computed from the total column', (id, expected) => {
    const v = valueOf(id, all);
    expect(v.missing).toBeNull();
    expect(v.value).toBeCloseTo(expected, 9);
  });

  it('every indicator names a formula and only cells the dictionary knows', () => {
    for (const d of INDICATORS) {
      expect(d.formula).not.toBe('');
      expect(d.numerator.length).toBeGreaterThan(0);
    }
  });

  it('a zero denominator gives no value, never 0 or 100%', () => {
    const v = valueOf('rate.granted', { ...all, 'requests.granted.total': 0, 'requests.partly_granted.total': 0, 'requests.total_processed.total': 0 });
    expect(v.value).toBeNull();
    expect(v.missing).toMatch(/分母为0/);
  });

  it('no concluded review (all pending) gives no 复议纠错率', () => {
    const v = valueOf('rate.review_corrected', { ...all, 'review.upheld': 0, 'review.corrected': 0, 'review.pending': 4, 'review.total': 4 });
    expect(v.value).toBeNull();
    expect(v.missing).toMatch(/分母为0/);
  });

  it.each([
    ['blank', /未填写/],
    ['unknown', /无法准确读取/],
    ['na', /不适用/],
  ] as const)('a %s cell gives no value and names the cell', (cell, words) => {
    const v = valueOf('rate.granted', { ...all, 'requests.partly_granted.total': cell });
    expect(v.value).toBeNull();
    expect(v.missing).toMatch(/部分公开/);
    expect(v.missing).toMatch(words);
  });

  it('a cell the report lacks gives no value', () => {
    const { 'requests.carried_over.total': _, ...rest } = all;
    const v = valueOf('requests.received', rest);
    expect(v.value).toBeNull();
    expect(v.missing).toMatch(/上年结转.*没有找到/);
  });
});
