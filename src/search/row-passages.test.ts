import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, hasRealDocs, REAL_DOCS_DIR } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import type { Fact, Report } from '../ingest/report.js';
import { openIndex } from './open.js';
import { PassageIndex, passageTitle, type PassageHit } from './passage-index.js';
import { rowPassages } from './row-passages.js';

const MUDANJIANG = '004_1f4ee6e2bcc4addb.txt';

let root: string;
let reports: Report[];
let index: PassageIndex;

// The seed corpus through the real ingestion, indexed on disk and read back.
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'row-passages-'));
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  const built = await openIndex({ corpusDir, indexDir });
  expect(built.rebuilt).toBe(true);
  built.index.close();
  const opened = await openIndex({ corpusDir, indexDir });
  expect(opened.rebuilt).toBe(false);
  index = opened.index;
  reports = (await loadCorpus(corpusDir)).reports;
}, 120_000);
afterAll(async () => {
  index?.close();
  await rm(root, { recursive: true, force: true });
});

const top = (query: string): PassageHit => index.search(query, { limit: 1 })[0];

describe('rowPassages', () => {
  it('makes one passage of each table row, cells as the report printed them', () => {
    const texts = rowPassages(reports.find((r) => r.id === MUDANJIANG)!).map((p) => p.text);
    expect(texts).toContain('表一 政府集中采购：采购项目数量 38项，采购总金额 2896.642万元');
    expect(texts).toContain('表一 其他对外管理服务事项：上一年项目数量 涉外学校 审批，本年增/减 0项，处理决定数量 0件');
    expect(texts).toContain('表三 行政复议：结果维持 0件，结果纠正 0件，其他结果 0件，尚未审结 0件，总计 0件');
  });

  it('keeps the template order and gives each row the section of its table', () => {
    const rows = rowPassages(reports.find((r) => r.id === MUDANJIANG)!);
    expect(rows.map((p) => p.text.slice(0, p.text.indexOf('：'))).slice(0, 3)).toEqual(['表一 规章', '表一 规范性文件', '表一 行政许可']);
    expect(new Set(rows.map((p) => `${p.table}→${p.sectionNo}`))).toEqual(new Set(['1→2', '2→3', '3→4']));
    expect(rows.find((p) => p.table === 2)!.context).toBe('表二 收到和处理政府信息公开申请情况');
  });

  it('names the headers of the 2021 template', () => {
    const report = reportWith('2021', [cell('rules.issued', { kind: 'number', value: 2 }, '规章：2'), cell('rules.repealed', { kind: 'number', value: 0 }, '规章：0'), cell('rules.in_force', { kind: 'number', value: 11 }, '规章：11')]);
    expect(rowPassages(report).map((p) => p.text)).toEqual(['表一 规章：本年制发件数 2件，本年废止件数 0件，现行有效件数 11件']);
  });

  it('writes a blank as 空白, keeps "/" and 不涉及, says 无法确定 of an unreadable cell, keeps a printed unit', () => {
    const report = reportWith('2019', [
      cell('procurement.projects', { kind: 'not_applicable' }, '政府集中采购：不涉及'),
      cell('procurement.amount', { kind: 'number', value: 258.3 }, '政府集中采购：258.3万元'),
      cell('fees.prev_items', { kind: 'blank' }, '行政事业性收费：（空白）'),
      cell('fees.change', { kind: 'not_applicable' }, '行政事业性收费：/'),
      cell('review.upheld', { kind: 'unknown' }, '行政复议、行政诉讼：8 或 89'),
    ]);
    expect(rowPassages(report).map((p) => p.text)).toEqual([
      '表一 行政事业性收费：上一年项目数量 空白，本年增/减 /',
      '表一 政府集中采购：采购项目数量 不涉及，采购总金额 258.3万元',
      '表三 行政复议：结果维持 无法确定',
    ]);
  });

  it('makes none of a report without table facts', () => {
    expect(rowPassages(reportWith('2021', []))).toEqual([]);
  });
});

