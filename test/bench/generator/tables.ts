import { APPLICANT_COLUMNS, CASE_KINDS, OUTCOME_COLUMNS, rowsFor, type TableRow, type TemplateVersion } from '../../../src/facts/metrics.js';
import { drawAgency, type Agency, type DepartmentKind } from './agencies.js';
import type { GoldFacts, GoldValue } from './gold.js';
import { Rng } from './random.js';
import { NON_RESULT_ROWS, requestRowName } from './template.js';

/**
 * The figures of the three tables: first the true numbers (all rules of the template hold), then
 * how each cell is printed (blank where a zero was left empty, "/" where an item does not apply,
 * words in a few numeric cells).
 */

/** True figures of every cell, amounts in 万元. */
export type TableNumbers = Record<string, number>;

/** The dictionary's rows of one table and template, looked up once (the generator asks often). */
const rowCache = new Map<string, TableRow[]>();
export function rowsOf(table: 1 | 2 | 3, template: TemplateVersion): readonly TableRow[] {
  const key = `${table}:${template}`;
  let rows = rowCache.get(key);
  if (!rows) rowCache.set(key, (rows = rowsFor(table, template)));
  return rows;
}

function memo<T>(make: (template: TemplateVersion) => T): (template: TemplateVersion) => T {
  const cache = new Map<TemplateVersion, T>();
  return (template) => {
    let v = cache.get(template);
    if (v === undefined) cache.set(template, (v = make(template)));
    return v;
  };
}

/** Every table cell id of a template, in table order (table 1, 2, 3; rows; columns). */
export const cellIds: (template: TemplateVersion) => readonly string[] = memo((template) =>
  ([1, 2, 3] as const).flatMap((t) => rowsOf(t, template).flatMap((r) => [...r.columns])),
);

/** The table-2 rows of a template, by row name ("new", "denied.third_party" …). */
export const requestRows: (template: TemplateVersion) => ReadonlyMap<string, TableRow> = memo(
  (template) => new Map(rowsOf(2, template).map((r) => [requestRowName(r.key), r])),
);

/** The result rows of table 2 ((一) … (六)), whose sum is (七)总计. */
export const resultRows: (template: TemplateVersion) => readonly TableRow[] = memo((template) =>
  rowsOf(2, template).filter((r) => !NON_RESULT_ROWS.has(requestRowName(r.key))),
);

/** The cell of table 2 at a row name and applicant column. */
export function requestCell(template: TemplateVersion, row: string, column: (typeof APPLICANT_COLUMNS)[number]): string {
  const r = requestRows(template).get(row);
  if (!r) throw new Error(`no table-2 row ${row} in the ${template} template`);
  return r.columns[APPLICANT_COLUMNS.indexOf(column)];
}

/** Table 3 cell of a case kind and outcome. */
export function caseCell(kind: (typeof CASE_KINDS)[number], outcome: (typeof OUTCOME_COLUMNS)[number]): string {
  return rowsOf(3, '2021')[0].columns[CASE_KINDS.indexOf(kind) * OUTCOME_COLUMNS.length + OUTCOME_COLUMNS.indexOf(outcome)];
}

// ── Table 1 ────────────────────────────────────────────────────────────────────

/** How large an agency's figures run: [licensing, punishment, coercion] maxima. */
const DECISION_SCALE: Partial<Record<DepartmentKind, readonly [number, number, number]>> = {
  government: [600_000, 700_000, 5_000],
  market: [60_000, 8_000, 900],
  police: [80_000, 120_000, 6_000],
  transport: [30_000, 20_000, 800],
  natural_resources: [8_000, 1_500, 300],
  housing: [12_000, 1_200, 200],
  ecology: [3_000, 900, 150],
  health: [20_000, 2_000, 100],
  agriculture: [3_000, 600, 80],
  emergency: [1_500, 700, 60],
  culture: [2_000, 500, 30],
  water: [1_500, 300, 40],
  education: [500, 20, 5],
};

function logUniform(rng: Rng, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
}

/** A count of decisions for an agency of this size: many zeros, most small, a tail up to `max`. */
function decisions(rng: Rng, max: number): number {
  if (max >= 5_000 && rng.chance(0.55)) return logUniform(rng, 50, max);
  return Math.min(max, rng.count(Math.max(max, 60), max <= 20 ? 0.75 : 0.4));
}

