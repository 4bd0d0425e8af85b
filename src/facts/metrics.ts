/**
 * The metric dictionary: every cell of the three standard tables of the State Council template
 * (see report-template.md), as data. The parser locates cells with `TABLE_ROWS`, the question
 * reader maps words to ids with `synonyms`, the answer writer names figures with `label` and
 * `unit`. Adding a metric touches this file only.
 */
export type TemplateVersion = '2019' | '2021';
export const TEMPLATE_VERSIONS: readonly TemplateVersion[] = ['2019', '2021'];

export type TableNo = 1 | 2 | 3;

export interface MetricDef {
  id: string;
  /** The table holding the figure; null for a figure reports state only in their text (`TEXT_METRICS`). */
  table: TableNo | null;
  /** How a person names the figure, e.g. "行政规范性文件 现行有效件数". */
  label: string;
  unit: string;
  templates: readonly TemplateVersion[];
  /** Words a question may use for this metric (beyond the label). */
  synonyms: readonly string[];
}

/** A table row as the parser finds it: a label, and the metric of each value column. */
export interface TableRow {
  table: TableNo;
  /** Stable key of the row, e.g. "normative_docs", "requests.denied.third_party". */
  key: string;
  /** Pattern of the row label, tolerant of spaces between characters (built by `labelPattern`). */
  label: string;
  /** Optional numbering that precedes the label ("2.", "（一）", "一、"). */
  numbering?: string;
  templates: readonly TemplateVersion[];
  columns: readonly string[];
  /** Check on the row's values (e.g. the total is the sum of the applicant columns). */
  rule?: 'applicant_total' | 'review_litigation';
}

const BOTH: readonly TemplateVersion[] = ['2019', '2021'];
const V2019: readonly TemplateVersion[] = ['2019'];
const V2021: readonly TemplateVersion[] = ['2021'];

// ── Table 1: 主动公开政府信息情况 ─────────────────────────────────────────────
const table1Rows: TableRow[] = [
  { table: 1, key: 'rules', label: '规章', templates: V2019, columns: ['rules.issued', 'rules.published', 'rules.in_force'] },
  { table: 1, key: 'rules', label: '规章', templates: V2021, columns: ['rules.issued', 'rules.repealed', 'rules.in_force'] },
  { table: 1, key: 'normative_docs', label: '(?:行政)?规范性文件', templates: V2019, columns: ['normative_docs.issued', 'normative_docs.published', 'normative_docs.in_force'] },
  { table: 1, key: 'normative_docs', label: '(?:行政)?规范性文件', templates: V2021, columns: ['normative_docs.issued', 'normative_docs.repealed', 'normative_docs.in_force'] },
  { table: 1, key: 'licensing', label: '行政许可', templates: V2019, columns: ['licensing.prev_items', 'licensing.change', 'licensing.decisions'] },
  { table: 1, key: 'licensing', label: '行政许可', templates: V2021, columns: ['licensing.decisions'] },
  { table: 1, key: 'other_services', label: '其他对外管理服务事项', templates: V2019, columns: ['other_services.prev_items', 'other_services.change', 'other_services.decisions'] },
  { table: 1, key: 'punishment', label: '行政处罚', templates: V2019, columns: ['punishment.prev_items', 'punishment.change', 'punishment.decisions'] },
  { table: 1, key: 'punishment', label: '行政处罚', templates: V2021, columns: ['punishment.decisions'] },
  { table: 1, key: 'coercion', label: '行政强制', templates: V2019, columns: ['coercion.prev_items', 'coercion.change', 'coercion.decisions'] },
  { table: 1, key: 'coercion', label: '行政强制', templates: V2021, columns: ['coercion.decisions'] },
  { table: 1, key: 'fees', label: '行政事业性收费', templates: V2019, columns: ['fees.prev_items', 'fees.change'] },
  { table: 1, key: 'fees', label: '行政事业性收费', templates: V2021, columns: ['fees.amount'] },
  { table: 1, key: 'procurement', label: '政府集中采购', templates: V2019, columns: ['procurement.projects', 'procurement.amount'] },
];

