/**
 * Checks between an agency's consecutive reports, as a careful reader makes them:
 * - 上年结转 (year t) equals 结转下年度继续办理 (year t−1), total column (both templates);
 * - 2021 template: 现行有效件数 (t) = 现行有效件数 (t−1) + 本年制发 (t) − 本年废止 (t), for 规章 and
 *   for 行政规范性文件. The 2019 template's 对外公开总数量 is another count, so a year pair that
 *   spans the template change cannot be judged.
 */
import type { Report } from '../ingest/report.js';
import { metric } from './metrics.js';
import type { Reading } from './store.js';

export type YearCheckStatus = '一致' | '不一致' | '无法判断';
export type YearRule = 'carry_over' | 'rules_in_force' | 'normative_docs_in_force';

export interface YearCheck {
  rule: YearRule;
  /** 上年结转 = 上一年结转下年度继续办理 */
  name: string;
  /** The later report (year t). */
  report: Report;
  /** The report of year t−1, null when the corpus lacks it. */
  previous: Report | null;
  status: YearCheckStatus;
  /** What was compared, with both figures and both sources; or why it cannot be judged. */
  message: string;
  /** Every cell read, of both reports. */
  cells: Reading[];
}

/** Every cell the checks read of a report. */
export const YEAR_CHECK_CELLS: readonly string[] = [
  'requests.carried_over.total',
  'requests.carried_forward.total',
  ...(['rules', 'normative_docs'] as const).flatMap((row) => [`${row}.in_force`, `${row}.issued`, `${row}.repealed`]),
];

/** Reads a metric of a report (the fact store's `read`). */
export type CellReader = (report: Report, id: string) => Reading;

export const YEAR_RULE_NAMES: Record<YearRule, string> = {
  carry_over: '上年结转 = 上一年结转下年度继续办理',
  rules_in_force: '规章现行有效件数 = 上一年现行有效 + 本年制发 − 本年废止',
  normative_docs_in_force: '行政规范性文件现行有效件数 = 上一年现行有效 + 本年制发 − 本年废止',
};

/**
 * The checks between one agency's reports (any order): one set per report whose previous year
 * lies within the years the corpus holds for the agency. The earliest report has nothing before
 * it to be checked against; a year missing in between leaves its successor 无法判断.
 */
export function checkAcrossYears(reports: readonly Report[], read: CellReader): YearCheck[] {
  const byYear = new Map(reports.map((r) => [r.meta.year, r]));
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const out: YearCheck[] = [];
  for (const year of years.slice(1)) {
    const report = byYear.get(year) as Report;
    const previous = byYear.get(year - 1) ?? null;
    out.push(carryOver(report, previous, read));
    if (report.meta.template === '2021') for (const row of ['rules', 'normative_docs'] as const) out.push(inForce(row, report, previous, read));
  }
  return out;
}

function carryOver(report: Report, previous: Report | null, read: CellReader): YearCheck {
  const rule: YearRule = 'carry_over';
  const base = { rule, name: YEAR_RULE_NAMES[rule], report, previous };
  if (!previous) return { ...base, status: '无法判断', message: `语料中没有${report.meta.year - 1}年的报告，无法核对${report.meta.year}年的上年结转`, cells: [] };
  const now = read(report, 'requests.carried_over.total');
  const before = read(previous, 'requests.carried_forward.total');
  const cells = [now, before];
  const unknown = lacking(cells);
  if (unknown) return { ...base, status: '无法判断', message: unknown, cells };
  const same = near(now.value as number, before.value as number);
  const message = `${cellText(now)}${same ? '，等于' : '，而'}${cellText(before)}`;
  return { ...base, status: same ? '一致' : '不一致', message, cells };
}

function inForce(row: 'rules' | 'normative_docs', report: Report, previous: Report | null, read: CellReader): YearCheck {
  const rule: YearRule = row === 'rules' ? 'rules_in_force' : 'normative_docs_in_force';
  const base = { rule, name: YEAR_RULE_NAMES[rule], report, previous };
  const what = row === 'rules' ? '规章' : '行政规范性文件';
  if (!previous) return { ...base, status: '无法判断', message: `语料中没有${report.meta.year - 1}年的报告，无法核对${report.meta.year}年${what}现行有效件数`, cells: [] };
  if (previous.meta.template !== '2021') {
    return {
      ...base,
      status: '无法判断',
      message: `${previous.meta.year}年的报告采用2019年版模板（“对外公开总数量”），${report.meta.year}年采用2021年版模板（“现行有效件数”），口径不同，无法前后核对${what}`,
      cells: [],
    };
  }
  const [now, issued, repealed, before] = [read(report, `${row}.in_force`), read(report, `${row}.issued`), read(report, `${row}.repealed`), read(previous, `${row}.in_force`)];
  const cells = [now, issued, repealed, before];
  const unknown = lacking(cells);
  if (unknown) return { ...base, status: '无法判断', message: unknown, cells };
  const expected = (before.value as number) + (issued.value as number) - (repealed.value as number);
  const same = near(expected, now.value as number);
  const message = `${cellText(now)}；${cellText(before)}，加${cellText(issued)}、减${cellText(repealed)}，${same ? '正是' : '应为'}${fmt(expected)}件${same ? '' : `，相差${fmt(Math.abs((now.value as number) - expected))}件`}`;
  return { ...base, status: same ? '一致' : '不一致', message, cells };
}

/** Why a check cannot be judged: the cells without a number, named by report and by why. */
function lacking(cells: readonly Reading[]): string | null {
  const missing = cells.filter((c) => c.value === null);
  if (!missing.length) return null;
  const groups = new Map<string, { head: string; labels: string[]; why: string }>();
  for (const c of missing) {
    const key = `${c.report.file}|${c.status}`;
    const g = groups.get(key) ?? { head: `${c.report.meta.year}年报告（${c.report.file}）`, labels: [], why: STATUS_WORDS[c.status] };
    g.labels.push(`“${cellLabel(c.metric)}”`);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => `${g.head}的${g.labels.join('、')}${g.why}`).join('；');
}

const STATUS_WORDS: Record<Reading['status'], string> = {
  number: '',
  blank: '未填写',
  not_applicable: '为“/”',
  text: '不是数字',
  unknown: '无法准确读取',
  no_item: '在其模板中没有',
  not_found: '没有找到（表格可能残缺）',
};

/** 2022年“上年结转”为1件（pingtan-2022.txt，表格：“二、上年结转…：1”） */
function cellText(r: Reading): string {
  const source = r.fact ? `，表格：“${clip(r.fact.source)}”` : '';
  return `${r.report.meta.year}年“${cellLabel(r.metric)}”为${fmt(r.value as number)}件（${r.report.file}${source}）`;
}

function cellLabel(id: string): string {
  return (metric(id)?.label ?? id).replace(/政府信息公开申请$/, '').replace(/（(?:新制作|对外公开总)）/, '');
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

function fmt(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}

function clip(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}
