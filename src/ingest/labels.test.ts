import { describe, expect, it } from 'vitest';
import { labelRegex, spaced, TABLE2_LABELS } from './labels.js';

const matches = (pattern: string, text: string) => new RegExp(`^${spaced(pattern)}$`).test(text);

describe('spaced: a label pattern that survives spaces between its characters', () => {
  it('lets spaces stand between the characters of a label', () => {
    expect(matches('结果维持', '结 果 维 持')).toBe(true);
    expect(matches('(?:属于)?国家秘密', '属 于　国家 秘密')).toBe(true);
  });

  it('lets a space follow a character the pattern makes optional', () => {
    // "四、因 政府信息公开工作被申请行政复议…" (a PDF extract's space after 因) is section 4's heading.
    expect(matches('因?政府信息公开', '因 政府信息公开')).toBe(true);
    expect(matches('因?政府信息公开', '政府信息公开')).toBe(true);
    expect(matches('本年度?办理结果', '本年度 办理结果')).toBe(true);
    expect(matches('存在的?主要问题', '存在的　主要问题')).toBe(true);
  });

  it('keeps character classes as they are', () => {
    expect(matches('[一二]、总计', '二、总 计')).toBe(true);
    expect(matches('[一二]、总计', '一 二、总计')).toBe(false);
  });
});

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
