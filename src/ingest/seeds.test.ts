/**
 * Every cell of every seed report, as read by a person from the files in corpus/. A blank cell
 * is `null` (missing), `'?'` a cell that cannot be read with certainty.
 */
import { describe, expect, it } from 'vitest';
import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS, rowsFor } from '../facts/metrics.js';
import { CORPUS_DIR } from '../../test/paths.js';
import { readReportFile } from './corpus.js';
import type { Report } from './report.js';

type Cell = number | null | '?' | `text:${string}`;

const Z7: Cell[] = [0, 0, 0, 0, 0, 0, 0];
const BLANK7: Cell[] = [null, null, null, null, null, null, null];
const Z15: Cell[] = Array(15).fill(0);

function cellOf(report: Report, id: string): Cell | undefined {
  const f = report.facts.find((x) => x.origin === 'table' && x.metric === id);
  if (!f) return undefined;
  switch (f.value.kind) {
    case 'number':
      return f.value.value;
    case 'blank':
      return null;
    case 'unknown':
      return '?';
    case 'text':
      return `text:${f.value.text}`;
    case 'not_applicable':
      return 'text:/';
  }
}

async function read(file: string): Promise<Report> {
  const r = await readReportFile(CORPUS_DIR, file);
  if (!r.ok) throw new Error(`${file}: ${r.error.message}`);
  return r.value;
}

function requestRows(report: Report, expected: Record<string, Cell[]>) {
  for (const [row, cells] of Object.entries(expected)) {
    const got = APPLICANT_COLUMNS.map((c) => cellOf(report, `requests.${row}.${c}`));
    expect(got, `requests.${row}`).toEqual(cells);
  }
}

function row7(report: Report, row: string): Cell[] {
  return APPLICANT_COLUMNS.map((c) => cellOf(report, `requests.${row}.${c}`)!);
}

function table3(report: Report): Cell[] {
  return CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => cellOf(report, `${k}.${o}`)!));
}

const ALL_2021_ROWS = rowsFor(2, '2021').map((r) => r.key.replace('requests.', ''));
const ALL_2019_ROWS = rowsFor(2, '2019').map((r) => r.key.replace('requests.', ''));
const allZero = (rows: string[]) => Object.fromEntries(rows.map((r) => [r, Z7]));

describe('seed 000 鹤岗市教育局 2022 (tab rows, 2021 template)', async () => {
  const r = await read('000_49469f21e3e534d6.txt');
  it('reads the metadata', () => {
    expect(r.meta).toMatchObject({ agency: '鹤岗市教育局', year: 2022, template: '2021', publishedAt: null });
    expect(r.meta.region).toEqual({ province: '黑龙江省', city: '鹤岗市', county: null });
  });
  it('reads table 1', () => {
    expect(['rules.issued', 'rules.repealed', 'rules.in_force'].map((id) => cellOf(r, id))).toEqual([0, 0, 0]);
    expect(['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'].map((id) => cellOf(r, id))).toEqual([1, 0, 1]);
    expect(['licensing.decisions', 'punishment.decisions', 'coercion.decisions', 'fees.amount'].map((id) => cellOf(r, id))).toEqual([0, 0, 0, 0]);
  });
  it('reads every row of table 2, including rows broken across lines and rows with a cell too many', () => {
    requestRows(r, allZero(ALL_2021_ROWS));
  });
  it('keeps the blank review cells of table 3 missing, not zero', () => {
    expect(table3(r)).toEqual([null, null, null, null, null, ...Array(10).fill(0)]);
  });
  it('finds no inconsistency', () => expect(r.findings).toEqual([]));
});

