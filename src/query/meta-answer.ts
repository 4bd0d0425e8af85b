import type { FactSource, Overview } from '../facts/fact-source.js';
import { agencyKey, type Scope } from '../facts/store.js';
import { andThen, each, flow, wait, type Later, type Steps } from './later.js';
import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { listNames, reportName, yearsText } from './format.js';
import type { MetaAsk, Question } from './question.js';
import { eachPage, SCOPE_PAGE } from './scope-pages.js';

/** Answers about the corpus itself: which agencies and years, how many reports, when published. */
export function answerMeta(q: Question, ask: MetaAsk, store: FactSource, page: number = SCOPE_PAGE): Later<Answer> {
  return flow(metaSteps(q, ask, store, page));
}

/** Reports a count or a list of publication dates names (the rest are counted). */
const NAMED = 50;

function* metaSteps(q: Question, ask: MetaAsk, store: FactSource, page: number): Steps<Answer> {
  const scope = { agencies: q.agencies, years: q.years.years };
  if (ask === 'agencies') return yield* agenciesSteps(q, scope, store, page);
  // The others name the first few reports.
  const reports = yield* wait(store.reportsIn(scope, NAMED));
  const count = ask === 'count' ? yield* wait(store.count(scope)) : reports.length;
  const years = yearsText(q.years.years, q.years.phrase);
  const who = q.agencies ? listNames(q.agencies, 10) : '';
  let text: string;
  switch (ask) {
    case 'count':
      text = `语料中有${count}份${who || years ? `${who}${years}的` : ''}报告${count ? `：${listNames(reports.slice(0, NAMED).map(reportName), NAMED)}${count > NAMED ? `等${count}份` : ''}。` : '。'}`;
      break;
    case 'years': {
      if (q.agencies) {
        const lines = yield* each(q.agencies, function* (a) {
          const ys = (yield* wait(store.reportsIn({ agencies: [a] }))).map((r) => r.meta.year);
          return `${a}：${ys.length ? `${ys.join('、')}年的报告` : '语料中没有它的报告'}`;
        });
        text = lines.join('\n');
      } else {
        const { years } = yield* wait(store.overview());
        text = `语料收录了${years.map((y) => `${y.year}年（${y.reports}份）`).join('、')}的报告。`;
      }
      break;
    }
    case 'published':
      text = reports.length
        ? reports.slice(0, NAMED).map((r) => `${reportName(r)}的报告：${r.meta.publishedAt ? `发布日期${r.meta.publishedAt}` : '报告中没有注明发布日期'}`).join('\n')
        : '语料中没有符合条件的报告。';
      break;
  }
  return { question: q.raw, route: 'meta', text, citations: reports.slice(0, 20).map(cite) };
}

/** Agencies listed with their years at most; the rest are counted. */
const LISTED = 200;

/**
 * 语料里有哪些单位: each agency of the scope with its years, in the order of their first report.
 * A year or the corpus is read a page of reports at a time, the years kept for the agencies
 * listed only (the others' keys are counted).
 */
function* agenciesSteps(q: Question, scope: Scope, store: FactSource, page: number): Steps<Answer> {
  const listed = new Map<string, number[]>();
  const others = new Set<string>();
  const cited: Report[] = [];
  let count = 0;
  yield* eachPage(
    store,
    scope,
    function* (reports) {
      count += reports.length;
      for (const r of reports) {
        if (cited.length < 20) cited.push(r);
        const key = agencyKey(r);
        const years = listed.get(key);
        if (years) years.push(r.meta.year);
        else if (listed.size < LISTED) listed.set(key, [r.meta.year]);
        else others.add(key);
      }
    },
    page,
  );
  const years = yearsText(q.years.years, q.years.phrase);
  const lines = [`语料中${years ? `${years}` : ''}共有${listed.size + others.size}个单位的${count}份报告：`];
  for (const [agency, ys] of listed) lines.push(`· ${agency}（${ys.join('、')}年）`);
  if (others.size) lines.push(`……其余${others.size}个单位从略。`);
  return { question: q.raw, route: 'meta', text: lines.join('\n'), citations: cited.map(cite) };
}

function cite(r: Report): Citation {
  return { reportId: r.id, agency: r.meta.agency, year: r.meta.year, section: '', snippet: r.meta.title };
}

/** 语料概况: reports, agencies, years, templates, and how many reports have findings. */
export function answerOverview(q: Question, store: FactSource): Later<Answer> {
  return andThen(store.overview(), (o): Answer => ({ question: q.raw, route: 'meta', text: overviewText(o), citations: [] }));
}

function overviewText(o: Overview): string {
  const years = o.years.map((y) => y.year);
  const lines = [
    `语料概况：共${o.reports}份报告，${o.agencies}个单位，年份${years.length ? `${years[0]}–${years[years.length - 1]}年` : '无'}。`,
    `各年份：${o.years.map((y) => `${y.year}年${y.reports}份`).join('，')}。`,
    `模板：${o.templates.map((t) => `${t.template}年版${t.reports}份`).join('，')}。`,
    `数据核对：${o.withFindings}份报告有待核对的问题（共${o.findings}条），其余未发现矛盾。`,
    '可以问：某单位某年的某项数字、哪个局某项最多、两个单位对比、逐年变化、年报概况、数据矛盾、存在的问题和改进措施。',
  ];
  return lines.join('\n');
}
