import type { FactSource, Reader } from '../facts/fact-source.js';
import { agencyKey, type Reading, type Scope } from '../facts/store.js';
import { checkAcrossYears, YEAR_CHECK_CELLS, type YearCheck } from '../facts/year-checks.js';
import type { Finding, FindingRule, Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { citationOf, disagreementText, onlyRounding, labelOf, listNames, reportName, valueText, yearsText } from './format.js';
import { flow, wait, type Later, type Steps } from './later.js';
import type { Question } from './question.js';
import { eachPage, SCOPE_PAGE } from './scope-pages.js';

const RULE_NAMES: Record<FindingRule, string> = {
  balance: '勾稽关系',
  row_total: '行合计',
  results_total: '办理结果总计',
  case_total: '复议诉讼总计',
  narrative_vs_table: '正文与表格',
  no_requests_claim: '“未收到申请”的说法',
  encoding: '文字编码',
  unreadable: '无法读取',
  incomplete: '表格残缺',
  copies_disagree: '副本不一致',
  ocr: '扫描件文字识别',
};

/** A question about the figures of consecutive years: 前后年份一致吗, 跨年度核对. */
const ACROSS_YEARS = /前后年份|跨年|年度之间|上下年|历年.{0,4}(一致|衔接)|逐年.{0,4}(一致|衔接)|(上年|去年|上一年).{0,6}(衔接|对得上)/;

/** Which rules a question asks about: 勾稽 → balance; 合计 → totals; 副本 → copies; 正文 → narrative; else all. */
function rulesAsked(text: string): FindingRule[] | null {
  if (/勾稽/.test(text)) return ['balance'];
  if (/合计|总计|加总|求和|之和/.test(text)) return ['row_total', 'results_total', 'case_total'];
  if (/副本|几份文件|两份文件|文件之间/.test(text)) return ['copies_disagree'];
  if (/正文|叙述|文字|前后/.test(text)) return ['narrative_vs_table', 'no_requests_claim'];
  return null;
}

/** Findings about reading the report, not about what it says. */
const READING_RULES: FindingRule[] = ['unreadable', 'incomplete', 'encoding', 'ocr'];

/** Reading findings that leave a table unchecked (replaced bytes need not touch one). */
const TABLE_UNREAD: FindingRule[] = ['unreadable', 'incomplete'];

/** Rules that need a complete table to be checked; an unreadable or cut table leaves them open. */
const NEEDS_TABLE: FindingRule[] = ['balance', 'row_total', 'results_total', 'case_total'];

/**
 * Answers "数据有什么矛盾", "哪些报告不符合勾稽关系": the findings of the consistency checks, and
 * every figure a report states twice differently (table and narrative).
 */
export function answerChecks(q: Question, store: FactSource, pages: { reports: number; agencies: number } = PAGES): Later<Answer> {
  return flow(ACROSS_YEARS.test(q.text) ? acrossYearsSteps(q, store, pages.agencies) : checksSteps(q, store, pages.reports));
}

/**
 * Reports of a year or of the corpus are read a page at a time, and over the corpus the agencies
 * whose reports are checked across years: what one question holds stays bounded.
 */
const PAGES = { reports: SCOPE_PAGE, agencies: 500 };

/** Reports named in a line (the first 20) and how many there are. */
interface Named {
  first: Report[];
  count: number;
}

const named = (): Named => ({ first: [], count: 0 });

function add(list: Named, report: Report): void {
  if (list.first.length < 20) list.first.push(report);
  list.count++;
}

function* checksSteps(q: Question, store: FactSource, page: number): Steps<Answer> {
  const scope: Scope = { agencies: q.agencies, years: q.years.years };
  const total = yield* wait(store.count(scope));
  const rules = rulesAsked(q.text);
  const single = total === 1;
  const lines: string[] = [];
  const citations: Citation[] = [];
  const clean = named();
  const unverifiable = named();
  let first: Report | null = null;
  let flagged = 0;
  // A scope of agencies is read whole (a few reports each); a year or the corpus a page at a time.
  yield* eachPage(
    store,
    scope,
    function* (reports) {
      first ??= reports[0] ?? null;
      // Breaks between consecutive years (上年结转, 现行有效件数) belong with the later report.
      const breaks = !rules ? yield* yearBreaks(reports, scope, store) : new Map<string, YearCheck[]>();
      const stated: Reading[][] = !rules || rules.includes('narrative_vs_table') ? yield* wait(store.conflicts(reports)) : reports.map(() => []);
      for (const [k, report] of reports.entries()) {
        // Over many reports, a table that could not be read is no contradiction: it is counted apart.
        const reading = report.findings.filter((f) => TABLE_UNREAD.includes(f.rule));
        const relevant = report.findings.filter(
          (f) => f.severity !== 'info' && (!rules || rules.includes(f.rule)) && (single || !READING_RULES.includes(f.rule)),
        );
        const conflicts = disagreements(stated[k], relevant);
        const across = breaks.get(report.id) ?? [];
        if (!relevant.length && !conflicts.length && !across.length) {
          if (reading.length && (!rules || rules.some((r) => NEEDS_TABLE.includes(r)))) add(unverifiable, report);
          else add(clean, report);
          continue;
        }
        flagged++;
        if (flagged > 50) continue;
        if (!single) lines.push(`${reportName(report)}：`);
        for (const f of relevant) lines.push(`· [${RULE_NAMES[f.rule]}] ${f.message}`);
        for (const c of conflicts) lines.push(`· [正文与表格] ${labelOf(c.metric)}：表格为${valueText(c)}。${disagreementText(c) ?? ''}`);
        for (const b of across) lines.push(`· [前后年份] ${agencyKey(b.report)}：${b.message}（${b.name}）`);
        citations.push(...across.flatMap(yearCheckCitations));
        citations.push(...conflicts.flatMap((c) => [c.fact, ...c.others].filter((x) => x !== null).map((f) => citationOf(report, f))));
        if (!conflicts.length && relevant.length) citations.push(citationOf(report, null, relevant[0].message));
      }
    },
    page,
  );
  const what = rules ? rules.map((r) => RULE_NAMES[r]).join('、') : '数据';
  const where = `${q.agencies ? listNames(q.agencies, 5) : ''}${yearsText(q.years.years, q.years.phrase)}`;
  const head = !first
    ? '语料中没有符合条件的报告。'
    : flagged === 0
      ? single
        ? `${reportName(first)}的报告没有发现${what}方面的矛盾。`
        : `${where}${total}份报告中，没有发现不符合${what}的报告${unverifiable.count ? '' : '，均符合'}。`
      : single
        ? `${reportName(first)}的报告发现以下${what}方面的问题：`
        : `${where}${total}份报告中，有${flagged}份发现${what}方面的问题：`;
  const tail: string[] = [];
  if (flagged > 50) tail.push(`……其余${flagged - 50}份从略。`);
  if (unverifiable.count) tail.push(`未能完全核对（表格残缺或无法读取）：${namesOf(unverifiable)}。`);
  if (flagged && clean.count && !single) tail.push(`未发现问题：${namesOf(clean)}。`);
  return { question: q.raw, route: 'checks', text: [head, ...lines, ...tail].join('\n'), citations };
}

/** At most 20 report names, and how many there are. */
function namesOf(list: Named): string {
  const names = list.first.map(reportName).join('、');
  return list.count > 20 ? `${names}等${list.count}份` : names;
}

/** Metrics a report states differently in table and narrative (not mere rounding) that no finding already names. */
function disagreements(conflicts: readonly Reading[], findings: readonly Finding[]): Reading[] {
  const all = conflicts.filter((r) => !onlyRounding(r));
  if (!all.length) return all;
  const named = new Set(findings.filter((f) => f.rule === 'narrative_vs_table').flatMap((f) => f.metrics));
  return all.filter((r) => !named.has(r.metric));
}


/**
 * Each report's 不一致 with the year before it or after it, by report id, for `reports` (a page of
 * `scope`'s): a break belongs with its later report when that is of the scope, else with the
 * earlier.
 */
function* yearBreaks(reports: readonly Report[], scope: Scope, store: FactSource): Steps<Map<string, YearCheck[]>> {
  const page = new Set(reports.map((r) => r.id));
  const inScope = (r: Report | null) => r !== null && (!scope.years || scope.years.includes(r.meta.year)) && (!scope.agencies || scope.agencies.includes(agencyKey(r)));
  const out = new Map<string, YearCheck[]>();
  // A break is between consecutive years: a scope of years needs its neighbours only.
  const near = scope.years && [...new Set(scope.years.flatMap((y) => [y - 1, y, y + 1]))].sort((a, b) => a - b);
  const { byAgency, read } = yield* agencyReports([...new Set(reports.map(agencyKey))], store, near || undefined);
  for (const held of byAgency.values()) {
    for (const c of checksOf(held, read)) {
      if (c.status !== '不一致') continue;
      const owner = inScope(c.report) ? c.report : inScope(c.previous) ? c.previous : null;
      if (owner && page.has(owner.id)) out.set(owner.id, [...(out.get(owner.id) ?? []), c]);
    }
  }
  return out;
}

/** Every report of these agencies (of these years when given; each agency's by year), and a reader of the cells the checks compare. */
function* agencyReports(agencies: readonly string[] | null, store: FactSource, years?: number[]): Steps<{ byAgency: Map<string, Report[]>; read: Reader }> {
  const byAgency = new Map<string, Report[]>();
  if (agencies && !agencies.length) return { byAgency, read: () => { throw new Error('no report to read'); } };
  const all = yield* wait(store.reportsIn({ agencies, years }));
  for (const r of all) byAgency.set(agencyKey(r), [...(byAgency.get(agencyKey(r)) ?? []), r]);
  const read = yield* wait(store.readers(all, YEAR_CHECK_CELLS.map((id) => [id])));
  return { byAgency, read };
}

function checksOf(held: readonly Report[], read: Reader): YearCheck[] {
  return checkAcrossYears(held, (r, id) => read(r, [id]));
}

function yearCheckCitations(c: YearCheck): Citation[] {
  return c.cells.filter((r) => r.fact).map((r) => citationOf(r.report, r.fact));
}

/** Agencies whose checks across years an answer shows (and counts); the rest are counted. */
const SHOWN_AGENCIES = 50;

const STATUS_ORDER: Record<YearCheck['status'], number> = { 不一致: 0, 无法判断: 1, 一致: 2 };

/**
 * Answers "…的数据前后年份一致吗": every check between each agency's consecutive reports, each
 * with its status (一致 / 不一致 / 无法判断) and the figures and sources it compared.
 */
function* acrossYearsSteps(q: Question, store: FactSource, page: number): Steps<Answer> {
  // The agencies named, read whole; the corpus's, a page of agencies at a time until the 50
  // shown are checked (the rest are counted: every agency of the corpus has a report).
  const all = q.agencies ? null : yield* wait(store.agencies());
  const pages = all ? Array.from({ length: Math.ceil(all.length / page) }, (_, k) => all.slice(k * page, (k + 1) * page)) : [q.agencies];
  const years = q.years.years;
  const lines: string[] = [];
  const citations: Citation[] = [];
  const agencies: string[] = [];
  let broken = 0;
  let judged = 0;
  for (const some of pages) {
    if (agencies.length >= SHOWN_AGENCIES) break;
    const { byAgency, read } = yield* agencyReports(some, store);
    const few = (all ? all.length : byAgency.size) <= 10;
    for (const [agency, reports] of byAgency) {
      agencies.push(agency);
      if (agencies.length > SHOWN_AGENCIES) continue;
      const held = reports.map((r) => r.meta.year);
      const checks = checksOf(reports, read).filter((c) => !years || years.includes(c.report.meta.year) || (c.previous !== null && years.includes(c.previous.meta.year)));
      if (!checks.length) {
        if (few) lines.push(`${agency}：语料中只有${held.map((y) => `${y}年`).join('、')}的报告，没有可前后核对的年份。`);
        continue;
      }
      lines.push(`${agency}（报告年份：${held.join('、')}）：`);
      for (const c of [...checks].sort((a, b) => a.report.meta.year - b.report.meta.year || STATUS_ORDER[a.status] - STATUS_ORDER[b.status])) {
        lines.push(`· ${c.report.meta.year - 1}→${c.report.meta.year}年 ${c.name}：${c.status}。${c.message}。`);
        if (c.status === '不一致') broken++;
        if (c.status !== '无法判断') judged++;
        if (c.status === '不一致') citations.push(...yearCheckCitations(c));
      }
    }
  }
  const total = all ? all.length : agencies.length;
  if (total > SHOWN_AGENCIES) lines.push(`……其余${total - SHOWN_AGENCIES}个单位从略。`);
  const scope = q.agencies ? listNames(agencies, 5) : '语料中各单位';
  const head = !total
    ? '语料中没有符合条件的报告。'
    : broken
      ? `${scope}前后年份的数据核对：发现${broken}处不一致。`
      : judged
        ? `${scope}前后年份的数据核对：能核对的${judged}项都一致，没有发现不一致。`
        : `${scope}前后年份的数据核对：没有能够核对的项目（缺少相邻年份的报告或相关数字）。`;
  return { question: q.raw, route: 'checks', text: [head, ...lines].join('\n'), citations };
}
