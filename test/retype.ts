/**
 * Retyping a generated report as offices type and export theirs, without changing a figure:
 * spaces (ASCII, full-width U+3000, NBSP) added inside labels and headings or dropped, blanks
 * around cells, full-width digits, thousands separators, （）or (), ：or :, ．or ., "1." or "1、",
 * long labels wrapped before their figures, sections numbered another way. `retype` gives the
 * hooks `generateReport` takes; the typography test reads reports so retyped.
 *
 * Left alone, because real reports do not do it or it would make the table ambiguous:
 * - a tab between cells: tab rows tell cells apart by tabs alone, so none becomes spaces, and no
 *   space is added to a blank last cell (it would read as a trailing tab and one cell more);
 * - spaces inside a figure ("1 234"), and the full-width comma as a thousands separator
 *   ("1，234"): a reader cannot tell them from two figures;
 * - a line starting with a closing bracket or stop, or ending with an opening one: Word's line
 *   breaking for Chinese (避头尾) moves the character over, so no wrap leaves "）" alone;
 * - wrapped labels in markdown: a pipe row is one line;
 * - sections of reports the generator already numbered otherwise than "一、": their number is
 *   not rewritten again (they already vary).
 */
import { restyleSections, SECTION_STYLES } from '../src/ingest/__fixtures__/section-styles.js';
import { Rng, type Retype } from './bench/generator/index.js';

export const TEXT_LAYOUTS = ['tsv', 'tsv-broken', 'cells', 'markdown', 'word-export', 'html'] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

/** Which kinds of retyping one report gets. */
export interface Typography {
  /** Spaces, full-width spaces (U+3000) and NBSP added between the characters of labels, and spaces dropped. */
  labelSpaces: boolean;
  /** Blanks around a cell's text, next to its tab or pipe (never replacing a tab). */
  padding: boolean;
  /** ０１２… (with －, ．) in cells, whole cells at a time. */
  fullWidthDigits: boolean;
  /** Figures of four digits or more with thousands separators (1,234), as spreadsheets print them. */
  thousands: boolean;
  /** （）or (), ：or :, ．or ., ／or / inside table text. */
  punctuation: boolean;
  /** A long label wrapped over two lines before its row's figures, as Word exports do. */
  wrapLabels: boolean;
  /** Section headings renumbered in one of the outline test's styles (`SECTION_STYLES`). */
  sections: string | null;
  /** Percent chance of each place (cell, character gap, label) being changed. */
  rate: number;
  /** Seed of the places changed. */
  seed: number;
}

const SPACES = [' ', ' ', ' ', '  ', '\u3000', '\u00A0'] as const;
/** Printed values that are words, not labels: the template's "not applicable" marks. */
const NOT_APPLICABLE = /^(?:\/|／|—|不涉及)$/;
const FIGURE = /^-?\d+(?:\.\d+)?(?:万?元)?$/;
const CJK = /[\u4e00-\u9fff]/;

type Role = 'label' | 'value' | 'blank';

/** What a printed cell is; `words` are the words the report prints in value cells ("详见附件"). */
function roleOf(cell: string, words: ReadonlySet<string>): Role {
  const t = cell.trim();
  if (t === '') return 'blank';
  if (FIGURE.test(t) || NOT_APPLICABLE.test(t) || words.has(t)) return 'value';
  return CJK.test(t) ? 'label' : 'value';
}

/** Retypes the pieces of one report; one instance per report, drawing from its own stream. */
class Typist {
  private readonly rng: Rng;
  private readonly p: number;

  constructor(
    private readonly t: Typography,
    readonly layout: TextLayout,
    private readonly words: ReadonlySet<string>,
  ) {
    this.rng = new Rng(t.seed);
    this.p = t.rate / 100;
  }

  roleOf(cell: string): Role {
    return roleOf(cell, this.words);
  }

  private chance(): boolean {
    return this.rng.chance(this.p);
  }

  /** A space as the layout prints it; `markup`: in a web page, maybe as an entity. */
  private space(markup = true): string {
    const s = this.rng.pick(SPACES);
    if (this.layout !== 'html' || !markup || s === ' ' || s === '  ') return s;
    return s === '\u00A0' ? '&nbsp;' : this.rng.pick(['\u3000', '&#12288;']);
  }

  /** Blanks beside a cell's text: where the layout's cells are not told apart by tabs, a tab too. */
  private pad(): string {
    if (this.layout === 'markdown' && this.rng.chance(0.3)) return this.rng.pick(['\t', ' \t']);
    // A web page's markup indents cells as it likes: line breaks and tabs between tags are blanks.
    if (this.layout === 'html' && this.rng.chance(0.3)) return this.rng.pick(['\t', '\n\t\t']);
    return this.space();
  }

