import { describe, expect, it } from 'vitest';
import { JUNE_2024, makeReport, type Cell, type ReportSpec } from './__fixtures__/reports.js';
import { buildEngine } from './engine.js';

/** Table 2's total column: new, carried over, granted, partly granted, processed, carried forward. */
function requests(n: Cell, co: Cell, g: Cell, p: Cell, t: Cell, cf: Cell): Record<string, Cell> {
  return {
    'requests.new.total': n,
    'requests.carried_over.total': co,
    'requests.granted.total': g,
    'requests.partly_granted.total': p,
    'requests.total_processed.total': t,
    'requests.carried_forward.total': cf,
  };
}
const HLJ = { province: '黑龙江省' };
const spec = (s: ReportSpec) => makeReport(s);
const engine = buildEngine(
  [
    spec({ ...HLJ, agency: '牡丹江市教育局', city: '牡丹江市', year: 2021, cells: requests(10, 0, 4, 1, 10, 0) }),
    spec({ ...HLJ, agency: '牡丹江市教育局', city: '牡丹江市', year: 2022, cells: { ...requests(12, 0, 6, 2, 10, 2), 'review.corrected': 1, 'review.pending': 1, 'review.total': 3 } }),
    spec({ ...HLJ, agency: '鹤岗市教育局', city: '鹤岗市', year: 2022, cells: { ...requests(0, 0, 0, 0, 0, 0), 'review.corrected': 0, 'review.pending': 2, 'review.total': 2 } }),
    spec({ ...HLJ, agency: '大庆市教育局', city: '大庆市', year: 2022, cells: requests(20, 1, 3, 'unknown', 21, 0) }),
    spec({ ...HLJ, agency: '佳木斯市教育局', city: '佳木斯市', year: 2022, cells: requests(30, 0, 27, 0, 30, 0) }),
    spec({ ...HLJ, agency: '呼兰区教育局', city: '哈尔滨市', county: '呼兰区', year: 2022, cells: requests(50, 0, 10, 0, 50, 0) }),
    spec({ ...HLJ, agency: '大庆市财政局', city: '大庆市', year: 2022, cells: requests(99, 0, 1, 0, 99, 0) }),
    spec({ ...HLJ, agency: '鹤岗市教育局', city: '鹤岗市', year: 2021, cells: requests(0, 0, 0, 0, 0, 0) }),
  ],
  { now: JUNE_2024 },
);
const ask = (q: string) => engine.answer(q);

describe('indicator lookup', () => {
  it('gives the value with one decimal, the formula and every cell used', () => {
    const a = ask('牡丹江市教育局2022年公开率');
    expect(a.route).toBe('facts');
    expect(a.text.split('\n')[0]).toBe('牡丹江市教育局2022年公开率：80.0%');
    expect(a.text).toMatch(/口径：公开率 = （予以公开 \+ 部分公开）÷ 办理结果总计/);
    expect(a.text).toMatch(/予以公开 6 \+ 部分公开 2 = 8） ÷ 办理结果总计 10 = 80\.0%/);
    expect(a.citations.length).toBeGreaterThanOrEqual(3);
  });
  it('says 无法计算 when the denominator is 0, never 0% or 100%', () => {
    const a = ask('鹤岗市教育局2022年公开率');
    expect(a.text).toMatch(/无法计算（分母为0：办理结果总计）/);
    expect(a.text).not.toMatch(/\d+\.\d%/);
  });
  it('says 无法计算 when a cell is unreadable, naming it', () => {
    const a = ask('大庆市教育局2022年公开率');
    expect(a.text).toMatch(/无法计算（部分公开无法准确读取）/);
    expect(a.text).not.toMatch(/\d+\.\d%/);
  });
  it('复议纠错率 leaves pending cases out of the denominator', () => {
    expect(ask('牡丹江市教育局2022年复议纠错率').text).toMatch(/复议纠错率：50\.0%/);
    expect(ask('鹤岗市教育局2022年复议纠错率').text).toMatch(/无法计算（分母为0/);
  });
  it('申请总量 is new plus carried over, not the new requests alone', () => {
    expect(ask('大庆市教育局2022年申请总量').text).toMatch(/申请总量：21件/);
  });
});

