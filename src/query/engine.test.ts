import { describe, expect, it } from 'vitest';
import { FIXTURE_REPORTS } from './__fixtures__/corpus.js';
import { JUNE_2024, makeReport } from './__fixtures__/reports.js';
import { buildEngine } from './engine.js';
import type { PassageSearcher, SearchHit, SearchRequest } from './search-answer.js';

const engine = buildEngine(FIXTURE_REPORTS, { now: JUNE_2024 });
const ask = (q: string) => engine.answer(q);

describe('lookup', () => {
  it('states the figure with unit, agency, year and source', () => {
    const a = ask('大庆市财政局2020年采购总金额是多少');
    expect(a.route).toBe('facts');
    expect(a.text).toMatch(/大庆市财政局2020年/);
    expect(a.text).toMatch(/800万元/);
    expect(a.text).toMatch(/来源：二、主动公开政府信息情况/);
    expect(a.citations[0]).toMatchObject({ agency: '大庆市财政局', year: 2020, section: '二、主动公开政府信息情况', snippet: '800' });
  });
  it('says 未填写 for a blank cell, never 0', () => {
    const a = ask('大庆市教育局2020年行政许可处理决定数量');
    expect(a.text).toMatch(/未填写/);
    expect(a.text).not.toMatch(/：0件/);
  });
  it('says 不适用 for "/" and 无法确定 for an unreadable cell', () => {
    expect(ask('萨尔图区教育局2020年采购金额').text).toMatch(/不适用/);
    expect(ask('朝阳区教育局2022年行政许可').text).toMatch(/无法确定/);
  });
  it('shows both figures when a report states one twice differently', () => {
    const a = ask('大庆市财政局2020年政府集中采购项目数量');
    expect(a.text).toMatch(/9项/);
    expect(a.text).toMatch(/6项/);
    expect(a.text).toMatch(/不一致/);
    expect(a.citations.length).toBe(2);
  });
  it('explains that the 2021 template has no procurement item', () => {
    const a = ask('长春市教育局2022年采购金额');
    expect(a.text).toMatch(/2021年版模板/);
    expect(a.text).toMatch(/没有/);
    expect(a.text).not.toMatch(/\d+(\.\d+)?万元/);
  });
  it('answers several figures of one report', () => {
    const a = ask('长春市教育局2022年收到申请和行政许可');
    expect(a.text).toMatch(/本年新收政府信息公开申请：1件/);
    expect(a.text).toMatch(/行政许可 处理决定数量：4件/);
  });
  it('lists every report when no agency is named', () => {
    const a = ask('2022年收到申请');
    expect(a.text).toMatch(/长春市教育局：1件/);
    expect(a.text).toMatch(/朝阳区教育局：未填写/);
  });
  it('reads traditional characters', () => {
    expect(ask('大慶市財政局2020年採購總金額').text).toMatch(/800万元/);
  });
  it('picks the 2019 item of 行政事业性收费 for a 2019-template report', () => {
    expect(ask('长春市教育局2022年行政事业性收费').text).toMatch(/收费金额：0万元/);
  });
});