// ── Table 2: 收到和处理政府信息公开申请情况 ─────────────────────────────────────
export const APPLICANT_COLUMNS = ['natural_person', 'business', 'research', 'public_interest', 'legal_service', 'other', 'total'] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];
const APPLICANT_LABELS: Record<ApplicantColumn, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他法人或组织',
  total: '总计',
};

interface RequestRowDef {
  row: string;
  label: string;
  numbering?: string;
  /** Chinese name used in answers. */
  name: string;
  templates: readonly TemplateVersion[];
  synonyms?: string[];
}

const NUM_ARABIC = (n: number) => `${n}\\s*[.．、]?`;
const NUM_PAREN = (c: string) => `[（(]\\s*${c}\\s*[)）]`;
const NUM_CN = (c: string) => `${c}\\s*[、.．]`;

const requestRows: RequestRowDef[] = [
  { row: 'new', label: '本年新收', numbering: NUM_CN('一'), name: '本年新收政府信息公开申请', templates: BOTH, synonyms: ['收到申请', '新收申请', '收到政府信息公开申请', '收到了多少件政府信息公开申请', '依申请', '申请数量', '收到多少申请', '申请', '新收', '申请公开', '信息公开申请'] },
  { row: 'carried_over', label: '上年结转', numbering: NUM_CN('二'), name: '上年结转政府信息公开申请', templates: BOTH, synonyms: ['上年结转'] },
  { row: 'granted', label: '予以公开', numbering: NUM_PAREN('一'), name: '予以公开', templates: BOTH, synonyms: ['予以公开'] },
  { row: 'partly_granted', label: '部分公开', numbering: NUM_PAREN('二'), name: '部分公开', templates: BOTH, synonyms: ['部分公开'] },
  { row: 'denied.state_secret', label: '属于国家秘密', numbering: NUM_ARABIC(1), name: '不予公开：属于国家秘密', templates: BOTH, synonyms: ['国家秘密'] },
  { row: 'denied.prohibited_by_law', label: '其他法律行政法规禁止公开', numbering: NUM_ARABIC(2), name: '不予公开：其他法律行政法规禁止公开', templates: BOTH },
  { row: 'denied.security_stability', label: '危及.?三安全一稳定.?', numbering: NUM_ARABIC(3), name: '不予公开：危及“三安全一稳定”', templates: BOTH },
  { row: 'denied.third_party', label: '保护第三方合法权益', numbering: NUM_ARABIC(4), name: '不予公开：保护第三方合法权益', templates: BOTH, synonyms: ['第三方合法权益'] },
  { row: 'denied.internal_affairs', label: '属于三类内部事务信息', numbering: NUM_ARABIC(5), name: '不予公开：属于三类内部事务信息', templates: BOTH, synonyms: ['内部事务'] },
  { row: 'denied.process_info', label: '属于四类过程性信息', numbering: NUM_ARABIC(6), name: '不予公开：属于四类过程性信息', templates: BOTH, synonyms: ['过程性信息'] },
  { row: 'denied.enforcement_files', label: '属于行政执法案卷', numbering: NUM_ARABIC(7), name: '不予公开：属于行政执法案卷', templates: BOTH, synonyms: ['行政执法案卷'] },
  { row: 'denied.query_matter', label: '属于行政查询事项', numbering: NUM_ARABIC(8), name: '不予公开：属于行政查询事项', templates: BOTH, synonyms: ['行政查询事项'] },
  { row: 'unable.not_held', label: '本机关不掌握相关政府信息', numbering: NUM_ARABIC(1), name: '无法提供：本机关不掌握相关政府信息', templates: BOTH, synonyms: ['不掌握'] },
  { row: 'unable.needs_creation', label: '没有现成信息需要另行制作', numbering: NUM_ARABIC(2), name: '无法提供：没有现成信息需要另行制作', templates: BOTH, synonyms: ['另行制作'] },
  { row: 'unable.still_unclear', label: '补正后申请内容仍不明确', numbering: NUM_ARABIC(3), name: '无法提供：补正后申请内容仍不明确', templates: BOTH },
  { row: 'not_processed.petition', label: '信访举报投诉类申请', numbering: NUM_ARABIC(1), name: '不予处理：信访举报投诉类申请', templates: BOTH, synonyms: ['信访举报投诉'] },
  { row: 'not_processed.repeated', label: '重复申请', numbering: NUM_ARABIC(2), name: '不予处理：重复申请', templates: BOTH, synonyms: ['重复申请'] },
  { row: 'not_processed.publication', label: '要求提供公开出版物', numbering: NUM_ARABIC(3), name: '不予处理：要求提供公开出版物', templates: BOTH, synonyms: ['公开出版物'] },
  { row: 'not_processed.excessive', label: '无正当理由大量反复申请', numbering: NUM_ARABIC(4), name: '不予处理：无正当理由大量反复申请', templates: BOTH, synonyms: ['大量反复申请'] },
  { row: 'not_processed.confirmation', label: '要求行政机关确认或重新出具已获取信息', numbering: NUM_ARABIC(5), name: '不予处理：要求行政机关确认或重新出具已获取信息', templates: BOTH },
  { row: 'other_handling', label: '其他处理', numbering: NUM_PAREN('六'), name: '其他处理', templates: V2019, synonyms: ['其他处理'] },
  { row: 'other_handling.no_correction', label: '申请人无正当理由逾期不补正.{0,4}?行政机关不再处理其政府信息公开申请', numbering: NUM_ARABIC(1), name: '其他处理：申请人逾期不补正', templates: V2021, synonyms: ['逾期不补正'] },
  { row: 'other_handling.no_fee', label: '申请人逾期未按收费通知要求缴纳费用', numbering: NUM_ARABIC(2), name: '其他处理：申请人逾期未缴纳费用', templates: V2021, synonyms: ['未按收费通知'] },
  { row: 'other_handling.other', label: '其他(?!法|处理|结果|对外|需要)', numbering: `3\\s*[.．、]`, name: '其他处理：其他', templates: V2021 },
  { row: 'total_processed', label: '总计', numbering: NUM_PAREN('七'), name: '办理结果总计', templates: BOTH, synonyms: ['办理结果总计', '办结', '办理了多少'] },
  { row: 'carried_forward', label: '结转下年度继续办理', numbering: NUM_CN('四'), name: '结转下年度继续办理', templates: BOTH, synonyms: ['结转下年度'] },
];

