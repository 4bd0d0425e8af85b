/**
 * Row labels of the three tables as patterns that survive how reports print them: spaced out
 * ("结 果 维 持"), wrapped inside a cell ("属于三类内部事务信\n息"), split from the rest of the
 * label ("信访举报投诉类申" … "请"). Each label is the distinctive core of the template's wording;
 * the rest of the label cell is read as text and dropped.
 */
import type { TableNo, TemplateVersion } from '../facts/metrics.js';

const GAP = '[ \\u3000\\n]*';

/** Lets any run of spaces or line breaks stand between the CJK characters of a pattern. */
export function spaced(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[++i] ?? '');
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (inClass || !/[\u4e00-\u9fff]/.test(c)) out += c;
    // A character made optional ("因?政府") takes its gap along: "因 政府" and "政府" both match.
    else if (/[*+?{]/.test(source[i + 1] ?? '')) out += `(?:${c}${GAP})`;
    else out += c + GAP;
  }
  return out;
}

export interface RowLabel {
  key: string;
  pattern: string;
  numbering?: string;
  numberingRequired?: boolean;
}

const NUM = (n: number) => `${n}${GAP}[.．、]`;
const PAREN = (c: string) => `[（(]${GAP}${c}${GAP}[)）]`;
const CN = (c: string) => `${c}${GAP}[、.．]`;
const QUOTE = '[“”"\'‘’「」『』]';

/** Table 1 row labels by row key (the same in both templates). */
export const TABLE1_LABELS: Record<string, RowLabel> = {
  rules: { key: 'rules', pattern: '规章' },
  normative_docs: { key: 'normative_docs', pattern: '(?:行政)?规范性文件' },
  licensing: { key: 'licensing', pattern: '行政许可' },
  other_services: { key: 'other_services', pattern: '其他对外管理服务事项' },
  punishment: { key: 'punishment', pattern: '行政处罚' },
  coercion: { key: 'coercion', pattern: '行政强制' },
  fees: { key: 'fees', pattern: '行政事业性收费' },
  procurement: { key: 'procurement', pattern: '政府集中采购' },
};

/** Table 2 row labels by row (the part of the metric id between `requests.` and the column). */
export const TABLE2_LABELS: Record<string, RowLabel> = {
  new: { key: 'new', pattern: '本年新收', numbering: CN('一') },
  carried_over: { key: 'carried_over', pattern: '上年结转', numbering: CN('二') },
  granted: { key: 'granted', pattern: '予以公开', numbering: PAREN('一') },
  partly_granted: { key: 'partly_granted', pattern: '部分公开', numbering: PAREN('二') },
  'denied.state_secret': { key: 'denied.state_secret', pattern: '(?:属于)?国家秘密', numbering: NUM(1) },
  'denied.prohibited_by_law': { key: 'denied.prohibited_by_law', pattern: '其他法律行政法规|其他法律行政.{0,3}止公开', numbering: NUM(2) },
  // The quotes around 三安全一稳定, and nothing else: never the tab or the digit of the cell after it.
  'denied.security_stability': { key: 'denied.security_stability', pattern: `(?:危及)?${QUOTE}?三安全一稳定${QUOTE}?`, numbering: NUM(3) },
  'denied.third_party': { key: 'denied.third_party', pattern: '保护第三方', numbering: NUM(4) },
  'denied.internal_affairs': { key: 'denied.internal_affairs', pattern: '(?:属于)?三类内部事务', numbering: NUM(5) },
  'denied.process_info': { key: 'denied.process_info', pattern: '(?:属于)?四类过程性', numbering: NUM(6) },
  'denied.enforcement_files': { key: 'denied.enforcement_files', pattern: '(?:属于)?行政执法案卷', numbering: NUM(7) },
  'denied.query_matter': { key: 'denied.query_matter', pattern: '(?:属于)?行政查询事项', numbering: NUM(8) },
  'unable.not_held': { key: 'unable.not_held', pattern: '(?:本机关)?不掌握相关', numbering: NUM(1) },
  'unable.needs_creation': { key: 'unable.needs_creation', pattern: '没有现成信息', numbering: NUM(2) },
  'unable.still_unclear': { key: 'unable.still_unclear', pattern: '补正后申请内容', numbering: NUM(3) },
  'not_processed.petition': { key: 'not_processed.petition', pattern: '信访举报投诉', numbering: NUM(1) },
  'not_processed.repeated': { key: 'not_processed.repeated', pattern: '重复申请', numbering: NUM(2) },
  'not_processed.publication': { key: 'not_processed.publication', pattern: '(?:要求)?提供公开出版物', numbering: NUM(3) },
  'not_processed.excessive': { key: 'not_processed.excessive', pattern: '(?:无正当理由)?大量反复申请|无正当理由大', numbering: NUM(4) },
  'not_processed.confirmation': { key: 'not_processed.confirmation', pattern: '(?:要求行政机关)?确认或重新出具|要求行政机关确(?:认或?重?)?', numbering: NUM(5) },
  other_handling: { key: 'other_handling', pattern: '其他处理', numbering: PAREN('六') },
  'other_handling.no_correction': { key: 'other_handling.no_correction', pattern: '(?:申请人)?(?:无正当理由)?逾期不补正|申请人无正当理由', numbering: NUM(1) },
  'other_handling.no_fee': { key: 'other_handling.no_fee', pattern: '(?:申请人)?逾期未按收费通知|申请人逾期未按', numbering: NUM(2) },
  'other_handling.other': { key: 'other_handling.other', pattern: '其他(?![法处结对需])', numbering: NUM(3), numberingRequired: true },
  total_processed: { key: 'total_processed', pattern: '总计', numbering: PAREN('七'), numberingRequired: true },
  carried_forward: { key: 'carried_forward', pattern: '结转下年度', numbering: CN('四') },
};

