/**
 * DOCX (Word 2007+, WPS): the document's own text and tables from `word/document.xml`. Each table
 * comes out as the HTML reader gives a table: one line per row, the row's own cells separated by
 * tabs, a blank line before and after. Merged cells land where they belong: a cell spanning
 * columns (`w:gridSpan`) is one cell, and the positions a cell spanning rows covers
 * (`w:vMerge` continuing) are no cells of their own, so a group label appears once, in its first
 * row, as a `rowspan` does in a page.
 *
 * The XML is read by a streaming parser with a stack of open tables, never by recursion, so no
 * nesting exhausts the call stack; a table inside a cell is that cell's text.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { unzipSync } from 'fflate';
import type { Result } from '../report.js';
import type { FormatReading } from './reading.js';

const DOCUMENT = 'word/document.xml';
/** The document part may unpack to this much: a report's is a few hundred KB. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A Word document's text, tables as tab-separated rows, or why it cannot be read. */
export function readDocx(bytes: Buffer): Result<FormatReading, string> {
  let xml: string;
  try {
    let declared = 0;
    const files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== DOCUMENT) return false;
        declared = f.originalSize;
        return f.originalSize <= MAX_DOCUMENT_BYTES;
      },
    });
    const part = files[DOCUMENT];
    if (!part) {
      return {
        ok: false,
        error: declared > MAX_DOCUMENT_BYTES ? 'Word 文档正文过大（解压后超过 64 MB），不像一份年度报告' : 'Word 文档中没有正文（word/document.xml）：文件可能损坏',
      };
    }
    xml = new TextDecoder('utf-8').decode(part);
  } catch (e) {
    return { ok: false, error: `Word 文档（.docx）已损坏，无法解压（${e instanceof Error ? e.message : String(e)}）` };
  }
  const text = documentText(xml);
  return text.ok ? { ok: true, value: { text: text.value } } : text;
}

/** One table being read: its finished rows, the row and the cell under way. */
interface OpenTable {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
  /** The cell under way continues a merge from the row above (`<w:vMerge/>` without "restart"). */
  continued: boolean;
}

/**
 * `word/document.xml` → text. Paragraphs end lines (inside a cell, a space); `w:tab` is a tab in
 * running text and a space in a cell; deleted text, field codes and the fallback copy of text
 * boxes are left out.
 */
export function documentText(xml: string): Result<string, string> {
  const lines: string[] = [];
  let line = '';
  const tables: OpenTable[] = [];
  /** Depth inside elements whose text is not the document's (deleted runs, field codes …). */
  let hidden = 0;
  let inText = false;

  const inCell = () => {
    const t = tables.at(-1);
    return t?.cell ?? null;
  };
  const write = (s: string) => {
    const cell = inCell();
    if (cell) cell.push(s);
    else line += s;
  };
  const endLine = () => {
    lines.push(line);
    line = '';
  };

  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (HIDDEN.has(name)) {
      if (!tag.isSelfClosing) hidden++;
      return;
    }
    if (hidden > 0) return;
    switch (name) {
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        if (!inTabStops(tag)) write(inCell() ? ' ' : '\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (inCell()) write(' ');
        else endLine();
        break;
      case 'w:noBreakHyphen':
        write('-');
        break;
      case 'w:tbl': {
        const outer = tables.at(-1);
        if (outer?.cell) {
          // A table inside a cell: its text joins the cell's, as a page's nested table does.
          tables.push({ rows: [], row: null, cell: null, continued: false });
          break;
        }
        if (line.trim() !== '') endLine();
        tables.push({ rows: [], row: null, cell: null, continued: false });
        break;
      }
      case 'w:tr': {
        const t = tables.at(-1);
        if (t) t.row = [];
        break;
      }
      case 'w:tc': {
        const t = tables.at(-1);
        if (t) {
          t.cell = [];
          t.continued = false;
        }
        break;
      }
      case 'w:vMerge': {
        const t = tables.at(-1);
        const val = tag.attributes['w:val'];
        if (t?.cell && val !== 'restart') t.continued = true;
        break;
      }
    }
  });
  parser.on('text', (text: string) => {
    if (inText && hidden === 0) write(text);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (HIDDEN.has(name)) {
      if (hidden > 0) hidden--;
      return;
    }
    if (hidden > 0) return;
    switch (name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p':
        if (inCell()) write(' ');
        else endLine();
        break;
      case 'w:tc': {
        const t = tables.at(-1);
        if (t?.cell && t.row) {
          if (!t.continued) t.row.push(cellText(t.cell.join('')));
        }
        if (t) t.cell = null;
        break;
      }
      case 'w:tr': {
        const t = tables.at(-1);
        if (t?.row) t.rows.push(t.row);
        if (t) t.row = null;
        break;
      }
      case 'w:tbl': {
        const t = tables.pop();
        if (!t) break;
        const outer = tables.at(-1);
        const rowsText = t.rows.map((r) => r.join('\t'));
        if (outer?.cell) outer.cell.push(' ', rowsText.join(' '), ' ');
        else {
          if (line.trim() !== '') endLine();
          lines.push('', ...rowsText, '');
        }
        break;
      }
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    return { ok: false, error: `Word 文档正文不是有效的 XML（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）：文件可能损坏` };
  }
  if (line !== '') endLine();
  return { ok: true, value: lines.join('\n').replace(/\n{3,}/g, '\n\n') };
}

/** Elements whose text is not the document's own: deleted text, field codes, a text box's second copy. */
const HIDDEN = new Set(['w:del', 'w:delText', 'w:instrText', 'mc:Fallback', 'w:rPr', 'w:pPr', 'w:tblPr', 'w:trPr', 'w:sectPr']);

/** `<w:tab>` inside `<w:tabs>` (a tab stop's definition) is no tab character; those sit in w:pPr, hidden. */
function inTabStops(tag: SaxesTagPlain): boolean {
  return 'w:pos' in tag.attributes;
}

/** A cell's text on one line: all whitespace runs become single spaces. */
function cellText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