const table2Rows: TableRow[] = requestRows.map((r) => ({
  table: 2,
  key: `requests.${r.row}`,
  label: r.label,
  numbering: r.numbering,
  templates: r.templates,
  columns: APPLICANT_COLUMNS.map((c) => `requests.${r.row}.${c}`),
  rule: 'applicant_total' as const,
}));

// ── Table 3: 行政复议、行政诉讼 ───────────────────────────────────────────────
export const OUTCOME_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const OUTCOME_LABELS: Record<(typeof OUTCOME_COLUMNS)[number], string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};
export const CASE_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
const CASE_LABELS: Record<(typeof CASE_KINDS)[number], string> = {
  review: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_review: '行政诉讼（复议后起诉）',
};

const table3Rows: TableRow[] = [
  {
    table: 3,
    key: 'review_litigation',
    label: '',
    templates: BOTH,
    columns: CASE_KINDS.flatMap((k) => OUTCOME_COLUMNS.map((o) => `${k}.${o}`)),
    rule: 'review_litigation',
  },
];

export const TABLE_ROWS: readonly TableRow[] = [...table1Rows, ...table2Rows, ...table3Rows];

export function rowsFor(table: TableNo, template: TemplateVersion): TableRow[] {
  return TABLE_ROWS.filter((r) => r.table === table && r.templates.includes(template));
}

