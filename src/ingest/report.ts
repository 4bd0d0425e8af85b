import { z } from 'zod';

/**
 * The `Report`: what one annual report file says, as typed data. Everything after ingestion
 * (fact store, passage index, answers) works on these, never on files.
 */

export const TemplateVersionSchema = z.enum(['2019', '2021']);

/** 一 … 六, or 0 for text before the first section (title, preamble). */
export const SectionNoSchema = z.number().int().min(0).max(6);

export const SectionSchema = z.object({
  no: SectionNoSchema,
  /** The heading as printed, e.g. "五、存在的主要问题及改进情况". Empty for the preamble. */
  title: z.string(),
  text: z.string(),
  /** Character offsets of `text` in the report's normalized text. */
  start: z.number().int(),
  end: z.number().int(),
});
export type Section = z.infer<typeof SectionSchema>;

export const RegionSchema = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
});
export type Region = z.infer<typeof RegionSchema>;

export const ReportMetaSchema = z.object({
  /** Full name, e.g. 鹤岗市教育局. */
  agency: z.string(),
  /** Short names people use: 鹤岗, 鹤岗教育局, 鹤岗市教育局 … */
  aliases: z.array(z.string()),
  region: RegionSchema,
  /** The year the report covers. */
  year: z.number().int(),
  /** YYYY-MM-DD when printed in the report, else null. */
  publishedAt: z.string().nullable(),
  template: TemplateVersionSchema,
  title: z.string(),
});
export type ReportMeta = z.infer<typeof ReportMetaSchema>;

/**
 * One cell's reading. A blank cell is `blank`, "/" "—" "不涉及" are `not_applicable`, words in a
 * numeric cell are `text`; `unknown` is a cell that could not be read with certainty.
 */
export const CellValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), value: z.number() }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('not_applicable') }),
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('unknown') }),
]);
export type CellValue = z.infer<typeof CellValueSchema>;

export const FactOriginSchema = z.enum(['table', 'narrative']);

export const FactSchema = z.object({
  metric: z.string(),
  value: CellValueSchema,
  /** Unit of `value` when a number (万元 for amounts, whatever the source said). */
  unit: z.string(),
  origin: FactOriginSchema,
  section: SectionNoSchema,
  /** The original cell text, or the sentence for a narrative figure. */
  source: z.string(),
  /** For a narrative figure, the words that name it ("发布信息"). */
  label: z.string().optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const FindingRuleSchema = z.enum([
  'balance', // 1. 勾稽关系: new + carried_over = total_processed + carried_forward
  'row_total', // 2. a row's total = sum of its applicant columns
  'results_total', // 3. total_processed = sum of result rows
  'case_total', // 4. table 3 totals = sum of outcomes
  'narrative_vs_table', // 5. a narrative figure agrees with its table cell
  'no_requests_claim', // 6. "未收到申请" only where requests.new.total is 0
  'encoding', // bytes of the file that could not be decoded, replaced by U+FFFD
  'unreadable', // a cell or table that could not be read with certainty
  'incomplete', // a table cut short or a row missing
  'copies_disagree', // two files of one report (web page and PDF …) state a cell differently
  'ocr', // the report is a scan, read by OCR: its figures may be misread
]);
export type FindingRule = z.infer<typeof FindingRuleSchema>;

export const FindingSchema = z.object({
  rule: FindingRuleSchema,
  severity: z.enum(['error', 'warning', 'info']),
  metrics: z.array(z.string()),
  /** A Chinese sentence a person can act on. */
  message: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const ReportSchema = z.object({
  /** Stable id: the file path relative to the corpus folder. */
  id: z.string(),
  file: z.string(),
  /**
   * Every file the report was read from when the corpus holds it more than once (the web page
   * and its crawled text, the page and its PDF), `file` first; absent for a report of one file.
   * See copies.ts.
   */
  files: z.array(z.string()).optional(),
  meta: ReportMetaSchema,
  sections: z.array(SectionSchema),
  /** The normalized text the sections and offsets refer to. */
  text: z.string(),
  facts: z.array(FactSchema),
  findings: z.array(FindingSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** Expected failure of reading one file: names the file and the problem. */
export interface ReadError {
  file: string;
  message: string;
}

export type Result<T, E = ReadError> = { ok: true; value: T } | { ok: false; error: E };
