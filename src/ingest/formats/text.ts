/** Plain text (.txt, .md, crawled pages): bytes → text in whatever encoding the office saved. */
import type { Result } from '../report.js';
import { checkedText, decodeBytes } from './decode.js';
import type { FormatReading } from './reading.js';

export function readPlainText(bytes: Buffer): Result<FormatReading, string> {
  return checkedText(decodeBytes(bytes));
}
