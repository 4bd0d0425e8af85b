/**
 * Table rows as `pdftotext -layout` and Word exports print them, put back together. A label
 * wraps inside its cell over several lines, with the row's numbers on any of them; a label that
 * spans rows (（三）不予公开, 三、本年度办理结果) is printed in pieces between its sub-rows. This
 * joins each row's label pieces, attaches the numbers to the row they stand beside, and writes
 * one tab-separated line per row, so that rows are read by their labels as in any other text.
 */
import { readCell } from './cells.js';
import { applicantAnchors, centre, HEADER, place, type Anchors, type Piece, type Row } from './layout-columns.js';

const CJK = /[\u4e00-\u9fff]/;
const HEADER_ROW = /^信\s*息\s*内/;
const NUMBERING = /^(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]+\s*[、.．])/;

/**
 * Whether the table's lines are columns laid out with spaces, as `pdftotext -layout` prints
 * them: most lines with numbers set them apart from their label and each other by wide gaps
 * (crawled text runs them together or one space apart).
 */
export function isLaidOut(text: string): boolean {
  if (text.includes('\t')) return false;
  const withNumbers = text.split('\n').filter((l) => /(?:^|\s)-?\d[\d.,]*(?:\s|$)/.test(l));
  const gapped = withNumbers.filter((l) => /\S {2,}-?\d[\d.,]*(?: |$)/.test(l.trim()) || /^ {2,}-?\d[\d.,]*(?: {2,}-?\d[\d.,]*)+ *$/.test(l));
  return gapped.length >= 3 && gapped.length >= 0.6 * withNumbers.length;
}

/** The pieces of a line: text apart by tabs or by two spaces or more, with their positions. */
function piecesOf(line: string): Piece[] {
  const out: Piece[] = [];
  for (const m of line.matchAll(/[^\t ]+(?: [^\t ]+)*/g)) {
    const text = m[0];
    // Numbers apart by one space are cells of their own ("0 0 0").
    if (/^-?\d[\d.,]*(?: -?\d[\d.,]*)+$/.test(text)) {
      for (const n of text.matchAll(/\S+/g)) out.push({ x: m.index! + n.index!, text: n[0] });
    } else out.push({ x: m.index!, text });
  }
  return out;
}

function isNumber(text: string): boolean {
  const kind = readCell(text).value.kind;
  return kind === 'number' || (kind === 'not_applicable' && !CJK.test(text));
}

/** A number or a not-applicable mark ("/", "—", "不涉及"): what a value cell holds. */
function isCell(text: string): boolean {
  const kind = readCell(text).value.kind;
  return kind === 'number' || kind === 'not_applicable';
}

/**
 * Rebuilds the rows of one table's text. `labels` are the table's row labels as patterns;
 * a row's label is complete when one of them matches it.
 */