describe('indicator ranking, comparison, trend', () => {
  it('ranks the reports that can be computed and names the others with why', () => {
    const a = ask('2022年哪个局公开率最低');
    expect(a.text.split('\n')[0]).toBe('2022年公开率最低的是大庆市财政局：1.0%（1 ÷ 99）。');
    expect(a.text).toMatch(/未列入排名：.*大庆市教育局（无法计算/);
    expect(a.text).toMatch(/鹤岗市教育局（无法计算（分母为0/);
  });
  it('compares two agencies in percentage points', () => {
    const a = ask('比较牡丹江市教育局和佳木斯市教育局2022年的公开率');
    expect(a.text).toMatch(/佳木斯市教育局：90\.0%/);
    expect(a.text).toMatch(/佳木斯市教育局比牡丹江市教育局高10\.0个百分点/);
  });
  it('follows one agency over the years', () => {
    const a = ask('牡丹江市教育局公开率变化趋势');
    expect(a.text).toMatch(/2021年：50\.0%（5 ÷ 10）/);
    expect(a.text).toMatch(/2022年：80\.0%（8 ÷ 10）（比上一年上升30\.0个百分点）/);
  });
});

describe('同比', () => {
  it('gives the change and the percent against the previous year', () => {
    const a = ask('牡丹江市教育局2022年申请数量同比');
    expect(a.text).toMatch(/牡丹江市教育局2022年：12件；2021年：10件。同比增加2件，变化率\+20%/);
  });
  it('gives no percent when the previous figure is 0', () => {
    const a = ask('鹤岗市教育局2022年申请数量同比');
    expect(a.text).toMatch(/同比持平，变化率无法计算（上一年为0）/);
  });
  it('says 无法计算 when the previous year is missing', () => {
    expect(ask('佳木斯市教育局2022年申请数量同比').text).toMatch(/同比无法计算（缺少2021年的报告）/);
  });
  it('works for an indicator', () => {
    expect(ask('牡丹江市教育局2022年公开率同比').text).toMatch(/同比上升30\.0个百分点/);
  });
});

describe('standing among peers', () => {
  it('ranks among bodies of the same kind and level, naming and counting the group', () => {
    const a = ask('牡丹江市教育局2022年收到申请数在教育局中排第几');
    expect(a.route).toBe('facts');
    // 市级教育局 of 2022: 大庆 20, 佳木斯 30, 牡丹江 12, 鹤岗 0; 呼兰区 is 县级, 大庆市财政局 another kind.
    expect(a.text).toMatch(/在2022年市级教育局中（同类单位共4个，4个能算出）：从高到低排第3名，高于其余3个中的1个（百分位33\.3%）/);
    expect(a.text).toMatch(/在2022年各级教育局中（同类单位共5个，5个能算出）：从高到低排第4名/);
    expect(a.text).not.toMatch(/财政局/);
  });
  it('works for an indicator, leaving out peers that cannot be computed', () => {
    const a = ask('佳木斯市教育局2022年公开率在同类单位中排名第几');
    expect(a.text).toMatch(/同类单位共4个，2个能算出）：从高到低排第1名，高于其余1个中的1个（百分位100%）/);
    expect(a.text).toMatch(/未能排位：.*鹤岗市教育局（无法计算/);
  });
});

describe('indicator filter', () => {
  it('lists the reports under a threshold and names those that cannot be judged', () => {
    const a = ask('2022年公开率低于50%的局有哪些');
    expect(a.text.split('\n')[0]).toBe('2022年公开率低于50.0%的有2份报告：');
    expect(a.text).toMatch(/呼兰区教育局：20\.0%（10 ÷ 50）/);
    expect(a.text).toMatch(/大庆市财政局：1\.0%/);
    expect(a.text).toMatch(/无法判断：.*大庆市教育局（无法计算/);
  });
});