// ── Metric definitions ──────────────────────────────────────────────────────
function def(id: string, table: TableNo | null, label: string, unit: string, templates: readonly TemplateVersion[], synonyms: string[] = []): MetricDef {
  return { id, table, label, unit, templates, synonyms };
}

const table1Metrics: MetricDef[] = [
  def('rules.issued', 1, '规章 本年制发（新制作）件数', '件', BOTH, ['制发规章', '新制作规章']),
  def('rules.published', 1, '规章 本年新公开数量', '件', V2019, ['新公开规章']),
  def('rules.repealed', 1, '规章 本年废止件数', '件', V2021, ['废止规章']),
  def('rules.in_force', 1, '规章 现行有效（对外公开总）件数', '件', BOTH, ['现行有效规章', '规章']),
  def('normative_docs.issued', 1, '行政规范性文件 本年制发（新制作）件数', '件', BOTH, ['制发规范性文件', '制发行政规范性文件', '新制作规范性文件', '印发规范性文件']),
  def('normative_docs.published', 1, '规范性文件 本年新公开数量', '件', V2019, ['新公开规范性文件', '公开规范性文件']),
  def('normative_docs.repealed', 1, '行政规范性文件 本年废止件数', '件', V2021, ['废止规范性文件', '废止行政规范性文件']),
  def('normative_docs.in_force', 1, '行政规范性文件 现行有效（对外公开总）件数', '件', BOTH, ['现行有效规范性文件', '现行有效的规范性文件', '现有规范性文件', '规范性文件对外公开总数', '规范性文件总数', '规范性文件', '行政规范性文件']),
  def('licensing.prev_items', 1, '行政许可 上一年项目数量', '项', V2019, ['行政许可项目数量', '行政许可事项']),
  def('licensing.change', 1, '行政许可 本年增/减', '项', V2019, ['行政许可增减']),
  def('licensing.decisions', 1, '行政许可 处理决定数量', '件', BOTH, ['行政许可', '行政许可决定', '许可决定']),
  def('other_services.prev_items', 1, '其他对外管理服务事项 上一年项目数量', '项', V2019, ['其他对外管理服务事项']),
  def('other_services.change', 1, '其他对外管理服务事项 本年增/减', '项', V2019),
  def('other_services.decisions', 1, '其他对外管理服务事项 处理决定数量', '件', V2019),
  def('punishment.prev_items', 1, '行政处罚 上一年项目数量', '项', V2019),
  def('punishment.change', 1, '行政处罚 本年增/减', '项', V2019),
  def('punishment.decisions', 1, '行政处罚 处理决定数量', '件', BOTH, ['行政处罚', '处罚决定']),
  def('coercion.prev_items', 1, '行政强制 上一年项目数量', '项', V2019),
  def('coercion.change', 1, '行政强制 本年增/减', '项', V2019),
  def('coercion.decisions', 1, '行政强制 处理决定数量', '件', BOTH, ['行政强制', '强制决定']),
  def('fees.prev_items', 1, '行政事业性收费 上一年项目数量', '项', V2019, ['收费项目']),
  def('fees.change', 1, '行政事业性收费 本年增/减', '项', V2019),
  def('fees.amount', 1, '行政事业性收费 本年收费金额', '万元', V2021, ['收费金额', '行政事业性收费金额', '收费']),
  def('procurement.projects', 1, '政府集中采购 采购项目数量', '项', V2019, ['采购项目', '集中采购项目', '采购了多少项']),
  def('procurement.amount', 1, '政府集中采购 采购总金额', '万元', V2019, ['采购总金额', '采购金额', '采购总额', '集中采购', '政府集中采购', '采购']),
];

