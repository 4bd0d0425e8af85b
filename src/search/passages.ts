import type { TableNo } from '../facts/metrics.js';
import type { Report } from '../ingest/report.js';
import { rowPassages, type RowSource } from './row-passages.js';

/**
 * Cuts a report into passages a person would want to read as an answer: the title, the
 * paragraphs of each section (a short heading such as "（三）强化重点信息公开" goes with the paragraph
 * it heads), long paragraphs split at sentence ends. Table rows (lines with tabs) are not cut
 * from the text: they become passages of their own from the report's table facts (row-passages.ts).
 */
export interface PassageDraft {
  sectionNo: number;
  sectionTitle: string;
  /** What a person reads: the span with hard line-wraps joined. */
  text: string;
  /** Character offsets of the span in `report.text`. */
  start: number;
  end: number;
  /**
   * Words indexed with the passage but not shown: the heading of the paragraph it was split from,
   * so the second half of "（三）强化重点信息公开 …" still answers 重点信息公开.
   */
  context: string;
  /** For a table row, its table (the row passages of row-passages.ts); absent for prose. */
  table?: TableNo;
}

/**
 * What is segmented and indexed for a passage: the section title and the heading it was split
 * from (when its text does not start with it) go with its words, so 存在的主要问题 finds the
 * paragraphs under that title.
 */
export function indexedText(draft: PassageDraft): string {
  // A row's context is its table's name, which says what its section title says.
  if (draft.table) return [draft.context, draft.text].join('\n');
  const heading = draft.context !== '' && !draft.text.startsWith(draft.context) ? draft.context : '';
  return [draft.sectionTitle, heading, draft.text].join('\n');
}

/** The texts the index segments for a report, one a passage (the benchmark's yardstick cuts the same). */
export function passageTexts(report: Report): string[] {
  return reportPassages(report).map(indexedText);
}

/**
 * Every passage of a report: the prose cut from its text and one passage per table row, in
 * section order (a section's rows after its prose).
 */
export function reportPassages(report: RowSource): PassageDraft[] {
  const rows = rowPassages(report);
  // Where the rows are read, what is left of a table laid out with spaces (PDF, glued cells:
  // "行政许可      447228") is no sentence to show: the row says it whole.
  const prose = rows.length === 0 ? cutPassages(report) : cutPassages(report).filter((p) => !isTableLeftover(p));
  const all = [...prose, ...rows];
  return all.map((p, i) => ({ p, i })).sort((a, b) => a.p.sectionNo - b.p.sectionNo || a.i - b.i).map(({ p }) => p);
}

/** A passage of a table section (二 … 四) without a sentence in it. */
function isTableLeftover(p: PassageDraft): boolean {
  return p.sectionNo >= 2 && p.sectionNo <= 4 && !/[。！？；]/.test(p.text);
}

/** Passages longer than this are split at sentence ends (a single long sentence stays whole). */
export const MAX_PASSAGE_CHARS = 220;

export function cutPassages(report: Pick<Report, 'sections'>): PassageDraft[] {
  const out: PassageDraft[] = [];
  for (const section of report.sections) {
    const lines = readLines(section.text, section.start);
    const paragraphs = joinWrappedLines(lines);
    const kept = section.no >= 2 && section.no <= 4 ? paragraphs.filter(isProse) : paragraphs;
    for (const block of attachHeadings(kept, section.no === 0)) {
      for (const piece of splitLong(block.body)) {
        out.push({
          sectionNo: section.no,
          sectionTitle: section.title,
          text: piece.text,
          start: piece.offsets[0],
          end: piece.offsets[piece.text.length - 1] + 1,
          context: block.heading,
        });
      }
    }
  }
  return out;
}

/** Text with the report offset of each of its characters. */
interface Span {
  text: string;
  offsets: number[];
}

interface Line extends Span {
  /** A table row sat between this line and the previous text line. */
  afterTable: boolean;
}

function readLines(text: string, base: number): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  let afterTable = false;
  for (const raw of text.split('\n')) {
    const at = pos;
    pos += raw.length + 1;
    if (raw.includes('\t')) {
      afterTable = true;
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === '') continue;
    lines.push({ text: body, offsets: range(base + at + lead, body.length), afterTable });
    afterTable = false;
  }
  return lines;
}