/** Words of headers and group labels: they end a row's cells but are no row. */
const TABLE_GROUPS: Record<TableNo, string[]> = {
  1: [
    `第二十条${GAP}第?${GAP}[（(][^)）\\n]{1,3}[)）]${GAP}项?`,
    '信息内容',
    '本年新制作数量|本年新公开数量|对外公开总数量|本年制发件数|本年废止件数|现行有效件数|上一年项目数量|本年增减|本年增/减|(?:本年)?处理决定数量|采购项目数量|采购总金额(?:[（(][^)）\\n]{0,16}[)）])?|本年收费金额(?:[（(][^)）\\n]{0,16}[)）])?',
  ],
  2: [
    `${CN('三')}${GAP}本年度?办理结果`,
    '本年度?办理结果',
    `(?:${PAREN('三')})?${GAP}不予公开`,
    `(?:${PAREN('四')})?${GAP}无法提供`,
    `(?:${PAREN('五')})?${GAP}不予处理`,
    `${PAREN('六')}${GAP}其他处理`,
    '申请人情况',
    '法人或其他组织',
    // A line opening with a row's numbering starts a row, even where its label is cut short.
    '(?<=\\n)[ \\t]*(?:\\d{1,2}[ \\t]*[.．、]|[（(][一二三四五六七八][)）])(?=[ \\t]*[\\u4e00-\\u9fff])',
  ],
  3: [],
};

/** The regex source of a row label with its numbering. */
export function labelSource(label: RowLabel): string {
  const core = `(?:${spaced(label.pattern)})`;
  if (!label.numbering) return core;
  return label.numberingRequired ? `${label.numbering}${GAP}${core}` : `(?:${label.numbering}${GAP})?${core}`;
}

const terminators = new Map<string, RegExp>();
const labelRegexes = new Map<RowLabel, RegExp>();

/** One regex matching anything that ends a row's cells in a table: every label and header. */
export function terminatorPattern(table: TableNo, template: TemplateVersion, labels: RowLabel[]): RegExp {
  const key = `${table}:${template}`;
  let re = terminators.get(key);
  if (!re) {
    const groups = TABLE_GROUPS[table].filter((g) => !(template === '2019' && g.includes('其他处理')));
    const all = [...labels.map(labelSource), ...groups.map(spaced)];
    re = new RegExp(all.map((s) => `(?:${s})`).join('|'), 'g');
    terminators.set(key, re);
  }
  return re;
}

/** The compiled (global) regex of a row label, built once. */
export function labelRegex(label: RowLabel): RegExp {
  let re = labelRegexes.get(label);
  if (!re) {
    re = new RegExp(labelSource(label), 'g');
    labelRegexes.set(label, re);
  }
  return re;
}
