/**
 * The reports the database holds, read back as the `Report`s the corpus loader makes: metadata,
 * sections, text, facts and findings. The engine over a database starts from these, without
 * reading a corpus folder.
 *
 * This reads every report whole at start, as the embedded store does; fact queries in SQL and
 * reports loaded one at a time (src/db/README.md) are the next step.
 */
import type pg from 'pg';
import type { TemplateVersion } from '../facts/metrics.js';
import type { Finding, Report, Section } from '../ingest/report.js';
import { factOf, type FactRow } from './fact-source.js';

interface ReportRow {
  id: string;
  file: string;
  agency: string;
  aliases: string[];
  province: string | null;
  city: string | null;
  county: string | null;
  year: number;
  template: TemplateVersion;
  published_at: string | null;
  title: string;
  text: string;
}

/**
 * Every report of the database, by file (code point order, as the corpus folder is listed).
 *
 * @example
 *   const reports = await readReports(pool);
 *   buildEngine(reports, { index: new PgPassageSearch(pool) });
 */
export async function readReports(pool: pg.Pool): Promise<Report[]> {
  const { rows } = await pool.query<ReportRow>(
    `SELECT id, file, agency, aliases, province, city, county, year, template, published_at, title, text
       FROM reports ORDER BY file COLLATE "C"`,
  );
  const sections = await grouped(pool, 'SELECT report_id, no, title, text, start_offset, end_offset FROM sections ORDER BY report_id, ordinal', sectionOf);
  const facts = await grouped(
    pool,
    `SELECT report_id, metric, origin, kind, value::float8 AS value, text, unit, section, source, label FROM facts ORDER BY report_id, ordinal`,
    factOf,
  );
  const findings = await grouped(pool, 'SELECT report_id, rule, severity, metrics, message FROM findings ORDER BY report_id, ordinal', findingOf);
  return rows.map((r) => ({
    id: r.file,
    file: r.file,
    meta: {
      agency: r.agency,
      aliases: r.aliases,
      region: { province: r.province, city: r.city, county: r.county },
      year: r.year,
      publishedAt: r.published_at,
      template: r.template,
      title: r.title,
    },
    sections: sections.get(r.id) ?? [],
    text: r.text,
    facts: facts.get(r.id) ?? [],
    findings: findings.get(r.id) ?? [],
  }));
}

/** Rows of a child table by their report, in the order the query gives. */
async function grouped<Row extends { report_id: string }, T>(pool: pg.Pool, sql: string, make: (row: Row) => T): Promise<Map<string, T[]>> {
  const { rows } = await pool.query<Row>(sql);
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
