/**
 * The consistency rules of report-template.md, as a careful reader applies them. A rule is
 * checked only where every cell it needs is a number: a blank or unreadable cell is no zero.
 */
import type { Fact, Finding } from '../ingest/report.js';
import { APPLICANT_COLUMNS, applicantLabel, CASE_KINDS, metric, OUTCOME_COLUMNS, resultRows, type TemplateVersion } from './metrics.js';

export interface CheckInput {
  /** "牡丹江市教育局2020年报" */
  who: string;
  template: TemplateVersion;
  facts: Fact[];
  noRequestClaims: Array<{ section: number; sentence: string }>;
}

export function checkReport(input: CheckInput): Finding[] {
  const table = new Map<string, number>();
  for (const f of input.facts) if (f.origin === 'table' && f.value.kind === 'number') table.set(f.metric, f.value.value);
  const get = (id: string) => table.get(id);
  const findings: Finding[] = [];
  const { who } = input;

  // 1. 勾稽关系 and 3. 办理结果合计, per applicant column.
  for (const col of APPLICANT_COLUMNS) {
    const colName = col === 'total' ? '总计列' : `${applicantLabel(col)}列`;
    const ids = ['new', 'carried_over', 'total_processed', 'carried_forward'].map((r) => `requests.${r}.${col}`);
    const [n, c, t, f] = ids.map(get);
    if (!balances([n, c], [t, f])) {
      const show = (v: number | undefined) => (v === undefined ? '（空白）' : String(v));
      findings.push({
        rule: 'balance',
        severity: 'error',
        metrics: ids,
        message: `${who}：表二${colName}不符合勾稽关系：本年新收${show(n)}+上年结转${show(c)}，而办理结果总计${show(t)}+结转下年度${show(f)}`,
      });
    }
    const parts = resultRows(input.template).map((r) => `requests.${r}.${col}`);
    const { sum, total } = partsAndTotal(parts, ids[2], get);
    if (sum !== undefined && total !== undefined && !near(sum, total)) {
      findings.push({
        rule: 'results_total',
        severity: 'error',
        metrics: [...parts, ids[2]],
        message: `${who}：表二${colName}各项办理结果之和为${sum}，与“（七）总计”${total}不符`,
      });
    }
  }

  // 2. Each row's total is the sum of its six applicant columns.
  const rows = new Set<string>();
  for (const f of input.facts) if (f.origin === 'table' && f.metric.startsWith('requests.')) rows.add(f.metric.slice(0, f.metric.lastIndexOf('.')));
  for (const row of rows) {
    const parts = APPLICANT_COLUMNS.slice(0, 6).map((c) => `${row}.${c}`);
    const { sum, total } = partsAndTotal(parts, `${row}.total`, get);
    if (sum !== undefined && total !== undefined && !near(sum, total)) {
      const name = metric(`${row}.total`)?.label ?? row;
      findings.push({ rule: 'row_total', severity: 'error', metrics: [...parts, `${row}.total`], message: `${who}：表二“${name}”一行六类申请人之和为${sum}，总计却为${total}` });
    }
  }

  // 4. Table 3 totals.
  for (const kind of CASE_KINDS) {
    const parts = OUTCOME_COLUMNS.slice(0, 4).map((o) => `${kind}.${o}`);
    const { sum, total } = partsAndTotal(parts, `${kind}.total`, get);
    if (sum !== undefined && total !== undefined && !near(sum, total)) {
      const name = metric(`${kind}.total`)!.label.replace(/ 总计$/, '');
      findings.push({ rule: 'case_total', severity: 'error', metrics: [...parts, `${kind}.total`], message: `${who}：表三${name}四种结果之和为${sum}，总计却为${total}` });
    }
  }

  // 5. Narrative figures that name a table cell agree with it.
  for (const f of input.facts) {
    if (f.origin !== 'narrative' || f.value.kind !== 'number') continue;
    const t = table.get(f.metric);
    if (t === undefined) continue;
    if (agrees(f.value.value, t)) continue;
    // "收到申请N件" often counts last year's carried-over requests too.
    const carried = get('requests.carried_over.total');
    if (f.metric === 'requests.new.total' && carried !== undefined && agrees(f.value.value, t + carried)) continue;
    const def = metric(f.metric);
    findings.push({
      rule: 'narrative_vs_table',
      severity: 'error',
      metrics: [f.metric],
      message: `${who}：正文称${f.label || def?.label || f.metric}${fmt(f.value.value)}${f.unit}，表格为${fmt(t)}${def?.unit ?? ''}（${def?.label ?? f.metric}）`,
    });
  }

  // 6. "未收到申请" only where no request was received.
  const received = get('requests.new.total');
  for (const claim of input.noRequestClaims) {
    if (received !== undefined && received !== 0) {
      findings.push({ rule: 'no_requests_claim', severity: 'error', metrics: ['requests.new.total'], message: `${who}：正文称“${clip(claim.sentence)}”，但表二本年新收申请为${received}件` });
    }
  }
  return findings;
}

/**
 * The sum of `parts` and the `total` cell. Where some parts are missing the sum is unknown, but
 * counts are never negative: known parts that already exceed the total break the rule all the
 * same, and their sum is given.
 */
function partsAndTotal(parts: string[], totalId: string, get: (id: string) => number | undefined): { sum?: number; total?: number } {
  const values = parts.map(get);
  const known = values.filter((v): v is number => v !== undefined);
  const sum = known.reduce((a, b) => a + b, 0);
  const total = get(totalId);
  if (known.length === values.length) return { sum, total };
  return total !== undefined && known.every((v) => v >= 0) && sum > total + 1e-6 ? { sum, total } : {};
}

/**
 * Rule 1 on the cells known: both sides equal when all four are; with one missing, the side
 * that is complete can still be smaller than what the other side already adds up to.
 */
function balances(left: (number | undefined)[], right: (number | undefined)[]): boolean {
  const total = (xs: (number | undefined)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const complete = (xs: (number | undefined)[]) => xs.every((x) => x !== undefined);
  if (![...left, ...right].some((x) => x !== undefined)) return true;
  if (complete(left) && complete(right)) return near(total(left), total(right));
  if (complete(left) && total(right) > total(left) + 1e-6) return false;
  if (complete(right) && total(left) > total(right) + 1e-6) return false;
  return true;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

/** A narrative figure rounded to whole units agrees with a more precise table amount. */
function agrees(narrative: number, table: number): boolean {
  if (near(narrative, table)) return true;
  return Number.isInteger(narrative) && !Number.isInteger(table) && Math.abs(narrative - table) < 1;
}

function fmt(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
