/**
 * One report into the database, whole or not at all: its row, sections, facts, findings and
 * passages in one transaction, replacing what its file held before, and its group of copies
 * merged again (write-groups.ts). Readers see the report as
 * it was or as it is, never half of it.
 */
import type pg from 'pg';
import { copyKey } from '../ingest/copies.js';
import type { Report } from '../ingest/report.js';
import { parserVersion } from '../ingest/parser-version.js';
import { indexedText, reportPassages } from '../search/passages.js';
import { segment } from '../search/segment.js';
import { notifyReportsChanged } from './report-changes.js';
import { tsvectorLiteral } from './tsvector.js';
import { followAgencyKeys, refreshGroups } from './write-groups.js';

/** The file a report was read from, as the writer found it. */
export interface FileStamp {
  file: string;
  sha256: string;
  size: number;
  mtimeMs: number;
}

export interface WrittenReport {
  file: string;
  agency: string;
  year: number;
  passages: number;
  tokens: number;
}

/**
 * PostgreSQL's text holds no NUL; U+FFFD keeps every offset where it was (one UTF-16 unit each),
 * as the decoder already does for bytes it could not read.
 */
const clean = (s: string) => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);
const cleanOrNull = (s: string | null | undefined) => (s == null ? null : clean(s));

/**
 * Writes `report` (read from `stamp.file`) in one transaction on `client`, which must not be in
 * a transaction already, and tells the replicas at its commit. jieba must know the corpus's names
 * first (`addCorpusNames`), as when the embedded index segments. `also` writes more in the same
 * transaction (an added report's file).
 */
