import { zipSync, strToU8 } from 'fflate';
import { expand, type GridCell, type TableGrid } from '../grid.js';
import type { Block, Narrative } from '../narrative.js';
import type { Rng } from '../random.js';

/**
 * A report as Word saves it (.docx): a WordprocessingML package whose body has the narrative as
 * paragraphs and the three tables as real `w:tbl`s, merged the way the official template merges
 * them: a cell spanning columns carries `w:gridSpan`, a cell spanning rows opens a vertical merge
 * (`w:vMerge w:val="restart"`) and every row under it holds an empty continuing cell of the same
 * span (table 2's 申请人情况 header and its row-group labels 三、本年度办理结果, （三）不予公开 …,
 * table 3's two-level header). The tables come from the same grids as the HTML layout's
 * rowspan/colspan.
 *
 * Bytes are deterministic: the zip entries carry a fixed time.
 */
export interface DocxVariant {
  /** Word splits a paragraph's text into several runs after edits, with proofing marks between them. */
  runs: 'whole' | 'split';
  /** A blank cell: an empty paragraph, or a paragraph holding one space. */
  blank: 'empty' | 'space';
  /** Four-character headers typed as two paragraphs ("商业" / "企业"). */
  splitHeaders: boolean;
  /** How the cells under a vertical merge say so: `<w:vMerge/>` or `<w:vMerge w:val="continue"/>`. */
  continueMark: 'bare' | 'continue';
  /** Table 2's label columns: narrow ones wrap the longer labels over two or three lines. */
  labelWidth: 'narrow' | 'wide';
  /** Header rows repeated at the top of each page a table runs onto. */
  repeatHeader: boolean;
  /** A page number in the footer ("- 3 -"). */
  pageNumbers: boolean;
}

export function drawDocxVariant(rng: Rng): DocxVariant {
  return {
    runs: rng.chance(0.4) ? 'split' : 'whole',
    blank: rng.chance(0.7) ? 'empty' : 'space',
    splitHeaders: rng.chance(0.3),
    continueMark: rng.chance(0.5) ? 'bare' : 'continue',
    labelWidth: rng.chance(0.5) ? 'narrow' : 'wide',
    repeatHeader: rng.chance(0.5),
    pageNumbers: rng.chance(0.7),
  };
}

export function docxVariantName(v: DocxVariant): string {
  return [
    `runs-${v.runs}`,
    `blank-${v.blank}`,
    v.splitHeaders ? 'split-headers' : 'whole-headers',
    `vmerge-${v.continueMark}`,
    `labels-${v.labelWidth}`,
    v.repeatHeader ? 'repeat-header' : 'no-repeat-header',
    v.pageNumbers ? 'page-numbers' : 'no-page-numbers',
  ].join('+');
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A4 portrait with Word's default margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, top: 1440, bottom: 1440, left: 1800, right: 1800 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

function escapeXml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;
}

function run(text: string, props = ''): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t${space}>${escapeXml(text)}</w:t></w:r>`;
}

/** The text as runs: whole, or cut at one or two places with a proofing mark between pieces. */
function runs(text: string, v: DocxVariant, rng: Rng, props = ''): string {
  const chars = Array.from(text);
  if (v.runs === 'whole' || chars.length < 4 || !rng.chance(0.5)) return run(text, props);
  const cuts = [...new Set([rng.int(1, chars.length - 1), rng.int(1, chars.length - 1)])].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const at of [...cuts, chars.length]) {
    pieces.push(chars.slice(from, at).join(''));
    from = at;
  }
  return pieces.map((p) => run(p, props)).join('<w:proofErr w:type="gramEnd"/>');
}

function paragraph(body: string, props = ''): string {
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${body}</w:p>`;
}

/** Column widths of each table, adding up to the text width. */
function columnWidths(grid: TableGrid, v: DocxVariant): number[] {
  const spread = (fixed: number[], rest: number) => {
    const left = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
    const each = Math.floor(left / rest);
    const widths = [...fixed, ...new Array<number>(rest).fill(each)];
    widths[widths.length - 1] += left - each * rest;
    return widths;
  };
  if (grid.table === 1) return spread([2306], 3);
  if (grid.table === 2) return v.labelWidth === 'narrow' ? spread([560, 700, 1500], 7) : spread([700, 1100, 2500], 7);
  return spread([], grid.width);
}

/** Header rows: the rows before the first value row (table 2's and table 3's header block). */
function headerRows(grid: TableGrid): number {
  if (grid.table === 1) return 0;
  const first = grid.rows.findIndex((row) => row.some((c) => c.role === 'value'));
  return first < 0 ? 0 : first;
}

function cellBody(c: GridCell, v: DocxVariant, rng: Rng, size: number): string {
  const jc = c.role === 'value' || c.role === 'header' || c.role === 'title' ? '<w:jc w:val="center"/>' : '';
  const props = `<w:spacing w:before="0" w:after="0"/>${jc}<w:rPr><w:sz w:val="${size}"/></w:rPr>`;
  const rProps = `${c.role === 'header' || c.role === 'title' ? '<w:b/>' : ''}<w:sz w:val="${size}"/>`;
  if (c.text === '') return paragraph(v.blank === 'space' ? run(' ', rProps) : '', props);
  const chars = Array.from(c.text);
  if (c.role === 'header' && v.splitHeaders && chars.length === 4) {
    return paragraph(run(chars.slice(0, 2).join(''), rProps), props) + paragraph(run(chars.slice(2).join(''), rProps), props);
  }
  return paragraph(runs(c.text, v, rng, rProps), props);
}

