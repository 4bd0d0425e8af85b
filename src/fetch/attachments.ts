import { parse } from 'node-html-parser';
import { decodeBytes } from '../ingest/formats/decode.js';

/** A document a page links to: a report published as an attachment of its announcement page. */
export interface Attachment {
  url: string;
  /** The link's text, or the file name when the link has none. */
  label: string;
}

const DOCUMENT = /\.(pdf|docx?|wps)$/i;

/**
 * The documents a web page links to (href ending in .pdf, .doc, .docx or .wps, or link text
 * naming such a file), resolved against the page's address, http(s) only, each once, in page
 * order. Government sites publish the report itself as such an attachment of a short notice.
 *
 * @example
 * attachmentLinks(page, 'https://www.example.gov.cn/art/2024/1/1/art_1.html')
 * // → [{ url: 'https://www.example.gov.cn/…/2023年报.pdf', label: '2023年政府信息公开工作年度报告.pdf' }]
 */
export function attachmentLinks(bytes: Buffer, pageUrl: string, charset: string | null = null, limit = 8): Attachment[] {
  const html = decodeBytes(bytes, charset ?? 'gb18030').text;
  const out: Attachment[] = [];
  const seen = new Set<string>();
  for (const a of parse(html).querySelectorAll('a[href]')) {
    const href = a.getAttribute('href')?.trim();
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const text = a.text.replace(/\s+/g, ' ').trim();
    const path = safeDecode(url.pathname);
    if (!DOCUMENT.test(path) && !DOCUMENT.test(text)) continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    out.push({ url: url.href, label: text || path.split('/').pop() || url.href });
    if (out.length >= limit) break;
  }
  return out;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
