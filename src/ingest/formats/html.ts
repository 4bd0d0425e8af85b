/**
 * HTML → plain text for the HTML loader, and the publication date a page's markup states. Every
 * walk over the markup keeps its own stack (pages nest elements thousands deep), and a table's
 * grid is bounded, so that no page can exhaust the call stack or the memory.
 */
import iconv from 'iconv-lite';
import { parse, NodeType, type HTMLElement, type Node, type TextNode } from 'node-html-parser';
import { isoDate } from '../dates.js';
import type { Result } from '../report.js';
import { checkedText, decodeBytes } from './decode.js';
import type { FormatReading } from './reading.js';

// The <title> is placed once, first, by htmlToText.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'iframe', 'object']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'tr', 'ul',
]);

/**
 * A saved web page (.html, .htm, or a `.doc` that is really a page): bytes → its text and date.
 * `charset`: what the server's Content-Type said, used when the page declares none itself.
 */
export function readHtmlFile(bytes: Buffer, hints: { charset?: string } = {}): Result<FormatReading, string> {
  const checked = checkedText(decodeBytes(bytes, declaredCharset(bytes) ?? knownCharset(hints.charset) ?? 'gb18030'));
  if (!checked.ok) return checked;
  const page = readHtml(checked.value.text);
  return { ok: true, value: { text: page.text, replaced: checked.value.replaced, publishedAt: page.publishedAt } };
}

/**
 * The charset an HTML file declares in `<meta charset>` or `http-equiv` (looked for in its first
 * 4 KB), or null when it declares none.
 */
function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const m = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? (knownCharset(m[1]) ?? 'gb18030') : null;
}

/** A charset name iconv-lite knows, or null. GBK/GB2312 are read as GB18030, their superset. */
function knownCharset(name: string | undefined): string | null {
  const lower = name?.toLowerCase();
  if (!lower) return null;
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(lower)) return 'gb18030';
  return iconv.encodingExists(lower) ? lower : null;
}

/**
 * HTML → plain text. Block elements end lines, script/style/comments are dropped, entities are
 * decoded (&nbsp; is a space). Each `<table>` becomes one line per grid row of tab-separated cells
 * (see `tableRows`), with a blank line before and after. The page `<title>` comes first when the
 * body does not repeat it.
 */
export function htmlToText(html: string): string {
  return readHtml(html).text;
}

/** A page's text (see `htmlToText`) and the publication date its markup states. */
export function readHtml(html: string): { text: string; publishedAt: string | null } {
  const root = parseHtml(html);
  return { text: renderText(root), publishedAt: markupDate(root) };
}

function parseHtml(html: string): HTMLElement {
  // The parser keeps a doctype or XML declaration as text; they are markup, not content.
  // ([^<>]: a page of thousands of unclosed "<!DOCTYPE" is not scanned to its end for each.)
  const markup = withoutUnclosedComment(html.replace(/<!DOCTYPE[^<>]*>|<\?xml[^<>]*\?>/gi, ''));
  return parse(markup, {
    comment: false,
    // Tags left open at the end stay where they are: the parser's repair of them moves every
    // child up once per open tag (quadratic: 10,000 unclosed <span>s take seconds) and lifts
    // the text of a last unclosed <td> out of its cell.
    parseNoneClosedTags: true,
    blockTextElements: { script: false, noscript: false, style: false, template: false },
  });
}

/**
 * The markup up to a comment never closed: the rest is comment, as a browser reads it. The
 * parser would look for "-->" to the end again at every "<!--" after it (minutes on a hostile page).
 */
function withoutUnclosedComment(html: string): string {
  for (let at = html.indexOf('<!--'); at >= 0; at = html.indexOf('<!--', at)) {
    const end = html.indexOf('-->', at + 4);
    if (end < 0) return html.slice(0, at);
    at = end + 3;
  }
  return html;
}

function renderText(root: HTMLElement): string {
  const out = new TextSink();
  renderChildren(root, out);
  const body = out.finish();
  const titleElement = firstElement(root, 'title');
  const title = titleElement ? cellText(titleElement) : '';
  if (title !== '' && !body.includes(title)) return `${title}\n\n${body}`;
  return body;
}