/** One table as a `w:tbl`, spans as gridSpan and vMerge. */
export function renderDocxTable(grid: TableGrid, v: DocxVariant, rng: Rng): string {
  const widths = columnWidths(grid, v);
  const size = grid.table === 3 ? 18 : 21;
  const matrix = expand(grid);
  const heads = headerRows(grid);
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const out = [
    '<w:tbl>',
    `<w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0"/></w:tblPr>`,
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  ];
  matrix.forEach((row, r) => {
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) {
      const slot = row[c];
      if (!slot.first) continue;
      const span = slot.cell.colspan;
      const width = widths.slice(c, c + span).reduce((a, b) => a + b, 0);
      const merge =
        slot.at === 'down' ? (v.continueMark === 'bare' ? '<w:vMerge/>' : '<w:vMerge w:val="continue"/>') : slot.cell.rowspan > 1 ? '<w:vMerge w:val="restart"/>' : '';
      const props = `<w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merge}<w:vAlign w:val="center"/>`;
      const body = slot.at === 'down' ? paragraph('', `<w:spacing w:before="0" w:after="0"/>`) : cellBody(slot.cell, v, rng, size);
      cells.push(`<w:tc><w:tcPr>${props}</w:tcPr>${body}</w:tc>`);
    }
    const rowProps = r < heads && v.repeatHeader ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
    out.push(`<w:tr>${rowProps}${cells.join('')}</w:tr>`);
  });
  out.push('</w:tbl>');
  return out.join('\n');
}

export interface DocxParts {
  narrative: Narrative;
  /** Tables 1–3 as rendered by `renderDocxTable`. */
  tables: readonly [string, string, string];
}

/** word/document.xml: title, preamble, the six sections with the tables under 二、三、四, closing. */
export function renderDocxDocument(p: DocxParts, v: DocxVariant, rng: Rng): string {
  const n = p.narrative;
  const boldHeadings = rng.chance(0.6);
  const body: string[] = [];
  const text = (t: string, props = '', rProps = '') => body.push(paragraph(runs(t, v, rng, rProps), props));
  const para = (t: string) => text(t, '<w:ind w:firstLineChars="200" w:firstLine="480"/><w:jc w:val="both"/>');
  const heading = (t: string) => text(t, '<w:ind w:firstLineChars="200" w:firstLine="480"/>', boldHeadings ? '<w:b/>' : '');
  const blocks = (bs: readonly Block[]) => bs.forEach((b) => (b.kind === 'subheading' ? heading(b.text) : para(b.text)));
  const table = (t: string) => body.push(t, paragraph(''));
  for (const line of n.titleLines) text(line, '<w:jc w:val="center"/>', '<w:b/><w:sz w:val="36"/>');
  if (n.dateUnderTitle) text(n.dateUnderTitle, '<w:jc w:val="center"/>');
  n.preamble.forEach(para);
  heading(n.headings[1]);
  blocks(n.overview);
  heading(n.headings[2]);
  table(p.tables[0]);
  heading(n.headings[3]);
  table(p.tables[1]);
  heading(n.headings[4]);
  table(p.tables[2]);
  heading(n.headings[5]);
  blocks(n.problems);
  heading(n.headings[6]);
  n.other.forEach(para);
  n.closing.forEach((t) => text(t, '<w:jc w:val="right"/>'));
  const footer = v.pageNumbers ? `<w:footerReference w:type="default" r:id="rId2"/>` : '';
  const section = `<w:sectPr>${footer}<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>`,
    ...body,
    section,
    '</w:body></w:document>',
    '',
  ].join('\n');
}

const CONTENT_TYPES = (footer: boolean) =>
  [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
    ...(footer ? ['<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'] : []),
    '</Types>',
  ].join('\n');

const PACKAGE_RELS = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>',
  '</Relationships>',
].join('\n');

const DOCUMENT_RELS = (footer: boolean) =>
  [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    ...(footer ? ['<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'] : []),
    '</Relationships>',
  ].join('\n');

/** 宋体 12 pt for the body, as most reports are typed; tables set their own size. */
const STYLES = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  `<w:styles xmlns:w="${W_NS}">`,
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>',
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
  '</w:styles>',
].join('\n');

/** "- 3 -" centred in the footer, from a PAGE field. */
const FOOTER = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  `<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">`,
  '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>',
  '</w:ftr>',
].join('\n');

/** The zip entries' time, built from local fields so the DOS time fields are the same in any zone. */
const FIXED_TIME = new Date(2024, 0, 1, 0, 0, 0);

/** The .docx package around a word/document.xml. */
export function packageDocx(documentXml: string, v: DocxVariant): Uint8Array {
  const entry = (text: string) => [strToU8(text), { mtime: FIXED_TIME }] as [Uint8Array, { mtime: Date }];
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {
    '[Content_Types].xml': entry(CONTENT_TYPES(v.pageNumbers)),
    '_rels/.rels': entry(PACKAGE_RELS),
    'word/document.xml': entry(documentXml),
    'word/_rels/document.xml.rels': entry(DOCUMENT_RELS(v.pageNumbers)),
    'word/styles.xml': entry(STYLES),
  };
  if (v.pageNumbers) files['word/footer1.xml'] = entry(FOOTER);
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}
