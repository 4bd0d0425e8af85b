import { agencyKey, type FactStore } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { listNames, reportName, yearsText } from './format.js';
import type { MetaAsk, Question } from './question.js';

/** Answers about the corpus itself: which agencies and years, how many reports, when published. */
export function answerMeta(q: Question, ask: MetaAsk, store: FactStore): Answer {
  const reports = store.reportsIn({ agencies: q.agencies, years: q.years.years });
  const years = yearsText(q.years.years, q.years.phrase);
  const who = q.agencies ? listNames(q.agencies, 10) : '';
  let text: string;
  switch (ask) {
    case 'count':
      text = `语料中有${reports.length}份${who || years ? `${who}${years}的` : ''}报告${reports.length ? `：${listNames(reports.slice(0, 50).map(reportName), 50)}${reports.length > 50 ? `等${reports.length}份` : ''}。` : '。'}`;
      break;
    case 'years': {
      if (q.agencies) {
        const lines = q.agencies.map((a) => {
          const ys = store.reportsIn({ agencies: [a] }).map((r) => r.meta.year);
          return `${a}：${ys.length ? `${ys.join('、')}年的报告` : '语料中没有它的报告'}`;
        });
        text = lines.join('\n');
      } else {
        text = `语料收录了${store.years().map((y) => `${y}年（${store.count({ years: [y] })}份）`).join('、')}的报告。`;
      }
      break;
    }
    case 'published':
      text = reports.length
        ? reports.slice(0, 50).map((r) => `${reportName(r)}的报告：${r.meta.publishedAt ? `发布日期${r.meta.publishedAt}` : '报告中没有注明发布日期'}`).join('\n')
        : '语料中没有符合条件的报告。';
      break;
    default:
      text = agenciesText(reports, years);
  }
  return { question: q.raw, route: 'meta', text, citations: reports.slice(0, 20).map(cite) };
}

function agenciesText(reports: readonly Report[], years: string): string {
  const byAgency = new Map<string, number[]>();
  for (const r of reports) byAgency.set(agencyKey(r), [...(byAgency.get(agencyKey(r)) ?? []), r.meta.year]);
  const lines = [`语料中${years ? `${years}` : ''}共有${byAgency.size}个单位的${reports.length}份报告：`];
  for (const [agency, ys] of [...byAgency].slice(0, 200)) lines.push(`· ${agency}（${ys.join('、')}年）`);
  if (byAgency.size > 200) lines.push(`……其余${byAgency.size - 200}个单位从略。`);
  return lines.join('\n');
}

function cite(r: Report): Citation {
  return { reportId: r.id, agency: r.meta.agency, year: r.meta.year, section: '', snippet: r.meta.title };
}

const overviews = new WeakMap<FactStore, string>();

/** 语料概况: reports, agencies, years, templates, and how many reports have findings. */
export function answerOverview(q: Question, store: FactStore): Answer {
  let text = overviews.get(store);
  if (text === undefined) overviews.set(store, (text = overview(store)));
  return { question: q.raw, route: 'meta', text, citations: [] };
}

function overview(store: FactStore): string {
  const reports = store.reports;
  const years = store.years();
  const byTemplate = new Map<string, number>();
  let withFindings = 0;
  let findings = 0;
  for (const r of reports) {
    byTemplate.set(r.meta.template, (byTemplate.get(r.meta.template) ?? 0) + 1);
    const serious = r.findings.filter((f) => f.severity !== 'info').length;
    if (serious) withFindings++;
    findings += serious;
  }
  const lines = [
    `语料概况：共${reports.length}份报告，${store.agencies().length}个单位，年份${years.length ? `${years[0]}–${years[years.length - 1]}年` : '无'}。`,
    `各年份：${years.map((y) => `${y}年${store.count({ years: [y] })}份`).join('，')}。`,
    `模板：${[...byTemplate].sort().map(([t, n]) => `${t}年版${n}份`).join('，')}。`,
    `数据核对：${withFindings}份报告有待核对的问题（共${findings}条），其余未发现矛盾。`,
    '可以问：某单位某年的某项数字、哪个局某项最多、两个单位对比、逐年变化、年报概况、数据矛盾、存在的问题和改进措施。',
  ];
  return lines.join('\n');
}