export async function writeReport(
  client: pg.PoolClient,
  stamp: FileStamp,
  report: Report,
  also?: (client: pg.PoolClient) => Promise<void>,
): Promise<WrittenReport> {
  const passages = passageRows(report);
  await client.query('BEGIN');
  try {
    const old = await client.query<{ agency: string; copy_key: string }>('DELETE FROM reports WHERE file = $1 RETURNING agency, copy_key', [stamp.file]);
    const id = await insertReport(client, stamp, report);
    await insertSections(client, id, report);
    await insertFacts(client, id, report);
    await insertFindings(client, id, report);
    await insertPassages(client, id, passages);
    const agencies = [report.meta.agency, ...old.rows.map((r) => r.agency)];
    await refreshAgencyKeys(client, agencies);
    await refreshGroups(client, [clean(copyKey(report.meta)), ...old.rows.map((r) => r.copy_key)]);
    await followAgencyKeys(client, agencies);
    await also?.(client);
    await notifyReportsChanged(client, [stamp.file]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  return { file: stamp.file, agency: report.meta.agency, year: report.meta.year, passages: passages.length, tokens: passages.reduce((n, p) => n + p.tokens, 0) };
}

/** Takes the reports of these files out (their facts, findings and passages go with them). */
export async function removeReports(client: pg.PoolClient, files: readonly string[]): Promise<void> {
  if (!files.length) return;
  await client.query('BEGIN');
  try {
    const gone = await client.query<{ agency: string; copy_key: string }>('DELETE FROM reports WHERE file = ANY($1::text[]) RETURNING agency, copy_key', [files]);
    const agencies = gone.rows.map((r) => r.agency);
    await refreshAgencyKeys(client, agencies);
    await refreshGroups(client, gone.rows.map((r) => r.copy_key));
    await followAgencyKeys(client, agencies);
    if (gone.rows.length > 0) await notifyReportsChanged(client, files);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/** Records a file's new size and time when its content is the same (a copy, a touch). */
export async function restamp(client: pg.PoolClient, stamps: readonly FileStamp[]): Promise<void> {
  if (!stamps.length) return;
  await client.query(
    `UPDATE reports r SET size = s.size, mtime_ms = s.mtime_ms
       FROM unnest($1::text[], $2::bigint[], $3::float8[]) AS s(file, size, mtime_ms)
      WHERE r.file = s.file`,
    [stamps.map((s) => s.file), stamps.map((s) => s.size), stamps.map((s) => s.mtimeMs)],
  );
}

async function insertReport(client: pg.PoolClient, stamp: FileStamp, report: Report): Promise<string> {
  const m = report.meta;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO reports (file, sha256, size, mtime_ms, parser_version, agency, agency_key, aliases,
                          province, city, county, year, template, published_at, title, text, copy_key)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING id`,
    [
      stamp.file,
      stamp.sha256,
      stamp.size,
      stamp.mtimeMs,
      parserVersion(),
      clean(m.agency),
      m.aliases.map(clean),
      cleanOrNull(m.region.province),
      cleanOrNull(m.region.city),
      cleanOrNull(m.region.county),
      m.year,
      m.template,
      m.publishedAt,
      clean(m.title),
      clean(report.text),
      clean(copyKey(m)),
    ],
  );
  return rows[0].id;
}

async function insertSections(client: pg.PoolClient, id: string, report: Report): Promise<void> {
  const s = report.sections;
  if (!s.length) return;
  await client.query(
    `INSERT INTO sections (report_id, ordinal, no, title, text, start_offset, end_offset)
     SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::text[], $5::text[], $6::int[], $7::int[])`,
    [id, s.map((_, i) => i), s.map((x) => x.no), s.map((x) => clean(x.title)), s.map((x) => clean(x.text)), s.map((x) => x.start), s.map((x) => x.end)],
  );
}

async function insertFacts(client: pg.PoolClient, id: string, report: Report): Promise<void> {
  const f = report.facts;
  if (!f.length) return;
  await client.query(
    `INSERT INTO facts (report_id, ordinal, metric, origin, kind, value, text, unit, section, source, label)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[],
                              $8::text[], $9::smallint[], $10::text[], $11::text[])`,
    [
      id,
      f.map((_, i) => i),
      f.map((x) => x.metric),
      f.map((x) => x.origin),
      f.map((x) => x.value.kind),
      // A double's shortest decimal form: numeric holds it exactly, and float8 reads it back as the same double.
      f.map((x) => (x.value.kind === 'number' ? String(x.value.value) : null)),
      f.map((x) => (x.value.kind === 'text' ? clean(x.value.text) : null)),
      f.map((x) => clean(x.unit)),
      f.map((x) => x.section),
      f.map((x) => clean(x.source)),
      f.map((x) => cleanOrNull(x.label)),
    ],
  );
}

async function insertFindings(client: pg.PoolClient, id: string, report: Report): Promise<void> {
  const f = report.findings;
  if (!f.length) return;
  await client.query(
    `INSERT INTO findings (report_id, ordinal, rule, severity, metrics, message)
     SELECT $1, o, r, s, ARRAY(SELECT jsonb_array_elements_text(m)), msg
       FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::text[]) AS u(o, r, s, m, msg)`,
    [id, f.map((_, i) => i), f.map((x) => x.rule), f.map((x) => x.severity), f.map((x) => JSON.stringify(x.metrics)), f.map((x) => clean(x.message))],
  );
}

interface PassageRow {
  sectionNo: number;
  sectionTitle: string;
  table: number | null;
  text: string;
  start: number;
  end: number;
  tokens: number;
  tsvector: string;
}

/** The report's passages as the embedded index cuts and segments them (search/passages.ts). */
function passageRows(report: Report): PassageRow[] {
  // A section's title by its number, the last of a number winning, as the embedded index names them.
  const titles = new Map<number, string>();
  for (const s of report.sections) titles.set(s.no, s.title);
  return reportPassages(report).map((draft) => {
    const tokens = segment(indexedText(draft));
    return {
      sectionNo: draft.sectionNo,
      sectionTitle: titles.get(draft.sectionNo) ?? '',
      table: draft.table ?? null,
      text: draft.text,
      start: draft.start,
      end: draft.end,
      tokens: tokens.length,
      tsvector: tsvectorLiteral(tokens),
    };
  });
}

async function insertPassages(client: pg.PoolClient, id: string, p: readonly PassageRow[]): Promise<void> {
  if (!p.length) return;
  await client.query(
    `INSERT INTO passages (report_id, ordinal, section_no, section_title, row_table, text, start_offset, end_offset, tokens)
     SELECT $1, o, n, t, rt, x, s, e, v::tsvector
       FROM unnest($2::int[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::int[], $8::int[], $9::text[])
         AS u(o, n, t, rt, x, s, e, v)`,
    [
      id,
      p.map((_, i) => i),
      p.map((x) => x.sectionNo),
      p.map((x) => clean(x.sectionTitle)),
      p.map((x) => x.table),
      p.map((x) => clean(x.text)),
      p.map((x) => x.start),
      p.map((x) => x.end),
      p.map((x) => clean(x.tsvector)),
    ],
  );
}

/**
 * Keeps `agency_key` as `agencyKey` (facts/store.ts) makes it: the name alone, or the name and its
 * city (else province) when reports of that name come from more than one place. Depends on the
 * other reports of the name, so it is made again whenever one of them comes or goes.
 */
async function refreshAgencyKeys(client: pg.PoolClient, agencies: readonly string[]): Promise<void> {
  await client.query(
    `WITH named AS (
       SELECT agency, count(DISTINCT concat_ws('|', coalesce(province, ''), coalesce(city, ''), coalesce(county, ''))) > 1 AS shared
         FROM reports WHERE agency = ANY($1::text[]) GROUP BY agency
     )
     UPDATE reports r
        SET agency_key = CASE WHEN n.shared
                              THEN r.agency || '（' || coalesce(CASE WHEN r.city <> '' AND r.city IS DISTINCT FROM r.county THEN r.city ELSE r.province END, '地区不详') || '）'
                              ELSE r.agency END
       FROM named n
      WHERE r.agency = n.agency`,
    [[...new Set(agencies.map(clean))]],
  );
}
