/**
 * Reports into the database, each whole or not at all: a batch of reports (their rows, sections,
 * facts, findings and passages) in one transaction, replacing what their files held before, the
 * agency keys of the names touched made again once, and the groups of copies they belong to
 * merged again from the reports in hand (write-groups.ts). Readers see each report as it was or
 * as it is, never half of it; `npm run index` writes many reports a transaction, an added report
 * is a batch of one.
 */
import type pg from 'pg';
import { copyKey } from '../ingest/copies.js';
import type { Report } from '../ingest/report.js';
import { parserVersion } from '../ingest/parser-version.js';
import { addCorpusNames, corpusNamesOf } from '../search/dictionary.js';
import { indexedText, reportPassages } from '../search/passages.js';
import { segment } from '../search/segment.js';
import { refreshAgencyNames } from './agency-names.js';
import { notifyReportsChanged } from './report-changes.js';
import { inTransaction } from './transaction.js';
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

/** A report to write, read from `stamp.file`. */
export interface ReportToWrite {
  stamp: FileStamp;
  report: Report;
  /** Writes more in the same transaction (an added report's file). */
  also?: (client: pg.PoolClient) => Promise<void>;
}

/**
 * PostgreSQL's text holds no NUL; U+FFFD keeps every offset where it was (one UTF-16 unit each),
 * as the decoder already does for bytes it could not read.
 */
const clean = (s: string) => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);
const cleanOrNull = (s: string | null | undefined) => (s == null ? null : clean(s));

/**
 * Writes `report` (read from `stamp.file`) in one transaction on `client`, which must not be in
 * a transaction already, and tells the replicas at its commit. `also` writes more in the same
 * transaction (an added report's file).
 */
export async function writeReport(
  client: pg.PoolClient,
  stamp: FileStamp,
  report: Report,
  also?: (client: pg.PoolClient) => Promise<void>,
): Promise<WrittenReport> {
  return (await writeReports(client, [{ stamp, report, ...(also && { also }) }]))[0];
}

/**
 * Writes the reports of distinct files in one transaction on `client` (not in a transaction
 * already), a statement per table for all of them, and tells the replicas once, at its commit.
 * Each report's corpus names are kept whole by jieba (`addCorpusNames`) before its passages are
 * cut, as when the embedded index segments; jieba must know the stored reports' names first
 * (`keepCorpusNamesWhole`). Throws, having written none of them, when the database refuses one.
 */
export async function writeReports(client: pg.PoolClient, items: readonly ReportToWrite[]): Promise<WrittenReport[]> {
  if (!items.length) return [];
  const passages = items.map(({ report }) => {
    addCorpusNames(corpusNamesOf(report));
    return passageRows(report);
  });
  const files = items.map((x) => x.stamp.file);
  await inTransaction(client, async () => {
    const old = await client.query<{ agency: string; copy_key: string }>('DELETE FROM reports WHERE file = ANY($1::text[]) RETURNING agency, copy_key', [files]);
    const ids = await insertReports(client, items);
    await insertSections(client, ids, items);
    await insertFacts(client, ids, items);
    await insertFindings(client, ids, items);
    await insertPassages(client, ids, passages);
    await followReports(
      client,
      [...items.map((x) => x.report.meta.agency), ...old.rows.map((r) => r.agency)],
      [...items.map((x) => clean(copyKey(x.report.meta))), ...old.rows.map((r) => r.copy_key)],
      items.map((x) => storedForm(x.stamp.file, x.report)),
    );
    for (const x of items) await x.also?.(client);
    await notifyReportsChanged(client, files);
  });
  return items.map(({ stamp, report }, i) => ({
    file: stamp.file,
    agency: report.meta.agency,
    year: report.meta.year,
    passages: passages[i].length,
    tokens: passages[i].reduce((n, p) => n + p.tokens, 0),
  }));
}

/**
 * The report as the database holds it and `readReports` reads it back without texts: what the
 * groups are merged from, whether the writer has it in hand or reads it back.
 */
