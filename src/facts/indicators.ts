/**
 * Indicators (口径): figures oversight staff derive from the table cells of one report, defined
 * as data like the metric dictionary. Each is a sum of cells, or such a sum divided by another;
 * a term written "-id" is subtracted. Always the total column (总计) of table 2.
 */
import { metric } from './metrics.js';
import type { Reading } from './store.js';

export interface IndicatorDef {
  id: string;
  /** How oversight staff name it: 公开率. */
  name: string;
  /** Words a question may use for it (beyond the name). */
  synonyms: readonly string[];
  /** The formula as printed in answers and in the README. */
  formula: string;
  /** Metric ids summed ("-id" subtracts). */
  numerator: readonly string[];
  /** Metric ids summed ("-id" subtracts); null for a count (申请总量), which is not divided. */
  denominator: readonly string[] | null;
}

const DENIED = ['state_secret', 'prohibited_by_law', 'security_stability', 'third_party', 'internal_affairs', 'process_info', 'enforcement_files', 'query_matter'].map((r) => `requests.denied.${r}.total`);
const UNABLE = ['not_held', 'needs_creation', 'still_unclear'].map((r) => `requests.unable.${r}.total`);
const NOT_PROCESSED = ['petition', 'repeated', 'publication', 'excessive', 'confirmation'].map((r) => `requests.not_processed.${r}.total`);
const PROCESSED = ['requests.total_processed.total'];
const DIRECT_CONCLUDED = ['litigation_direct.total', '-litigation_direct.pending'];
const AFTER_REVIEW_CONCLUDED = ['litigation_after_review.total', '-litigation_after_review.pending'];

export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'requests.received',
    name: '申请总量',
    synonyms: ['申请总数', '申请总量', '收到申请总量', '受理总量'],
    formula: '本年新收 + 上年结转',
    numerator: ['requests.new.total', 'requests.carried_over.total'],
    denominator: null,
  },
  {
    id: 'rate.granted',
    name: '公开率',
    synonyms: ['公开率', '申请公开率', '依申请公开率', '予以公开率'],
    formula: '（予以公开 + 部分公开）÷ 办理结果总计',
    numerator: ['requests.granted.total', 'requests.partly_granted.total'],
    denominator: PROCESSED,
  },
  {
    id: 'rate.denied',
    name: '不予公开率',
    synonyms: ['不公开率'],
    formula: '不予公开（8项之和）÷ 办理结果总计',
    numerator: DENIED,
    denominator: PROCESSED,
  },
  {
    id: 'rate.unable',
    name: '无法提供率',
    synonyms: [],
    formula: '无法提供（3项之和）÷ 办理结果总计',
    numerator: UNABLE,
    denominator: PROCESSED,
  },
  {
    id: 'rate.not_processed',
    name: '不予处理率',
    synonyms: [],
    formula: '不予处理（5项之和）÷ 办理结果总计',
    numerator: NOT_PROCESSED,
    denominator: PROCESSED,
  },
  {
    id: 'rate.carried_forward',
    name: '结转率',
    synonyms: ['结转比例', '结转比率'],
    formula: '结转下年度继续办理 ÷ 申请总量（本年新收 + 上年结转）',
    numerator: ['requests.carried_forward.total'],
    denominator: ['requests.new.total', 'requests.carried_over.total'],
  },
  {
    id: 'rate.review_corrected',
    name: '复议纠错率',
    synonyms: ['行政复议纠错率', '复议纠正率', '纠错率', '复议被纠错率', '复议被纠正率'],
    formula: '行政复议结果纠正 ÷（行政复议总计 − 尚未审结）',
    numerator: ['review.corrected'],
    denominator: ['review.total', '-review.pending'],
  },
  {
    id: 'rate.litigation_lost',
    name: '诉讼败诉率',
    synonyms: ['行政诉讼败诉率', '败诉率', '诉讼纠错率', '被诉败诉率'],
    formula: '两类行政诉讼结果纠正之和 ÷ 两类行政诉讼已审结之和（总计 − 尚未审结）',
    numerator: ['litigation_direct.corrected', 'litigation_after_review.corrected'],
    denominator: [...DIRECT_CONCLUDED, ...AFTER_REVIEW_CONCLUDED],
  },
  {
    id: 'rate.litigation_direct_lost',
    name: '直接起诉败诉率',
    synonyms: ['未经复议直接起诉败诉率', '直接起诉的败诉率'],
    formula: '未经复议直接起诉结果纠正 ÷（未经复议直接起诉总计 − 尚未审结）',
    numerator: ['litigation_direct.corrected'],
    denominator: DIRECT_CONCLUDED,
  },
  {
    id: 'rate.litigation_after_review_lost',
    name: '复议后起诉败诉率',
    synonyms: ['复议后起诉的败诉率'],
    formula: '复议后起诉结果纠正 ÷（复议后起诉总计 − 尚未审结）',
    numerator: ['litigation_after_review.corrected'],
    denominator: AFTER_REVIEW_CONCLUDED,
  },
  {
    id: 'rate.contested',
    name: '被复议诉讼率',
    synonyms: ['复议诉讼率', '被复议被诉讼率', '被诉率', '复议诉讼比例'],
    formula: '（行政复议总计 + 两类行政诉讼总计）÷ 办理结果总计',
    numerator: ['review.total', 'litigation_direct.total', 'litigation_after_review.total'],
    denominator: PROCESSED,
  },
];