export function rebuildRows(text: string, labels: readonly RegExp[], columns?: number): string {
  const out: string[] = [];
  const anywhere = labels.map((re) => new RegExp(re.source));
  // Without numbering (table 1), a row label that runs on past its name may have swallowed the
  // start of the next row's wrapped label ("行政许可其他对外管"): its numbers are not its own for sure.
  const overrun = (label: string) =>
    !columns &&
    anywhere.some((re) => {
      const m = re.exec(label);
      return m !== null && label.slice(m.index + m[0].length).replace(/[\s（）()]/g, '').length >= 2;
    });
  const atStart = labels.map((re) => new RegExp(`^(?:${re.source})`));
  const complete = (label: string) => anywhere.some((re) => re.test(label));
  // A piece opening with a row's label starts that row, unless it is the open row's own label
  // going on ("1.申请人无正当理由" / "逾期不补正、…").
  const startsLabel = (piece: string, open: string | null) => {
    const k = atStart.findIndex((re) => re.test(piece));
    return k >= 0 && (open === null || !anywhere[k].test(open));
  };
  const sameLabel = (a: string, b: string) => anywhere.findIndex((re) => re.test(a)) === anywhere.findIndex((re) => re.test(b));
  // Table 2's rows are numbered ((一), 1.); table 1's never are: there a numbered piece is the
  // rest of a 第二十条 item title ("（八）项"), never the start of a row.
  const numbered = columns !== undefined;
  const pages = text.split('\f').map((page) => {
    const lines = page.split('\n');
    const tabbed = lines.some((l) => l.includes('\t'));
    const parsed = tabbed ? tabbedLines(lines, (t) => startsLabel(t, null)) : spacedLines(lines);
    const rows = rebuildPage(parsed, complete, startsLabel, sameLabel, numbered);
    const anchors = !tabbed && columns === 7 ? applicantAnchors(parsed.flatMap((l) => l.headerPieces ?? [])) : null;
    return { rows, tabbed, anchors };
  });
  pages.forEach((page, k) => k > 0 && continueAcrossBreak(pages[k - 1].rows, page.rows, complete));
  // A page the table runs onto without repeating its header keeps the columns of the last header,
  // where its own numbers show them in place (a row with numbers right under 自然人 and 总计).
  let header: Anchors | null = null;
  for (const page of pages) {
    if (page.anchors) header = page.anchors;
    else if (header && !page.tabbed && columns === 7 && outerColumnsHold(page.rows, header)) page.anchors = header;
  }
  for (const { rows, tabbed, anchors } of pages) {
    // Numbers on no row's line mean some row's numbers went astray: then no row is blank for sure.
    const astray = rows.some((r) => typeof r !== 'string' && r.label === '' && r.values?.some((p) => isNumber(p.text)));
    for (const r of rows) {
      if (typeof r === 'string') continue;
      if (r.values && overrun(r.label)) r.values = null;
      else if (!r.values && !astray && complete(r.label) && !overrun(r.label)) r.blank = true;
    }
    out.push(...place(rows, tabbed ? undefined : columns, tabbed, anchors));
  }
  // The table's last row ends with its line, as in the text it came from.
  return `${out.join('\n')}\n`;
}

/**
 * A row that a page break cuts in two (Word lets a row break across pages): the label begun at
 * the foot of one page ("7.属于行政执法") goes on in the first row of the next ("案卷"), after
 * the header the page may repeat (whose note, 本列数据的勾稽关系为, reads as words without
 * numbers). That piece, with its numbers if the first part had none, joins the row.
 */
function continueAcrossBreak(before: (Row | string)[], after: (Row | string)[], complete: (s: string) => boolean): void {
  const last = before.filter((r): r is Row => typeof r !== 'string').at(-1);
  if (!last || last.label === '' || complete(last.label)) return;
  for (let k = 0; k < after.length; k++) {
    const next = after[k];
    if (typeof next === 'string') continue;
    // The rest of a label is no label of its own ("案卷"; "规章" is a row of its own).
    const fits = !NUMBERING.test(next.label) && !complete(next.label) && complete(last.label + next.label);
    if (!fits) {
      // Words without numbers that are no row go by; a row of the table ends the search.
      if (next.values === null && !complete(next.label) && !NUMBERING.test(next.label)) continue;
      return;
    }
    // Numbers on both sides of the break: which are the row's is not clear, so both stay apart.
    if (last.values !== null && next.values !== null) return;
    last.label += next.label;
    last.values ??= next.values;
    after.splice(k, 1);
    return;
  }
}

/** Whether some row of a page has numbers right under the first and the last column of a header. */
function outerColumnsHold(rows: (Row | string)[], a: Anchors): boolean {
  // As close as `anchoredLine` asks a number to stand to its header word; it checks each number again.
  const under = (p: Piece, at: number) => Math.abs(centre(p) - at) <= 2;
  return rows.some((r) => typeof r !== 'string' && r.values !== null && r.values.some((p) => under(p, a.first)) && r.values.some((p) => under(p, a.last)));
}

/** One line of a table: its label pieces, its value cells, and column headers if it has any. */
interface Line {
  labels: Piece[];
  values: Piece[];
  header: string | null;
  /** The header words with their positions (spaced text only). */
  headerPieces?: Piece[];
}