describe('ranking', () => {
  it('lists every report with the figure, ties shown', () => {
    const a = ask('哪个局2020年采购总金额最多');
    expect(a.text).toMatch(/并列最高的是/);
    expect(a.text).toMatch(/1\. 大庆市财政局 800万元（并列）/);
    expect(a.text).toMatch(/1\. 大庆市教育局 800万元（并列）/);
    expect(a.text).toMatch(/3\. 长春市教育局 120\.5万元/);
    expect(a.text).toMatch(/未列入排名：萨尔图区教育局（表中为“\/”，不适用）/);
  });
  it('ranks from the lowest when asked for the least', () => {
    const a = ask('2020年哪个局的行政许可决定最少');
    expect(a.text).toMatch(/最少的是萨尔图区教育局：0件/);
    expect(a.text.indexOf('萨尔图')).toBeLessThan(a.text.indexOf('长春'));
    expect(a.text).toMatch(/大庆市教育局（表中未填写）/);
  });
  it('carries the first rows of its table when asked for fewer, the text and the count unchanged', () => {
    const whole = ask('哪个局2020年采购总金额最多');
    const first = engine.answer('哪个局2020年采购总金额最多', { tableRows: 2 });
    expect(whole.table!.rows.length).toBeGreaterThan(2);
    expect(first.text).toBe(whole.text);
    expect(first.citations).toEqual(whole.citations);
    expect(first.table).toEqual({ ...whole.table, rows: whole.table!.rows.slice(0, 2) });
    expect(first.table!.total).toBe(whole.table!.total);
  });
  it('cuts at the top N', () => {
    const a = ask('2020年收到申请前两名');
    expect(a.text).toMatch(/前2名/);
    expect(a.text).toMatch(/1\. 大庆市财政局 5件/);
    expect(a.text).toMatch(/2\. 长春市教育局 2件/);
    expect(a.text).not.toMatch(/3\. /);
  });
  it('ranks within a region', () => {
    const a = ask('黑龙江2020年哪个局收到申请最多');
    expect(a.text).toMatch(/大庆市财政局/);
    expect(a.text).not.toMatch(/长春/);
  });
  it('ranks within a region and kind', () => {
    const a = ask('长春的教育局哪个收到申请最多');
    expect(a.text).toMatch(/长春市教育局2020年/);
    expect(a.text).not.toMatch(/大庆/);
  });
  it('names the year of each entry when years are mixed', () => {
    expect(ask('哪个局行政许可最多').text).toMatch(/1\. 大庆市财政局2021年 15件/);
  });
  it('says no report has the figure when the template lacks it', () => {
    const a = ask('2021年哪个局采购金额最多');
    expect(a.route).toBe('none');
    expect(a.text).toMatch(/没有/);
    expect(a.text).toMatch(/2021年版模板/);
    expect(a.text).not.toMatch(/800|500|120\.5/);
  });
  it('reads relative years against the clock', () => {
    const now = () => new Date('2021-03-01');
    const a = buildEngine(FIXTURE_REPORTS, { now }).answer('去年各局采购金额从高到低');
    expect(a.text).toMatch(/^去年（2020年）/);
    expect(a.text).toMatch(/120\.5万元/);
  });
});

describe('compare, trend, aggregate, filter', () => {
  it('compares two agencies', () => {
    const a = ask('比较大庆市教育局和长春2020年收到申请');
    expect(a.text).toMatch(/大庆市教育局：0件/);
    expect(a.text).toMatch(/长春市教育局：2件/);
    expect(a.text).toMatch(/长春市教育局比大庆市教育局多2件/);
  });
  it('follows one agency across years', () => {
    const a = ask('大庆市财政局行政许可逐年变化');
    expect(a.text).toMatch(/2019年：10件/);
    expect(a.text).toMatch(/2020年：12件（比上一年增加2件）/);
    expect(a.text).toMatch(/2021年：15件（比上一年增加3件）/);
  });
  it('sums and averages', () => {
    expect(ask('2020年各局收到申请合计').text).toMatch(/合计：7件/);
    expect(ask('2020年各局平均收到多少申请').text).toMatch(/平均：1\.75件/);
  });
  it('filters and counts', () => {
    const a = ask('2020年有几个局没有收到申请');
    expect(a.text).toMatch(/等于0的有2份报告/);
    expect(a.text).toMatch(/大庆市教育局/);
    expect(a.text).toMatch(/萨尔图区教育局/);
    const b = ask('2020年采购金额大于100万元的有哪些局');
    expect(b.text).toMatch(/有3份报告/);
    expect(b.text).toMatch(/无法判断：萨尔图区教育局/);
  });
  it('says so when nothing passes the filter', () => {
    expect(ask('2020年采购金额大于10000万元的局').text).toMatch(/没有.*大于10000万元的报告/);
  });
});

