import { z } from 'zod';
import type { ReportEntry } from './state.js';

/**
 * `reports.json`: the index's reports, with what repeats stored once. An agency (name, aliases,
 * names) is shared by its reports of every year, and the section titles are mostly the
 * template's six; reports point to both by number. 10,000 reports read in a few milliseconds.
 */
const StoredReportSchema = z
  .object({
    id: z.string(),
    /** Absent when the same as `id`. */
    file: z.string().optional(),
    agency: z.number().int().nonnegative(),
    year: z.number().int(),
    /** Index into `variants`. */
    variant: z.number().int().nonnegative(),
    title: z.string(),
    sections: z.array(z.number().int().nonnegative()),
  })
  .nullable();

/** `extra`: the names kept whole besides the agency's name and aliases (its region's). */
const StoredAgencySchema = z.object({ name: z.string(), aliases: z.array(z.string()), extra: z.array(z.string()) });

const ReportsFileSchema = z.object({
  agencies: z.array(StoredAgencySchema),
  titles: z.array(z.string()),
  /** Places and templates (`ReportEntry.variant`), each stored once. */
  variants: z.array(z.string()),
  reports: z.array(StoredReportSchema),
});
/** What is checked in full at load: everything but the agencies and reports, of which samples are checked. */
const ReportsFileHeadSchema = ReportsFileSchema.extend({ agencies: z.array(z.unknown()), reports: z.array(z.unknown()) });
type ReportsFile = z.infer<typeof ReportsFileSchema>;

export function encodeReports(reports: readonly (ReportEntry | null)[]): string {
  const agencies: ReportsFile['agencies'] = [];
  const agencyIds = new Map<string, number>();
  const titles: string[] = [];
  const titleIds = new Map<string, number>();
  const variants: string[] = [];
  const variantIds = new Map<string, number>();
  const idOf = <T>(map: Map<string, number>, list: T[], key: string, value: T) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = list.push(value) - 1));
    return id;
  };
  const out: ReportsFile['reports'] = reports.map((r) => {
    if (!r) return null;
    const known = new Set([r.agency, ...r.aliases]);
    const agency = { name: r.agency, aliases: r.aliases, extra: r.names.filter((n) => !known.has(n)) };
    return {
      id: r.id,
      ...(r.file === r.id ? {} : { file: r.file }),
      agency: idOf(agencyIds, agencies, JSON.stringify(agency), agency),
      year: r.year,
      variant: idOf(variantIds, variants, r.variant, r.variant),
      title: r.title,
      sections: r.sectionTitles.map((t) => idOf(titleIds, titles, t, t)),
    };
  });
  return JSON.stringify({ agencies, titles, variants, reports: out });
}

/** The reports, or null when the file is not what `encodeReports` writes. */
export function decodeReports(json: string): (ReportEntry | null)[] | null {
  let parsed;
  try {
    parsed = ReportsFileHeadSchema.safeParse(JSON.parse(json));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  // The file is this program's own, its size checked against the manifest: a sample of its
  // agencies and reports is checked in full (a file of another shape fails there), not 100,000
  // of them.
  if (!sampleFits(parsed.data.agencies, StoredAgencySchema) || !sampleFits(parsed.data.reports, StoredReportSchema)) return null;
  const { titles, variants } = parsed.data;
  const agencies = parsed.data.agencies as ReportsFile['agencies'];
  const reports = parsed.data.reports as ReportsFile['reports'];
  const out: (ReportEntry | null)[] = [];
  try {
    for (const r of reports) {
      if (!r) {
        out.push(null);
        continue;
      }
      const agency = agencies[r.agency];
      const sectionTitles = r.sections.map((t) => titles[t]);
      const variant = variants[r.variant];
      if (!agency || variant === undefined || sectionTitles.some((t) => t === undefined)) return null;
      out.push({
        id: r.id,
        file: r.file ?? r.id,
        agency: agency.name,
        aliases: agency.aliases,
        names: [agency.name, ...agency.aliases, ...agency.extra],
        year: r.year,
        variant,
        title: r.title,
        sectionTitles,
      });
    }
  } catch {
    // An unsampled agency or report of another shape.
    return null;
  }
  return out;
}

/** About 64 items spread over the list, and the last, fit the schema. */
function sampleFits(all: readonly unknown[], schema: z.ZodType): boolean {
  const step = Math.max(1, Math.floor(all.length / 64));
  for (let i = 0; i < all.length; i += step) if (!schema.safeParse(all[i]).success) return false;
  return all.length === 0 || schema.safeParse(all[all.length - 1]).success;
}