describe('searching the table rows (index on disk)', () => {
  it('finds a figure that stands only in a table: its report, table and row', () => {
    const hit = top('2896.642');
    expect(hit.passage.agency).toBe('牡丹江市教育局');
    expect(hit.passage.year).toBe(2020);
    expect(hit.passage.sectionNo).toBe(2);
    expect(passageTitle(hit.passage)).toBe('表一 · 政府集中采购');
    expect(hit.passage.text).toBe('表一 政府集中采购：采购项目数量 38项，采购总金额 2896.642万元');
    expect(hit.highlighted).toContain('【2896.642】');
  });

  it('finds a figure typed with a trailing zero, or with its unit', () => {
    expect(top('2896.6420').passage.text).toContain('2896.642万元');
    expect(top('采购金额2896.642万元').passage.text).toContain('2896.642万元');
  });

  it('finds a row by its label', () => {
    const procurement = index.search('政府集中采购', { limit: 2 });
    expect(procurement.map((h) => passageTitle(h.passage))).toEqual(['表一 · 政府集中采购', '表一 · 政府集中采购']);
    expect(new Set(procurement.map((h) => h.passage.agency))).toEqual(new Set(['牡丹江市教育局', '呼兰区教育局']));
    expect(passageTitle(top('行政许可 处理决定').passage)).toBe('表一 · 行政许可');
    expect(passageTitle(top('呼兰 行政复议').passage)).toBe('表三 · 行政复议');
  });

  it('still answers a question in words with a paragraph first', () => {
    for (const q of ['双随机双公示', '政务公开 培训', '鹤岗教育公众号发了多少条信息', '同仁市教育局存在哪些问题', '依申请公开 办理', '采购总金额']) {
      expect(top(q).passage.row, q).toBeUndefined();
    }
    for (const q of ['政务公开 培训', '主动公开 信息', '信息公开 平台 建设']) {
      expect(index.search(q, { limit: 5 }).filter((h) => h.passage.row), q).toEqual([]);
    }
  });
});

describe.skipIf(!hasRealDocs)('large figures of real PDF reports', () => {
  let docs: PassageIndex;
  beforeAll(async () => {
    docs = await PassageIndex.build((await loadCorpus(REAL_DOCS_DIR)).reports);
  }, 120_000);

  it('finds each in its row alone, not again in what is left of the laid-out table', () => {
    for (const [figure, row] of [['447228', '表一 · 行政许可'], ['96171.6', '表一 · 行政事业性收费'], ['96171.60', '表一 · 行政事业性收费']]) {
      const hits = docs.search(figure);
      expect(hits.map((h) => passageTitle(h.passage)), figure).toEqual([row]);
      expect(hits[0].passage.agency).toBe('淮安市人民政府');
    }
  });
});

describe('row passages in worker threads', () => {
  it('are indexed as in one thread', async () => {
    const many = Array.from({ length: 8 }, (_, i) => reports.map((r) => ({ ...r, id: `${i}_${r.id}`, file: `${i}_${r.file}` }))).flat();
    const one = await PassageIndex.build(many, { threads: 0 });
    const two = await PassageIndex.build(many, { threads: 2 });
    expect(two.state.passageTable.view()).toEqual(one.state.passageTable.view());
    expect([...one.state.passageTable.view()].filter((t) => t !== 0).length).toBeGreaterThan(0);
    for (const q of ['2896.642', '政府集中采购']) expect(two.search(q).map((h) => h.passage.text)).toEqual(one.search(q).map((h) => h.passage.text));
  }, 60_000);
});

function cell(metric: string, value: Fact['value'], source: string): Fact {
  return { metric, value, unit: metric.endsWith('amount') ? '万元' : '件', origin: 'table', section: 2, source };
}

function reportWith(template: '2019' | '2021', facts: Fact[]): Pick<Report, 'sections' | 'facts'> & { meta: { template: '2019' | '2021' } } {
  return { sections: [], facts, meta: { template } };
}
