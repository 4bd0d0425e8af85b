import { describe, expect, it } from 'vitest';
import { labelRegex, TABLE2_LABELS } from './labels.js';

const match = (text: string) => {
  const re = labelRegex(TABLE2_LABELS['denied.security_stability']);
  re.lastIndex = 0;
  return re.exec(text)?.[0];
};

describe('row labels', () => {
  it('takes the quotes around 三安全一稳定 into its label, never the cell after it', () => {
    expect(match('3.危及“三安全一稳定”\t0\t0')).toBe('3.危及“三安全一稳定”');
    // A blank first cell right after the label: its tab is the cell's, not the label's.
    expect(match('3.危及“三安全一稳定\t\t0\t0')).toBe('3.危及“三安全一稳定');
    // Crawled text without the closing quote: the first digit is the row's first cell.
    expect(match('3.危及“三安全一稳定0000000')).toBe('3.危及“三安全一稳定');
    expect(match("3.危及'三安全一稳定'")).toBe("3.危及'三安全一稳定'");
  });
});