describe('honesty', () => {
  it('says an agency is not in the corpus', () => {
    const a = ask('北京市教育局2020年采购金额');
    expect(a.route).toBe('none');
    expect(a.text).toMatch(/没有收录北京市教育局/);
    expect(a.text).not.toMatch(/800/);
  });
  it('says an agency of a known place is not in the corpus', () => {
    expect(ask('大庆市公安局2020年收到申请').text).toMatch(/没有收录大庆市公安局/);
  });
  it('says a year is out of range', () => {
    const a = ask('2018年哪个局收到申请最多');
    expect(a.route).toBe('none');
    expect(a.text).toMatch(/没有2018年的报告/);
    expect(a.text).toMatch(/2019年、2020年、2021年、2022年/);
  });
  it('says which years an agency has when the one asked is missing', () => {
    const a = ask('萨尔图区教育局2022年行政许可');
    expect(a.text).toMatch(/没有萨尔图区教育局2022年的报告/);
    expect(a.text).toMatch(/萨尔图区教育局2020年/);
  });
  it('answers the agencies it knows and names those it does not', () => {
    const a = ask('比较北京市教育局和长春市教育局2020年收到申请');
    expect(a.text).toMatch(/没有收录北京市教育局/);
    expect(a.text).toMatch(/长春市教育局/);
    expect(a.text).toMatch(/2件/);
  });
  it('asks which figure when a ranking names none', () => {
    const a = ask('2020年哪个局最多');
    expect(a.route).toBe('none');
    expect(a.text).toMatch(/哪一项数字/);
  });
  it('says plainly when nothing answers, with what the corpus can answer', () => {
    const a = ask('今天天气怎么样');
    expect(a.route).toBe('none');
    expect(a.text).toMatch(/没有.*找到/);
    expect(a.text).toMatch(/可以这样问/);
  });
});

describe('meta, checks, card, sections', () => {
  it('lists agencies, years and counts', () => {
    expect(ask('语料里有哪些单位').text).toMatch(/5个单位的8份报告/);
    expect(ask('收录了哪些年份的报告').text).toMatch(/2019年（1份）、2020年（4份）、2021年（1份）、2022年（2份）/);
    expect(ask('有几份2022年的报告').text).toMatch(/2份2022年的报告/);
    expect(ask('长春市教育局是哪年的报告').text).toMatch(/2020、2022年/);
  });
  it('gives publication dates, or says none is printed', () => {
    expect(ask('大庆市财政局2020年报告的发布日期').text).toMatch(/2021-01-20/);
    expect(ask('长春市教育局2020年的报告什么时候发布').text).toMatch(/没有注明发布日期/);
  });
  it('gives a corpus overview', () => {
    const a = ask('语料概况');
    expect(a.route).toBe('meta');
    expect(a.text).toMatch(/8份报告，5个单位，年份2019–2022年/);
  });
  it('reports the contradictions of one report with both figures', () => {
    const a = ask('大庆市财政局2020年的数据有什么矛盾');
    expect(a.route).toBe('checks');
    expect(a.text).toMatch(/6项/);
    expect(a.text).toMatch(/9项|表格9/);
  });
  it('lists the reports with contradictions, and says when none breaks a rule', () => {
    expect(ask('哪些报告的数据有矛盾').text).toMatch(/有1份发现[\s\S]*大庆市财政局2020年/);
    expect(ask('哪些报告的申请数据不符合勾稽关系').text).toMatch(/没有发现不符合勾稽关系的报告/);
  });
  it('gives a report card: key figures and findings', () => {
    const a = ask('大庆市财政局 2020年 年报概况');
    expect(a.text).toMatch(/采购总金额：800万元/);
    expect(a.text).toMatch(/采购项目数量：9项（正文另称6项）/);
    expect(a.text).toMatch(/本年新收政府信息公开申请：5件/);
    expect(a.text).toMatch(/核对发现1个问题/);
  });
  it('gives the newest report card without a year, naming the others', () => {
    const a = ask('大庆市财政局 年报概况');
    expect(a.text).toMatch(/年度：2021年/);
    expect(a.text).toMatch(/另有2019、2020年的报告/);
  });
  it('quotes the problems, or the improvements, of section 五', () => {
    const p = ask('长春市教育局存在什么问题');
    expect(p.text).toMatch(/网站栏目更新不及时/);
    expect(p.text).not.toMatch(/巡查/);
    const i = ask('长春市教育局有哪些改进措施');
    expect(i.text).toMatch(/巡查制度/);
    expect(i.text).not.toMatch(/更新不及时/);
  });
});

