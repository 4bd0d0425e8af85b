import { spaced } from './labels.js';
import type { Section } from './report.js';

/**
 * The six sections of the template, found by what their headings say rather than by one way of
 * numbering them. Reports number their sections "一、", "（一）", "1.", "第一部分", mark them up
 * ("## …", "**…**"), print a bare title, break a title over two lines, renumber (seed 004 has two
 * "二、"), drop a heading (PDF extracts), or run the whole report into one line (crawled pages).
 * The numbering style most of the headings share is the report's own; a heading of another style
 * is taken only where the report's own style left a gap, so subsections ("（一）主动公开政府信息
 * 情况" under 一、总体情况) are not mistaken for sections.
 */
const SECTION_TITLES: ReadonlyArray<{ no: number; title: RegExp }> = [
  { no: 1, title: /总体情况|总体概况/ },
  { no: 2, title: /主动公开政府信息(?:情况)?/ },
  { no: 3, title: /收到和处理政府信息公开申请(?:情况)?/ },
  {
    no: 4,
    title: /(?:因?政府信息公开(?:工作)?(?:被申请|被提起)?)?(?:被申请)?行政法?复议[^\n。]{0,8}?(?:行政)?诉讼[^\n。]{0,4}?情况|因政府信息公开申请(?:提起)?行政复议[^\n。]{0,12}?情况/,
  },
  { no: 5, title: /(?:政府信息公开工作)?存在的?主要问题(?:及|和|与)?(?:改进|整改)(?:情况|措施)|存在的?(?:主要)?问题(?:及|和|与)(?:改进|整改)(?:情况|措施)?/ },
  { no: 6, title: /其他需要报告的?事项/ },
].map(({ no, title }) => ({ no, title: new RegExp(spaced(title.source), 'y') }));

/** How a heading is numbered. `bare` is a title alone on its line, with no number. */
type Style = 'cn' | 'cn-paren' | 'arabic' | 'arabic-paren' | 'part' | 'bare';

/** Styles in the order a tie is decided: the template's own "一、" first. */
const STYLE_RANK: readonly Style[] = ['cn', 'part', 'cn-paren', 'arabic', 'arabic-paren', 'bare'];

const CN_DIGITS = '一二三四五六七';

/**
 * A section number in any style, with the markup that may stand around it. Groups: 1 "一、",
 * 2 "（一）", 3 "1.", 4 "（1）", 5 "第一部分".
 */
const NUMBERING = new RegExp(
  [
    `(?<![第])([${CN_DIGITS}])[ \\t　]*[、.．]`,
    `[（(][ \\t　]*([${CN_DIGITS}])[ \\t　]*[)）]`,
    `(?<![\\d.．])([1-7])[ \\t　]*(?:[、．]|\\.(?!\\d))`,
    `[（(][ \\t　]*([1-7])[ \\t　]*[)）]`,
    `第[ \\t　]*([${CN_DIGITS}])[ \\t　]*(?:部[ \\t　]*分|章|节)[ \\t　:：、.．]*`,
  ].join('|'),
  'g',
);