/** `<meta>` names under which sites state a page's publication date. */
const DATE_META = /^(?:pubdate|publishdate|publish_date|publishtime|publish_time|firstpublishedtime|releasedate|article:published_time|dc\.date(?:\.issued)?)$/i;
/** Elements a site prints the publication date in: <publishtime>, class="article_time", id="pubdate" … */
const DATE_CLASS = /(?:^|[\s_-])(?:pub|publish|release|article|info|news|post|fb)?[_-]?(?:time|date|sj)(?:$|[\s_-])/i;
const SECTION_START = /^\s*[一二三四五六七]\s*[、.．]/;
/** A label before the date in such an element: 时间：, 发布时间：, 日期： … */
const DATE_LABEL_PREFIX = /^(?:发布时间|发布日期|公开日期|更新时间|更新日期|时间|日期)?\s*[:：]?\s*/;

/**
 * The publication date a page states in its markup: a `<meta name="PubDate">`, a `<publishtime>`,
 * or a short element whose class or id names a time or date and whose text is only a date
 * (with its label: "时间：2025-03-10 15:35"), before the report's first section heading: dates of
 * the report's own text are never read here.
 */
function markupDate(root: HTMLElement): string | null {
  const stack: Node[] = [];
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    // The report's first section heading: what follows is the report's own text.
    if (node.nodeType === NodeType.TEXT_NODE && SECTION_START.test((node as TextNode).text)) return null;
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    const date =
      tag === 'meta'
        ? DATE_META.test(node.getAttribute('name') ?? node.getAttribute('property') ?? '')
          ? pageDate(node.getAttribute('content') ?? '')
          : null
        : tag === 'publishtime' || DATE_CLASS.test(`${node.getAttribute('class') ?? ''} ${node.getAttribute('id') ?? ''}`)
          ? pageDate(cellText(node))
          : null;
    if (date) return date;
    if (tag === 'head' || !SKIPPED.has(tag)) pushChildren(stack, node.childNodes);
  }
  return null;
}

/** "时间：2025-03-10 15:35", "2025年3月10日", "2025-03-10T15:35:00+08:00" → YYYY-MM-DD; else null. */
function pageDate(text: string): string | null {
  const t = text.replace(DATE_LABEL_PREFIX, '').trim();
  if (t.length > 40) return null;
  const m = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m) return null;
  return isoDate(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}

/** Collects inline text into lines; blocks and tables break lines. */
class TextSink {
  private lines: string[] = [];
  private current = '';

  inline(text: string): void {
    this.current += text;
  }

  breakLine(): void {
    const line = collapse(this.current);
    if (line !== '') this.lines.push(line);
    this.current = '';
  }

  blankLine(): void {
    this.breakLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  rows(rows: string[]): void {
    this.blankLine();
    for (const row of rows) this.lines.push(row);
    this.lines.push('');
  }

  finish(): string {
    this.breakLine();
    while (this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.join('\n') + '\n';
  }
}

function isElement(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE;
}

function tagOf(node: HTMLElement): string {
  return (node.rawTagName ?? '').toLowerCase();
}

/**
 * What to do when a walk leaves an element: pages nest elements thousands deep (a table in a
 * cell of a table …), so every walk over the markup keeps its own stack instead of recursing,
 * and a leave step stands for the work after an element's children.
 */
interface Leave {
  leave: () => void;
}

/** Pushes `children` so that popping visits them in document order. */
function pushChildren(stack: (Node | Leave)[], children: readonly Node[]): void {
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}

/**
 * Visits the text and elements under `root` in document order, with its own stack. `enter` tells
 * what to do with an element: `false` skips its children, a function runs after them.
 */
function walk(root: HTMLElement, onText: (text: string) => void, enter: (el: HTMLElement) => boolean | (() => void)): void {
  const stack: (Node | Leave)[] = [];
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node | Leave;
    if ('leave' in node) {
      node.leave();
      continue;
    }
    if (node.nodeType === NodeType.TEXT_NODE) {
      onText((node as TextNode).text);
      continue;
    }
    if (!isElement(node)) continue; // comments
    const step = enter(node);
    if (step === false) continue;
    if (typeof step === 'function') stack.push({ leave: step });
    pushChildren(stack, node.childNodes);
  }
}

function renderChildren(root: HTMLElement, out: TextSink): void {
  const breakLine = () => out.breakLine();
  const space = () => out.inline(' ');
  walk(root, (text) => out.inline(text), (node) => {
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) return false;
    if (tag === 'br') {
      out.breakLine();
      return false;
    }
    if (tag === 'table') {
      out.rows(tableRows(node).map((row) => row.filter((c) => c !== COVERED).join('\t')));
      return false;
    }
    if (tag === 'td' || tag === 'th') {
      // A cell outside any table (broken markup): keep its text apart from its neighbours.
      space();
      return space;
    }
    if (BLOCKS.has(tag)) {
      breakLine();
      return breakLine;
    }
    return true;
  });
}

