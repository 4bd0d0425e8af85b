/**
 * The reports as answers count them: each group of copies (`copy_key`) merged by the embedded
 * engine's own `mergeCopies`, written to `report_groups`, and each metric of it to `readings`
 * with its facts and its reading (facts/store.ts `readingFrom`). The writer calls this in the
 * transaction that writes or removes a member file, so that the fact queries (fact-source.ts)
 * never see a group half made.
 */
import type pg from 'pg';
import { readingFrom } from '../facts/store.js';
import { mergeCopies } from '../ingest/copies.js';
import type { Fact, Report } from '../ingest/report.js';
import { peerKindOf } from '../query/peers.js';
import { readReports } from './read-reports.js';
import { inTransaction } from './transaction.js';

/** PostgreSQL's text and jsonb hold no NUL (as the writer's `clean`). */
const clean = (s: string) => (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s);

/**
 * Makes the groups of these copy keys again from their member files (a key with no file left
 * loses its group). `client` is inside the writer's transaction. `inHand`: reports just written,
 * as `readReports` reads them back without texts; a group whose members are all in hand is made
 * from them, the others from their members read back.
 */
export async function refreshGroups(client: pg.PoolClient, copyKeys: readonly string[], inHand: readonly Report[] = []): Promise<void> {
  const keys = [...new Set(copyKeys)];
  if (!keys.length) return;
  await client.query('DELETE FROM report_groups WHERE copy_key = ANY($1::text[])', [keys]);
  const { rows } = await client.query<{ file: string; agency_key: string; copy_key: string }>(
    'SELECT file, agency_key, copy_key FROM reports WHERE copy_key = ANY($1::text[])',
    [keys],
  );
  if (!rows.length) return;
  const byFile = new Map(rows.map((r) => [r.file, r]));
  const held = new Map(inHand.map((r) => [r.file, r]));
  const readBack = new Set(rows.filter((r) => !held.has(r.file)).map((r) => r.copy_key));
  const members = [
    ...rows.filter((r) => held.has(r.file) && !readBack.has(r.copy_key)).map((r) => held.get(r.file) as Report),
    ...(readBack.size ? await readReports(client, { texts: false, copyKeys: [...readBack] }) : []),
  ].sort((a, b) => byCodePoint(a.file, b.file));
  for (const report of mergeCopies(members)) {
    const row = byFile.get(report.file);
    if (!row) throw new Error(`report ${report.file} read back without its row`);
    await insertGroup(client, report, row.copy_key, row.agency_key);
  }
}

/** The order of `COLLATE "C"` (UTF-8 bytes, as code points), in which `readReports` lists files. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** After `agency_key` changed for these names (reports.agency_key), the groups and readings follow. */
export async function followAgencyKeys(client: pg.PoolClient, agencies: readonly string[]): Promise<void> {
  await client.query(
    `UPDATE report_groups g SET agency_key = r.agency_key
       FROM reports r
      WHERE r.file = g.file AND g.agency = ANY($1::text[]) AND g.agency_key IS DISTINCT FROM r.agency_key`,
    [[...new Set(agencies.map(clean))]],
  );
  await client.query(
    `UPDATE readings x SET agency_key = g.agency_key
       FROM report_groups g
      WHERE x.group_id = g.id AND g.agency = ANY($1::text[]) AND x.agency_key IS DISTINCT FROM g.agency_key`,
    [[...new Set(agencies.map(clean))]],
  );
}

/**
 * Makes the groups that have member files but no group row (a database written before migration
 * 003), a few hundred a transaction. Returns how many were made.
 */
export async function completeGroups(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ copy_key: string }>(
    'SELECT DISTINCT r.copy_key FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_groups g WHERE g.copy_key = r.copy_key)',
  );
  const keys = rows.map((r) => r.copy_key);
  for (let from = 0; from < keys.length; from += 500) await inTransaction(client, () => refreshGroups(client, keys.slice(from, from + 500)));
  return keys.length;
}

async function insertGroup(client: pg.PoolClient, report: Report, copyKey: string, agencyKey: string): Promise<void> {
  const m = report.meta;
  const sections = report.sections.map((s) => ({ no: s.no, title: s.title, start: s.start, end: s.end }));
  const findings = report.findings;
  // The group and its agency's kind of body (for 排第几), in one statement.
  const { rows } = await client.query<{ id: string }>(
    `WITH g AS (
       INSERT INTO report_groups (copy_key, file, files, agency, agency_key, aliases, province, city, county, year, template,
                                  published_at, title, sections, findings, serious)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id, year
     ), p AS (INSERT INTO group_peers (group_id, year, peer_kind) SELECT id, year, $17 FROM g)
     SELECT id FROM g`,
    [
      copyKey,
      report.file,
      report.files ?? [report.file],
      m.agency,
      agencyKey,
      m.aliases,
      m.region.province,
      m.region.city,
      m.region.county,
      m.year,
      m.template,
      m.publishedAt,
      m.title,
      JSON.stringify(sections),
      JSON.stringify(findings),
      findings.filter((f) => f.severity !== 'info').length,
      peerKindOf(m).kind,
    ],
  );
  const byMetric = new Map<string, Fact[]>();
  const narrated = new Map<string, number>();
  report.facts.forEach((f, i) => {
    const list = byMetric.get(f.metric);
    if (list) list.push(f);
    else byMetric.set(f.metric, [f]);
    if (f.origin === 'narrative' && !narrated.has(f.metric)) narrated.set(f.metric, i);
  });
  if (!byMetric.size) return;
  const metrics = [...byMetric.keys()];
  const readings = metrics.map((id) => readingFrom(report, m.template, id, byMetric.get(id) as Fact[]));
  await client.query(
    `INSERT INTO readings (group_id, metric, template, year, agency_key, file, kind, value, disagree, narrated, facts)
     SELECT $1, u.metric, $2, $3, $4, $5, u.kind, u.value, u.disagree, u.narrated, u.facts
       FROM unnest($6::text[], $7::text[], $8::float8[], $9::boolean[], $10::int[], $11::jsonb[])
         AS u(metric, kind, value, disagree, narrated, facts)`,
    [
      rows[0].id,
      m.template,
      m.year,
      agencyKey,
      report.file,
      metrics,
      readings.map((r) => r.status),
      readings.map((r) => r.value),
      readings.map((r) => r.disagree),
      metrics.map((id) => narrated.get(id) ?? null),
      metrics.map((id) => JSON.stringify((byMetric.get(id) as Fact[]).map(cleanFact))),
    ],
  );
}

function cleanFact(f: Fact): Fact {
  const value = f.value.kind === 'text' ? { kind: 'text' as const, text: clean(f.value.text) } : f.value;
  return { ...f, value, unit: clean(f.unit), source: clean(f.source), ...(f.label != null && { label: clean(f.label) }) };
}