  /**
   * Spaces added between characters (never inside a figure like "12" or "1.5"; only between
   * Chinese characters where `within` says so), some dropped.
   */
  private respace(text: string, within: RegExp = /^(?![\d.．]{2}$)[^ \n][^ \n]$/, markup = true): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const next = text[i + 1];
      if (c === ' ' && i > 0 && next !== undefined && next !== ' ' && this.chance()) continue;
      out += c;
      if (next !== undefined && within.test(c + next) && this.rng.chance(this.p / 3)) out += this.space(markup);
    }
    return out;
  }

  private fullWidth(text: string): string {
    return text
      .replace(/(?<=\d)\.(?=\d)/g, '．')
      .replace(/-(?=\d)/g, '－')
      .replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  }

  private static readonly OTHER_FORM: Record<string, string> = { '（': '(', '(': '（', '）': ')', ')': '）', '：': ':', ':': '：', '．': '.', '.': '．', '／': '/', '/': '／' };

  private repunctuate(text: string, role: Role): string {
    // A row's number ("1.", "一、") may stand with any of the three marks; a figure's point may not.
    const numbered = /^(\s*(?:\d+|[一二三四五六七八]))[.．、](?=\D)/;
    if (role === 'label' && numbered.test(text) && this.chance()) text = text.replace(numbered, (_, n: string) => `${n}${this.rng.pick(['.', '．', '、'])}`);
    return text.replace(/[（()）：:．./／]/g, (c) => (this.chance() ? Typist.OTHER_FORM[c] : c));
  }

  /** One cell's text, its blanks kept apart so that padding goes outside the retyped text. */
  cell(text: string, role: Role, opts: { lastInRow?: boolean } = {}): string {
    if (role === 'blank') {
      // A blank last cell with a space would look like a trailing tab plus a cell: left as is.
      if (!this.t.padding || opts.lastInRow || !this.rng.chance(this.p / 2)) return text;
      return this.space();
    }
    let lead = /^\s*/.exec(text)?.[0] ?? '';
    let trail = /\s*$/.exec(text)?.[0] ?? '';
    let core = text.slice(lead.length, text.length - trail.length);
    if (this.t.padding && this.chance()) [lead, trail] = ['', ''];
    if (this.t.fullWidthDigits && /\d/.test(core) && this.chance()) core = this.fullWidth(core);
    else if (this.t.thousands && role === 'value' && this.chance()) core = core.replace(/^-?\d{4,}/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
    if (this.t.punctuation) core = this.repunctuate(core, role);
    // Last: in a web page a space may be an entity ("&#12288;"), whose digits stay as they are.
    if (role === 'label' && this.t.labelSpaces) core = this.respace(core);
    if (this.t.padding) {
      if (this.chance()) core = this.pad() + core;
      if (this.chance()) core += this.pad();
    }
    return lead + core + trail;
  }

  /** The lines a long label wraps to in a cell of the width drawn, or null when it is not wrapped. */
  wrap(label: string): string[] | null {
    if (!this.t.wrapLabels) return null;
    const width = 6 + (this.rng.uint() % 8);
    const text = label.trim();
    if (text.length <= width || !this.chance()) return null;
    return wrapLines(text, width);
  }

  either<T>(a: T, b: T): T {
    return this.rng.chance(0.5) ? a : b;
  }

  /** A section heading renumbered; with label spaces, spaced between its Chinese characters too. */
  heading(text: string): string {
    const style = this.t.sections === null ? undefined : SECTION_STYLES[this.t.sections];
    const restyled = style ? restyleSections(text, style) : text;
    // The document escapes a heading's text: its spaces are characters, not entities.
    return this.t.labelSpaces ? this.respace(restyled, /^[\u4e00-\u9fff]{2}$/, false) : restyled;
  }
}

/** No line starts with these (Word's line breaking rules for Chinese, 避头尾)… */
const NOT_AT_LINE_START = /^[）)」』”’，。、：；！？%]/;
/** …and none ends with these. */
const NOT_AT_LINE_END = /[（(「『“‘]$/;

/** `text` broken into lines of at most `width` characters, as Word breaks a cell's text. */
function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let at = width;
    while (at > 1 && (NOT_AT_LINE_START.test(rest.slice(at)) || NOT_AT_LINE_END.test(rest.slice(0, at)))) at--;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  return [...lines, rest];
}