const SENTENCE_END = /[。！？!?；;…]["”’」』）)]*$/;
const CONTINUES = /[，,、：:（(“《]$/;
const HEADING_START =
  /^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、.．](?!\d)|第[一二三四五六七八九十]+[条项部分章])/;

/**
 * PDF and Word exports break lines mid-sentence ("…教育信息事" / "项向社会公开"). A line runs on into
 * the next when it ends with a comma, or when it is prose (holds a sentence end, or is long)
 * without ending a sentence, and the next line does not start a heading.
 */
function joinWrappedLines(lines: Line[]): Span[] {
  const out: Span[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && !line.afterTable && runsOn(prev.text) && !HEADING_START.test(line.text)) {
      prev.text += line.text;
      prev.offsets.push(...line.offsets);
    } else {
      out.push({ text: line.text, offsets: [...line.offsets] });
    }
  }
  return out;
}

function runsOn(text: string): boolean {
  if (SENTENCE_END.test(text)) return false;
  if (CONTINUES.test(text)) return true;
  return text.length >= 40 || /[。！？；]/.test(text);
}

/** In the table sections, keep only sentences: "制作数量" left over from a broken table is not one. */
function isProse(p: Span): boolean {
  return /[。！？；]/.test(p.text) || p.text.length >= 20;
}

function isHeading(p: Span): boolean {
  return p.text.length < 30 && !SENTENCE_END.test(p.text) && !CONTINUES.test(p.text);
}

interface Block {
  heading: string;
  body: Span;
}

/**
 * A heading line goes with the paragraph after it, and stays the context of the paragraphs that
 * follow until the next heading ("（一）存在的主要问题" / "1. …" / "2. …"). In the preamble, the
 * leading short lines are the report's title (and date): one passage of their own.
 */
function attachHeadings(paragraphs: Span[], isPreamble: boolean): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  if (isPreamble) {
    const title: Span[] = [];
    while (i < paragraphs.length && isHeading(paragraphs[i])) title.push(paragraphs[i++]);
    if (title.length > 0) blocks.push({ heading: '', body: concat(title, ' ') });
  }
  let pending: Span[] = [];
  let context = '';
  for (; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (isHeading(p) && i + 1 < paragraphs.length) {
      pending.push(p);
      continue;
    }
    if (pending.length > 0) context = pending.map((h) => h.text).join(' ');
    blocks.push({ heading: context, body: pending.length > 0 ? concat([...pending, p], '\n') : p });
    pending = [];
  }
  return blocks;
}

function concat(spans: Span[], separator: string): Span {
  const out: Span = { text: '', offsets: [] };
  spans.forEach((s, i) => {
    if (i > 0) {
      out.text += separator;
      out.offsets.push(...Array<number>(separator.length).fill(out.offsets[out.offsets.length - 1] + 1));
    }
    out.text += s.text;
    out.offsets.push(...s.offsets);
  });
  return out;
}

/** Sentences of a span, each keeping its closing quote: "…公开。" / "”" stays with its sentence. */
function sentences(span: Span): Span[] {
  const out: Span[] = [];
  const re = /[^。！？!?；;\n]*(?:[。！？!?；;]+["”’」』）)]*|\n|$)/g;
  for (const m of span.text.matchAll(re)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    out.push({ text: m[0], offsets: span.offsets.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

function splitLong(span: Span): Span[] {
  if (span.text.length <= MAX_PASSAGE_CHARS) return [span];
  const pieces: Span[] = [];
  let current: Span = { text: '', offsets: [] };
  for (const s of sentences(span)) {
    if (current.text.length > 0 && current.text.length + s.text.length > MAX_PASSAGE_CHARS) {
      pieces.push(trimSpan(current));
      current = { text: '', offsets: [] };
    }
    current.text += s.text;
    current.offsets.push(...s.offsets);
  }
  if (current.text.trim() !== '') pieces.push(trimSpan(current));
  return pieces.filter((p) => p.text !== '');
}

function trimSpan(span: Span): Span {
  const lead = span.text.length - span.text.trimStart().length;
  const text = span.text.trim();
  return { text, offsets: span.offsets.slice(lead, lead + text.length) };
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}
