import { TABLE_NAMES } from '../facts/metrics.js';
import type { PassageHit, SearchOptions } from '../search/index.js';
import type { Answer, Citation } from './answer.js';
import { clip, listNames, yearsText } from './format.js';
import { andThen, type Later } from './later.js';
import { stripSpans, type Question } from './question.js';

/**
 * What the answer needs of the passage index: its `search`, with the index's own request and hit
 * types, so tests can stand in a few fixed hits without building an index. The embedded index
 * answers at once, the database (`PgPassageSearch`) with a promise.
 */
export interface PassageSearcher {
  search(query: string, opts?: SearchOptions): Later<PassageHit[]>;
}
export type SearchRequest = SearchOptions;
export type SearchHit = PassageHit;

/** Passages shown in an answer. */
const SHOWN = 3;

/** Words of a question that ask rather than name: left out of the search query. */
const ASKING = /请问|请|多少|几[件条个项篇份次]?|什么|哪些|哪个|哪里|哪儿|怎么样|怎样|如何|是否|有没有|吗|呢|吧|[？?。！!，,、]/g;

/**
 * Everything the structured routes do not answer: the best passages, matching sentence first; a
 * table row as its report, table and cells ("牡丹江市教育局 2020年 · 表一 政府集中采购：…").
 */
export function answerSearch(q: Question, index: PassageSearcher | null, opts: { sections?: number[] } = {}): Later<Answer> {
  const query = stripSpans(q.text, q).replace(ASKING, ' ').replace(/\s+/g, ' ').trim() || q.text;
  const request: SearchRequest = { limit: SHOWN };
  // Keys of agencies sharing a name carry their place in parentheses; the index knows names.
  if (q.agencies) request.filterAgencies = [...new Set(q.agencies.map((a) => a.replace(/（[^）]*）$/, '')))];
  if (q.years.years) request.filterYears = q.years.years;
  if (opts.sections) request.sections = opts.sections;
  return andThen(index ? index.search(query, request) : [], (hits) => answerFromHits(q, hits));
}

function answerFromHits(q: Question, hits: readonly SearchHit[]): Answer {
  if (!hits.length) return nothing(q);
  const lines = ['找到以下相关内容：'];
  const citations: Citation[] = [];
  hits.slice(0, SHOWN).forEach((h, i) => {
    const p = h.passage;
    if (p.row) {
      // A table row reads whole on one line: its report, its table and the row's cells.
      lines.push(`${i + 1}. ${p.agency} ${p.year}年 · ${p.text}`);
      citations.push({ reportId: p.reportId, agency: p.agency, year: p.year, section: p.sectionTitle || TABLE_NAMES[p.row.table].name, snippet: p.text });
      return;
    }
    lines.push(`${i + 1}. ${p.agency} ${p.year}年 · ${p.sectionTitle || '标题'}`);
    lines.push(`   ${h.highlighted || h.sentence}`);
    const rest = p.text.replace(h.sentence, '').trim();
    if (rest.length > 10) lines.push(`   （上下文：${clip(rest, 120)}）`);
    citations.push({ reportId: p.reportId, agency: p.agency, year: p.year, section: p.sectionTitle, snippet: h.sentence });
  });
  return { question: q.raw, route: 'search', text: lines.join('\n'), citations };
}

/** What the corpus can answer, in the words a question may use; no agency or figure of the corpus. */
export const SUGGESTIONS =
  '可以这样问：某单位某年的某项数字（“<单位>2020年行政许可处理决定数量”）；排名（“哪个局2020年采购总金额最多”）；对比（“比较<单位甲>和<单位乙>2020年的收到申请数”）；逐年变化；“语料概况”；“<单位> 2020年 年报概况”；“<单位>的数据有什么矛盾”；“<单位>存在什么问题”“有哪些改进措施”。';

/** Nothing answers: say so, and what the corpus can answer. */
export function nothing(q: Question, reason?: string): Answer {
  const where = [q.agencies ? listNames(q.agencies, 5) : '', yearsText(q.years.years, q.years.phrase)].filter(Boolean).join(' ');
  const text = [
    reason ?? `没有在${where ? `${where}的` : ''}报告中找到与“${clip(q.raw, 30)}”相关的内容。`,
    SUGGESTIONS,
  ].join('\n');
  return { question: q.raw, route: 'none', text, citations: [] };
}