/** Markup around a heading: markdown emphasis and headers, brackets, spaces. */
const MARKUP = /[ \t　#*【〔\[]*/y;

interface Heading {
  no: number;
  start: number;
  /** End of the heading: end of its line when the line is short, else end of the title words. */
  end: number;
  title: string;
  style: Style;
  /** The number printed, when the style has one (seed 004's second "二、" is section 3). */
  printed: number | null;
  /** Whether the heading starts its line (crawled text runs headings into sentences). */
  atLineStart: boolean;
}

function styleOf(m: RegExpExecArray): { style: Style; printed: number } {
  const cn = (c: string) => CN_DIGITS.indexOf(c) + 1;
  if (m[1]) return { style: 'cn', printed: cn(m[1]) };
  if (m[2]) return { style: 'cn-paren', printed: cn(m[2]) };
  if (m[3]) return { style: 'arabic', printed: Number(m[3]) };
  if (m[4]) return { style: 'arabic-paren', printed: Number(m[4]) };
  return { style: 'part', printed: cn(m[5]) };
}

/** Where each line starts, to find a position's line without scanning a long line again. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  private lineOf(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  startOf(at: number): number {
    return this.starts[this.lineOf(at)];
  }

  endOf(at: number): number {
    const next = this.starts[this.lineOf(at) + 1];
    return next === undefined ? this.text.length : next - 1;
  }
}

/** The section title standing at `at` (after markup), if any: which section and where it ends. */
function titleAt(text: string, at: number): { no: number; end: number } | null {
  MARKUP.lastIndex = at;
  const from = MARKUP.exec(text) ? MARKUP.lastIndex : at;
  for (const s of SECTION_TITLES) {
    s.title.lastIndex = from;
    const t = s.title.exec(text);
    // The title's own words end it, not the blanks and line break the pattern lets follow them.
    if (t) return { no: s.no, end: from + t[0].replace(/[\s\u3000]+$/, '').length };
  }
  return null;
}

/** The heading's end: the end of its line when little follows the title there, else the title's. */
function headingEnd(lines: LineIndex, titleEnd: number): number {
  const lineEnd = lines.endOf(titleEnd);
  return lineEnd - titleEnd <= 8 ? lineEnd : titleEnd;
}

function onlyMarkupBefore(text: string, lineStart: number, at: number): boolean {
  for (let i = at - 1; i >= lineStart; i--) if (!' \t　#*【〔['.includes(text[i])) return false;
  return true;
}

function candidates(text: string): Heading[] {
  const lines = new LineIndex(text);
  const found: Heading[] = [];
  const add = (start: number, titleStart: number, style: Style, printed: number | null) => {
    const t = titleAt(text, titleStart);
    if (!t) return;
    const end = headingEnd(lines, t.end);
    const atLineStart = onlyMarkupBefore(text, lines.startOf(start), start);
    const title = text.slice(start, end).replace(/[#*\s]+/g, (s) => (/\s/.test(s) && !/\n/.test(s) ? ' ' : '')).trim();
    found.push({ no: t.no, start, end, title, style, printed, atLineStart });
  };
  for (const m of text.matchAll(NUMBERING)) {
    const { style, printed } = styleOf(m);
    add(m.index, m.index + m[0].length, style, printed);
  }
  // Bare titles: a line that is nothing but a section title (and markup).
  for (const m of text.matchAll(/^[ \t　#*【〔[]*(?=[\u4e00-\u9fff])/gm)) {
    const at = m.index + m[0].length;
    const lineEnd = lines.endOf(at);
    if (lineEnd - at > 40) continue;
    const t = titleAt(text, at);
    if (!t || lines.endOf(t.end) - t.end > 4) continue;
    add(m.index, at, 'bare', null);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The headings of one style in template order, each the first after the previous one. */
function inOrder(all: readonly Heading[]): Heading[] {
  const chosen: Heading[] = [];
  let pos = 0;
  for (const { no } of SECTION_TITLES) {
    const h = all.find((c) => c.no === no && c.start >= pos);
    if (h) {
      chosen.push(h);
      pos = h.end;
    }
  }
  return chosen;
}

/** How well one style's headings outline the report: sections found, then numbers that fit. */
function score(headings: readonly Heading[]): number {
  const fitting = headings.filter((h) => h.printed === null || h.printed === h.no || h.printed === h.no - 1).length;
  const lineStarts = headings.filter((h) => h.atLineStart).length;
  return headings.length * 100 + fitting * 10 + lineStarts;
}

/**
 * Fills the sections the report's own style did not find with headings of other styles, each
 * between its neighbours; of several, the last before the next section (a subsection of the
 * same words stands earlier, inside the section before).
 */
function fillGaps(chosen: Heading[], all: readonly Heading[]): Heading[] {
  const out = [...chosen];
  for (let k = SECTION_TITLES.length - 1; k >= 0; k--) {
    const no = SECTION_TITLES[k].no;
    if (out.some((h) => h.no === no)) continue;
    const before = out.filter((h) => h.no < no).pop();
    const after = out.find((h) => h.no > no);
    const lo = before?.end ?? 0;
    const hi = after?.start ?? Number.POSITIVE_INFINITY;
    const fits = all.filter((c) => c.no === no && c.start >= lo && c.end <= hi);
    const pick = fits.filter((c) => c.atLineStart).pop() ?? fits.pop();
    if (pick) {
      out.push(pick);
      out.sort((a, b) => a.no - b.no);
    }
  }
  return out;
}

function findHeadings(text: string): Heading[] {
  const all = candidates(text);
  let best: Heading[] = [];
  let bestScore = -1;
  for (const style of STYLE_RANK) {
    const headings = inOrder(all.filter((c) => c.style === style));
    const s = score(headings);
    if (s > bestScore) {
      best = headings;
      bestScore = s;
    }
  }
  return fillGaps(best, all);
}

/** Cuts the normalized text into the preamble (no 0) and the sections found. */
export function outline(text: string): Section[] {
  const headings = findHeadings(text);
  const sections: Section[] = [];
  const firstStart = headings[0]?.start ?? text.length;
  sections.push({ no: 0, title: '', text: text.slice(0, firstStart), start: 0, end: firstStart });
  headings.forEach((h, i) => {
    const end = headings[i + 1]?.start ?? text.length;
    sections.push({ no: h.no, title: h.title, text: text.slice(h.end, end), start: h.end, end });
  });
  return sections;
}

export const SECTION_NAMES: Record<number, string> = {
  0: '标题与前言',
  1: '一、总体情况',
  2: '二、主动公开政府信息情况',
  3: '三、收到和处理政府信息公开申请情况',
  4: '四、政府信息公开行政复议、行政诉讼情况',
  5: '五、存在的主要问题及改进情况',
  6: '六、其他需要报告的事项',
};
