import { rowsFor, type TableNo, type TemplateVersion } from '../../../src/facts/metrics.js';

/**
 * The printed text of the template's tables (row labels, column headers, item titles), keyed by
 * the row keys and column ids of the metric dictionary. The ids themselves always come from
 * `rowsFor`; this file only says how each one is printed.
 */

/** 第二十条 items of table 1 and the row keys under each. */
export const TABLE1_ITEMS: readonly { item: string; rows: readonly string[] }[] = [
  { item: '第二十条第（一）项', rows: ['rules', 'normative_docs'] },
  { item: '第二十条第（五）项', rows: ['licensing', 'other_services'] },
  { item: '第二十条第（六）项', rows: ['punishment', 'coercion'] },
  { item: '第二十条第（八）项', rows: ['fees'] },
  { item: '第二十条第（九）项', rows: ['procurement'] },
];

const TABLE1_LABELS: Record<string, string> = {
  rules: '规章',
  normative_docs: '规范性文件',
  licensing: '行政许可',
  other_services: '其他对外管理服务事项',
  punishment: '行政处罚',
  coercion: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};

/** The printed label of a table-1 row. 2021 prints "行政规范性文件", though some keep the old name. */
export function table1Label(key: string, template: TemplateVersion, oldName = false): string {
  if (key === 'normative_docs' && template === '2021' && !oldName) return '行政规范性文件';
  return TABLE1_LABELS[key];
}

const HEADERS: Record<TemplateVersion, Record<string, string>> = {
  '2019': {
    issued: '本年新制作数量',
    published: '本年新公开数量',
    in_force: '对外公开总数量',
    prev_items: '上一年项目数量',
    change: '本年增/减',
    decisions: '处理决定数量',
    projects: '采购项目数量',
    amount: '采购总金额',
  },
  '2021': {
    issued: '本年制发件数',
    repealed: '本年废止件数',
    in_force: '现行有效件数',
    decisions: '本年处理决定数量',
    amount: '本年收费金额',
  },
};

/** The column header of a table-1 metric ("fees.amount" → "本年收费金额"), without unit. */
export function table1Header(metric: string, template: TemplateVersion): string {
  return HEADERS[template][metric.slice(metric.indexOf('.') + 1)];
}

/** Whether a table-1 metric is an amount of money (万元 unless the header or cell says 元). */
export function isAmount(metric: string): boolean {
  return metric.endsWith('.amount');
}

export const TABLE2_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const APPLICANT_HEADERS = {
  natural_person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
  total: '总计',
} as const;

/** Result groups of table 2 (三、本年度办理结果), by the first part of the row key. */
export const REQUEST_GROUPS: Record<string, string> = {
  denied: '（三）不予公开',
  unable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other_handling: '（六）其他处理',
};

const REQUEST_LABELS: Record<string, string> = {
  new: '一、本年新收政府信息公开申请数量',
  carried_over: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partly_granted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'denied.state_secret': '1.属于国家秘密',
  'denied.prohibited_by_law': '2.其他法律行政法规禁止公开',
  'denied.security_stability': '3.危及“三安全一稳定”',
  'denied.third_party': '4.保护第三方合法权益',
  'denied.internal_affairs': '5.属于三类内部事务信息',
  'denied.process_info': '6.属于四类过程性信息',
  'denied.enforcement_files': '7.属于行政执法案卷',
  'denied.query_matter': '8.属于行政查询事项',
  'unable.not_held': '1.本机关不掌握相关政府信息',
  'unable.needs_creation': '2.没有现成信息需要另行制作',
  'unable.still_unclear': '3.补正后申请内容仍不明确',
  'not_processed.petition': '1.信访举报投诉类申请',
  'not_processed.repeated': '2.重复申请',
  'not_processed.publication': '3.要求提供公开出版物',
  'not_processed.excessive': '4.无正当理由大量反复申请',
  'not_processed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  other_handling: '（六）其他处理',
  'other_handling.no_correction': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other_handling.no_fee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other_handling.other': '3.其他',
  total_processed: '（七）总计',
  carried_forward: '四、结转下年度继续办理',
};

/** "requests.denied.third_party" → "denied.third_party". */
export function requestRowName(key: string): string {
  return key.slice('requests.'.length);
}

/** The printed label of a table-2 row (the leaf label, without its group). */
export function requestLabel(key: string): string {
  return REQUEST_LABELS[requestRowName(key)];
}

/** The group a table-2 row belongs to (denied, unable …), or null for a row of its own. */
export function requestGroup(key: string, template: TemplateVersion): string | null {
  const name = requestRowName(key);
  const dot = name.indexOf('.');
  if (dot < 0) return null;
  const group = name.slice(0, dot);
  return template === '2019' && group === 'other_handling' ? null : group;
}

/** Rows of table 2 that are not results (一、二、四 and the (七)总计 row). */
export const NON_RESULT_ROWS = new Set(['new', 'carried_over', 'total_processed', 'carried_forward']);

export const OUTCOME_HEADERS = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
} as const;

export const CASE_HEADERS = {
  review: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_review: '复议后起诉',
} as const;

/** Every printed label exists for every row of the dictionary (checked by the tests). */
export function missingLabels(): string[] {
  const missing: string[] = [];
  for (const template of ['2019', '2021'] as const) {
    for (const table of [1, 2] as TableNo[]) {
      for (const row of rowsFor(table, template)) {
        const label = table === 1 ? TABLE1_LABELS[row.key] : REQUEST_LABELS[requestRowName(row.key)];
        if (label === undefined) missing.push(`${template}:${row.key}`);
        if (table === 1) for (const c of row.columns) if (table1Header(c, template) === undefined) missing.push(`${template}:${c}`);
      }
    }
  }
  return missing;
}
