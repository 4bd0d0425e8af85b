/**
 * The reports the database holds, read back as the `Report`s the corpus loader makes: metadata,
 * section titles, facts and findings, with or without their texts. The writer reads a group's
 * copies back to merge them (write-groups.ts); tests compare the storages with them. The engine
 * reads no report whole: it asks `PgFactSource`, and `SectionTexts` fills in the texts of the
 * sections an answer shows.
 */
import type pg from 'pg';
import type { TemplateVersion } from '../facts/metrics.js';
import type { Fact, Finding, Report, ReportMeta, Section } from '../ingest/report.js';

/** A pool, or one client of it (inside a transaction). */
export type Queryable = pg.Pool | pg.PoolClient;

/** The columns of `reports` (and `report_groups`) a report's metadata is read from. */
export interface MetaRow {
  agency: string;
  aliases: string[];
  province: string | null;
  city: string | null;
  county: string | null;
  year: number;
  template: TemplateVersion;
  published_at: string | null;
  title: string;
}

/** A report's metadata from its row. */
export function metaOf(r: MetaRow): ReportMeta {
  return {
    agency: r.agency,
    aliases: r.aliases,
    region: { province: r.province, city: r.city, county: r.county },
    year: r.year,
    publishedAt: r.published_at,
    template: r.template,
    title: r.title,
  };
}

interface ReportRow extends MetaRow {
  id: string;
  file: string;
  text: string;
}

/**
 * Every report of the database, by file (code point order, as the corpus folder is listed).
 * Without `texts`, a report's `text` and its sections' texts are empty until `SectionTexts`
 * fills them in: only section answers read them.
 *
 * @example
 *   const reports = await readReports(pool, { texts: false });
 *   buildEngine(reports, { index: new PgPassageSearch(pool), sectionTexts: new SectionTexts(pool) });
 */
export async function readReports(pool: Queryable, opts: { texts?: boolean; copyKeys?: readonly string[] } = {}): Promise<Report[]> {
  const texts = opts.texts ?? true;
  // Every report, or the members of these groups of copies (the writer merging them).
  const only = opts.copyKeys ? 'WHERE report_id IN (SELECT id FROM reports WHERE copy_key = ANY($1::text[]))' : '';
  const params = opts.copyKeys ? [opts.copyKeys] : [];
  const { rows } = await pool.query<ReportRow>(
    `SELECT id, file, agency, aliases, province, city, county, year, template, published_at, title, ${texts ? 'text' : "'' AS text"}
       FROM reports ${opts.copyKeys ? 'WHERE copy_key = ANY($1::text[])' : ''} ORDER BY file COLLATE "C"`,
    params,
  );
  const sections = await grouped(
    pool,
    `SELECT report_id, no, title, ${texts ? 'text' : "'' AS text"}, start_offset, end_offset FROM sections ${only} ORDER BY report_id, ordinal`,
    params,
    sectionOf,
  );
  const facts = await grouped(
    pool,
    `SELECT report_id, metric, origin, kind, value::float8 AS value, text, unit, section, source, label FROM facts ${only} ORDER BY report_id, ordinal`,
    params,
    factOf,
  );
  const findings = await grouped(pool, `SELECT report_id, rule, severity, metrics, message FROM findings ${only} ORDER BY report_id, ordinal`, params, findingOf);
  return rows.map((r) => ({
    id: r.file,
    file: r.file,
    meta: metaOf(r),
    sections: sections.get(r.id) ?? [],
    text: r.text,
    facts: facts.get(r.id) ?? [],
    findings: findings.get(r.id) ?? [],
  }));
}

/** Rows of a child table by their report, in the order the query gives. */
async function grouped<Row extends { report_id: string }, T>(pool: Queryable, sql: string, params: unknown[], make: (row: Row) => T): Promise<Map<string, T[]>> {
  const { rows } = await pool.query<Row>(sql, params);
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.report_id);
    if (list) list.push(make(row));
    else out.set(row.report_id, [make(row)]);
  }
  return out;
}

interface SectionRow {
  report_id: string;
  no: number;
  title: string;
  text: string;
  start_offset: number;
  end_offset: number;
}

function sectionOf(s: SectionRow): Section {
  return { no: s.no, title: s.title, text: s.text, start: s.start_offset, end: s.end_offset };
}

interface FindingRow {
  report_id: string;
  rule: Finding['rule'];
  severity: Finding['severity'];
  metrics: string[];
  message: string;
}

function findingOf(f: FindingRow): Finding {
  return { rule: f.rule, severity: f.severity, metrics: f.metrics, message: f.message };
}

/**
 * Fills in the section texts of reports read without them, once a report: the section answer
 * (五、存在的主要问题及改进情况) shows a few reports' sections, never the whole corpus's.
 */
export class SectionTexts {
  private readonly loaded = new WeakSet<Report>();

  constructor(private readonly pool: pg.Pool) {}

  async load(reports: readonly Report[]): Promise<void> {
    const wanted = reports.filter((r) => !this.loaded.has(r));
    if (!wanted.length) return;
    const { rows } = await this.pool.query<{ file: string; ordinal: number; text: string }>(
      `SELECT r.file, s.ordinal, s.text FROM sections s JOIN reports r ON r.id = s.report_id WHERE r.file = ANY($1::text[])`,
      [wanted.map((r) => r.file)],
    );
    const byFile = new Map(wanted.map((r) => [r.file, r]));
    // A merged report's sections are its primary copy's, read back in order: ordinal is the index.
    for (const row of rows) {
      const section = byFile.get(row.file)?.sections[row.ordinal];
      if (section) section.text = row.text;
    }
    for (const r of wanted) this.loaded.add(r);
  }
}

/** A row of `facts` as the queries select it (value as float8). */
export interface FactRow {
  report_id: string;
  metric: string;
  origin: Fact['origin'];
  kind: Fact['value']['kind'];
  value: number | null;
  text: string | null;
  unit: string;
  section: number;
  source: string;
  label: string | null;
}

/** A fact row as the `Fact` the corpus loader made. */
export function factOf(f: FactRow): Fact {
  const value: Fact['value'] =
    f.kind === 'number' ? { kind: 'number', value: f.value as number } : f.kind === 'text' ? { kind: 'text', text: f.text as string } : { kind: f.kind };
  return {
    metric: f.metric,
    value,
    unit: f.unit,
    origin: f.origin,
    section: f.section as Fact['section'],
    source: f.source,
    ...(f.label !== null && { label: f.label }),
  };
}
