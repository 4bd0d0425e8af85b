/** What every format's reader gives back: the report as text, and what a reader should know. */
import type { Finding } from '../report.js';
import type { ReplacedBytes } from './decode.js';

/**
 * One file read as text. Tables are tab-separated rows (HTML, DOCX) or laid out with spaces as on
 * the page (PDF, DOC), which the table reader tells apart by itself.
 */
export interface FormatReading {
  text: string;
  /** Bytes that could not be decoded and were replaced, when any. */
  replaced?: ReplacedBytes | null;
  /** The publication date the file's markup or properties state (YYYY-MM-DD). */
  publishedAt?: string | null;
  /** Anything else about the reading (a page read by OCR …). */
  findings?: Finding[];
  /** Set when the text was read from pictures of the pages (a scan), not from the file's text. */
  readBy?: 'ocr';
}
