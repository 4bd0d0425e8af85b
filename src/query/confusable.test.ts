/**
 * Questions phrased alike whose subjects are not alike: what the tables hold goes to the fact
 * store, what only the text states goes to its own text figures or to the passages, and a table
 * figure never answers for a subject the tables do not hold (焦作 "办理了多少件市政府网站留言" once
 * got "办理结果总计：0件").
 */
import { describe, expect, it } from 'vitest';
import { metric } from '../facts/metrics.js';
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

/** Subjects no table holds, asked like a table figure: a text figure of their own, or the passages. */
const TEXT_FIGURES: Array<[string, string]> = [
  ['焦作市教育局办理了多少件市政府网站留言', 'messages.handled'],
  ['勃利县教育局办结了多少件网民留言', 'messages.handled'],
  ['七台河市教育局收到多少件网民留言', 'messages.handled'],
  ['勃利县教育局申请公开的留言有多少', 'messages.handled'],
  ['七台河市教育局召开了几场新闻发布会', 'press_conferences.count'],
  ['勃利县教育局政策解读发布了多少篇', 'policy_interpretations.count'],
  ['延吉市财政局组织了几次政务公开培训', 'training.sessions'],
  ['七台河市教育局举办了几期政务公开培训班', 'training.sessions'],
  ['勃利县教育局培训了多少人次', 'training.attendees'],
  ['七台河市教育局微信公众号发布了多少条信息', 'wechat.posts'],
  ['鹤岗教育公众号发了多少条信息', 'wechat.posts'],
  ['哪个局2021年政务微博发布信息最多', 'weibo.posts'],
  ['哪个局2022年微信公众号发布信息最多', 'wechat.posts'],
  ['2021年各局新闻发布会场次排名', 'press_conferences.count'],
];

/** Subjects no table holds and no text figure models: the passages. */
const PASSAGES: string[] = [
  '牡丹江市教育局2020年报送了哪些规范性文件',
  '勃利县教育局2021年公开了哪些文件',
  '延吉市财政局有哪些规章',
  '七台河市教育局网站访问量是多少',
  '勃利县教育局回应了多少条网民关切',
  '七台河市教育局政务新媒体有多少个',
  '勃利县教育局开展了多少次政府开放日活动',
  '七台河市教育局接受了多少次媒体采访',
  '七台河市教育局在培训方面有什么做法',
  '延吉市财政局微信公众号的运营情况',
  '牡丹江市教育局印发的规范性文件名单',
  '延吉市财政局发布了多少条政务信息',
];

/** Table subjects, phrased as a person would: the table figure. */
const TABLE_FIGURES: Array<[string, string]> = [
  ['焦作2023年现行有效的规范性文件有几件', 'normative_docs.in_force'],
  ['七台河市教育局2021年现行有效的规范性文件有几件', 'normative_docs.in_force'],
  ['勃利县教育局2021年有多少行政复议案件', 'review.total'],
  ['延吉市财政局采购花了多少钱', 'procurement.amount'],
  ['勃利县教育局行政处罚做了多少件', 'punishment.decisions'],
  ['七台河市教育局收到的政府信息公开申请中有多少来自企业', 'requests.new.business'],
  ['勃利县教育局2021年予以公开了多少件', 'requests.granted.total'],
  ['七台河市教育局2021年收费金额是多少', 'fees.amount'],
  ['哪个局2021年部分公开最多', 'requests.partly_granted.total'],
  ['七台河市教育局2021年办结了多少件申请', 'requests.total_processed.total'],
  ['勃利县教育局收到多少申请', 'requests.new.total'],
];

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
