import { describe, expect, it } from 'vitest';
import { addCorpusNames } from './dictionary.js';
import { matchKnownWords, segment } from './segment.js';

describe('segment', () => {
  it('keeps decimals, phone numbers and web addresses whole', () => {
    const words = segment('采购总金额 2896.642 万元，联系电话0451-57335436，网址：<http://www.mdjjyj.gov.cn/>');
    expect(words).toContain('2896.642');
    expect(words).toContain('0451-57335436');
    expect(words).toContain('mdjjyj.gov.cn');
  });

  it('keeps the large and decimal figures of the tables whole, as printed and as typed', () => {
    expect(segment('行政许可 447228件，收费金额 96171.6万元')).toEqual(expect.arrayContaining(['447228', '96171.6']));
    expect(segment('447,228')).toEqual(['447228']);
    expect(segment('采购总金额（万元，保留四位小数） 2896.6420')).toEqual(expect.arrayContaining(['2896.6420', '2896.642']));
    expect(segment('96171.60')).toEqual(['96171.60', '96171.6']);
    expect(segment('10.0')).toEqual(['10.0', '10']);
  });

  it('finds a bare host the same way as a full address', () => {
    expect(segment('mdjjyj.gov.cn')).toEqual(segment('http://www.mdjjyj.gov.cn/'));
  });

  it('keeps a date whole and also gives its year', () => {
    expect(segment('2021 年 1 月 25 日')).toEqual(['2021年1月25日', '2021']);
    expect(segment('2022-01-19')).toEqual(['2022-01-19', '2022']);
  });

  it('reads full-width digits like ASCII ones', () => {
    expect(segment('共２５１３条')).toContain('2513');
  });

  it('keeps the terms of the domain whole', () => {
    for (const term of ['政府集中采购', '行政规范性文件', '依申请公开', '政务新媒体', '微信公众号']) {
      expect(segment(`本年度${term}情况`)).toContain(term);
    }
  });

  it('keeps agency names of the corpus whole once they are known', () => {
    addCorpusNames(['同仁市教育局', '鹤岗教育']);
    expect(segment('同仁市教育局存在哪些问题')).toContain('同仁市教育局');
    expect(segment('在“鹤岗教育”微信公众号共计发布信息700条')).toContain('鹤岗教育');
  });

  it('also gives the words inside a long word, so a shorter question word finds it', () => {
    expect(segment('微信公众号')).toEqual(expect.arrayContaining(['微信公众号', '公众号']));
  });

  it('drops stop words, question words and punctuation', () => {
    const words = segment('鹤岗教育公众号发了多少条信息？');
    for (const w of ['了', '多少', '？']) expect(words).not.toContain(w);
    expect(words).toEqual(expect.arrayContaining(['公众号', '条', '信息']));
  });
});

describe('matchKnownWords (how questions are read)', () => {
  const passage = '在“鹤岗教育”微信公众号共计发布信息700条。联系电话0451-57335436。';
  const vocabulary = new Set(segment(passage));
  const known = (w: string) => vocabulary.has(w);

  it('finds every word segment would find that the index knows', () => {
    const question = '鹤岗教育公众号发了多少条信息';
    const jieba = segment(question).filter(known);
    expect(matchKnownWords(question, known)).toEqual(expect.arrayContaining(jieba));
  });

  it('does not count a character that a longer word covers', () => {
    expect(matchKnownWords('公众号', (w) => w === '公众号' || w === '号')).toEqual(['公众号']);
  });

  it('keeps numbers and phone numbers whole like segment does', () => {
    expect(matchKnownWords('0451-57335436是谁的电话', known)).toContain('0451-57335436');
    expect(matchKnownWords('发布了700条', known)).toContain('700');
  });
});