function storedForm(file: string, r: Report): Report {
  const m = r.meta;
  return {
    id: file,
    file,
    meta: {
      agency: clean(m.agency),
      aliases: m.aliases.map(clean),
      region: { province: cleanOrNull(m.region.province), city: cleanOrNull(m.region.city), county: cleanOrNull(m.region.county) },
      year: m.year,
      publishedAt: m.publishedAt,
      template: m.template,
      title: clean(m.title),
    },
    sections: r.sections.map((s) => ({ no: s.no, title: clean(s.title), text: '', start: s.start, end: s.end })),
    text: '',
    facts: r.facts.map((f) => ({
      metric: f.metric,
      // numeric holds the shortest decimal, read back as float8: the same double (−0 comes back 0).
      value: f.value.kind === 'number' ? { kind: 'number', value: Number(String(f.value.value)) } : f.value.kind === 'text' ? { kind: 'text', text: clean(f.value.text) } : { kind: f.value.kind },
      unit: clean(f.unit),
      origin: f.origin,
      section: f.section,
      source: clean(f.source),
      ...(f.label != null && { label: clean(f.label) }),
    })),
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, metrics: f.metrics, message: clean(f.message) })),
  };
}

/** Takes the reports of these files out (their facts, findings and passages go with them). */
export async function removeReports(client: pg.PoolClient, files: readonly string[]): Promise<void> {
  if (!files.length) return;
  await inTransaction(client, async () => {
    const gone = await client.query<{ agency: string; copy_key: string }>('DELETE FROM reports WHERE file = ANY($1::text[]) RETURNING agency, copy_key', [files]);
    await followReports(client, gone.rows.map((r) => r.agency), gone.rows.map((r) => r.copy_key));
    if (gone.rows.length > 0) await notifyReportsChanged(client, files);
  });
}

/**
 * What follows reports of these agencies and copy keys written or taken out, in their
 * transaction: the agency keys of the names, the merged groups (from `inHand` where it holds all
 * their members), the groups and readings following changed keys, and the agencies' names.
 */