/** The first element named `tag` in document order, or null. */
function firstElement(root: HTMLElement, tag: string): HTMLElement | null {
  const stack: Node[] = [];
  pushChildren(stack, root.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!isElement(node)) continue;
    if (tagOf(node) === tag) return node;
    pushChildren(stack, node.childNodes);
  }
  return null;
}

/** Whitespace runs (including &nbsp;, tabs and the ideographic space) → one space, trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A grid position covered by a cell spanning rows or columns: no cell of its own. */
export const COVERED = '\u0000covered';

/**
 * A table as its grid: one array per grid row, rowspan/colspan resolved. A cell spanning several
 * positions puts its text in the first (top-left) one and marks the covered ones `COVERED`, so a
 * label spanning rows is not repeated, no value is duplicated, and a covered position is never
 * mistaken for a blank cell. In the text, covered positions are left out: each line holds the
 * row's own cells. All rows have the same width; an empty `<td>` is an empty string.
 * A table whose spans would fill more than `MAX_GRID_POSITIONS` (only a hostile page asks for
 * that) is read row by row, each row its own cells, spans ignored.
 */
function tableRows(table: HTMLElement): string[][] {
  const trs = ownRows(table);
  return spannedGrid(trs) ?? trs.map((tr) => ownCells(tr).map(cellText));
}

/** Grid positions one table may fill: a report's table has a few hundred; this is thousands of them. */
const MAX_GRID_POSITIONS = 1_000_000;

function spannedGrid(trs: HTMLElement[]): string[][] | null {
  const grid: (string | undefined)[][] = trs.map(() => []);
  let filled = 0;
  for (let r = 0; r < trs.length; r++) {
    let c = 0;
    for (const cell of ownCells(trs[r])) {
      while (grid[r][c] !== undefined) c++;
      const rowSpan = span(cell.getAttribute('rowspan'), trs.length - r);
      const colSpan = span(cell.getAttribute('colspan'), 1000);
      filled += rowSpan * colSpan;
      if (filled > MAX_GRID_POSITIONS) return null;
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          const row = grid[r + dr];
          if (row[c + dc] === undefined) row[c + dc] = dr === 0 && dc === 0 ? cellText(cell) : COVERED;
        }
      }
      c += colSpan;
    }
  }
  let width = 0;
  for (const row of grid) width = Math.max(width, row.length);
  if (width * grid.length > MAX_GRID_POSITIONS) return null;
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

/** The `<td>`/`<th>` children of a row. */
function ownCells(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes.filter((cell): cell is HTMLElement => isElement(cell) && (tagOf(cell) === 'td' || tagOf(cell) === 'th'));
}

/** A rowspan/colspan attribute as a count ≥ 1; 0 ("to the end") and overlong spans are capped. */
function span(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return Math.max(1, max);
  return Math.max(1, Math.min(n, max));
}

/** The `<tr>`s of this table (in thead/tbody/tfoot too), not those of tables nested in its cells. */
function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const stack: Node[] = [];
  pushChildren(stack, table.childNodes);
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    if (tag === 'tr') rows.push(node);
    else if (tag !== 'table' && tag !== 'td' && tag !== 'th') pushChildren(stack, node.childNodes);
  }
  return rows;
}

/** A cell's text on one line: blocks inside it and all whitespace become single spaces. */
function cellText(cell: HTMLElement): string {
  const parts: string[] = [];
  const space = () => parts.push(' ');
  walk(cell, (text) => parts.push(text), (node) => {
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) return false;
    if (tag === 'br' || BLOCKS.has(tag) || tag === 'td' || tag === 'th') {
      space();
      return space;
    }
    return true;
  });
  return collapse(parts.join(''));
}
