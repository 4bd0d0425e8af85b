import { z } from 'zod';

/** Where a figure or sentence of an answer comes from. */
export const CitationSchema = z.object({
  reportId: z.string(),
  agency: z.string(),
  year: z.number().int(),
  /** Section heading, e.g. "二、主动公开政府信息情况". */
  section: z.string(),
  /** The original cell or sentence. */
  snippet: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const RouteSchema = z.enum(['facts', 'search', 'meta', 'checks', 'none']);
export type Route = z.infer<typeof RouteSchema>;

/** What a table answer lists: a ranking, a comparison, a trend over years, a list, a filter's finds. */
export const TableKindSchema = z.enum(['ranking', 'comparison', 'trend', 'list', 'filter']);
export type TableKind = z.infer<typeof TableKindSchema>;

/** A cell: a name or a figure; where a report states no figure, the words saying why (未填写, 不适用 …). */
export const TableCellSchema = z.union([z.string(), z.number(), z.null()]);
export type TableCell = z.infer<typeof TableCellSchema>;

/**
 * The rows behind an answer that lists reports, for a chart, an export or another program. Every
 * row the answer counts is here, also those its text leaves out ("其余N份从略"), up to
 * `TABLE_ROWS` (then `total` says how many there were).
 *
 * @example
 * { kind: 'ranking', title: '2020年政府集中采购 采购总金额排名', metric: '政府集中采购 采购总金额', unit: '万元',
 *   columns: ['名次', '单位', '年度', '政府集中采购 采购总金额（万元）'],
 *   rows: [[1, '牡丹江市教育局', 2020, 2896.642], [2, '呼兰区教育局', 2020, 258.3]], total: 2 }
 */
export const AnswerTableSchema = z.object({
  kind: TableKindSchema,
  /** A heading for the table, e.g. "2020年政府集中采购 采购总金额排名". */
  title: z.string(),
  /** The (first) metric's label. */
  metric: z.string(),
  /** The unit of the figures when the table holds one metric; '' for none or several. */
  unit: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(TableCellSchema)),
  /** Rows there are; more than `rows.length` only past `TABLE_ROWS`. */
  total: z.number().int(),
});
export type AnswerTable = z.infer<typeof AnswerTableSchema>;

/** At most this many rows are kept in an answer's table. */
export const TABLE_ROWS = 10_000;

/** How a question is asked. */
export interface AskOptions {
  /**
   * At most this many rows in the answer's table (default and at most `TABLE_ROWS`; `total` still
   * counts them all, and the text is the same): the bot asks for the rows its message and chart
   * use, and for the whole table when 导出CSV is pressed.
   */
  tableRows?: number;
}

/**
 * The engine's answer, the contract of `ask --json`: `text` is exactly what a person reads;
 * `table`, on answers that list reports, holds the rows behind the text.
 */
export const AnswerSchema = z.object({
  question: z.string(),
  route: RouteSchema,
  text: z.string(),
  citations: z.array(CitationSchema),
  table: AnswerTableSchema.optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;
