import type { TemplateVersion } from '../../../src/facts/metrics.js';
import type { FindingRule } from '../../../src/ingest/report.js';

/**
 * What the generator knows about each report it writes: the truth a parser should find.
 * One `GoldReport` is one line of `gold.jsonl`.
 */

/** A cell as it stands in the table: a number, a blank (null), words ("text:…"), or "/" ("n/a"). */
export type GoldValue = number | null | 'n/a' | `text:${string}`;

/** Every table cell of one report, keyed by metric id (table order). */
export type GoldFacts = Record<string, GoldValue>;

export const LAYOUTS = ['tsv', 'tsv-broken', 'cells', 'markdown', 'html', 'pdf-layout', 'word-export'] as const;
/**
 * How the tables are laid out in the file.
 * - `tsv`: one tab-separated line per grid row (seeds 000/001), headers spaced out ("结 果 维 持").
 * - `tsv-broken`: the same with long labels and headers broken over lines, page breaks between
 *   rows, merged labels printed in the middle of their rows (seeds 002/004).
 * - `cells`: one cell per line, each line a tab and the cell, rows separated by blank lines (seed 003).
 * - `markdown`: pipe tables, whole or cut into one small table per item (PDF/OCR exports).
 * - `html`: a web page, tables with rowspan/colspan (shuyang-fgj-2023.html).
 * - `pdf-layout`: `pdftotext -layout` of a Word-made PDF (hongze-qzf-2023, huaian-szf-2024):
 *   columns at x positions, labels wrapped in their cells and centred across the rows they span,
 *   page breaks inside tables with footers and repeated headers.
 * - `word-export`: a Word export whose long labels continue on the next line, before or after
 *   the row's numbers.
 */
export type Layout = (typeof LAYOUTS)[number];

/**
 * Layouts written as binary files, never drawn into a corpus by chance (only asked for):
 * - `docx`: a Word document whose tables are real `w:tbl`s merged as the template merges them.
 */
export const FILE_LAYOUTS = ['docx'] as const;
export type FileLayout = (typeof FILE_LAYOUTS)[number];
/** Every layout a report can be written in. */
export type ReportLayout = Layout | FileLayout;
export const REPORT_LAYOUTS: readonly ReportLayout[] = [...LAYOUTS, ...FILE_LAYOUTS];

/** A figure the narrative states about a table cell ("政府集中采购项目7项"). */
export interface NarrativeFigure {
  metric: string;
  /** The figure as the sentence states it (may differ from the table when faulted). */
  value: number;
  /** "未收到政府信息公开申请" and the like: a claim that the figure is zero. */
  claim?: 'none';
  section: number;
  sentence: string;
}

/** A deliberate inconsistency, of one of the template's rule kinds. */
export interface Fault {
  rule: FindingRule;
  /** The metrics whose cells (or narrative figure) were changed or disagree. */
  metrics: string[];
  /** Cells changed in the table: the consistent value and the printed one. Empty for narrative faults. */
  cells: { metric: string; was: number; now: number }[];
  /** A Chinese sentence saying what is wrong, as a checker might. */
  detail: string;
}

export interface GoldReport {
  file: string;
  agency: string;
  region: { province: string; city: string | null; county: string | null };
  year: number;
  template: TemplateVersion;
  layout: ReportLayout;
  /** Finer style of the layout (e.g. markdown "sectioned"), for debugging a parser. */
  variant: string;
  facts: GoldFacts;
  narrative: NarrativeFigure[];
  faults: Fault[];
  /**
   * The report's second file, when the corpus holds one (`--copies`): the same report, cells,
   * narrative and all, in another layout. Copies are one report, so one gold line.
   */
  copy?: GoldCopy;
}

export interface GoldCopy {
  /** Relative to the corpus folder, e.g. "copies/000123_呼兰区教育局_2020.html". */
  file: string;
  layout: Layout;
  variant: string;
}

/** The template version of a report year: the 2021 template applies from the 2021 reports on. */
export function templateOf(year: number): TemplateVersion {
  return year >= 2021 ? '2021' : '2019';
}

/** A gold value as a number for the sums of the rules: blanks, "/" and words count as nothing. */
export function asNumber(v: GoldValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}
