import { splitText } from './split.js';

export interface PageOptions {
  /** Items (ranked reports, passages, paragraphs) on one page. */
  maxItems: number;
  /** Characters on one page, leaving room under Telegram's 4096 for the sources footer. */
  maxChars: number;
}

/** A report card (about 30 lines) fits one page; a ranking of 50 reports takes two. */
export const DEFAULT_PAGE_OPTIONS: PageOptions = { maxItems: 30, maxChars: 3000 };

interface Item {
  text: string;
  /** The separator before this item when it shares a page with the previous one. */
  joiner: '\n' | '\n\n';
}

/**
 * Cuts an answer's text into pages for the "更多" button. The items of a page are the answer's
 * paragraphs; a paragraph that is itself a long list (a ranking, one line a report) contributes
 * each line as an item. A line ending in "：" introduces the next and stays on its page. An item
 * longer than a page is cut at sentence boundaries. A short answer is one page.
 *
 * @example
 * paginate(rankingOf50Reports) // two pages: lines 1–30 (with the heading), then the rest
 */
export function paginate(text: string, options: PageOptions = DEFAULT_PAGE_OPTIONS): string[] {
  const pages: string[] = [];
  let page = '';
  let count = 0;
  for (const item of items(text, options)) {
    const joined = page === '' ? item.text : `${page}${item.joiner}${item.text}`;
    const full = count >= options.maxItems || joined.length > options.maxChars;
    const glued = introducesNext(page) && joined.length <= Math.max(options.maxChars, GLUE_LIMIT);
    if (page !== '' && full && !glued) {
      pages.push(page);
      page = item.text;
      count = 1;
    } else {
      page = joined;
      count += 1;
    }
  }
  if (page !== '') pages.push(page);
  return pages.length > 0 ? pages : [''];
}

/** A page may run over `maxChars` to keep a heading with its line, up to here (under 4096 with the footer). */
const GLUE_LIMIT = 3600;

const introducesNext = (page: string) => /[：:]$/.test(page);

function* items(text: string, options: PageOptions): Generator<Item> {
  for (const paragraph of text.trim().split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
    const parts = lines.length > options.maxItems ? lines : [lines.join('\n')];
    let joiner: Item['joiner'] = '\n\n';
    for (const part of parts) {
      for (const piece of splitText(part, options.maxChars)) {
        yield { text: piece, joiner };
        joiner = '\n';
      }
    }
  }
}