/** A tab row (tsv, Word export): cells retyped; a long label before the figures maybe wrapped. */
function retypeTabRow(line: string, typist: Typist): string {
  const cells = line.split('\t');
  const roles = cells.map((c) => typist.roleOf(c));
  const firstValue = roles.findIndex((r) => r === 'value');
  const labelAt = firstValue > 0 ? roles.lastIndexOf('label', firstValue) : -1;
  const out = cells.map((c, i) => typist.cell(c, roles[i], { lastInRow: i === cells.length - 1 }));
  const lines = labelAt >= 0 ? typist.wrap(out[labelAt]) : null;
  if (!lines) return out.join('\t');
  // Two lines: the label's first line, then the rest of it before the row's figures.
  const [first, ...rest] = lines;
  return `${[...out.slice(0, labelAt), first].join('\t')}\n${[rest.join(''), ...out.slice(labelAt + 1)].join('\t')}`;
}

/** One cell a line (Word export of seed 003): the cell after the tab; continuation lines as labels. */
function retypeCellLine(line: string, typist: Typist): string {
  if (!line.startsWith('\t')) return line.trim() === '' ? line : typist.cell(line, 'label');
  const text = line.slice(1);
  const role = typist.roleOf(text);
  // Word wraps a cell to its width: every line after the first stands without the tab.
  const lines = role === 'label' ? typist.wrap(typist.cell(text, role)) : null;
  if (lines) return `\t${lines.join('\n')}`;
  return `\t${typist.cell(text, role)}`;
}

/**
 * A markdown table: cells between pipes retyped, padding free (a tab or spaces or nothing). A
 * row is one line, so labels are not wrapped. "###" lines and notes are retyped as labels.
 */
function retypeMarkdownLine(line: string, typist: Typist): string {
  const t = line.trim();
  if (t.startsWith('|') && !/^\|[\s|:-]*$/.test(t)) {
    const inner = t.slice(1, t.endsWith('|') ? -1 : undefined).split('|');
    return `|${inner.map((c) => typist.cell(c, typist.roleOf(c))).join('|')}|`;
  }
  if (t.startsWith('### ')) return `### ${typist.cell(t.slice(4), 'label')}`;
  // Separator rows ("| --- |") stay; a note above a table is retyped like a label.
  return t === '' || t.startsWith('|') ? line : typist.cell(line, typist.roleOf(line));
}

/** An HTML table: the text of each cell retyped; a long label wrapped by <br> or a second <p>. */
function retypeHtmlTable(html: string, typist: Typist): string {
  return html.replace(/(<t[dh][^>]*>)([^]*?)(<\/t[dh]>)/g, (_, open: string, inner: string, close: string) => {
    const text = inner.replace(/<[^>]*>/g, '');
    const role = text === '&nbsp;' ? 'blank' : typist.roleOf(text);
    if (role === 'label' && !inner.includes('</p><p>')) {
      const lines = typist.wrap(text);
      if (lines) return `${open}<p>${lines[0]}${typist.either('<br>', '</p><p>')}${lines.slice(1).join('')}</p>${close}`;
    }
    return open + inner.replace(/(^|>)([^<>]+)(?=<|$)/g, (_m, gt: string, t: string) => gt + (t === '&nbsp;' ? t : typist.cell(t, typist.roleOf(t)))) + close;
  });
}

function retypeTable(text: string, layout: TextLayout, typist: Typist): string {
  if (layout === 'html') return retypeHtmlTable(text, typist);
  const lines = text.split('\n');
  switch (layout) {
    case 'markdown':
      return lines.map((l) => retypeMarkdownLine(l, typist)).join('\n');
    case 'cells':
      return lines.map((l) => retypeCellLine(l, typist)).join('\n');
    default:
      // Lines without a tab are titles ("第二十条第（一）项"), page footers or the rest of a label.
      return lines.map((l) => (l.includes('\t') ? retypeTabRow(l, typist) : /^[\s—\d]*$/.test(l) ? l : typist.cell(l, 'label'))).join('\n');
  }
}

/**
 * The hooks that retype one report in `layout`. `valueWords`: words the report prints in value
 * cells ("详见附件", from its gold), which are figures' places, not labels.
 */
export function retype(t: Typography, layout: TextLayout, valueWords: Iterable<string> = []): Retype {
  const typist = new Typist(t, layout, new Set(valueWords));
  return {
    table: (text) => retypeTable(text, layout, typist),
    heading: (text) => typist.heading(text),
  };
}
