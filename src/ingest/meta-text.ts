/**
 * The parts of a report's text its metadata is printed in: the first lines (title, crawler
 * header), the last lines (sign-off) and enough of the body to settle ambiguous place names.
 * A report in traditional characters is read through a simplified copy of those parts.
 */
import { createRequire } from 'node:module';

const HEAD_CHARS = 8000;
const TAIL_CHARS = 3000;
const HEAD_LINES = 60;
const TAIL_LINES = 12;

export interface TextView {
  head: string[];
  tail: string[];
  /** Where place names are looked for to settle ambiguous ones. */
  context: string;
  mentionsDisclosure: boolean;
}

/** The first and last non-empty lines of a text, trimmed, and its context for place names. */
export function viewOf(text: string): TextView {
  const headText = text.slice(0, HEAD_CHARS);
  const tailText = text.length > HEAD_CHARS ? text.slice(-TAIL_CHARS) : text;
  return {
    head: nonEmptyLines(headText).slice(0, HEAD_LINES),
    tail: nonEmptyLines(tailText).slice(-TAIL_LINES),
    context: text.length > 20000 ? text.slice(0, 20000) + text.slice(-TAIL_CHARS) : text,
    mentionsDisclosure: text.includes('政府信息公开') || /政\s*府\s*信\s*息\s*公\s*开/.test(text),
  };
}

/** Traditional characters every traditional-script report has (公開, 報告, 資訊, 縣, 區 …). */
const TRADITIONAL = /[開報資訊務縣區國發條]/;

/**
 * The view of a traditional-script text converted to simplified (政府資訊公開 → 政府信息公开);
 * null when the text has no traditional characters or conversion changes nothing.
 */
export function simplifiedView(text: string): TextView | null {
  if (!TRADITIONAL.test(text.slice(0, HEAD_CHARS))) return null;
  const convert = (toSimplified ??= simplifier());
  const head = text.slice(0, HEAD_CHARS);
  const tail = text.length > HEAD_CHARS ? text.slice(-TAIL_CHARS) : '';
  const converted = convert(head) + (tail ? '\n' + convert(tail) : '');
  return converted === head + (tail ? '\n' + tail : '') ? null : viewOf(converted);
}

/** A line without white space, as titles and names are compared: "鹤 岗 市" → "鹤岗市". */
export const compact = (s: string): string => s.replace(/\s+/g, '');

let toSimplified: ((s: string) => string) | undefined;

/** Taiwan phrases and characters → mainland simplified; loaded on first need. */
function simplifier(): (s: string) => string {
  const OpenCC = createRequire(import.meta.url)('opencc-js/t2cn') as typeof import('opencc-js/t2cn');
  return OpenCC.Converter({ from: 'twp', to: 'cn' });
}

function nonEmptyLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '') out.push(line);
  }
  return out;
}
