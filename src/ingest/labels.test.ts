import { describe, expect, it } from 'vitest';
import { spaced } from './labels.js';

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
