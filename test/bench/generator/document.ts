import type { Layout } from './gold.js';
import { escapeHtml } from './layouts/html.js';
import type { Block, Narrative } from './narrative.js';
import type { Rng } from './random.js';

/**
 * Puts a report together: title, preamble, the six sections with the tables under 二、三、四, and
 * the closing signature, as plain text (tsv, tsv-broken, cells), markdown, or a web page.
 */
export interface DocumentParts {
  narrative: Narrative;
  /** Tables 1–3, already rendered in the layout. */
  tables: readonly [string, string, string];
  /** For the web page's information table. */
  agency: string;
}

function textDocument(p: DocumentParts, rng: Rng): string {
  const n = p.narrative;
  const gap = rng.chance(0.7) ? [''] : [];
  const indent = rng.chance(0.2) ? '　　' : '';
  const out: string[] = [];
  const para = (text: string) => out.push(`${indent}${text}`, ...gap);
  const blocks = (bs: readonly Block[]) => bs.forEach((b) => (b.kind === 'subheading' ? out.push(b.text, ...gap) : para(b.text)));
  const table = (t: string) => out.push('', t, '', '');
  if (rng.chance(0.4)) out.push('', '');
  out.push(...n.titleLines.flatMap((l) => [l, ...gap]));
  if (n.dateUnderTitle) out.push(n.dateUnderTitle, '');
  n.preamble.forEach(para);
  out.push(n.headings[1], ...gap);
  blocks(n.overview);
  out.push(n.headings[2]);
  table(p.tables[0]);
  out.push(n.headings[3]);
  table(p.tables[1]);
  out.push(n.headings[4]);
  table(p.tables[2]);
  out.push(n.headings[5], ...gap);
  blocks(n.problems);
  out.push(n.headings[6], ...gap);
  n.other.forEach(para);
  if (n.closing.length > 0) out.push('', ...n.closing);
  return `${out.join('\n').replace(/\n{4,}/g, '\n\n\n')}\n`;
}

function markdownDocument(p: DocumentParts): string {
  const n = p.narrative;
  const out: string[] = [`# ${n.titleLines.join(' ')}`, ''];
  if (n.dateUnderTitle) out.push(n.dateUnderTitle, '');
  n.preamble.forEach((t) => out.push(t, ''));
  const blocks = (bs: readonly Block[]) => bs.forEach((b) => out.push(b.kind === 'subheading' ? `### ${b.text}` : b.text, ''));
  out.push(`## ${n.headings[1]}`, '');
  blocks(n.overview);
  out.push(`## ${n.headings[2]}`, '', p.tables[0], '');
  out.push(`## ${n.headings[3]}`, '', p.tables[1], '');
  out.push(`## ${n.headings[4]}`, '', p.tables[2], '');
  out.push(`## ${n.headings[5]}`, '');
  blocks(n.problems);
  out.push(`## ${n.headings[6]}`, '');
  n.other.forEach((t) => out.push(t, ''));
  out.push(...n.closing);
  return `${out.join('\n')}\n`;
}

function htmlDocument(p: DocumentParts, rng: Rng): string {
  const n = p.narrative;
  const title = escapeHtml(n.titleLines.join(''));
  const headingTag = rng.chance(0.2) ? 'h2' : 'p';
  const out: string[] = ['<!DOCTYPE html>', '<html lang="zh-CN">', '<head>', '<meta charset="utf-8">', `<title>${title}</title>`, '</head>', '<body>'];
  if (rng.chance(0.3)) {
    // The information-disclosure catalogue box above the article (shuyang-fgj-2023.html).
    out.push(
      '<div class="xxgk-meta">',
      '<table class="table_content">',
      '  <tbody>',
      `    <tr><td>名称</td><td colspan="3">${title}</td></tr>`,
      `    <tr><td>发布机构</td><td>${escapeHtml(p.agency)}</td><td>公开日期</td><td>${n.closing[1] ?? n.dateUnderTitle ?? ''}</td></tr>`,
      '  </tbody>',
      '</table>',
      '</div>',
    );
  }
  out.push('<article>', `<h1>${title}</h1>`, '<div id="zoomcon">');
  const p_ = (t: string) => out.push(`<p>${escapeHtml(t)}</p>`);
  const heading = (t: string) => out.push(`<${headingTag}>${escapeHtml(t)}</${headingTag}>`);
  if (n.dateUnderTitle) p_(n.dateUnderTitle);
  n.preamble.forEach(p_);
  heading(n.headings[1]);
  n.overview.forEach((b) => p_(b.text));
  heading(n.headings[2]);
  out.push(p.tables[0]);
  heading(n.headings[3]);
  out.push(p.tables[1]);
  heading(n.headings[4]);
  out.push(p.tables[2]);
  heading(n.headings[5]);
  n.problems.forEach((b) => p_(b.text));
  heading(n.headings[6]);
  n.other.forEach(p_);
  n.closing.forEach(p_);
  out.push('</div>', '</article>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

export function renderDocument(parts: DocumentParts, layout: Layout, rng: Rng): string {
  if (layout === 'html') return htmlDocument(parts, rng);
  if (layout === 'markdown') return markdownDocument(parts);
  return textDocument(parts, rng);
}
