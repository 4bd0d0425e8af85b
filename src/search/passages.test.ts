import { describe, expect, it } from 'vitest';
import { seedReport } from './__fixtures__/seed-reports.js';
import { cutPassages, MAX_PASSAGE_CHARS } from './passages.js';

const heGang = seedReport('000_49469f21e3e534d6.txt');
const huLan = seedReport('003_e1f77db6df68bd40.txt');
const muDanJiang = seedReport('004_1f4ee6e2bcc4addb.txt');

describe('cutPassages', () => {
  it('makes the report title a passage of its own', () => {
    const [first] = cutPassages(heGang);
    expect(first.sectionNo).toBe(0);
    expect(first.text).toBe('鹤岗市教育局 2022 年度政府信息公开工作报告');
  });

  it('leaves table rows to the fact store', () => {
    const texts = cutPassages(heGang).map((p) => p.text);
    expect(texts.some((t) => t.includes('\t'))).toBe(false);
    expect(texts.some((t) => t.includes('行政规范性文件\t'))).toBe(false);
    expect(cutPassages(heGang).filter((p) => p.sectionNo >= 2 && p.sectionNo <= 4)).toEqual([]);
  });

  it('points each passage at its span of the report text', () => {
    for (const report of [heGang, huLan, muDanJiang]) {
      for (const p of cutPassages(report)) {
        const span = report.text.slice(p.start, p.end).replace(/\s+/g, '');
        expect(span).toBe(p.text.replace(/\s+/g, ''));
      }
    }
  });

  it('joins a sentence that a page break cut in two', () => {
    const texts = cutPassages(heGang).map((p) => p.text);
    expect(texts.some((t) => t.includes('及时将各项教育信息事项向社会公开'))).toBe(true);
    expect(cutPassages(muDanJiang).some((p) => p.text.includes('主动公开信息 2967 条'))).toBe(true);
  });

  it('splits long paragraphs at sentence ends', () => {
    for (const p of cutPassages(muDanJiang)) {
      const sentences = p.text.split(/(?<=[。！？；])/).filter(Boolean);
      if (sentences.length > 1) expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    }
    const counted = cutPassages(heGang).find((p) => p.text.includes('共计发表新闻162条'))!;
    expect(counted.text.startsWith('2022年至今')).toBe(true);
  });

  it('keeps a heading with the paragraph it heads, and as context of the next', () => {
    const problems = cutPassages(heGang).filter((p) => p.sectionNo === 5);
    const first = problems.find((p) => p.text.startsWith('(一) 存在的主要问题'))!;
    expect(first.text).toContain('思想认识不到位');
    const second = problems.find((p) => p.text.startsWith('2. 工作开展中'))!;
    expect(second.context).toBe('(一) 存在的主要问题');
  });

  it('knows the section of each passage', () => {
    const p = cutPassages(huLan).find((x) => x.text.includes('双随机双公示'))!;
    expect(p.sectionNo).toBe(1);
    expect(p.sectionTitle).toBe('一、总体情况');
  });

  it('keeps the contact lines', () => {
    expect(cutPassages(huLan).some((p) => p.text.includes('联系电话0451-57335436'))).toBe(true);
    expect(cutPassages(muDanJiang).some((p) => p.sectionNo === 6 && p.text.includes('www.mdjjyj.gov.cn'))).toBe(true);
  });
});