describe('seed 001 焦作市教育局 2023', async () => {
  const r = await read('001_e71b04dab10cb976.txt');
  it('reads the metadata', () => expect(r.meta).toMatchObject({ agency: '焦作市教育局', year: 2023, template: '2021' }));
  it('reads table 1', () => {
    expect(['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'].map((id) => cellOf(r, id))).toEqual([3, 1, 6]);
    expect(['rules.issued', 'rules.repealed', 'rules.in_force', 'licensing.decisions', 'punishment.decisions', 'coercion.decisions', 'fees.amount'].map((id) => cellOf(r, id))).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
  it('reads table 2 and 3', () => {
    requestRows(r, allZero(ALL_2021_ROWS));
    expect(table3(r)).toEqual(Z15);
  });
  it('maps narrative figures that restate table cells and finds them consistent', () => {
    const narrative = r.facts.filter((f) => f.origin === 'narrative' && f.metric !== 'narrative');
    expect(narrative.map((f) => [f.metric, f.value])).toEqual(
      expect.arrayContaining([
        ['normative_docs.repealed', { kind: 'number', value: 1 }],
        ['normative_docs.issued', { kind: 'number', value: 3 }],
      ]),
    );
    expect(r.findings).toEqual([]);
  });
  it('keeps figures that name no table cell as narrative facts with their sentence', () => {
    const f = r.facts.find((x) => x.origin === 'narrative' && x.value.kind === 'number' && x.value.value === 732);
    expect(f?.source).toContain('制发政务动态、信息公开等信息 732 篇');
  });
});

describe('seed 002 同仁市教育局 2021 (blank rows, headers split over lines)', async () => {
  const r = await read('002_de8f091d9f2bb639.txt');
  it('reads the year covered, not the year published', () => {
    expect(r.meta).toMatchObject({ agency: '同仁市教育局', year: 2021, publishedAt: '2022-01-19', template: '2021' });
  });
  it('reads table 1 as all zeros', () => {
    const t1 = rowsFor(1, '2021').flatMap((row) => row.columns);
    expect(t1.map((id) => cellOf(r, id))).toEqual(t1.map(() => 0));
  });
  it('keeps blank rows missing and reads the rest', () => {
    requestRows(r, { ...allZero(ALL_2021_ROWS), 'other_handling.no_correction': BLANK7, 'other_handling.other': BLANK7 });
    expect(table3(r)).toEqual(Z15);
  });
});

describe('seed 003 呼兰区教育局 2020 (one cell per line, 2019 template)', async () => {
  const r = await read('003_e1f77db6df68bd40.txt');
  it('reads the metadata', () => {
    expect(r.meta).toMatchObject({ agency: '呼兰区教育局', year: 2020, template: '2019' });
    expect(r.meta.region).toEqual({ province: '黑龙江省', city: '哈尔滨市', county: '呼兰区' });
  });
  it('reads table 1 with an amount carrying its unit', () => {
    const expected: Record<string, Cell> = {
      'rules.issued': 0, 'rules.published': 0, 'rules.in_force': 0,
      'normative_docs.issued': 0, 'normative_docs.published': 0, 'normative_docs.in_force': 0,
      'licensing.prev_items': 56, 'licensing.change': 0, 'licensing.decisions': 56,
      'other_services.prev_items': 0, 'other_services.change': 0, 'other_services.decisions': 0,
      'punishment.prev_items': 0, 'punishment.change': 0, 'punishment.decisions': 0,
      'coercion.prev_items': 0, 'coercion.change': 0, 'coercion.decisions': 0,
      'fees.prev_items': 0, 'fees.change': 0,
      'procurement.projects': 5, 'procurement.amount': 258.3,
    };
    for (const [id, v] of Object.entries(expected)) expect(cellOf(r, id), id).toEqual(v);
    expect(r.facts.find((f) => f.metric === 'procurement.amount')?.source).toContain('258.3万元');
  });
  it('reads table 2, the blank last row staying missing', () => {
    requestRows(r, { ...allZero(ALL_2019_ROWS), carried_forward: BLANK7 });
    expect(table3(r)).toEqual(Z15);
  });
});

describe('seed 004 牡丹江市教育局 2020 (table 2 cut short, narrative contradicting table 1)', async () => {
  const r = await read('004_1f4ee6e2bcc4addb.txt');
  it('reads the metadata', () => {
    expect(r.meta).toMatchObject({ agency: '牡丹江市教育局', year: 2020, template: '2019', publishedAt: '2021-01-25' });
  });
  it('reads table 1: negatives, text in a numeric cell, an amount with four decimals', () => {
    const expected: Record<string, Cell> = {
      'rules.issued': 0, 'rules.published': 0, 'rules.in_force': 0,
      'normative_docs.issued': 3, 'normative_docs.published': 3, 'normative_docs.in_force': 21,
      'licensing.prev_items': 2, 'licensing.change': -2, 'licensing.decisions': 0,
      'other_services.prev_items': 'text:涉外学校审批', 'other_services.change': 0, 'other_services.decisions': 0,
      'punishment.prev_items': 0, 'punishment.change': 0, 'punishment.decisions': 0,
      'coercion.prev_items': 0, 'coercion.change': 0, 'coercion.decisions': 0,
      'fees.prev_items': 2, 'fees.change': 0,
      'procurement.projects': 38, 'procurement.amount': 2896.642,
    };
    for (const [id, v] of Object.entries(expected)) expect(cellOf(r, id), id).toEqual(v);
  });
  it('reads the rows present and leaves the cut rows absent', () => {
    const present = ALL_2019_ROWS.slice(0, ALL_2019_ROWS.indexOf('unable.needs_creation') + 1);
    requestRows(r, allZero(present));
    expect(cellOf(r, 'requests.total_processed.total')).toBeUndefined();
    expect(table3(r)).toEqual(Z15);
  });
  it('reads the row that printed six 0 for seven cells as seven 0: wherever the lost cell was, the sums make it 0', () => {
    // “1. 本机关不掌握相关 政府信息	0	0	0	0	0	0”: counts are never negative and the total is the
    // sum of the six applicant columns, so every placement of the lost cell reads 0 everywhere.
    expect(row7(r, 'unable.not_held')).toEqual(Z7);
    expect(r.facts.find((f) => f.metric === 'requests.unable.not_held.total')?.source).toContain('按合计推得');
    expect(r.findings.filter((f) => f.rule === 'unreadable')).toEqual([]);
  });
  it('reports the cut table and the contradiction between narrative and table', () => {
    const rules = r.findings.map((f) => f.rule);
    expect(rules).toContain('incomplete');
    const contradiction = r.findings.find((f) => f.rule === 'narrative_vs_table');
    expect(contradiction?.message).toBe('牡丹江市教育局2020年报：正文称政府集中采购项目7项，表格为38项（政府集中采购 采购项目数量）');
    // 2896万元 in the narrative is 2896.642 rounded: no contradiction.
    expect(r.findings.filter((f) => f.metrics.includes('procurement.amount'))).toEqual([]);
  });
});