describe('passage search', () => {
  const hit = (agency: string, sentence: string): SearchHit => ({
    passage: { id: 1, reportId: `${agency}.txt`, agency, year: 2022, sectionNo: 1, sectionTitle: '一、总体情况', text: `前文。${sentence}后文。`, start: 0, end: sentence.length + 6 },
    score: 1,
    sentence,
    highlighted: sentence.replace('新闻', '【新闻】'),
  });
  const requests: Array<{ query: string; opts?: SearchRequest }> = [];
  const index: PassageSearcher = {
    search(query, opts) {
      requests.push({ query, opts });
      return query.includes('新闻') ? [hit('长春市教育局', '全年发布新闻88条。')] : [];
    },
  };
  const withIndex = buildEngine(FIXTURE_REPORTS, { index, now: JUNE_2024 });

  it('shows the best passages, matching sentence first, with their source', () => {
    const a = withIndex.answer('长春市教育局2022年发布了多少条新闻');
    expect(a.route).toBe('search');
    expect(a.text).toMatch(/长春市教育局 2022年 · 一、总体情况\n\s+全年发布【新闻】88条。/);
    expect(a.citations[0]).toMatchObject({ agency: '长春市教育局', snippet: '全年发布新闻88条。' });
  });
  it('filters the search by the agency and year named, and searches for the rest', () => {
    withIndex.answer('长春市教育局2022年发布了多少条新闻');
    const last = requests[requests.length - 1];
    expect(last.opts).toMatchObject({ filterAgencies: ['长春市教育局'], filterYears: [2022] });
    expect(last.query).not.toMatch(/长春|2022|多少/);
  });
  it('searches section 五 of every report for problems when no agency is named', () => {
    withIndex.answer('各单位存在什么问题');
    expect(requests[requests.length - 1].opts?.sections).toEqual([5]);
  });
  it('shows a table row as its report, its table and the row on one line', () => {
    const text = '表一 政府集中采购：采购项目数量 38项，采购总金额 2896.642万元';
    const row: SearchHit = {
      passage: { id: 2, reportId: '牡丹江.txt', agency: '牡丹江市教育局', year: 2020, sectionNo: 2, sectionTitle: '二、主动公开政府信息情况', text, start: 0, end: 0, row: { table: 1, label: '政府集中采购' } },
      score: 1,
      sentence: text,
      highlighted: text.replace('2896.642', '【2896.642】'),
    };
    const a = buildEngine(FIXTURE_REPORTS, { index: { search: () => [row] }, now: JUNE_2024 }).answer('2896.642');
    expect(a.route).toBe('search');
    expect(a.text).toBe(`找到以下相关内容：\n1. 牡丹江市教育局 2020年 · ${text}`);
    expect(a.citations).toEqual([{ reportId: '牡丹江.txt', agency: '牡丹江市教育局', year: 2020, section: '二、主动公开政府信息情况', snippet: text }]);
  });
  it('says plainly when no passage matches', () => {
    const a = withIndex.answer('双随机抽查');
    expect(a.route).toBe('none');
    expect(a.citations).toEqual([]);
  });
});

