import { splitText } from './split.js';

export interface PageOptions {
  /** Items (ranked reports, passages, paragraphs) on one page. */
  maxItems: number;
  /** Characters on one page, leaving room under Telegram's 4096 for the sources footer. */
  maxChars: number;
}

export const DEFAULT_PAGE_OPTIONS: PageOptions = { maxItems: 10, maxChars: 3000 };

interface Item {
  text: string;
  /** The separator before this item when it shares a page with the previous one. */
  joiner: '\n' | '\n\n';
}

/**
 * Cuts an answer's text into pages for the "更多" button. The items of a page are the answer's
 * paragraphs; a paragraph that is itself a long list (a ranking, one line a report) contributes
 * each line as an item. An item longer than a page is cut at sentence boundaries. A short answer
 * is one page.
 *
 * @example
 * paginate('2020年采购金额排名：\n1. 甲 …\n…\n25. 乙 …') // three pages of at most 10 lines
 */
export function paginate(text: string, options: PageOptions = DEFAULT_PAGE_OPTIONS): string[] {
  const pages: string[] = [];
  let page = '';
  let count = 0;
  for (const item of items(text, options)) {
    const joined = page === '' ? item.text : `${page}${item.joiner}${item.text}`;
    if (page !== '' && (count >= options.maxItems || joined.length > options.maxChars)) {
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
