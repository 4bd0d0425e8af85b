/**
 * Department names with the abbreviations people use. An abbreviation printed as the whole
 * department ("上海市科委") is expanded to the full name; both serve as aliases.
 */
const DEPARTMENTS: readonly (readonly [full: string, ...abbreviations: string[]])[] = [
  ['人民政府', '政府'],
  ['人民政府办公厅', '政府办公厅', '办公厅'],
  ['人民政府办公室', '政府办公室', '政府办'],
  ['发展和改革委员会', '发展改革委', '发改委'],
  ['发展和改革局', '发展改革局', '发改局'],
  ['教育委员会', '教委'],
  ['科学技术委员会', '科委'],
  ['科学技术局', '科技局'],
  ['科学技术厅', '科技厅'],
  ['工业和信息化局', '工信局'],
  ['经济和信息化局', '经信局'],
  ['经济和信息化委员会', '经信委'],
  ['人力资源和社会保障局', '人力社保局', '人社局'],
  ['人力资源和社会保障厅', '人社厅'],
  ['自然资源和规划局', '自然资源规划局', '资规局'],
  ['生态环境局', '环保局'],
  ['住房和城乡建设局', '住房城乡建设局', '住建局'],
  ['住房和城乡建设委员会', '住建委'],
  ['交通运输局', '交通局'],
  ['农业农村局', '农业局'],
  ['文化和旅游局', '文旅局'],
  ['文化广电和旅游局', '文广旅局'],
  ['卫生健康委员会', '卫生健康委', '卫健委'],
  ['卫生健康局', '卫健局'],
  ['退役军人事务局', '退役军人局'],
  ['应急管理局', '应急局'],
  ['国有资产监督管理委员会', '国资委'],
  ['国有资产管理局', '国资局'],
  ['市场监督管理局', '市场监管局'],
  ['医疗保障局', '医保局'],
  ['城市管理局', '城管局'],
  ['行政审批局', '审批局'],
  ['政务服务管理局', '政务服务局'],
  ['民族宗教事务局', '民宗局'],
  ['机关事务管理局', '机关事务局'],
  ['粮食和物资储备局', '粮储局'],
  ['外事办公室', '外办'],
  ['住房公积金管理中心', '公积金中心'],
];

/** A department as printed, abbreviation expanded: 科委 → 科学技术委员会; anything else unchanged. */
export function fullDepartmentName(printed: string): string {
  return departments().byAbbreviation.get(printed) ?? printed;
}

/** The abbreviations of a department's full name: 发展和改革局 → 发展改革局, 发改局. */
export function abbreviationsOf(full: string): readonly string[] {
  return departments().byFull.get(full) ?? [];
}

const DEPARTMENT_LIKE = /^[\u4e00-\u9fa5]{2,4}(?:局|厅|委员会)$/;

/** A known department, full or abbreviated, or a short name shaped like one (公安局, 民政厅). */
export function isDepartment(text: string): boolean {
  return departments().byFull.has(text) || departments().byAbbreviation.has(text) || DEPARTMENT_LIKE.test(text);
}

/**
 * The known department a name ends with, full or abbreviated, when at least two characters stand
 * before it: 某某新区发改局 → 发改局. The table's order decides between several.
 */
export function trailingDepartment(name: string): string | null {
  for (const [full, ...abbreviations] of DEPARTMENTS) {
    for (const dept of [full, ...abbreviations]) {
      if (name.endsWith(dept) && name.length > dept.length + 1) return dept;
    }
  }
  return null;
}

/** The two-character stem people put after a place: 教育局 → 教育 (鹤岗教育). */
export function departmentStem(dept: string): string | null {
  return /^([\u4e00-\u9fa5]{2})(?:局|厅|委员会)$/.exec(dept)?.[1] ?? null;
}

let departmentIndex: { byAbbreviation: Map<string, string>; byFull: Map<string, readonly string[]> } | undefined;

function departments() {
  if (departmentIndex) return departmentIndex;
  const byAbbreviation = new Map<string, string>();
  const byFull = new Map<string, readonly string[]>();
  for (const [full, ...abbreviations] of DEPARTMENTS) {
    byFull.set(full, abbreviations);
    for (const a of abbreviations) byAbbreviation.set(a, full);
  }
  departmentIndex = { byAbbreviation, byFull };
  return departmentIndex;
}