const byId = new Map(INDICATORS.map((d) => [d.id, d]));

export function indicator(id: string): IndicatorDef | undefined {
  return byId.get(id);
}

/** One term of a sum: the cell read and whether it is subtracted. */
export interface Term {
  reading: Reading;
  sign: 1 | -1;
}

/** A sum of cells: its value when every cell holds a number. */
export interface Sum {
  terms: Term[];
  value: number | null;
}

/** An indicator of one report: the value, or why it cannot be computed (无法计算). */
export interface IndicatorValue {
  def: IndicatorDef;
  numerator: Sum;
  denominator: Sum | null;
  /** A percent for a rate (37.5 for 37.5%), a count for a sum; null when it cannot be computed. */
  value: number | null;
  /** Why there is no value: the cells without a number, or a zero denominator. */
  missing: string | null;
}

/**
 * Computes an indicator from a report's cells, read by `read` (the store's reading of one
 * metric). A blank, "/", unreadable or absent cell is no zero: the indicator is then not
 * computed, and the cells are named. A denominator of 0 leaves a rate uncomputed, never 0%.
 */
export function computeIndicator(def: IndicatorDef, read: (id: string) => Reading): IndicatorValue {
  const numerator = sumOf(def.numerator, read);
  const denominator = def.denominator ? sumOf(def.denominator, read) : null;
  const lacking = [...numerator.terms, ...(denominator?.terms ?? [])].filter((t) => t.reading.value === null);
  if (lacking.length) {
    const cells = [...new Set(lacking.map((t) => `${cellName(t.reading.metric)}${STATUS_WORDS[t.reading.status]}`))];
    return { def, numerator, denominator, value: null, missing: cells.join('，') };
  }
  if (!denominator) return { def, numerator, denominator, value: numerator.value, missing: null };
  if (denominator.value === 0) return { def, numerator, denominator, value: null, missing: `分母为0：${denominatorName(def)}` };
  return { def, numerator, denominator, value: ((numerator.value as number) / (denominator.value as number)) * 100, missing: null };
}

/** Whether the indicator is a rate (shown in percent) rather than a count. */
export function isRate(def: IndicatorDef): boolean {
  return def.denominator !== null;
}

function sumOf(ids: readonly string[], read: (id: string) => Reading): Sum {
  const terms: Term[] = ids.map((t) => ({ reading: read(t.replace(/^-/, '')), sign: t.startsWith('-') ? -1 : 1 }));
  const complete = terms.every((t) => t.reading.value !== null);
  return { terms, value: complete ? terms.reduce((s, t) => s + t.sign * (t.reading.value as number), 0) : null };
}

const STATUS_WORDS: Record<Reading['status'], string> = {
  number: '',
  blank: '未填写',
  not_applicable: '不适用（“/”）',
  text: '不是数字',
  unknown: '无法准确读取',
  no_item: '模板中没有这一项',
  not_found: '报告中没有找到',
};

/** A cell named short, as in a formula: 予以公开, 行政复议 尚未审结. */
export function cellName(id: string): string {
  const label = metric(id)?.label ?? id;
  return label.replace(/政府信息公开申请$/, '').replace(/^行政诉讼（(.+)）/, '$1');
}

function denominatorName(def: IndicatorDef): string {
  return /÷\s*(.+)$/.exec(def.formula)?.[1].replace(/^（(.*)）$/, '$1') ?? '分母';
}
