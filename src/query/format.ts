import { metric } from '../facts/metrics.js';
import { agencyKey, type Reading } from '../facts/store.js';
import type { Fact, Report } from '../ingest/report.js';
import type { Citation } from './answer.js';

/** How the answers write figures, names, reasons and sources. */

const SECTION_NAMES = ['标题', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** 2896.642 → "2896.642", 3 → "3", 0.1 + 0.2 → "0.3"; no thousands separators. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10000) / 10000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export function unitOf(id: string): string {
  return metric(id)?.unit ?? '';
}

export function labelOf(id: string): string {
  return metric(id)?.label ?? id;
}

/** A number with its unit: the dictionary's for counts, the fact's for amounts (万元, or 元 where the source said so). */
export function withUnit(n: number, id: string, fact?: Fact | null): string {
  return `${formatNumber(n)}${unitFor(id, fact)}`;
}

/** The unit `withUnit` writes. */
export function unitFor(id: string, fact?: Fact | null): string {
  const unit = unitOf(id);
  return unit.includes('元') || !unit ? fact?.unit || unit : unit;
}

/** 牡丹江市教育局2020年 */
export function reportName(report: Report): string {
  return `${agencyKey(report)}${report.meta.year}年`;
}

export function templateName(report: Report): string {
  return `${report.meta.template}年版模板`;
}

export function sectionTitle(report: Report, no: number): string {
  const s = report.sections.find((x) => x.no === no && x.title);
  return s?.title.trim() || SECTION_NAMES[no] || '';
}

/** Where a fact was found, for a person: 二、主动公开政府信息情况（表格：“258.3万元”）. */
export function sourceOf(report: Report, fact: Fact): string {
  const where = fact.origin === 'table' ? '表格' : '正文';
  return `${sectionTitle(report, fact.section)}（${where}：“${excerpt(fact)}”）`;
}

/** The words around a narrative figure, not the whole long sentence. */
export function excerpt(fact: Fact, width = 24): string {
  const flat = fact.source.replace(/\s+/g, ' ').trim();
  if (fact.origin === 'table' || flat.length <= width * 2 + 10 || fact.value.kind !== 'number') return clip(flat, 80);
  // "减少 2 项" states -2 as 2.
  const n = String(Math.abs(fact.value.value));
  const at = flat.search(new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?!\\d)`));
  if (at < 0) return clip(flat, 80);
  const from = Math.max(0, at - width);
  const to = Math.min(flat.length, at + n.length + width / 2);
  return `${from > 0 ? '…' : ''}${flat.slice(from, to)}${to < flat.length ? '…' : ''}`;
}

export function citationOf(report: Report, fact: Fact | null, snippet?: string): Citation {
  return {
    reportId: report.id,
    agency: report.meta.agency,
    year: report.meta.year,
    section: fact ? sectionTitle(report, fact.section) : '',
    snippet: snippet ?? fact?.source ?? '',
  };
}

/** The value of a reading in words: a number with its unit, or why there is none. Never a 0 for a blank. */
export function valueText(r: Reading): string {
  switch (r.status) {
    case 'number':
      return withUnit(r.value as number, r.metric, r.fact);
    case 'blank':
      return '未填写（表中该格为空）';
    case 'not_applicable':
      return `不适用（表中为“${clip(r.fact?.source ?? '/', 10)}”）`;
    case 'text':
      return `表中填的是“${r.fact?.value.kind === 'text' ? r.fact.value.text : r.fact?.source}”，不是数字`;
    case 'unknown':
      return copiesDisagree(r) ? '无法确定（该报告的几份文件数值不同）' : '无法确定（原表该格无法准确读取）';
    case 'no_item':
      return `无此项（该报告采用${templateName(r.report)}，没有“${labelOf(r.metric)}”这一项）`;
    case 'not_found':
      return metric(r.metric)?.table === null ? '正文中没有找到这一数字（年报的表格中没有这一项）' : '无法确定（报告中没有找到这一格，表格可能残缺）';
  }
}

/** The report is held in several files that state this cell differently (copies.ts). */
function copiesDisagree(r: Reading): boolean {
  return r.report.files !== undefined && r.report.findings.some((f) => f.rule === 'copies_disagree' && f.metrics.includes(r.metric));
}

/** The other figures one report states for the same metric, when they differ. */
export function disagreementText(r: Reading): string | null {
  if (!r.disagree) return null;
  const lines = r.others
    .filter((o) => o.value.kind === 'number')
    .map((o) => `${o.origin === 'table' ? '表格' : '正文'}写作${withUnit((o.value as { value: number }).value, r.metric, o)}：${sourceOf(r.report, o)}`);
  // Figures only the text states: several sentences count several things (留言 on two sites).
  if (metric(r.metric)?.table === null) return `正文另有：${lines.join('；').replace(/正文写作/g, '')}`;
  const head = onlyRounding(r) ? '同一份报告另一处写的是约数。' : '注意：同一份报告两处数字不一致。';
  return `${head}${lines.join('；')}`;
}

/** 2896 in the narrative for 2896.642 in the table is rounding, not a contradiction. */
export function onlyRounding(r: Reading): boolean {
  const v = r.value;
  if (v === null) return false;
  return r.others.every((o) => o.value.kind !== 'number' || (Math.abs(o.value.value - v) < 1 && (Math.round(o.value.value) === Math.round(v) || Math.trunc(o.value.value) === Math.trunc(v))));
}

/** Citations without repeats (the same report, section and snippet once), in their order. */
export function uniqueCitations(cs: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${c.reportId}\u0000${c.section}\u0000${c.snippet}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Readings' citations: the fact read and any other fact of the same metric. */
export function citationsOf(readings: readonly Reading[]): Citation[] {
  const out: Citation[] = [];
  for (const r of readings) {
    if (r.fact) out.push(citationOf(r.report, r.fact));
    for (const o of r.disagree ? r.others : []) out.push(citationOf(r.report, o));
  }
  return out;
}

/** 2020年 / 2020、2022年 / 2020–2022年 / 近三年（2021–2023年）. Empty for all years. */
export function yearsText(years: readonly number[] | null, phrase?: string | null): string {
  if (!years || years.length === 0) return '';
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1] + 1);
  const plain = years.length === 1 ? `${years[0]}年` : contiguous ? `${years[0]}–${years[years.length - 1]}年` : `${years.join('、')}年`;
  return phrase ? `${phrase}（${plain}）` : plain;
}

export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Lists names, at most `max`, saying how many more there are. */
export function listNames(names: readonly string[], max = 20): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}个`;
}
