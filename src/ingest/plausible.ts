/**
 * Figures no report can mean: a count or amount below zero, a count over a hundred million, or
 * more digits than a number holds exactly (99999999999999999999 would be kept as
 * 100000000000000000000, a figure the report never printed). Such a cell keeps its text but not
 * a value (`unknown`), and a finding says why: an honest gap instead of a wrong figure.
 */
import { metric } from '../facts/metrics.js';
import type { Fact, Finding } from './report.js';

/** No count of the template (requests, decisions, cases, items) comes near a hundred million. */
const MAX_COUNT = 100_000_000;

/** A figure in scientific notation ("1e30"), as no report prints one. */
const EXPONENT = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;

/** Why a fact's number cannot be the figure it names, or null when it can. */
function impossible(fact: Fact): string | null {
  if (fact.value.kind !== 'number') return null;
  const v = fact.value.value;
  if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) return '位数过多，无法准确读取';
  const def = metric(fact.metric);
  if (!def) return null; // a narrative figure of no table metric ("增长-5%") may be anything
  const amount = def.unit === '万元' || def.unit === '元';
  if (v < 0 && !fact.metric.endsWith('.change')) return amount ? '金额不能为负' : '数量不能为负';
  if (!amount && Math.abs(v) > MAX_COUNT) return '超过一亿，不可能是这一项的数量';
  return null;
}

/**
 * The facts with each impossible figure made `unknown`, and a finding for each naming its cell
 * or sentence. `who` names the report in the messages ("焦作市教育局2020年报").
 *
 * @example
 * withoutImpossibleFigures([{ metric: 'requests.new.research', value: { kind: 'number', value: -5 }, … }], '…')
 * // → the fact with value { kind: 'unknown' } and a finding "…：“一、本年新收：-5”数量不能为负，未作为数值采用"
 */
export function withoutImpossibleFigures(facts: readonly Fact[], who: string): { facts: Fact[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const kept = facts.map((fact) => {
    if (fact.value.kind === 'text' && fact.origin === 'table' && EXPONENT.test(fact.value.text)) {
      // Text stays text; but a reader should know the cell held a figure in no report's notation.
      findings.push({ rule: 'unreadable', severity: 'warning', metrics: [fact.metric], message: `${who}：“${fact.source}”不是报告里数的写法，按原文保留为文字` });
      return fact;
    }
    const why = impossible(fact);
    if (why === null) return fact;
    const where = fact.origin === 'table' ? `“${fact.source}”` : `正文“${fact.label ?? ''}${fact.value.kind === 'number' ? fact.value.value : ''}”`;
    findings.push({ rule: 'unreadable', severity: 'warning', metrics: [fact.metric], message: `${who}：${where}${why}，未作为数值采用` });
    return { ...fact, value: { kind: 'unknown' as const } };
  });
  return { facts: kept, findings };
}
