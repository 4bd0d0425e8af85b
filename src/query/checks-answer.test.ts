import { describe, expect, it } from 'vitest';
import { JUNE_2024, makeReport, type Cell } from './__fixtures__/reports.js';
import { FactStore, agencyKey } from '../facts/store.js';
import { AgencyDirectory } from './agencies.js';
import type { Answer } from './answer.js';
import { answerChecks } from './checks-answer.js';
import { buildEngine } from './engine.js';
import { readQuestion } from './question.js';

const HLJ = { province: '黑龙江省', city: '鹤岗市' };
/** 上年结转 and 结转下年度 of one year, with a 勾稽关系 that holds: new + over = processed + forward. */
const carry = (over: number, forward: number): Record<string, Cell> => ({
  'requests.new.total': 10,
  'requests.carried_over.total': over,
  'requests.total_processed.total': 10 + over - forward,
  'requests.carried_forward.total': forward,
});
const docs = (issued: number, repealed: number, inForce: number): Record<string, Cell> => ({
  'normative_docs.issued': issued,
  'normative_docs.repealed': repealed,
  'normative_docs.in_force': inForce,
});

const engine = buildEngine(
  [
    makeReport({ ...HLJ, agency: '鹤岗市教育局', year: 2021, cells: { ...carry(0, 3), ...docs(4, 1, 20) } }),
    makeReport({ ...HLJ, agency: '鹤岗市教育局', year: 2022, cells: { ...carry(3, 2), ...docs(5, 2, 23) } }),
    // 2022 carried 2 forward, 2023 says 5 came over; 23 + 1 − 0 is 24, not 30.
    makeReport({ ...HLJ, agency: '鹤岗市教育局', year: 2023, cells: { ...carry(5, 0), ...docs(1, 0, 30) } }),
    makeReport({ ...HLJ, agency: '鹤岗市财政局', year: 2022, cells: carry(0, 1) }),
    makeReport({ ...HLJ, agency: '鹤岗市财政局', year: 2023, cells: carry(1, 0) }),
  ],
  { now: JUNE_2024 },
);
const ask = (q: string) => engine.answer(q);

describe('checks across years', () => {
  it('answers "前后年份一致吗" with every check and its status', () => {
    const a = ask('鹤岗市教育局的数据前后年份一致吗');
    expect(a.route).toBe('checks');
    expect(a.text.split('\n')[0]).toBe('鹤岗市教育局前后年份的数据核对：发现2处不一致。');
    expect(a.text).toMatch(/2021→2022年 上年结转 = 上一年结转下年度继续办理：一致。2022年“上年结转”为3件/);
    expect(a.text).toMatch(/2022→2023年 上年结转 = 上一年结转下年度继续办理：不一致。2023年“上年结转”为5件（鹤岗市教育局-2023\.txt.*2022年“结转下年度继续办理”为2件（鹤岗市教育局-2022\.txt/);
    expect(a.text).toMatch(/2022→2023年 行政规范性文件现行有效件数.*：不一致。.*应为24件，相差6件/);
    expect(a.text).toMatch(/2021→2022年 行政规范性文件现行有效件数.*：一致/);
  });
  it('says so when every judged check agrees', () => {
    expect(ask('鹤岗市财政局的数据前后年份一致吗').text.split('\n')[0]).toBe('鹤岗市财政局前后年份的数据核对：能核对的1项都一致，没有发现不一致。');
  });
  it('puts a break between years among the contradictions of the later report', () => {
    const a = ask('鹤岗市教育局2023年的数据有什么矛盾');
    expect(a.text).toMatch(/\[前后年份\] 鹤岗市教育局：2023年“上年结转”为5件/);
    expect(a.citations.some((c) => c.year === 2022)).toBe(true);
  });
  it('stays silent where consecutive years agree', () => {
    const a = ask('鹤岗市财政局的数据有什么矛盾');
    expect(a.text).not.toMatch(/前后年份/);
    expect(a.text).toMatch(/没有发现/);
  });
});

describe('checks over many reports', () => {
  // 60 agencies over three years (more than an answer shows); every fourth's 2023 report says more came over than 2022 carried forward.
  const reports = Array.from({ length: 60 }, (_, i) => [2021, 2022, 2023].map((year) =>
    makeReport({ ...HLJ, agency: `第${i + 1}区教育局`, year, cells: year === 2023 && i % 4 === 0 ? { ...carry(9, 0), 'requests.total_processed.total': 1 } : carry(year === 2021 ? 0 : 2, 2) }),
  )).flat();
  const store = new FactStore(reports);
  const directory = new AgencyDirectory(store.reports.map((r) => ({ agency: r.meta.agency, aliases: r.meta.aliases, region: r.meta.region, key: agencyKey(r) })));

  it('gives a break between two years to the year asked about, the later or the earlier', () => {
    for (const year of [2022, 2023]) {
      const q = readQuestion(`${year}年的数据有什么矛盾`, { directory, corpusYears: store.years(), now: JUNE_2024() });
      const a = answerChecks(q, store, { reports: 7, agencies: 3 }) as Answer;
      expect(a.text.split('\n')[0]).toBe(`${year}年60份报告中，有15份发现数据方面的问题：`);
      expect(a.text).toContain(`第1区教育局${year}年：`);
    }
    const q = readQuestion('2021年的数据有什么矛盾', { directory, corpusYears: store.years(), now: JUNE_2024() });
    expect((answerChecks(q, store) as Answer).text).not.toContain('前后年份');
  });

  it.each(['2023年的数据有什么矛盾', '各单位的数据有什么矛盾', '哪些报告不符合勾稽关系', '各单位的数据前后年份一致吗', '2023年的数据前后年份一致吗'])(
    '%s: read a page at a time, the same answer as read whole',
    (text) => {
      const q = readQuestion(text, { directory, corpusYears: store.years(), now: JUNE_2024() });
      const whole = answerChecks(q, store) as Answer;
      expect(whole.route).toBe('checks');
      expect(whole.text).toMatch(/不一致|问题|不符合/);
      expect(answerChecks(q, store, { reports: 7, agencies: 3 })).toEqual(whole);
      expect(answerChecks(q, store, { reports: 1, agencies: 1 })).toEqual(whole);
    },
  );
});
