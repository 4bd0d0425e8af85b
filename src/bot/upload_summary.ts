import type { Candidate } from '../intake/candidate.js';
import type { Added } from '../intake/intake.js';
import type { Attachment } from '../fetch/attachments.js';
import { bold, clip, escapeHtml } from './html.js';

/** Findings listed under a report read; the rest are counted. */
const FINDINGS_SHOWN = 3;

/**
 * What the bot read in a file sent or linked for the corpus, for the person who sent it to
 * confirm: agency, year, template, the table cells read and those it could not, the checks'
 * findings, and whether the corpus holds the report already.
 */
export function candidateHtml(candidate: Candidate, minutes: number): string {
  const s = candidate.summary;
  const lines = [
    bold('读到一份年度报告'),
    `单位：${escapeHtml(s.agency)}`,
    `年份：${s.year}年`,
    `模板：${s.template} 版`,
    `文件：${escapeHtml(candidate.name)}`,
    s.cells === 0
      ? '表格：没有读到统计表格的数字'
      : `表格：读到 ${s.cells} 格${s.unknownCells > 0 ? `，其中 ${s.unknownCells} 格无法确认` : '，全部读清'}`,
  ];
  if (s.findings.length === 0) lines.push('检查：没有发现问题');
  else {
    lines.push(`检查：发现 ${s.findings.length} 处问题`);
    for (const f of s.findings.slice(0, FINDINGS_SHOWN)) lines.push(`• ${escapeHtml(clip(f, 120))}`);
    if (s.findings.length > FINDINGS_SHOWN) lines.push(`• ……另有 ${s.findings.length - FINDINGS_SHOWN} 处`);
  }
  lines.push(
    s.copyOf.length > 0
      ? `语料中已有这份报告（${escapeHtml(s.copyOf.join('、'))}），加入后将作为副本合并。`
      : '语料中还没有这份报告。',
    `加入语料吗？（${minutes} 分钟内有效）`,
  );
  return lines.join('\n');
}

/** The outcome of a confirmed addition, one or two lines. */
export function addedText(candidate: Candidate, added: Added): string {
  const s = candidate.summary;
  if (!added.refreshed.ok) return `已保存到语料：${added.file}。但${added.refreshed.error}；重新启动后会读入这份报告。`;
  return `已加入语料：${added.file}（${s.agency} ${s.year}年）。现在可以就这份报告提问了，例如：/report ${s.agency} ${s.year}`;
}

/** A page without tables of its own that links to documents: which one to fetch. */
export function attachmentsHtml(attachments: readonly Attachment[]): string {
  return [
    '这个网页本身没有统计表格，网页上有这些附件：',
    ...attachments.map((a, i) => `${i + 1}. ${escapeHtml(clip(a.label, 80))}`),
    '要下载哪一个？',
  ].join('\n');
}