/** An amount in 万元 with at most four decimals, made from whole 元 so that 元 and 万元 agree. */
function amount(rng: Rng, minWan: number, maxWan: number): number {
  const wan = logUniform(rng, minWan * 10_000, maxWan * 10_000) / 10_000;
  const decimals = rng.weighted([[0, 3], [1, 2], [2, 2], [4, 3]] as const);
  return Number(wan.toFixed(decimals));
}

function table1(rng: Rng, template: TemplateVersion, agency: Agency, out: TableNumbers): void {
  const [licMax, punMax, coeMax] = DECISION_SCALE[agency.kind] ?? [400, 60, 10];
  const makesRules = agency.level === 'province' || (agency.level === 'city' && agency.kind === 'government');
  const issuedRules = makesRules ? rng.count(30, 0.3) : 0;
  const issuedDocs = rng.count(40, 0.45);
  for (const row of rowsOf(1, template)) {
    for (const id of row.columns) out[id] = 0;
  }
  const set = (id: string, v: number) => {
    if (id in out) out[id] = v;
  };
  set('rules.issued', issuedRules);
  set('normative_docs.issued', issuedDocs);
  if (template === '2019') {
    set('rules.published', rng.chance(0.9) ? issuedRules : rng.int(0, issuedRules));
    set('rules.in_force', issuedRules + (makesRules ? rng.count(300, 0.2) : 0));
    set('normative_docs.published', rng.chance(0.85) ? issuedDocs : rng.int(0, issuedDocs));
    set('normative_docs.in_force', issuedDocs + rng.count(400, 0.35));
    const items = (key: string, maxItems: number, maxDecisions: number) => {
      const prev = rng.count(maxItems, 0.45);
      set(`${key}.prev_items`, prev);
      set(`${key}.change`, rng.chance(0.75) ? 0 : rng.int(-prev, Math.max(3, Math.round(prev / 5))));
      set(`${key}.decisions`, prev === 0 && rng.chance(0.8) ? 0 : decisions(rng, maxDecisions));
    };
    items('licensing', 120, licMax);
    items('other_services', 60, Math.round(licMax / 3));
    items('punishment', 600, punMax);
    items('coercion', 40, coeMax);
    const fees = rng.count(20, 0.6);
    set('fees.prev_items', fees);
    set('fees.change', rng.chance(0.8) ? 0 : rng.int(-fees, 2));
    const projects = rng.count(300, 0.45);
    set('procurement.projects', projects);
    set('procurement.amount', projects === 0 ? 0 : amount(rng, projects, projects * 400));
  } else {
    set('rules.repealed', makesRules ? rng.count(10, 0.6) : 0);
    set('rules.in_force', issuedRules + (makesRules ? rng.count(300, 0.2) : 0));
    set('normative_docs.repealed', rng.count(20, 0.65));
    set('normative_docs.in_force', issuedDocs + rng.count(400, 0.35));
    set('licensing.decisions', decisions(rng, licMax));
    set('punishment.decisions', decisions(rng, punMax));
    set('coercion.decisions', decisions(rng, coeMax));
    set('fees.amount', rng.chance(0.65) ? 0 : amount(rng, 0.05, agency.kind === 'government' ? 30_000 : 3_000));
  }
}

// ── Table 2 ────────────────────────────────────────────────────────────────────

/** How often a processed request ends in each result group. */
const RESULT_WEIGHTS: Record<string, number> = {
  granted: 38,
  partly_granted: 6,
  denied: 0.8,
  unable: 6,
  'unable.not_held': 20,
  not_processed: 1.2,
  other_handling: 4,
};

function resultWeight(row: string): number {
  return RESULT_WEIGHTS[row] ?? RESULT_WEIGHTS[row.slice(0, row.indexOf('.'))] ?? 1;
}

const resultWeights = memo((template) => {
  const weights = resultRows(template).map((r) => resultWeight(requestRowName(r.key)));
  return { weights, weightSum: weights.reduce((a, b) => a + b, 0) };
});

/**
 * Splits `n` over the weights: one draw per item for small n, proportions with some jitter for
 * large n (a county government's 3,000 requests need not cost 3,000 draws).
 */
