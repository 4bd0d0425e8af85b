/**
 * DOC (Word 97–2003): the document's text through `word-extractor`. In its text a table cell ends
 * with a tab and a table row with a line break, so a row comes out as "规章\t1\t0\t11\t": the last
 * tab is dropped, and the rows read as the tab-separated rows of the other formats. A cell a row
 * merge continues is an empty cell here (the binary format keeps it), which the table reader
 * takes as the blank it is, before the row's label.
 */
import WordExtractor from 'word-extractor';
import type { Result } from '../report.js';
import type { FormatReading } from './reading.js';

export async function readDoc(bytes: Buffer): Promise<Result<FormatReading, string>> {
  let body: string;
  try {
    const document = await new WordExtractor().extract(bytes);
    body = document.getBody();
  } catch (e) {
    return { ok: false, error: `Word 97–2003 文档（.doc）已损坏或无法读取（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）` };
  }
  return { ok: true, value: { text: docText(body) } };
}

/** word-extractor's text → the project's text: table rows as tab-separated rows with a blank line around each table. */
export function docText(body: string): string {
  const out: string[] = [];
  let inTable = false;
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const isRow = raw.endsWith('\t');
    if (isRow && !inTable) out.push('');
    if (!isRow && inTable) out.push('');
    inTable = isRow;
    out.push(isRow ? raw.slice(0, -1) : raw);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