const table2Metrics: MetricDef[] = requestRows.flatMap((r) =>
  APPLICANT_COLUMNS.map((c) =>
    def(
      `requests.${r.row}.${c}`,
      2,
      c === 'total' ? r.name : `${r.name}（${APPLICANT_LABELS[c]}）`,
      '件',
      r.templates,
      c === 'total' ? (r.synonyms ?? []) : [],
    ),
  ),
);

const table3Metrics: MetricDef[] = CASE_KINDS.flatMap((k) =>
  OUTCOME_COLUMNS.map((o) =>
    def(
      `${k}.${o}`,
      3,
      `${CASE_LABELS[k]} ${OUTCOME_LABELS[o]}`,
      '件',
      BOTH,
      o === 'total'
        ? k === 'review'
          ? ['行政复议', '复议']
          : k === 'litigation_direct'
            ? ['行政诉讼', '直接起诉', '诉讼']
            : ['复议后起诉']
        : [],
    ),
  ),
);

/** Every cell of the three tables. */
export const TABLE_METRICS: readonly MetricDef[] = [...table1Metrics, ...table2Metrics, ...table3Metrics];

/**
 * Figures reports state in their text in a regular way, which no table holds: "在“鹤岗教育”微信公众号
 * 共计发布信息700条", "召开新闻发布会5场". Each is read from its sentence (src/ingest/narrative.ts),
 * is a fact of its own kind (origin narrative, the sentence its source), and never stands in for
 * a table cell: a question about 留言 is not answered with 办理结果总计.
 */
export const TEXT_METRICS: readonly MetricDef[] = [
  def('info_published.count', null, '主动公开政府信息条数（正文）', '条', BOTH, ['主动公开信息', '主动公开政府信息', '公开信息条数', '发布信息条数', '信息条数']),
  def('wechat.posts', null, '政务微信公众号发布信息条数（正文）', '条', BOTH, ['微信公众号', '公众号', '政务微信', '微信']),
  def('weibo.posts', null, '政务微博发布信息条数（正文）', '条', BOTH, ['政务微博', '微博']),
  def('press_conferences.count', null, '新闻发布会场次（正文）', '场', BOTH, ['新闻发布会', '发布会']),
  def('policy_interpretations.count', null, '政策解读篇数（正文）', '篇', BOTH, ['政策解读', '解读']),
  def('training.sessions', null, '政务公开培训次数（正文）', '次', BOTH, ['培训']),
  def('training.attendees', null, '政务公开培训人次（正文）', '人次', BOTH, ['培训人次', '参训']),
  def('messages.handled', null, '办理网民留言件数（正文）', '件', BOTH, ['留言', '网民留言', '网站留言']),
];

export const METRICS: readonly MetricDef[] = [...TABLE_METRICS, ...TEXT_METRICS];
const byId = new Map(METRICS.map((m) => [m.id, m]));

export function metric(id: string): MetricDef | undefined {
  return byId.get(id);
}

export function isMetricId(id: string): boolean {
  return byId.has(id);
}

/** Rows (三)…(六) of table 2 whose sum is “（七）总计” (rule 3), per template. */
export function resultRows(template: TemplateVersion): readonly string[] {
  return RESULT_ROWS[template];
}

const COMMON_RESULT_ROWS = requestRows.map((r) => r.row).filter((r) => /^(granted|partly_granted|denied\.|unable\.|not_processed\.)/.test(r));
const RESULT_ROWS: Record<TemplateVersion, readonly string[]> = {
  '2019': [...COMMON_RESULT_ROWS, 'other_handling'],
  '2021': [...COMMON_RESULT_ROWS, 'other_handling.no_correction', 'other_handling.no_fee', 'other_handling.other'],
};

export function applicantLabel(c: ApplicantColumn): string {
  return APPLICANT_LABELS[c];
}