function distribute(rng: Rng, n: number, weights: readonly number[], weightSum: number): number[] {
  const split = new Array<number>(weights.length).fill(0);
  if (n <= 40) {
    for (let i = 0; i < n; i++) {
      let x = rng.next() * weightSum;
      let k = 0;
      while (k < weights.length - 1 && x >= weights[k]) x -= weights[k++];
      split[k]++;
    }
    return split;
  }
  let given = 0;
  let largest = 0;
  for (let k = 0; k < weights.length; k++) {
    split[k] = Math.floor(((n * weights[k]) / weightSum) * (0.6 + 0.8 * rng.next()));
    given += split[k];
    if (split[k] > split[largest]) largest = k;
  }
  // The largest share absorbs the rounding, never going below zero.
  const rest = n - given;
  if (split[largest] + rest >= 0) split[largest] += rest;
  else {
    split.fill(0);
    split[largest] = n;
  }
  return split;
}

function newRequests(rng: Rng, agency: Agency): number {
  const big = agency.kind === 'government' || agency.level === 'province';
  const x = rng.next();
  if (x < (big ? 0.12 : 0.4)) return 0;
  if (x < 0.8) return rng.int(1, 10);
  if (x < 0.96) return rng.int(11, big ? 300 : 80);
  return rng.int(100, big ? 3_000 : 600);
}

/** Splits `n` over the six applicant columns; natural persons file most requests. */
function byApplicant(rng: Rng, n: number): number[] {
  const split = [0, 0, 0, 0, 0, 0];
  if (n === 0) return split;
  if (rng.chance(0.55)) {
    split[0] = n;
    return split;
  }
  const weights = [80, rng.int(0, 15), rng.chance(0.2) ? 2 : 0, rng.chance(0.2) ? 2 : 0, rng.chance(0.4) ? 4 : 0, rng.int(0, 5)];
  const total = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) {
    let x = rng.next() * total;
    let k = 0;
    while (x >= weights[k]) x -= weights[k++];
    split[k]++;
  }
  return split;
}

function table2(rng: Rng, template: TemplateVersion, agency: Agency, out: TableNumbers): void {
  const rows = requestRows(template);
  const results = resultRows(template);
  const { weights, weightSum } = resultWeights(template);
  const n = newRequests(rng, agency);
  const fresh = byApplicant(rng, n);
  const carried = byApplicant(rng, n > 0 && rng.chance(0.3) ? rng.int(1, Math.max(1, Math.round(n / 8))) : 0);
  for (const row of rows.values()) for (const id of row.columns) out[id] = 0;
  const cell = (row: string, c: number) => rows.get(row)!.columns[c];
  for (let c = 0; c < 6; c++) {
    const open = fresh[c] + carried[c];
    const forward = open > 0 && rng.chance(0.2) ? rng.int(0, Math.max(1, Math.round(open / 6))) : 0;
    out[cell('new', c)] = fresh[c];
    out[cell('carried_over', c)] = carried[c];
    out[cell('carried_forward', c)] = forward;
    out[cell('total_processed', c)] = open - forward;
    const split = distribute(rng, open - forward, weights, weightSum);
    for (let k = 0; k < split.length; k++) out[results[k].columns[c]] = split[k];
  }
  for (const row of rows.values()) {
    let sum = 0;
    for (let c = 0; c < 6; c++) sum += out[row.columns[c]];
    out[row.columns[6]] = sum;
  }
}

// ── Table 3 ────────────────────────────────────────────────────────────────────

function table3(rng: Rng, agency: Agency, out: TableNumbers): void {
  const big = agency.kind === 'government' || agency.level === 'province';
  const maxima = { review: big ? 80 : 6, litigation_direct: big ? 30 : 3, litigation_after_review: big ? 20 : 2 };
  const share = { review: big ? 0.45 : 0.12, litigation_direct: big ? 0.3 : 0.05, litigation_after_review: big ? 0.25 : 0.04 };
  for (const kind of CASE_KINDS) {
    const n = rng.chance(share[kind]) ? rng.int(1, maxima[kind]) : 0;
    const parts = [0, 0, 0, 0];
    const w = [55, 12, 18, 15];
    for (let i = 0; i < n; i++) parts[rng.weighted(w.map((x, k) => [k, x] as const))]++;
    OUTCOME_COLUMNS.forEach((o, k) => {
      out[caseCell(kind, o)] = o === 'total' ? n : parts[k];
    });
  }
}

