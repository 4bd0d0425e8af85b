import type { Report } from '../ingest/report.js';
import type { Answer, Citation } from './answer.js';
import { clip, reportName, sectionTitle } from './format.js';
import type { Question, SectionPart } from './question.js';

/** Reports shown in one answer; the newest first. */
const SHOWN = 3;
const MAX_CHARS = 700;

/** Where the improvements start in 五、存在的主要问题及改进情况. */
const IMPROVEMENT_START = /(?:[（(][一二三四五][)）]\s*|[一二三四五]、\s*)?(?:主要)?(?:改进(?:措施|情况|方向|举措|计划)|整改(?:措施|情况)|下一步|今后|我局将|我们将|将进一步)/;

/**
 * Answers "存在什么问题", "有哪些改进措施" from section 五 of the agency's reports (六 for
 * 其他需要报告的事项): the part asked for when the section separates them, else the whole section.
 */
export function answerSection(q: Question, part: SectionPart, reportsIn: readonly Report[]): Answer {
  const reports = [...reportsIn].sort((a, b) => b.meta.year - a.meta.year);
  const no = part === 'other' ? 6 : 5;
  const lines: string[] = [];
  const citations: Citation[] = [];
  for (const report of reports.slice(0, SHOWN)) {
    const section = report.sections.find((s) => s.no === no);
    const body = section ? bodyOf(section.text, section.title) : '';
    if (!body) {
      lines.push(`${reportName(report)}：报告中没有找到“${sectionTitle(report, no)}”一节。`);
      continue;
    }
    const text = partOf(body, part);
    lines.push(`${reportName(report)} · ${sectionTitle(report, no)}${partName(part, text !== body)}：`);
    lines.push(clip(text, MAX_CHARS));
    citations.push({ reportId: report.id, agency: report.meta.agency, year: report.meta.year, section: sectionTitle(report, no), snippet: clip(text, 200) });
  }
  if (reports.length > SHOWN) lines.push(`（另有${reports.length - SHOWN}份报告，可指定年份查看。）`);
  return { question: q.raw, route: citations.length ? 'search' : 'none', text: lines.join('\n'), citations };
}

function bodyOf(text: string, title: string): string {
  const t = text.trim();
  return (title && t.startsWith(title.trim()) ? t.slice(title.trim().length) : t).trim();
}

function partOf(body: string, part: SectionPart): string {
  if (part === 'both' || part === 'other') return body;
  const m = IMPROVEMENT_START.exec(body);
  if (!m || m.index < 10) return body;
  return part === 'problems' ? body.slice(0, m.index).trim() : body.slice(m.index).trim();
}

function partName(part: SectionPart, split: boolean): string {
  if (!split) return '';
  return part === 'problems' ? '（存在的问题）' : part === 'improvements' ? '（改进措施）' : '';
}
