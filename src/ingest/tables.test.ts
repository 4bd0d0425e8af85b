import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS } from '../facts/metrics.js';
import { parseReportText } from './parse.js';
import type { Report } from './report.js';

/**
 * Table 2 as a crawler flattens a web page: no line breaks, each row's digits run together
 * right after its label (the layout of pingtan-*.txt in ../shared/corpus-real).
 */
const RESULT_ROWS = [
  '（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项',
  '（四）无法提供1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确',
  '（五）不予处理1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息',
  '（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他',
];

interface Printed {
  newRequests?: string;
  granted?: string;
  totalProcessed?: string;
  carriedForward?: string;
  table3?: string;
}

function crawledReport({ newRequests = '3000003', granted = '2000002', totalProcessed = '2000002', carriedForward = '1000001', table3 = '000000000000000' }: Printed): string {
  const rows = RESULT_ROWS.map((label, i) => label + (i === 0 ? granted : '0000000')).join('');
  return [
    '某某县教育局2023年政府信息公开工作年度报告 ',
    '一、总体情况本年度我局依法做好政府信息公开工作。',
    '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000',
    '第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0',
    '第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0',
    '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他',
    `一、本年新收政府信息公开申请数量${newRequests}二、上年结转政府信息公开申请数量0000000三、本年度办理结果${rows}`,
    `（七）总计${totalProcessed}四、结转下年度继续办理${carriedForward}`,
    '四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉',
    `结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计${table3}`,
    '五、存在的主要问题及改进情况信息公开的及时性有待提高。六、其他需要报告的事项无。',
  ].join('');
}

function read(text: string): Report {
  const r = parseReportText(text, 'crawled.txt');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const row = (r: Report, name: string) =>
  APPLICANT_COLUMNS.map((c) => {
    const f = r.facts.find((x) => x.origin === 'table' && x.metric === `requests.${name}.${c}`);
    return f === undefined ? undefined : f.value.kind === 'number' ? f.value.value : f.value.kind;
  });

describe('table 2 in crawled text', () => {
  it('reads “结转下年度继续办理0000000” right before section four’s heading as seven 0', () => {
    const r = read(crawledReport({ newRequests: '2000002', carriedForward: '0000000' }));
    expect(row(r, 'carried_forward')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(r, 'total_processed')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(r.findings.filter((f) => f.rule === 'incomplete')).toEqual([]);
  });

  it('reads zeros run together in table 1 (规章000) and table 3 (fifteen 0) as zeros', () => {
    const r = read(crawledReport({}));
    const cell = (id: string) => r.facts.find((f) => f.origin === 'table' && f.metric === id)?.value;
    for (const id of ['rules.issued', 'rules.repealed', 'rules.in_force', 'normative_docs.in_force', 'review.total', 'litigation_after_review.total']) {
      expect(cell(id), id).toEqual({ kind: 'number', value: 0 });
    }
  });

  it('reads table 3’s digits run on from its header words as fifteen cells, as tables 1 and 2 of crawled text', () => {
    // As pingtan-2023 prints it: no spacing to lose a blank, the run is the whole row.
    const r = read(crawledReport({ table3: '110024001510102' }));
    const cells = CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => r.facts.find((f) => f.origin === 'table' && f.metric === `${k}.${o}`)?.value));
    expect(cells).toEqual([1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2].map((value) => ({ kind: 'number', value })));
  });

  it('reads the last row with a figure in it, and the column rules hold', () => {
    const r = read(crawledReport({}));
    expect(row(r, 'carried_forward')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'new')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('settles a row that splits two ways by the column rules, when only one way keeps them', () => {
    // 270020130 fits its own total as 27|0|0|2|0|1|30 and as 2|7|0|0|20|1|30; 本年新收 and 总计
    // print their cells apart, and only the first keeps 办理结果总计 = the sum of the results.
    const r = read(crawledReport({ newRequests: '27 0 0 2 0 1 30', granted: '270020130', totalProcessed: '27 0 0 2 0 1 30', carriedForward: '0000000' }));
    expect(row(r, 'granted')).toEqual([27, 0, 0, 2, 0, 1, 30]);
  });

  it('keeps the cells unknown when every row splits the same two ways and the rules hold for both', () => {
    const r = read(crawledReport({ newRequests: '270020130', granted: '270020130', totalProcessed: '270020130', carriedForward: '0000000' }));
    expect(row(r, 'granted')).toEqual(['unknown', 'unknown', 0, 'unknown', 'unknown', 1, 30]);
    expect(row(r, 'new')).toEqual(['unknown', 'unknown', 0, 'unknown', 'unknown', 1, 30]);
    const doubt = r.findings.find((f) => f.rule === 'unreadable' && f.metrics.includes('requests.granted.natural_person'));
    expect(doubt?.message).toContain('270020130');
  });
});

describe('table 2 in tab-separated text with a cell lost', () => {
  /** Seed 000 (tab rows, 2021 template) with five requests granted to one person. */
  function seedWithLostCell(granted: string): Report {
    const lines = readFileSync(path.join(CORPUS_DIR, '000_49469f21e3e534d6.txt'), 'utf8').split('\n');
    const at = (start: string) => lines.findIndex((l) => l.replace(/\s+/g, '').startsWith(start));
    lines[at('一、本年新收')] = '一、本年新收政府信息公开申请数量\t\t5\t0\t0\t0\t0\t0\t5\t';
    lines[at('三、本年度办理结果')] = `三、本 年度 办理 结果\t(一) 予以公开\t${granted}`;
    lines[at('(七)总计')] = '\t(七) 总计\t5\t0\t0\t0\t0\t0\t5\t0';
    return read(lines.join('\n'));
  }

  it('settles where the lost cell stood by the column rules', () => {
    // “5 0 0 0 0 5”: 0|5|0|0|0|0|5, 5|0|0|0|0|0|5 or 5|0|0|0|0|5|10 alone; only the second keeps
    // 办理结果总计 (5 0 0 0 0 0 5) the sum of the results.
    const r = seedWithLostCell('5\t0\t0\t0\t0\t5');
    expect(row(r, 'granted')).toEqual([5, 0, 0, 0, 0, 0, 5]);
    expect(r.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
  });

  it('keeps the row unknown where no placement of the lost cell fits', () => {
    // 9 0 0 0 0 5: a lost applicant would need a negative count; a lost total (14) fits the row
    // but not 办理结果总计 (5). The table breaks a rule either way: no ground to place the cell.
    const r = seedWithLostCell('9\t0\t0\t0\t0\t5');
    expect(row(r, 'granted')).toEqual(Array(7).fill('unknown'));
    const doubt = r.findings.find((f) => f.rule === 'unreadable' && f.metrics.includes('requests.granted.total'));
    expect(doubt?.message).toContain('少印了单元格');
  });
});
