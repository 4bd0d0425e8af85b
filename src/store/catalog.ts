/**
 * The report store's catalog on disk: one array per field instead of one object per report.
 * V8's deserializer makes objects property by property, slowly; arrays of strings and typed
 * arrays it copies nearly as fast as the disk gives them. The catalog of 10,000 reports reads in
 * a third of the time of the same entries as objects, and the entries are made back in plain
 * code. What repeats (section titles, places, templates) is stored once.
 */
import { z } from 'zod';
import { nullableStringColumn, stringColumn } from '../column-schemas.js';
import { FindingSchema, ReportMetaSchema, SectionNoSchema } from '../ingest/report.js';

export const EntrySchema = z.object({
  file: z.string(),
  sha256: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  meta: ReportMetaSchema,
  findings: z.array(FindingSchema),
  /** Section headings: [no, title, start, end]. */
  sections: z.array(z.tuple([SectionNoSchema, z.string(), z.number().int(), z.number().int()])),
  /** Facts: how many, and where their columns start in the columns file. */
  facts: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
  /** Where the body starts in the bodies file, and the byte lengths of its facts and text. */
  body: z.number().int().nonnegative(),
  factBytes: z.number().int().nonnegative(),
  textBytes: z.number().int().nonnegative(),
});
/** One report as the store lists it. */
export type Entry = z.infer<typeof EntrySchema>;

/** Numbers per entry, in this order, in `numbers`. */
const NUMBERS = ['size', 'mtimeMs', 'facts', 'columns', 'body', 'factBytes', 'textBytes', 'year'] as const;
/** Fields per section in `sections`: no, title (index into `words`), start, end. */
const SECTION_FIELDS = 4;
/** Separates a report's aliases in one string. */
const ALIAS_SEPARATOR = '\u0000';

export const CatalogColumnsSchema = z.object({
  file: stringColumn(),
  sha256: stringColumn(),
  numbers: z.instanceof(Float64Array),
  agency: stringColumn(),
  aliases: stringColumn(),
  title: stringColumn(),
  publishedAt: nullableStringColumn(),
  /** Strings that repeat (places, section titles, templates), referred to by index; -1 is null. */
  words: stringColumn(),
  /** Per entry: province, city, county, template. */
  shared: z.instanceof(Int32Array),
  /** Per entry: its findings as JSON, '' when none (most reports). */
  findings: stringColumn(),
  /** Where each entry's sections start in `sections` (one more than entries). */
  sectionStarts: z.instanceof(Int32Array),
  sections: z.instanceof(Int32Array),
});
export type CatalogColumns = z.infer<typeof CatalogColumnsSchema>;

export function toColumns(entries: readonly Entry[]): CatalogColumns {
  const n = entries.length;
  const words: string[] = [];
  const wordIds = new Map<string, number>();
  const word = (w: string | null): number => {
    if (w === null) return -1;
    let id = wordIds.get(w);
    if (id === undefined) wordIds.set(w, (id = words.push(w) - 1));
    return id;
  };
  const numbers = new Float64Array(n * NUMBERS.length);
  const shared = new Int32Array(n * 4);
  const sectionStarts = new Int32Array(n + 1);
  const sectionList: number[] = [];
  entries.forEach((e, i) => {
    const values = [e.size, e.mtimeMs, e.facts, e.columns, e.body, e.factBytes, e.textBytes, e.meta.year];
    numbers.set(values, i * NUMBERS.length);
    const { province, city, county } = e.meta.region;
    shared.set([word(province), word(city), word(county), word(e.meta.template)], i * 4);
    for (const [no, title, start, end] of e.sections) sectionList.push(no, word(title), start, end);
    sectionStarts[i + 1] = sectionList.length;
  });
  return {
    file: entries.map((e) => e.file),
    sha256: entries.map((e) => e.sha256),
    numbers,
    agency: entries.map((e) => e.meta.agency),
    aliases: entries.map((e) => e.meta.aliases.join(ALIAS_SEPARATOR)),
    title: entries.map((e) => e.meta.title),
    publishedAt: entries.map((e) => e.meta.publishedAt),
    words,
    shared,
    findings: entries.map((e) => (e.findings.length ? JSON.stringify(e.findings) : '')),
    sectionStarts,
    sections: Int32Array.from(sectionList),
  };
}

/** The entries back; throws on columns of mismatched lengths (a damaged catalog). */
export function fromColumns(c: CatalogColumns): Entry[] {
  const n = c.file.length;
  const lengths = [c.sha256, c.agency, c.aliases, c.title, c.publishedAt, c.findings].map((a) => a.length);
  if (lengths.some((l) => l !== n) || c.numbers.length !== n * NUMBERS.length || c.shared.length !== n * 4 || c.sectionStarts.length !== n + 1) {
    throw new Error('catalog columns of different lengths');
  }
  const word = (id: number): string | null => (id < 0 ? null : (c.words[id] ?? null));
  const sectionsOf = (i: number): Entry['sections'] => {
    const sections: Entry['sections'] = [];
    for (let p = c.sectionStarts[i]; p < c.sectionStarts[i + 1]; p += SECTION_FIELDS) {
      sections.push([c.sections[p] as Entry['sections'][number][0], word(c.sections[p + 1]) ?? '', c.sections[p + 2], c.sections[p + 3]]);
    }
    return sections;
  };
  const out: Entry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = i * NUMBERS.length;
    const s = i * 4;
    out[i] = {
      file: c.file[i],
      sha256: c.sha256[i],
      size: c.numbers[k],
      mtimeMs: c.numbers[k + 1],
      meta: {
        agency: c.agency[i],
        aliases: c.aliases[i] === '' ? [] : c.aliases[i].split(ALIAS_SEPARATOR),
        region: { province: word(c.shared[s]), city: word(c.shared[s + 1]), county: word(c.shared[s + 2]) },
        year: c.numbers[k + 7],
        publishedAt: c.publishedAt[i],
        template: word(c.shared[s + 3]) as Entry['meta']['template'],
        title: c.title[i],
      },
      findings: c.findings[i] === '' ? [] : (JSON.parse(c.findings[i]) as Entry['findings']),
      // Made when asked for (a section shown, passages built): a start does not need 70,000 of them.
      get sections() {
        return sectionsOf(i);
      },
      facts: c.numbers[k + 2],
      columns: c.numbers[k + 3],
      body: c.numbers[k + 4],
      factBytes: c.numbers[k + 5],
      textBytes: c.numbers[k + 6],
    };
  }
  return out;
}