/** Lines of `pdftotext -layout` text: what stands left of the first column of numbers is label. */
function spacedLines(lines: string[]): Line[] {
  const pieces = lines.map(piecesOf);
  const numberXs = pieces.flat().filter((p) => isNumber(p.text)).map((p) => p.x);
  const valueStart = numberXs.length > 0 ? Math.min(...numberXs) - 1 : Infinity;
  return pieces.map((line) => {
    const hasCell = line.some((p) => isCell(p.text));
    // Column headers ("本年新制  本年新公", "商业企业  科研机构") stand over the numbers.
    // The row of 信息内容 is all header; a 第二十条 item title may share its line with a row label.
    const headerRow = !hasCell && line.some((p) => p.x >= valueStart - 3 || HEADER_ROW.test(p.text));
    const header = hasCell ? [] : headerRow ? line : line.filter((p) => HEADER.test(p.text));
    const labels = line.filter((p) => p.x < valueStart && !isCell(p.text) && !header.includes(p));
    const values = line.filter((p) => !labels.includes(p) && !header.includes(p));
    return { labels, values, header: header.length > 0 ? header.map((p) => p.text).join(' ') : null, headerPieces: header };
  });
}

/**
 * Lines of tab-separated text: the first words of a line and any word that opens a row label
 * are labels (（三）不予公开, 1.属于国家秘密); the cells after them are values, blanks kept.
 */
function tabbedLines(lines: string[], opensLabel: (s: string) => boolean): Line[] {
  // Words, or the punctuation that closes a wrapped label ("3.危及“三安全一稳定" / "”"); a mark
  // that is a cell ("/", "—", "不涉及") is a value.
  const isWord = (t: string) => t !== '' && !isCell(t) && (CJK.test(t) || /^\p{P}+$/u.test(t));
  return lines.map((line) => {
    const cells = line.split('\t').map((text, x) => ({ x, text: text.trim() }));
    const words = cells.filter((c) => isWord(c.text));
    if (!cells.some((c) => isCell(c.text)) && (words.length >= 3 || words.some((c) => HEADER.test(c.text)))) {
      return { labels: [], values: [], header: line.replace(/\t/g, ' ') };
    }
    let end = 0;
    for (let k = 0; k < cells.length; k++) {
      const t = cells[k].text;
      if (t === '') continue;
      if (isWord(t) && (end === 0 || NUMBERING.test(t) || opensLabel(t))) end = k + 1;
      else break;
    }
    const labels = cells.slice(0, end).filter((c) => c.text !== '');
    const values = cells.slice(end);
    return { labels, values: values.some((c) => c.text !== '') || labels.length > 0 ? values : [], header: null };
  });
}

function rebuildPage(
  lines: Line[],
  complete: (s: string) => boolean,
  startsLabel: (s: string, open: string | null) => boolean,
  sameLabel: (a: string, b: string) => boolean,
  numbered: boolean,
): (Row | string)[] {
  const rows: (Row | string)[] = [];
  let open: Row | null = null;
  const newRow = (p: Piece) => {
    open = { x: p.x, label: p.text, values: null };
    rows.push(open);
  };
  const isStart = (p: Piece) => (numbered && NUMBERING.test(p.text)) || startsLabel(p.text, (open as Row | null)?.label ?? null);

  for (const { labels: labelPieces, values, header } of lines) {
    if (header !== null) {
      rows.push(header);
      open = null;
    }
    labelPieces.forEach((p, k) => {
      const o = open as Row | null;
      const beside = k === labelPieces.length - 1 && values.length > 0;
      // A piece that completes the open row's label continues it ("3.危及“三安全" + "一稳定”").
      // So does one that opens the same label again ("5.要求行政机关" + "确认或重新出具…").
      if (o && !NUMBERING.test(p.text) && !complete(o.label) && complete(o.label + p.text) && (!complete(p.text) || sameLabel(o.label + p.text, p.text))) {
        o.label += p.text;
        return;
      }
      // Left of the open row's label: a piece of a label spanning rows (（三）不 / 予公开).
      // Beside numbers, an unfinished piece there still is one when the open row, with no numbers
      // yet, is the row they belong to ("4.保护第三方合法权" / "（三）不  0 0 …"); so it is
      // where the open row's own label is unfinished ("3.要求提供公开" / "（五）  1 0 …" / "出版物").
      const groupPiece = !complete(p.text) && o !== null && o.values === null;
      if (o && p.x < o.x - 2 && !((complete(p.text) || (beside && !groupPiece)) && isStart(p))) {
        rows.push(p.text);
        return;
      }
      if (!o || isStart(p) || (o.values !== null && complete(o.label))) newRow(p);
      else o.label += p.text;
    });
    if (values.length > 0) {
      const o = open as Row | null;
      if (o && o.values === null) o.values = values;
      else rows.push({ x: values[0].x, label: '', values });
    }
  }
  return rows;
}
