import type { Layout, ReportLayout } from '../gold.js';
import type { TableGrid } from '../grid.js';
import type { Rng } from '../random.js';
import { docxVariantName, drawDocxVariant, renderDocxTable, type DocxVariant } from './docx.js';
import { cellsVariantName, drawCellsVariant, renderCells, type CellsVariant } from './cells.js';
import { drawHtmlVariant, htmlVariantName, renderHtmlTable, type HtmlVariant } from './html.js';
import { drawMarkdownVariant, renderMarkdown, type MarkdownVariant } from './markdown.js';
import { drawPdfVariant, pdfVariantName, renderPdfLayout, type PdfVariant } from './pdf.js';
import { drawTsvVariant, renderTsv, tsvVariantName, type TsvVariant } from './tsv.js';
import { drawWordVariant, renderWordExport, wordVariantName, type WordVariant } from './word.js';

/** One layout with the style details drawn for one report. */
export type LayoutStyle =
  | { layout: 'tsv' | 'tsv-broken'; v: TsvVariant }
  | { layout: 'cells'; v: CellsVariant }
  | { layout: 'markdown'; v: MarkdownVariant }
  | { layout: 'html'; v: HtmlVariant }
  | { layout: 'pdf-layout'; v: PdfVariant }
  | { layout: 'word-export'; v: WordVariant }
  | { layout: 'docx'; v: DocxVariant };

/** How often each layout occurs in a generated corpus (file layouts only when asked for). */
export const LAYOUT_WEIGHTS: readonly (readonly [Layout, number])[] = [
  ['tsv', 30],
  ['tsv-broken', 15],
  ['cells', 15],
  ['markdown', 15],
  ['html', 25],
  ['pdf-layout', 20],
  ['word-export', 10],
];

export function drawLayoutStyle(rng: Rng, layout: ReportLayout): LayoutStyle {
  switch (layout) {
    case 'tsv':
    case 'tsv-broken':
      return { layout, v: drawTsvVariant(rng, layout === 'tsv-broken') };
    case 'cells':
      return { layout, v: drawCellsVariant(rng) };
    case 'markdown':
      return { layout, v: drawMarkdownVariant(rng) };
    case 'html':
      return { layout, v: drawHtmlVariant(rng) };
    case 'pdf-layout':
      return { layout, v: drawPdfVariant(rng) };
    case 'word-export':
      return { layout, v: drawWordVariant(rng) };
    case 'docx':
      return { layout, v: drawDocxVariant(rng) };
  }
}

export function layoutVariantName(style: LayoutStyle): string {
  switch (style.layout) {
    case 'tsv':
    case 'tsv-broken':
      return tsvVariantName(style.v);
    case 'cells':
      return cellsVariantName(style.v);
    case 'markdown':
      return style.v;
    case 'html':
      return htmlVariantName(style.v);
    case 'pdf-layout':
      return pdfVariantName(style.v);
    case 'word-export':
      return wordVariantName(style.v);
    case 'docx':
      return docxVariantName(style.v);
  }
}

/** One table in the report's layout (for a .docx, the `w:tbl` element of word/document.xml). */
export function renderGrid(grid: TableGrid, style: LayoutStyle, rng: Rng): string {
  switch (style.layout) {
    case 'tsv':
    case 'tsv-broken':
      return renderTsv(grid, style.v, rng);
    case 'cells':
      return renderCells(grid, style.v, rng);
    case 'markdown':
      return renderMarkdown(grid, style.v);
    case 'html':
      return renderHtmlTable(grid, style.v);
    case 'pdf-layout':
      return renderPdfLayout(grid, style.v, rng);
    case 'word-export':
      return renderWordExport(grid, style.v, rng);
    case 'docx':
      return renderDocxTable(grid, style.v, rng);
  }
}
