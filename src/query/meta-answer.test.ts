import { describe, expect, it } from 'vitest';
import { FactStore, agencyKey } from '../facts/store.js';
import { JUNE_2024, makeReport } from './__fixtures__/reports.js';
import { AgencyDirectory } from './agencies.js';
import type { Answer } from './answer.js';
import { answerMeta } from './meta-answer.js';
import { readQuestion } from './question.js';

describe('the list of agencies over many reports', () => {
  // 250 agencies, each with two or three years: more than the 200 listed.
  const reports = Array.from({ length: 250 }, (_, i) =>
    (i % 2 ? [2021, 2022, 2023] : [2022, 2023]).map((year) => makeReport({ province: '黑龙江省', city: '鹤岗市', agency: `第${i + 1}区教育局`, year, cells: {} })),
  ).flat();
  const store = new FactStore(reports);
  const directory = new AgencyDirectory(store.reports.map((r) => ({ agency: r.meta.agency, aliases: r.meta.aliases, region: r.meta.region, key: agencyKey(r) })));

  it.each(['语料里有哪些单位', '语料里有哪些单位2022、2023年的报告', '语料里有哪些单位2021年的报告'])('%s: read a page at a time, the same answer as read whole', (text) => {
    const q = readQuestion(text, { directory, corpusYears: store.years(), now: JUNE_2024() });
    expect(q.intent).toEqual({ kind: 'meta', ask: 'agencies' });
    const whole = answerMeta(q, 'agencies', store, 100_000) as Answer;
    expect(answerMeta(q, 'agencies', store, 7)).toEqual(whole);
    expect(answerMeta(q, 'agencies', store, 1)).toEqual(whole);
    const listed = whole.text.split('\n').filter((l) => l.startsWith('· '));
    const agencies = new Set(store.reportsIn({ years: q.years.years }).map(agencyKey));
    expect(listed).toHaveLength(Math.min(200, agencies.size));
    expect(whole.text).toContain(`共有${agencies.size}个单位的${store.count({ years: q.years.years })}份报告`);
    if (agencies.size > 200) expect(whole.text).toContain(`其余${agencies.size - 200}个单位从略`);
  });
});