/** The true figures of one report: every rule of the template holds. */
export function draftNumbers(rng: Rng, template: TemplateVersion, agency: Agency): TableNumbers {
  const out: TableNumbers = {};
  table1(rng, template, agency, out);
  table2(rng, template, agency, out);
  table3(rng, agency, out);
  return out;
}

// ── How cells are printed ──────────────────────────────────────────────────────

/** Words some reports write in a numeric cell (seed 004: "涉外学校 审批"). */
const CELL_WORDS = ['涉外学校审批', '详见附件', '见目录清单', '按上级要求办理'];

/**
 * Turns the true figures into printed cells: a few reports leave zero cells blank (whole applicant
 * columns, whole rows, or a scattered few), print "/" for items that do not apply to them, or put
 * words in a cell. Only zeros become blank or "/", so the rules hold when those read as nothing.
 * `keep` lists cells that must stay numbers (those a fault changed).
 */
export function presentCells(rng: Rng, numbers: TableNumbers, template: TemplateVersion, agency: Agency, keep: ReadonlySet<string>): { facts: GoldFacts; styles: string[] } {
  const facts: GoldFacts = {};
  for (const id of cellIds(template)) facts[id] = numbers[id];
  const styles: string[] = [];
  const zero = (id: string) => numbers[id] === 0 && !keep.has(id);
  const blank = (ids: readonly string[], as: GoldValue) => {
    for (const id of ids) if (zero(id)) facts[id] = as;
  };
  const rows2 = rowsOf(2, template);

  const blankStyle = rng.weighted([['none', 70], ['org_columns', 8], ['zero_rows', 8], ['scattered', 10], ['table1', 4]] as const);
  if (blankStyle === 'org_columns') {
    // shuyang-fgj-2023: only 自然人 and 总计 filled in, the organisations' columns left empty.
    for (const row of rows2) blank(row.columns.slice(1, 6), null);
  } else if (blankStyle === 'zero_rows') {
    // seed 002/003: whole rows of zeros left empty, never the 一、本年新收 row.
    for (const row of rows2) {
      if (requestRowName(row.key) === 'new') continue;
      if (row.columns.every(zero) && rng.chance(0.5)) blank(row.columns, null);
    }
  } else if (blankStyle === 'scattered') {
    const zeros = cellIds(template).filter((id) => zero(id) && id !== 'requests.new.total');
    blank(rng.sample(zeros, rng.int(1, 4)), null);
  } else if (blankStyle === 'table1') {
    const ids = rowsOf(1, template).flatMap((r) => [...r.columns]);
    blank(rng.sample(ids.filter(zero), rng.int(1, 3)), null);
  }
  if (blankStyle !== 'none') styles.push(`blank:${blankStyle}`);

  // 规章: most agencies cannot make rules at all and print "/" for the row.
  const rules = rowsOf(1, template).find((r) => r.key === 'rules')!;
  if (agency.level !== 'province' && rules.columns.every(zero) && rng.chance(0.12)) {
    blank(rules.columns, 'n/a');
    styles.push('na:rules');
  }
  const licensing = rowsOf(1, template).find((r) => r.key === 'licensing')!;
  if (licensing.columns.every(zero) && rng.chance(0.1)) {
    blank(licensing.columns, 'n/a');
    styles.push('na:licensing');
  }
  const afterReview = OUTCOME_COLUMNS.map((o) => caseCell('litigation_after_review', o));
  if (afterReview.every(zero) && rng.chance(0.03)) {
    blank(afterReview, 'n/a');
    styles.push('na:litigation_after_review');
  }
  if (template === '2019' && rng.chance(0.05) && zero('other_services.prev_items')) {
    facts['other_services.prev_items'] = `text:${rng.pick(CELL_WORDS)}`;
    styles.push('text:other_services');
  }
  return { facts, styles };
}

/**
 * The figures of one report's tables and nothing else: every rule holds, every cell a number.
 * For tests that want a realistic table without a whole report.
 */
export function tableFacts(seed: number, template: TemplateVersion): GoldFacts {
  const rng = new Rng(seed);
  const numbers = draftNumbers(rng, template, drawAgency(rng));
  const facts: GoldFacts = {};
  for (const id of cellIds(template)) facts[id] = numbers[id];
  return facts;
}
