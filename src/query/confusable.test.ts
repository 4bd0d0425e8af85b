/**
 * Questions phrased alike whose subjects are not alike: what the tables hold goes to the fact
 * store, what only the text states goes to its own text figures or to the passages, and a table
 * figure never answers for a subject the tables do not hold (焦作 "办理了多少件市政府网站留言" once
 * got "办理结果总计：0件").
 */
import { describe, expect, it } from 'vitest';
import { metric } from '../facts/metrics.js';
import { PASSAGES, TABLE_FIGURES, TEXT_FIGURES } from './__fixtures__/confusable.js';
import { AgencyDirectory } from './agencies.js';
import { readQuestion, type Question } from './question.js';

const directory = new AgencyDirectory([
  { agency: '七台河市教育局', aliases: [], region: { province: '黑龙江省', city: '七台河市', county: null } },
  { agency: '勃利县教育局', aliases: [], region: { province: '黑龙江省', city: '七台河市', county: '勃利县' } },
  { agency: '延吉市财政局', aliases: [], region: { province: '吉林省', city: '延边朝鲜族自治州', county: '延吉市' } },
  { agency: '焦作市教育局', aliases: [], region: { province: '河南省', city: '焦作市', county: null } },
  { agency: '牡丹江市教育局', aliases: [], region: { province: '黑龙江省', city: '牡丹江市', county: null } },
]);
const read = (q: string): Question => readQuestion(q, { directory, corpusYears: [2020, 2021, 2022, 2023], now: new Date('2024-05-01') });
const tableIds = (q: Question) => q.metrics.flatMap((m) => m.ids).filter((id) => metric(id)?.table !== null);
const textIds = (q: Question) => q.metrics.flatMap((m) => m.ids).filter((id) => metric(id)?.table === null);

describe('confusable questions', () => {
  it.each(TEXT_FIGURES)('%s → the text figure %s, no table figure', (question, id) => {
    const q = read(question);
    expect(q.intent.kind).toBe('facts');
    expect(textIds(q)).toContain(id);
    expect(tableIds(q)).toEqual([]);
  });

  it.each(PASSAGES)('%s → the passages', (question) => {
    const q = read(question);
    expect(q.intent.kind).toBe('search');
  });

  it.each(TABLE_FIGURES)('%s → the table figure %s', (question, id) => {
    const q = read(question);
    expect(q.intent.kind).toBe('facts');
    expect(q.metrics[0].ids).toContain(id);
    expect(textIds(q)).toEqual([]);
  });

  it('holds at least 30 questions', () => {
    expect(TEXT_FIGURES.length + PASSAGES.length + TABLE_FIGURES.length).toBeGreaterThanOrEqual(30);
  });
});