async function followReports(client: pg.PoolClient, agencies: readonly string[], copyKeys: readonly string[], inHand: readonly Report[] = []): Promise<void> {
  const rekeyed = await refreshAgencyKeys(client, agencies);
  await refreshGroups(client, copyKeys, inHand);
  if (rekeyed.length) await followAgencyKeys(client, rekeyed);
  await refreshAgencyNames(client);
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

/** The reports' rows; their ids, in the order of `items`. */
async function insertReports(client: pg.PoolClient, items: readonly ReportToWrite[]): Promise<string[]> {
  const col = <T>(f: (x: ReportToWrite) => T) => items.map(f);
  const { rows } = await client.query<{ id: string; file: string }>(
    `INSERT INTO reports (file, sha256, size, mtime_ms, parser_version, agency, agency_key, aliases,
                          province, city, county, year, template, published_at, title, text, copy_key)
     SELECT u.file, u.sha256, u.size, u.mtime_ms, $1, u.agency, u.agency, ARRAY(SELECT jsonb_array_elements_text(u.aliases)),
            u.province, u.city, u.county, u.year, u.template, u.published_at, u.title, u.text, u.copy_key
       FROM unnest($2::text[], $3::text[], $4::bigint[], $5::float8[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::text[],
                   $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
            WITH ORDINALITY AS u(file, sha256, size, mtime_ms, agency, aliases, province, city, county, year, template, published_at, title, text, copy_key, n)
      ORDER BY u.n
     RETURNING id, file`,
    [
      parserVersion(),
      col((x) => x.stamp.file),
      col((x) => x.stamp.sha256),
      col((x) => x.stamp.size),
      col((x) => x.stamp.mtimeMs),
      col((x) => clean(x.report.meta.agency)),
      col((x) => JSON.stringify(x.report.meta.aliases.map(clean))),
      col((x) => cleanOrNull(x.report.meta.region.province)),
      col((x) => cleanOrNull(x.report.meta.region.city)),
      col((x) => cleanOrNull(x.report.meta.region.county)),
      col((x) => x.report.meta.year),
      col((x) => x.report.meta.template),
      col((x) => x.report.meta.publishedAt),
      col((x) => clean(x.report.meta.title)),
      col((x) => clean(x.report.text)),
      col((x) => clean(copyKey(x.report.meta))),
    ],
  );
  const byFile = new Map(rows.map((r) => [r.file, r.id]));
  return items.map((x) => byFile.get(x.stamp.file) as string);
}

/** Rows of a child table for every report, in report order: its id repeated, and the ordinal in the report. */
function childRows<T>(ids: readonly string[], lists: ReadonlyArray<readonly T[]>): { rows: T[]; reportIds: string[]; ordinals: number[] } {
  const out = { rows: [] as T[], reportIds: [] as string[], ordinals: [] as number[] };
  lists.forEach((list, r) =>
    list.forEach((row, i) => {
      out.rows.push(row);
      out.reportIds.push(ids[r]);
      out.ordinals.push(i);
    }),
  );
  return out;
}

async function insertSections(client: pg.PoolClient, ids: readonly string[], items: readonly ReportToWrite[]): Promise<void> {
  const { rows: s, reportIds, ordinals } = childRows(ids, items.map((x) => x.report.sections));
  if (!s.length) return;
  await client.query(
    `INSERT INTO sections (report_id, ordinal, no, title, text, start_offset, end_offset)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::smallint[], $4::text[], $5::text[], $6::int[], $7::int[])`,
    [reportIds, ordinals, s.map((x) => x.no), s.map((x) => clean(x.title)), s.map((x) => clean(x.text)), s.map((x) => x.start), s.map((x) => x.end)],
  );
}

async function insertFacts(client: pg.PoolClient, ids: readonly string[], items: readonly ReportToWrite[]): Promise<void> {
  const { rows: f, reportIds, ordinals } = childRows(ids, items.map((x) => x.report.facts));
  if (!f.length) return;
  await client.query(
    `INSERT INTO facts (report_id, ordinal, metric, origin, kind, value, text, unit, section, source, label)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[],
                          $8::text[], $9::smallint[], $10::text[], $11::text[])`,
    [
      reportIds,
      ordinals,
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

async function insertFindings(client: pg.PoolClient, ids: readonly string[], items: readonly ReportToWrite[]): Promise<void> {
  const { rows: f, reportIds, ordinals } = childRows(ids, items.map((x) => x.report.findings));
  if (!f.length) return;
  await client.query(
    `INSERT INTO findings (report_id, ordinal, rule, severity, metrics, message)
     SELECT id, o, r, s, ARRAY(SELECT jsonb_array_elements_text(m)), msg
       FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::text[]) AS u(id, o, r, s, m, msg)`,
    [reportIds, ordinals, f.map((x) => x.rule), f.map((x) => x.severity), f.map((x) => JSON.stringify(x.metrics)), f.map((x) => clean(x.message))],
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

/** Every passage of the batch in one statement: the counting triggers (migration 002) run once. */
async function insertPassages(client: pg.PoolClient, ids: readonly string[], lists: ReadonlyArray<readonly PassageRow[]>): Promise<void> {
  const { rows: p, reportIds, ordinals } = childRows(ids, lists);
  if (!p.length) return;
  await client.query(
    `INSERT INTO passages (report_id, ordinal, section_no, section_title, row_table, text, start_offset, end_offset, tokens)
     SELECT id, o, n, t, rt, x, s, e, v::tsvector
       FROM unnest($1::bigint[], $2::int[], $3::smallint[], $4::text[], $5::smallint[], $6::text[], $7::int[], $8::int[], $9::text[])
         WITH ORDINALITY AS u(id, o, n, t, rt, x, s, e, v, k)
      ORDER BY k`,
    [
      reportIds,
      ordinals,
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
async function refreshAgencyKeys(client: pg.PoolClient, agencies: readonly string[]): Promise<string[]> {
  // Only the rows whose key changes are written: a report's row is rewritten (its indexes too)
  // only when a report of its name from another place comes or goes. Their names are returned:
  // the groups and readings of those names follow (followAgencyKeys); others are current.
  const { rows } = await client.query<{ agency: string }>(
    `WITH named AS (
       SELECT agency, count(DISTINCT concat_ws('|', coalesce(province, ''), coalesce(city, ''), coalesce(county, ''))) > 1 AS shared
         FROM reports WHERE agency = ANY($1::text[]) GROUP BY agency
     ), keyed AS (
       SELECT r.id, CASE WHEN n.shared
                         THEN r.agency || '（' || coalesce(CASE WHEN r.city <> '' AND r.city IS DISTINCT FROM r.county THEN r.city ELSE r.province END, '地区不详') || '）'
                         ELSE r.agency END AS key
         FROM reports r JOIN named n ON n.agency = r.agency
     )
     UPDATE reports r SET agency_key = k.key
       FROM keyed k
      WHERE r.id = k.id AND r.agency_key IS DISTINCT FROM k.key
     RETURNING r.agency`,
    [[...new Set(agencies.map(clean))]],
  );
  return [...new Set(rows.map((r) => r.agency))];
}
