import { z } from 'zod';
import type { Report } from '../ingest/report.js';
import { FindingSchema, RegionSchema, TemplateVersionSchema } from '../ingest/report.js';
import { TABLE_METRICS } from './metrics.js';

/** One line of `facts --json`: a report's table figures by metric id (null where not a number). */
export const FactsRecordSchema = z.object({
  file: z.string(),
  agency: z.string(),
  region: RegionSchema,
  year: z.number().int(),
  template: TemplateVersionSchema,
  publishedAt: z.string().nullable(),
  facts: z.record(z.string(), z.number().nullable()),
  findings: z.array(FindingSchema),
});
export type FactsRecord = z.infer<typeof FactsRecordSchema>;

export function factsRecord(r: Report): FactsRecord {
  const facts: Record<string, number | null> = {};
  for (const m of TABLE_METRICS) if (m.templates.includes(r.meta.template)) facts[m.id] = null;
  for (const f of r.facts) {
    if (f.origin !== 'table') continue;
    facts[f.metric] = f.value.kind === 'number' ? f.value.value : null;
  }
  return {
    file: r.file,
    agency: r.meta.agency,
    region: r.meta.region,
    year: r.meta.year,
    template: r.meta.template,
    publishedAt: r.meta.publishedAt,
    facts,
    findings: r.findings,
  };
}