// ── How the printed tables name their rows and columns ─────────────────────────
/** The three tables as a report titles them: 表一 主动公开政府信息情况 … */
export const TABLE_NAMES: Record<TableNo, { short: string; name: string }> = {
  1: { short: '表一', name: '主动公开政府信息情况' },
  2: { short: '表二', name: '收到和处理政府信息公开申请情况' },
  3: { short: '表三', name: '行政复议、行政诉讼情况' },
};

type ByTemplate = string | Record<TemplateVersion, string>;

/** Table 1's rows as printed; 规范性文件 became 行政规范性文件 in the 2021 template. */
const TABLE1_ROW_NAMES: Record<string, ByTemplate> = {
  rules: '规章',
  normative_docs: { '2019': '规范性文件', '2021': '行政规范性文件' },
  licensing: '行政许可',
  other_services: '其他对外管理服务事项',
  punishment: '行政处罚',
  coercion: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};

/** Table 1's column headers by the last part of the metric id (by the whole id where two rows differ). */
const TABLE1_COLUMN_NAMES: Record<string, ByTemplate> = {
  issued: { '2019': '本年新制作数量', '2021': '本年制发件数' },
  published: '本年新公开数量',
  repealed: '本年废止件数',
  in_force: { '2019': '对外公开总数量', '2021': '现行有效件数' },
  prev_items: '上一年项目数量',
  change: '本年增/减',
  decisions: { '2019': '处理决定数量', '2021': '本年处理决定数量' },
  'fees.amount': '本年收费金额',
  projects: '采购项目数量',
  'procurement.amount': '采购总金额',
};

const REQUEST_ROW_NAMES = new Map(requestRows.map((r) => [r.row, r.name.replace('：', ' ')]));

/** Where a cell stands in the printed table: its table, its row (key and name) and its column's name. */
export interface CellPlace {
  table: TableNo;
  /** The metric id without its column: "procurement", "requests.denied.third_party", "review". */
  rowKey: string;
  row: string;
  column: string;
}

/**
 * The printed row and column of a metric in a report of `template`, e.g. `procurement.amount` →
 * 表一, 政府集中采购, 采购总金额. Undefined for an id that is no cell of the three tables.
 */
export function cellPlace(id: string, template: TemplateVersion): CellPlace | undefined {
  const m = byId.get(id);
  if (!m || m.table === null) return undefined;
  const cut = id.lastIndexOf('.');
  const rowKey = id.slice(0, cut);
  const col = id.slice(cut + 1);
  const pick = (n: ByTemplate | undefined) => (n === undefined ? undefined : typeof n === 'string' ? n : n[template]);
  let row: string | undefined;
  let column: string | undefined;
  if (m.table === 1) {
    row = pick(TABLE1_ROW_NAMES[rowKey]);
    column = pick(TABLE1_COLUMN_NAMES[id] ?? TABLE1_COLUMN_NAMES[col]);
  } else if (m.table === 2) {
    row = REQUEST_ROW_NAMES.get(rowKey.slice('requests.'.length));
    column = APPLICANT_LABELS[col as ApplicantColumn];
  } else {
    row = CASE_LABELS[rowKey as (typeof CASE_KINDS)[number]];
    column = OUTCOME_LABELS[col as (typeof OUTCOME_COLUMNS)[number]];
  }
  return row && column ? { table: m.table, rowKey, row, column } : undefined;
}

/**
 * Row labels a text names, as patterns that a person's wording matches ("保护第三方合法权益",
 * "行政许可", "行政复议"); the bare 其他 and 总计 of table 2 are left out, as every text says them.
 */
const GENERIC_ROWS = new Set(['requests.other_handling.other', 'requests.total_processed']);

export const ROW_LABEL_PATTERNS: readonly RegExp[] = [
  ...TABLE_ROWS.filter((r) => r.table !== 3 && !GENERIC_ROWS.has(r.key)).map((r) => r.label),
  '行政复议',
  '行政诉讼',
  '复议后起诉',
  '直接起诉',
]
  .filter((label, i, all) => all.indexOf(label) === i)
  .map((label) => new RegExp(label));
