import { cellName, computeIndicator, isRate, type IndicatorDef, type Sum } from '../facts/indicators.js';
import type { Reader } from '../facts/fact-source.js';
import type { Report } from '../ingest/report.js';
import type { Citation } from './answer.js';
import { citationsOf, disagreementText, formatNumber, labelOf, sectionTitle, sourceOf, valueText, withUnit } from './format.js';

/**
 * A figure an answer can look up, rank, compare and follow over the years: a table cell (a
 * metric) or an indicator computed from cells. Answers about either read through this.
 */
export interface Measure {
  /** Metric or indicator id. */
  id: string;
  /** 公开率, 本年新收政府信息公开申请. */
  name: string;
  /** A percent, shown with one decimal. */
  rate: boolean;
  /** The formula of an indicator: 公开率 =（予以公开 + 部分公开）÷ 办理结果总计. */
  formula: string | null;
  /** The id lists it reads of a report (each in order of preference). */
  reads: string[][];
  /**
   * The measure as an indicator the store computes over a scope (`FactSource.indicatorRows`):
   * an indicator's definition, a metric of one id as the sum of that one cell; null for a metric
   * read by several ids (one per template), which is evaluated report by report.
   */
  computed: IndicatorDef | null;
  /** The measure of `report`, its cells read by `read` (which must know `reads` of it). */
  evaluate(report: Report, read: Reader): Evaluation;
  /** A number as this measure states it: 37.5%, 12件, 258.3万元. */
  format(value: number): string;
  /** A change as this measure states it: 增加3件, 上升2.5个百分点. */
  change(delta: number): string;
}

/** A measure of one report. */
export interface Evaluation {
  report: Report;
  value: number | null;
  /** The value as a person reads it, or why there is none: 46.4%, 未填写, 无法计算（…）. */
  text: string;
  /** How an indicator was computed, with every cell it used; the source of a cell. */
  working: string | null;
  /** Where the figures come from. */
  citations: Citation[];
  /** A report that states the figure twice differently. */
  note: string | null;
  /** A rate's numerator and denominator, when both are known. */
  ratio?: [number, number];
}

/** A table cell: the store's reading, in the metric's unit. */
export function metricMeasure(ids: readonly string[]): Measure {
  const id = ids[0];
  return {
    id,
    name: labelOf(id),
    rate: false,
    formula: null,
    reads: [[...ids]],
    computed: ids.length === 1 ? { id, name: labelOf(id), synonyms: [], formula: labelOf(id), numerator: [id], denominator: null } : null,
    evaluate(report, read) {
      const r = read(report, ids);
      return {
        report,
        value: r.value,
        text: valueText(r),
        working: r.fact ? `来源：${sourceOf(report, r.fact)}` : null,
        citations: citationsOf([r]),
        note: disagreementText(r),
      };
    },
    format: (v) => withUnit(v, id),
    change: (d) => (d === 0 ? '持平' : `${d > 0 ? '增加' : '减少'}${withUnit(Math.abs(d), id)}`),
  };
}

/** An indicator computed from the report's cells at question time; "无法计算" where a cell or the denominator fails it. */
export function indicatorMeasure(def: IndicatorDef): Measure {
  const rate = isRate(def);
  const format = (v: number) => (rate ? `${v.toFixed(1)}%` : `${formatNumber(v)}件`);
  return {
    id: def.id,
    name: def.name,
    rate,
    formula: `${def.name} = ${def.formula}`,
    reads: [...def.numerator, ...(def.denominator ?? [])].map((t) => [t.replace(/^-/, '')]),
    computed: def,
    evaluate(report, read) {
      const iv = computeIndicator(def, (id) => read(report, [id]));
      const readings = [...iv.numerator.terms, ...(iv.denominator?.terms ?? [])].map((t) => t.reading);
      const facts = readings.map((r) => r.fact).filter((f) => f !== null);
      const sections = [...new Set(facts.map((f) => f.section))].sort().map((s) => sectionTitle(report, s));
      const cells = rate ? `${sumText(iv.numerator)} ÷ ${sumText(iv.denominator as Sum)}` : sumText(iv.numerator, false);
      const result = iv.value !== null ? ` = ${format(iv.value)}` : '';
      const where = sections.length ? `（表格，总计列：${sections.join('、')}）` : '';
      return {
        report,
        value: iv.value,
        text: iv.value !== null ? format(iv.value) : `无法计算（${iv.missing}）`,
        working: `计算：${cells}${result}${where}`,
        citations: citationsOf(readings.filter((r) => r.fact)),
        note: null,
        ratio: rate && iv.value !== null && iv.numerator.value !== null && iv.denominator?.value != null ? [iv.numerator.value, iv.denominator.value] : undefined,
      };
    },
    format,
    change: (d) => (rate ? (Math.abs(d) < 0.05 ? '持平' : `${d > 0 ? '上升' : '下降'}${Math.abs(d).toFixed(1)}个百分点`) : d === 0 ? '持平' : `${d > 0 ? '增加' : '减少'}${formatNumber(Math.abs(d))}件`),
  };
}

/** （予以公开 27 + 部分公开 5 = 32）: each cell with its figure, and the sum when there is one. */
function sumText(sum: Sum, bracket = true): string {
  const parts = sum.terms.map((t, k) => {
    const r = t.reading;
    const v = r.value !== null ? formatNumber(r.value) : `【${valueText(r).replace(/（.*$/, '')}】`;
    return `${k === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${cellName(r.metric)} ${v}`;
  });
  if (sum.terms.length === 1) return parts[0];
  if (!bracket) return parts.join('');
  return `（${parts.join('')}${sum.value !== null ? ` = ${formatNumber(sum.value)}` : ''}）`;
}