describe('agencies sharing a name', () => {
  const shared = buildEngine(
    [
      ...FIXTURE_REPORTS,
      makeReport({ agency: '鼓楼区教育局', year: 2020, province: '江苏省', city: '南京市', county: '鼓楼区', cells: { 'requests.new.total': 11 } }),
      makeReport({ agency: '鼓楼区教育局', year: 2020, province: '福建省', city: '福州市', county: '鼓楼区', cells: { 'requests.new.total': 22 } }),
    ],
    { now: JUNE_2024 },
  );
  it('names each with its city, and answers for both when the question does not say which', () => {
    const a = shared.answer('鼓楼区教育局2020年收到申请');
    expect(a.text).toMatch(/鼓楼区教育局（南京市）：11件/);
    expect(a.text).toMatch(/鼓楼区教育局（福州市）：22件/);
  });
  it('answers for one when the question names its place', () => {
    const a = shared.answer('福州鼓楼区教育局2020年收到申请');
    expect(a.text).toMatch(/22件/);
    expect(a.text).not.toMatch(/11件/);
  });
  it('ranks them apart', () => {
    expect(shared.answer('2020年收到申请最多的前两名').text).toMatch(/1\. 鼓楼区教育局（福州市） 22件\n2\. 鼓楼区教育局（南京市） 11件/);
  });
});

describe('figures only the text states', () => {
  const reports = [
    ...FIXTURE_REPORTS,
    makeReport({
      agency: '鹤山市教育局',
      year: 2022,
      cells: { 'requests.total_processed.total': 0 },
      narrative: [
        { metric: 'messages.handled', value: 13, sentence: '全年办理网民在人民网留言13件，在市政府网站留言231件。' },
        { metric: 'messages.handled', value: 231, sentence: '全年办理网民在人民网留言13件，在市政府网站留言231件。' },
        { metric: 'wechat.posts', value: 700, sentence: '在“鹤山教育”微信公众号共计发布信息700条。' },
      ],
    }),
    makeReport({ agency: '鹤峰县教育局', year: 2022, narrative: [{ metric: 'wechat.posts', value: 90, sentence: '微信公众号推送信息90条。' }] }),
  ];
  const searched: string[] = [];
  const index: PassageSearcher = {
    search(query) {
      searched.push(query);
      return query.includes('发布会')
        ? [{ passage: { id: 1, reportId: '鹤山市教育局.txt', agency: '鹤山市教育局', year: 2022, sectionNo: 1, sectionTitle: '一、总体情况', text: '通过新闻发布会解读政策。', start: 0, end: 12 }, score: 1, sentence: '通过新闻发布会解读政策。', highlighted: '通过【新闻发布会】解读政策。' }]
        : [];
    },
  };
  const text = buildEngine(reports, { index, now: JUNE_2024 });

  it('answers a count of messages from its sentences, never with a table figure', () => {
    const a = text.answer('鹤山市教育局2022年办理了多少件网站留言');
    expect(a.route).toBe('facts');
    expect(a.text).toMatch(/办理网民留言件数（正文）：13件/);
    expect(a.text).toMatch(/正文另有：231件/);
    expect(a.text).not.toMatch(/办理结果总计|不一致/);
  });

  it('ranks agencies by a figure of the text, naming each sentence', () => {
    const a = text.answer('哪个局2022年微信公众号发布信息最多');
    expect(a.route).toBe('facts');
    expect(a.text).toMatch(/最多的是鹤山市教育局：700条/);
    expect(a.text).toMatch(/鹤峰县教育局 90条/);
  });

  it('says the tables have no such item, then shows the passages, when no sentence states the figure', () => {
    const a = text.answer('鹤山市教育局2022年召开了几场新闻发布会');
    expect(a.route).toBe('search');
    expect(a.text).toMatch(/^年报的表格中没有“新闻发布会”这一项/);
    expect(a.text).toMatch(/【新闻发布会】/);
  });

  it('answers a question for a list of documents from the passages, saying the tables only count them', () => {
    const a = text.answer('鹤山市教育局2022年发布会解读了哪些文件');
    expect(a.text).not.toMatch(/件数：\d/);
  });
});
