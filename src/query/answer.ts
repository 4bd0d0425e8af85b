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

/**
 * The engine's answer, the contract of `ask --json`: `text` is exactly what a person reads.
 * `items` are the answer's units (one ranked report, one passage) so a surface can page through
 * them; `text` already holds them all.
 */
export const AnswerSchema = z.object({
  question: z.string(),
  route: RouteSchema,
  text: z.string(),
  citations: z.array(CitationSchema),
});
export type Answer = z.infer<typeof AnswerSchema>;
