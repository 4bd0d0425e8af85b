import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS, type TemplateVersion } from '../../../src/facts/metrics.js';
import type { Fault } from './gold.js';
import type { Rng } from './random.js';
import { caseCell, requestRows, resultRows, type TableNumbers } from './tables.js';

/**
 * Deliberate table faults. Each changes as few cells as it takes to break its own rule and no
 * other, so that a checker's finding can be matched to the recorded kind:
 * - `balance`: one row's applicant cell and its total both off by d (勾稽关系 fails, sums hold);
 * - `row_total`: d moved between two result rows of one applicant column (two row totals fail);
 * - `results_total`: one result row off by d in a column and its total (the (七)总计 sum fails);
 * - `case_total`: one table-3 cell off by d.
 */
export type TableFaultRule = 'balance' | 'row_total' | 'results_total' | 'case_total';
export const TABLE_FAULT_RULES: readonly TableFaultRule[] = ['balance', 'row_total', 'results_total', 'case_total'];

function step(rng: Rng): number {
  return rng.pick([1, 1, 2, 2, 3, 5, 10, 20]);
}

function change(numbers: TableNumbers, cells: Fault['cells'], metric: string, delta: number): void {
  const was = numbers[metric];
  numbers[metric] = was + delta;
  cells.push({ metric, was, now: numbers[metric] });
}

/** Applies one fault of `rule` to the figures (in place) and says what changed; null if impossible here. */
export function injectTableFault(rng: Rng, numbers: TableNumbers, template: TemplateVersion, rule: TableFaultRule): Fault | null {
  const cells: Fault['cells'] = [];
  const rows = requestRows(template);
  const d = step(rng);
  if (rule === 'balance') {
    const row = rng.pick(['carried_over', 'carried_forward', 'carried_forward', 'new']);
    const c = rng.chance(0.7) ? 0 : rng.int(0, 5);
    const ids = rows.get(row)!.columns;
    const delta = numbers[ids[c]] >= d && rng.chance(0.4) ? -d : d;
    change(numbers, cells, ids[c], delta);
    change(numbers, cells, ids[6], delta);
    return { rule, metrics: cells.map((x) => x.metric), cells, detail: `${APPLICANT_COLUMNS[c]}列与总计列的勾稽关系不成立（${row}行差${delta}）` };
  }
  if (rule === 'row_total') {
    const results = resultRows(template);
    const options: [number, number][] = [];
    results.forEach((r, i) => {
      for (let c = 0; c < 6; c++) if (numbers[r.columns[c]] >= d) options.push([i, c]);
    });
    if (options.length === 0) return null;
    const [from, c] = rng.pick(options);
    let to = rng.int(0, results.length - 2);
    if (to >= from) to++;
    change(numbers, cells, results[from].columns[c], -d);
    change(numbers, cells, results[to].columns[c], d);
    return { rule, metrics: cells.map((x) => x.metric), cells, detail: `${results[from].key}与${results[to].key}两行的总计不等于各类申请人之和` };
  }
  if (rule === 'results_total') {
    const results = resultRows(template);
    const r = rng.pick(results);
    const c = rng.chance(0.7) ? 0 : rng.int(0, 5);
    change(numbers, cells, r.columns[c], d);
    change(numbers, cells, r.columns[6], d);
    return { rule, metrics: cells.map((x) => x.metric), cells, detail: `各项办理结果之和不等于（七）总计（${r.key}多${d}）` };
  }
  const kind = rng.pick(CASE_KINDS);
  const outcome = rng.pick(OUTCOME_COLUMNS);
  const id = caseCell(kind, outcome);
  change(numbers, cells, id, numbers[id] >= d && rng.chance(0.4) ? -d : d);
  return { rule, metrics: [id], cells, detail: `${kind}的总计不等于四项结果之和` };
}
