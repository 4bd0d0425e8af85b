import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS, type TemplateVersion } from '../../../src/facts/metrics.js';
import type { FindingRule } from '../../../src/ingest/report.js';
import { asNumber, type GoldFacts, type NarrativeFigure } from './gold.js';
import { caseCell, requestRows, resultRows } from './tables.js';

/**
 * The consistency rules of report-template.md, checked on gold facts. The generator uses them to
 * prove its clean reports clean and its faulted reports faulted in exactly the recorded way; a
 * benchmark can use them as the reference a parser's checker is compared with.
 */
export interface Violation {
  rule: FindingRule;
  metrics: string[];
  detail: string;
}

const EPS = 1e-9;

function sum(facts: GoldFacts, ids: readonly string[]): number {
  let s = 0;
  for (const id of ids) s += asNumber(facts[id]);
  return s;
}

/** Rules 1–4 on the tables. Blanks, "/" and words count as nothing. */
export function checkTables(facts: GoldFacts, template: TemplateVersion): Violation[] {
  const out: Violation[] = [];
  const rows = requestRows(template);
  const col = (row: string, c: number) => rows.get(row)!.columns[c];
  APPLICANT_COLUMNS.forEach((column, c) => {
    const ids = [col('new', c), col('carried_over', c), col('total_processed', c), col('carried_forward', c)];
    const [n, co, tp, cf] = ids.map((id) => asNumber(facts[id]));
    if (Math.abs(n + co - tp - cf) > EPS) {
      out.push({ rule: 'balance', metrics: ids, detail: `${column}列：本年新收${n}+上年结转${co}≠办理结果总计${tp}+结转下年度${cf}` });
    }
    const results = resultRows(template).map((r) => r.columns[c]);
    const s = sum(facts, results);
    if (Math.abs(s - tp) > EPS) {
      out.push({ rule: 'results_total', metrics: [ids[2], ...results], detail: `${column}列：各项办理结果之和${s}≠（七）总计${tp}` });
    }
  });
  for (const row of rows.values()) {
    const parts = sum(facts, row.columns.slice(0, 6));
    const total = asNumber(facts[row.columns[6]]);
    if (Math.abs(parts - total) > EPS) {
      out.push({ rule: 'row_total', metrics: [...row.columns], detail: `${row.key}：各类申请人之和${parts}≠总计${total}` });
    }
  }
  for (const kind of CASE_KINDS) {
    const ids = OUTCOME_COLUMNS.map((o) => caseCell(kind, o));
    const parts = sum(facts, ids.slice(0, 4));
    const total = asNumber(facts[ids[4]]);
    if (Math.abs(parts - total) > EPS) {
      out.push({ rule: 'case_total', metrics: ids, detail: `${kind}：四项结果之和${parts}≠总计${total}` });
    }
  }
  return out;
}

/** Rules 5 and 6: each narrative figure agrees with its cell; "未收到申请" only where none came. */
export function checkNarrative(facts: GoldFacts, narrative: readonly NarrativeFigure[]): Violation[] {
  const out: Violation[] = [];
  for (const f of narrative) {
    const cell = facts[f.metric];
    if (f.claim === 'none') {
      if (asNumber(cell) === 0) continue;
      const rule = f.metric === 'requests.new.total' ? 'no_requests_claim' : 'narrative_vs_table';
      out.push({ rule, metrics: [f.metric], detail: `正文称“${f.sentence}”，表中为${asNumber(cell)}` });
      continue;
    }
    if (typeof cell !== 'number' || Math.abs(cell - f.value) > EPS) {
      out.push({ rule: 'narrative_vs_table', metrics: [f.metric], detail: `正文“${f.sentence}”与表中${String(cell)}不符` });
    }
  }
  return out;
}

/** All rules of the template on one report. */
export function checkReport(facts: GoldFacts, template: TemplateVersion, narrative: readonly NarrativeFigure[]): Violation[] {
  return [...checkTables(facts, template), ...checkNarrative(facts, narrative)];
}
