import { metric } from '../facts/metrics.js';
import type { FactSource, Reader } from '../facts/fact-source.js';
import { agencyKey, type Reading } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { citationsOf, labelOf, onlyRounding, reportName, valueText, withUnit } from './format.js';
import { flow, wait, type Later, type Steps } from './later.js';
import type { Question } from './question.js';

/** The key figures of a report card, table by table; each shown where the report's template has it. */
const CARD: Array<{ title: string; ids: string[] }> = [
  {
    title: '主动公开（表一）',
    ids: [
      'normative_docs.issued', 'normative_docs.published', 'normative_docs.repealed', 'normative_docs.in_force',
      'rules.issued', 'rules.in_force', 'licensing.decisions', 'punishment.decisions', 'coercion.decisions',
      'fees.amount', 'fees.prev_items', 'procurement.projects', 'procurement.amount',
    ],
  },
  {
    title: '依申请公开（表二）',
    ids: ['requests.new.total', 'requests.carried_over.total', 'requests.granted.total', 'requests.total_processed.total', 'requests.carried_forward.total'],
  },
  { title: '行政复议和行政诉讼（表三）', ids: ['review.total', 'litigation_direct.total', 'litigation_after_review.total'] },
];

/** "牡丹江 2020年 年报概况": the key figures of the three tables and the checks' findings. */
export function answerCard(q: Question, store: FactSource): Later<Answer> {
  return flow(cardSteps(q, store));
}

function* cardSteps(q: Question, store: FactSource): Steps<Answer> {
  const all = yield* wait(store.reportsIn({ agencies: q.agencies, years: q.years.years }));
  // Without a year, the newest report of each agency.
  const latest = new Map<string, Report>();
  for (const r of all) latest.set(q.years.years ? r.id : agencyKey(r), r);
  const reports = [...latest.values()].slice(0, 3);
  const read = yield* wait(store.readers(reports, CARD.flatMap((g) => g.ids.map((id) => [id]))));
  const texts: string[] = [];
  const citations: Citation[] = [];
  for (const report of reports) {
    const { text, readings } = card(report, read);
    texts.push(text);
    citations.push(...citationsOf(readings).slice(0, 10));
    if (!q.years.years) {
      const others = all.filter((r) => agencyKey(r) === agencyKey(report) && r !== report).map((r) => r.meta.year);
      if (others.length) texts.push(`（该单位另有${others.join('、')}年的报告，可加年份查看。）`);
    }
  }
  if (latest.size > reports.length) texts.push(`（另有${latest.size - reports.length}份报告从略。）`);
  return { question: q.raw, route: 'facts', text: texts.join('\n\n'), citations };
}

function card(report: Report, read: Reader): { text: string; readings: Reading[] } {
  const m = report.meta;
  const lines = [
    `${m.title || `${reportName(report)}政府信息公开工作年度报告`}`,
    `单位：${agencyKey(report)}；年度：${m.year}年；${m.template}年版模板；发布日期：${m.publishedAt ?? '未注明'}`,
  ];
  const readings: Reading[] = [];
  const unread: string[] = [];
  for (const group of CARD) {
    lines.push(`${group.title}：`);
    for (const id of group.ids) {
      if (!metric(id)?.templates.includes(m.template)) continue;
      const r = read(report, [id]);
      readings.push(r);
      if (r.status === 'not_found') {
        unread.push(labelOf(id));
        continue;
      }
      const other = r.disagree ? r.others.find((o) => o.value.kind === 'number') : undefined;
      const note = other && other.value.kind === 'number' ? `（正文${onlyRounding(r) ? '写作约数' : '另称'}${withUnit(other.value.value, id, other)}）` : '';
      lines.push(`· ${labelOf(id)}：${valueText(r)}${note}`);
    }
  }
  if (unread.length) lines.push(`报告中没有读到（无法确定）：${unread.join('、')}。`);
  const findings = report.findings.filter((f) => f.severity !== 'info');
  lines.push(findings.length ? `核对发现${findings.length}个问题：` : '核对：未发现数据矛盾。');
  for (const f of findings) lines.push(`· ${f.message}`);
  return { text: lines.join('\n'), readings: readings.filter((r) => r.fact) };
}
