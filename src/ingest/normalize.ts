/**
 * Normalizes a loaded report text so that everything downstream sees one shape: `\n` line ends,
 * half-width digits, and every table row as one line of tab-separated cells, whether the source
 * had tab rows, markdown pipes, or one cell per line (Word exports such as seed 003).
 */
export function normalizeText(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // No page laid out as text is near 200 columns wide (an A4 page turned sideways, in 9 pt, is
  // about 190; a word far right on a page stands past column 64): a longer run of blanks holds
  // nothing, and cutting it keeps the heading search linear on a hostile line of a million blanks.
  text = text.replace(/[ \t\u00A0\u3000#\u200B-\u200D\u2060\uFEFF]{201,}/g, (run) => run.slice(0, 200));
  text = text.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').replace(/\u00A0/g, ' ');
  text = text.replace(/\[bookmark: [^\][\n]*\]/g, ''); // [^[]: linear on a line of unclosed ones
  text = text.replace(/^[ \t]*#{1,6}[ \t]+/gm, '');
  // Digits first: a footer may be typed in full-width digits ("— ５ —").
  text = halfWidthDigits(text);
  // Page footers left between table rows by PDF and Word exports ("— 5 —", "第 3 页", "3 / 8").
  // A footer of marks and a number is printed as one piece, its parts a space apart at most:
  // the same marks apart by column gaps or tabs are a row's cells ("0      /      0", "—  5  —").
  text = text.replace(/^([ \t\f]*)(?:[—\-－–]+ ?\d{1,3} ?[—\-－–]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?|\d{1,3} ?[/／] ?\d{1,3})[ \t]*$/gm, '$1');
  // A bare page number stands only right before or after a page break (pdftotext's form feed).
  text = text.replace(/^[ \t]*\d{1,3}[ \t]*\n(?=\f)|(?<=\f)[ \t]*\d{1,3}[ \t]*$/gm, '');
  text = pipeRowsToTabs(text);
  text = cellPerLineToTabs(text);
  return text;
}

/** Full-width digits and the signs that go with them (０-９, －, ．between digits) become ASCII. */
export function halfWidthDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)．(?=\d)/g, '.')
    .replace(/－(?=\s*\d)/g, '-');
}

const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Markdown table rows ("| a | b |") become tab rows; separator rows ("|---|") go. */
function pipeRowsToTabs(text: string): string {
  if (!text.includes('|')) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (MD_SEPARATOR.test(line) && line.includes('-')) continue;
    const t = line.trim();
    if (t.startsWith('|') && t.length > 1) {
      const inner = t.replace(/^\|/, '').replace(/\|$/, '');
      out.push(
        inner
          .split('|')
          .map((c) => c.trim().replace(/\t/g, ' '))
          .join('\t'),
      );
    } else out.push(line);
  }
  return out.join('\n');
}

const ONE_CELL_LINE = /^\t[^\t]*$/;
const HEADING_LIKE = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|#)/;

/**
 * One cell per line (each line a tab and a cell, rows separated by blank lines) becomes one tab
 * row per block. A short line without the tab inside a block continues the previous cell
 * ("本年新\n制作数量").
 */
function cellPerLineToTabs(text: string): string {
  const lines = text.split('\n');
  const oneCell = lines.filter((l) => ONE_CELL_LINE.test(l)).length;
  const multiCell = lines.filter((l) => (l.match(/\t/g)?.length ?? 0) >= 2).length;
  if (oneCell < 10 || oneCell <= multiCell) return text;

  const out: string[] = [];
  let row: string[] | null = null;
  const flush = () => {
    if (row) out.push(row.join('\t'));
    row = null;
  };
  for (const line of lines) {
    if (ONE_CELL_LINE.test(line)) {
      if (!row) row = [];
      row.push(line.slice(1).trim() === '' ? '' : line.slice(1).trim());
    } else if (row && line.trim() !== '' && line.trim().length <= 12 && !HEADING_LIKE.test(line)) {
      row[row.length - 1] += line.trim();
    } else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}
