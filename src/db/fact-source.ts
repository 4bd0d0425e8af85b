/**
 * The fact queries of the embedded `FactStore` (facts/store.ts) as SQL over the database's
 * merged reports (`report_groups`, `readings`: see write-groups.ts and migration 003). Nothing is
 * loaded whole: a ranking reads the rows of the page it shows, a reader the readings of the
 * reports an answer names. Readings mean what the store's mean (the same `readingFrom`), and
 * rows come in the store's order: value, then agency (pinyin, the `agency_order` collation),
 * year and file.
 */
import type pg from 'pg';
import type { FactSource, Filter, IndicatorAsk, IndicatorRows, Overview, Reader } from '../facts/fact-source.js';
import type { IndicatorDef } from '../facts/indicators.js';
import { isMetricId, metric, TEMPLATE_VERSIONS } from '../facts/metrics.js';
import { competitionRanks } from '../facts/queries.js';
import { agencyKey, keepAgencyKey, metricFor, readingFrom, type Absence, type NamedRows, type Page, type RankedRow, type Reading, type Scope, type ValueRow } from '../facts/store.js';
import type { Fact, Finding, Report } from '../ingest/report.js';
import type { AgencyMeta } from '../query/agencies.js';
import { peerKindOf } from '../query/peers.js';
import { metaOf, type MetaRow } from './read-reports.js';

/** How many reports of each kind of absence are named in an answer (as the store). */
const EXAMPLES = 20;

interface GroupRow extends MetaRow {
  id: string;
  file: string;
  files: string[];
  agency_key: string;
  sections: Array<{ no: number; title: string; start: number; end: number }>;
  findings: Finding[];
}

const GROUP_COLUMNS = 'g.id, g.file, g.files, g.agency, g.agency_key, g.aliases, g.province, g.city, g.county, g.year, g.template, g.published_at, g.title, g.sections, g.findings';
/** What a thin report is made of (`ThinRow`). */
const THIN_COLUMNS = 'g.id, g.file, g.agency_key, g.year, g.template';

/**
 * Rows an answer's text shows one a line (facts-answer.ts `MAX_LINES`): a page's first rows come
 * whole, with their reading's facts, so that reading them costs no second query; the rest (a
 * table of up to 10,000 rows names reports only) come thin, from the readings alone.
 */
const SHOWN = 100;

/** The group each report read from the database stands for. */
const groupOf = new WeakMap<Report, string>();
/** Reports read as thin rows (`thinReportOf`), made whole when a reader reads their figures. */
const partial = new WeakSet<Report>();
/** The facts of a report's readings that came with its row (metric → facts), so `readers` need not read them. */
const carried = new WeakMap<Report, Map<string, Fact[]>>();

/** A row of a page or of absences: whole, with its reading's facts, when among the first shown (`whole`); else thin (`ThinRow`). */
type PageRow = (GroupRow & { whole: true; facts: Fact[] | null }) | (ThinRow & { whole: false });

/** What a page row past the first shown carries: the reading's own columns, no join with its report. */
interface ThinRow {
  id: string;
  file: string;
  agency_key: string;
  year: number;
  template: Report['meta']['template'];
}

/** The report of a page row, carrying its reading of `metric` when the row came whole. */
function pageReportOf(row: PageRow, metricOf: (template: string) => string): Report {
  if (!row.whole) return thinReportOf(row);
  const report = reportOf(row);
  carried.set(report, new Map([[metricOf(row.template), row.facts ?? []]]));
  return report;
}

/**
 * A report of a row past the first shown: its file, agency key, year and template, which is what
 * a table's row names (the agency key stands for the name until then); `readers` makes it whole
 * (metadata, section titles, findings) when it reads the report's figures.
 */
function thinReportOf(r: ThinRow): Report {
  const report = reportOf({
    ...r,
    files: [r.file],
    agency: r.agency_key,
    aliases: [],
    province: null,
    city: null,
    county: null,
    published_at: null,
    title: '',
    sections: [],
    findings: [],
  });
  partial.add(report);
  return report;
}

/** A partial report made whole from its group's row. */
function fillReport(report: Report, g: GroupRow): void {
  const whole = reportOf(g);
  if (whole.files) report.files = whole.files;
  report.meta = whole.meta;
  report.sections = whole.sections;
  report.findings = whole.findings;
  partial.delete(report);
}

/**
 * A merged report as the answers see it: metadata, section titles (texts empty until
 * `SectionTexts` fills them) and findings; no facts (read through `readers`).
 */
function reportOf(g: GroupRow): Report {
  const report: Report = {
    id: g.file,
    file: g.file,
    ...(g.files.length > 1 && { files: g.files }),
    meta: metaOf(g),
    sections: sectionsOf(g),
    text: '',
    facts: [],
    findings: findingsOf(g),
  };
  groupOf.set(report, g.id);
  keepAgencyKey(report, g.agency_key);
  return report;
}

function sectionsOf(g: Pick<GroupRow, 'sections'>): Report['sections'] {
  return g.sections.map((s) => ({ no: s.no, title: s.title, text: '', start: s.start, end: s.end }));
}

function findingsOf(g: Pick<GroupRow, 'findings'>): Finding[] {
  return g.findings.map((f) => ({ rule: f.rule, severity: f.severity, metrics: f.metrics, message: f.message }));
}

function idOf(report: Report): string {
  const id = groupOf.get(report);
  if (id === undefined) throw new Error(`report ${report.file} was not read from the database`);
  return id;
}

/** A fact as stored in `readings.facts`, as the `Fact` the corpus loader made (its keys in order). */
function factFrom(f: Fact): Fact {
  return {
    metric: f.metric,
    value: f.value,
    unit: f.unit,
    origin: f.origin,
    section: f.section,
    source: f.source,
    ...(f.label != null && { label: f.label }),
  };
}

/** SQL text with its parameters, built a piece at a time. */
class Sql {
  readonly params: unknown[] = [];
  /** `$n` for a new parameter. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/**
 * Which readings a report of each template is read by, as the store chooses (`metricFor`); ids
 * outside the dictionary are not read. `template` and `metricCol` name the columns.
 */
function metricCondition(sql: Sql, ids: readonly string[], template: string, metricCol: string): string {
  const byMetric = new Map<string, string[]>();
  for (const t of TEMPLATE_VERSIONS) {
    const id = metricFor(t, ids);
    if (!metric(id)) continue;
    byMetric.set(id, [...(byMetric.get(id) ?? []), t]);
  }
  if (!byMetric.size) return 'false';
  const parts = [...byMetric].map(([id, ts]) =>
    ts.length === TEMPLATE_VERSIONS.length ? `${metricCol} = ${sql.p(id)}` : `(${metricCol} = ${sql.p(id)} AND ${template} = ANY(${sql.p(ts)}::text[]))`,
  );
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** The scope as a condition on a table's `year` and `agency_key` (alias `t`). */
function scopeCondition(sql: Sql, scope: Scope, t: string): string {
  const parts: string[] = [];
  if (scope.years) parts.push(oneOf(sql, `${t}.year`, scope.years, 'int'));
  if (scope.agencies) parts.push(oneOf(sql, `${t}.agency_key`, scope.agencies, 'text'));
  return parts.length ? parts.join(' AND ') : 'true';
}

/**
 * `col = $n` for one value, else `col = ANY($n)`: an equality lets the planner read an index
 * (metric, year, value …) in its order, where `= ANY` of even one year makes it sort the scope.
 */
function oneOf(sql: Sql, col: string, values: readonly (number | string)[], type: 'int' | 'text'): string {
  return values.length === 1 ? `${col} = ${sql.p(values[0])}::${type}` : `${col} = ANY(${sql.p([...values])}::${type}[])`;
}

/**
 * The reports of a scope in the order of `reportsIn`: the scope's agencies in their order (a join
 * on the list, not a search of it per row), else by year; each agency's by year, then file.
 */
function scopeRows(sql: Sql, scope: Scope, t: string): { join: string; where: string; order: string } {
  const years = scope.years ? `${t}.year = ANY(${sql.p([...scope.years])}::int[])` : 'true';
  if (scope.agencies) {
    return {
      join: `JOIN unnest(${sql.p([...scope.agencies])}::text[]) WITH ORDINALITY AS k(key, pos) ON ${t}.agency_key = k.key`,
      where: years,
      order: `k.pos, ${t}.year, ${t}.file`,
    };
  }
  return { join: '', where: years, order: scope.years ? `${t}.year, ${t}.agency_key, ${t}.file` : REPORT_ORDER(t) };
}

/** A report's value of an order column of `scopeRows` (`g.year`, `g.agency_key`, `g.file`), as a parameter. */
function keyOf(sql: Sql, report: Report, column: string): string {
  if (column === 'g.year') return `${sql.p(report.meta.year)}::int`;
  if (column === 'g.agency_key') return `${sql.p(agencyKey(report))}::text`;
  if (column === 'g.file') return `${sql.p(report.file)}::text`;
  throw new Error(`no key of a report for ${column}`);
}

/**
 * One round trip for a page of readings: the first `limit` rows of `where` in `order` (read from
 * a covering index in that order when the scope allows), each with its position (`pos`; the
 * order is not sorted again by the agency collation), the first `shown` whole with their
 * reading's facts, the next thin, and `total` (SQL for how many rows pass `where` in all). Rows
 * past the first `named` (when given) come as one last row of three strings (`rest_*`: agency
 * keys, years, values, each joined by `REST_SEPARATOR` in position order), what a table names
 * them by: thousands of rows of twenty columns, most of them NULL, and a report made of each,
 * cost the engine more than the database's whole statement.
 */
function pageQuery(where: string, order: string, limit: string, total: string, shown: number, named: number | null, top?: { value: string; n: string }): string {
  // The first `top` ranks: the first n rows by value and those tied with the last (a ranking's ties share a rank).
  const from = top
    ? `(SELECT x.group_id, x.value, x.metric, x.agency_key, x.year, x.file, x.template FROM readings x WHERE ${where} ORDER BY ${top.value} FETCH FIRST ${top.n} ROWS WITH TIES) x`
    : `readings x WHERE ${where}`;
  // Positions are numbered for the head only (a window over 10,000 rows spools them all again);
  // the rest is aggregated in the order the page was stored, which a scan of it keeps.
  return `WITH page AS MATERIALIZED (
      SELECT x.group_id, x.value, x.metric, x.file, x.agency_key, x.year, x.template FROM ${from} ORDER BY ${order} LIMIT ${limit}
    ), t AS MATERIALIZED (${total}),
    head AS MATERIALIZED (SELECT p.*, row_number() OVER () AS pos FROM (SELECT * FROM page ${named === null ? '' : `LIMIT ${named}`}) p)
    -- The rows shown, whole: their report and their reading's facts by primary key.
    SELECT p.pos::int, p.group_id AS id, p.file, p.agency_key, p.year, p.template, p.value, (SELECT * FROM t) AS total, true AS whole,
           g.files, g.agency, g.aliases, g.province, g.city, g.county, g.published_at, g.title, g.sections, g.findings, coalesce(r.facts, '[]'::jsonb) AS facts,
           NULL::text AS rest_agencies, NULL::text AS rest_years, NULL::text AS rest_values
      FROM head p
      JOIN report_groups g ON g.id = p.group_id
      LEFT JOIN readings r ON r.group_id = p.group_id AND r.metric = p.metric
     WHERE p.pos <= ${shown}
    UNION ALL
    -- The next, thin: the index's columns alone.
    SELECT p.pos::int, p.group_id, p.file, p.agency_key, p.year, p.template, p.value, (SELECT * FROM t), false,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM head p
     WHERE p.pos > ${shown}
    UNION ALL
    -- The rest as three strings (an aggregate: one row, so an empty page still says its total).
    SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT * FROM t), false,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           string_agg(r.agency_key, E'${REST_SEPARATOR_SQL}'), string_agg(r.year::text, ','), string_agg(r.value::text, ',')
      FROM (SELECT p.agency_key, p.year, p.value FROM page p ${named === null ? 'WHERE false' : `OFFSET ${named}`}) r`;
}

/** What joins the agency keys of a page's rest (no agency name holds it). */
const REST_SEPARATOR = '\x1f';
const REST_SEPARATOR_SQL = '\\x1f';

/** A page row's columns for the rest, on its last row. */
interface RestColumns {
  rest_agencies: string | null;
  rest_years: string | null;
  rest_values: string | null;
}

/**
 * The rows of `pageQuery` in its order (by position here: sorting in SQL would sort the rows shown
 * with their section titles and findings), its total and its rest (null when there is none).
 */
function pageOf<R extends { pos: number | null; total: number } & RestColumns>(rows: R[]): { rows: R[]; total: number; rest: NamedRows | null } {
  const page = rows.filter((r) => r.pos !== null).sort((a, b) => (a.pos as number) - (b.pos as number));
  const last = rows.find((r) => r.pos === null);
  const rest =
    last?.rest_agencies != null && last.rest_years != null && last.rest_values != null
      ? { agencies: last.rest_agencies.split(REST_SEPARATOR), years: last.rest_years.split(',').map(Number), values: last.rest_values.split(',').map(Number) }
      : null;
  return { rows: page, total: rows[0]?.total ?? 0, rest };
}

/** A ranking's rest within its first `top` ranks (all when null). */
function keepRanked(rest: Required<NamedRows>, top: number | null): NamedRows | null {
  const cut = top === null ? -1 : rest.ranks.findIndex((r) => r > top);
  const n = cut < 0 ? rest.ranks.length : cut;
  if (n === 0) return null;
  return { agencies: rest.agencies.slice(0, n), years: rest.years.slice(0, n), values: rest.values.slice(0, n), ranks: rest.ranks.slice(0, n) };
}

/** Which readings' states a count takes from `reading_counts`: these, any, or none (a test on the value: counted on the readings). */
type Counted = Array<'number'> | 'any' | null;

/**
 * SQL for how many readings pass `where`: over a year or the corpus, the kept counts
 * (`reading_counts`, a few rows); with agencies, or a test on the value, an index-only count.
 */
function countOf(sql: Sql, ids: readonly string[], scope: Scope, where: string, kinds: Counted): string {
  if (scope.agencies || kinds === null) return `SELECT count(*)::int FROM readings x WHERE ${where}`;
  const kind = kinds === 'any' ? 'true' : `c.kind = ANY(${sql.p(kinds)}::text[])`;
  return `SELECT coalesce(sum(c.readings), 0)::int FROM reading_counts c
           WHERE ${kind} AND ${metricCondition(sql, ids, 'c.template', 'c.metric')} AND ${scopeCondition(sql, scope, 'c')}`;
}

/** The store's report order: agency (Intl.Collator('zh'), the column's collation), year, file. */
const REPORT_ORDER = (t: string) => `${t}.agency_key, ${t}.year, ${t}.file`;

const FILTERS: Record<Filter['cmp'], (v: string) => string> = {
  '>': (v) => `x.value > ${v}`,
  '>=': (v) => `x.value >= ${v}`,
  '<': (v) => `x.value < ${v}`,
  '<=': (v) => `x.value <= ${v}`,
  '=': (v) => `abs(x.value - ${v}) < 1e-9`,
};

/** States a reading without a number can be in. */
const UNNUMBERED = ['blank', 'not_applicable', 'text', 'unknown'] as const;

/**
 * The absences of a scope of agencies (a few reports each): the scope's reports with their
 * reading, grouped by why, the first `EXAMPLES` of each group and its count.
 */
function absentOfAgencies(sql: Sql, ids: readonly string[], scope: Scope, noItem: readonly string[]): string {
  const s = scopeRows(sql, scope, 'g');
  return `WITH s AS (
       SELECT g.id, g.template, x.kind, row_number() OVER (ORDER BY ${s.order}) AS pos
         FROM report_groups g ${s.join}
         LEFT JOIN readings x ON x.group_id = g.id AND ${metricCondition(sql, ids, 'g.template', 'x.metric')}
        WHERE ${s.where}
     ), a AS (
       SELECT id, template, pos, coalesce(kind, CASE WHEN template = ANY(${sql.p(noItem)}::text[]) THEN 'no_item' ELSE 'not_found' END) AS status
         FROM s WHERE kind IS DISTINCT FROM 'number'
     ), w AS (
       SELECT a.*, row_number() OVER (PARTITION BY status, template ORDER BY pos) AS rn,
              count(*) OVER (PARTITION BY status, template)::int AS n,
              min(pos) OVER (PARTITION BY status, template) AS first
         FROM a
     )
     SELECT ${THIN_COLUMNS}, false AS whole, w.status, w.n
       FROM w JOIN report_groups g ON g.id = w.id
      WHERE w.rn <= ${EXAMPLES}
      ORDER BY w.first, w.pos`;
}

/**
 * The absences of a year or the corpus without reading its reports: each group's count from the
 * kept counts (readings by state; reports without a reading are the template's reports less its
 * readings), and its first `EXAMPLES` in report order, by index (readings by state), or, for
 * reports without a reading, by walking the scope's reports in order until enough are found
 * (only when the count says there are some). Groups come in the order of their first report.
 */
function absentOfYears(sql: Sql, ids: readonly string[], scope: Scope, noItem: readonly string[]): string {
  const order = scope.years ? (t: string) => `${t}.year, ${t}.agency_key, ${t}.file` : REPORT_ORDER;
  const parts: string[] = [];
  const counts: string[] = [];
  for (const t of TEMPLATE_VERSIONS) {
    const id = metricFor(t, ids);
    const known = metric(id) !== undefined;
    const tp = sql.p(t);
    const missing = noItem.includes(t) ? 'no_item' : 'not_found';
    const readingsOf = known ? `(SELECT coalesce(sum(c.readings), 0) FROM reading_counts c WHERE c.metric = ${sql.p(id)} AND c.template = ${tp} AND ${scopeCondition(sql, scope, 'c')})` : '0';
    counts.push(
      `SELECT ${sql.p(missing)}::text AS status, ${tp}::text AS template,
              (SELECT coalesce(sum(c.reports), 0) FROM group_counts c WHERE c.template = ${tp} AND ${scopeCondition(sql, scope, 'c')}) - ${readingsOf} AS n`,
    );
    if (known) {
      const ip = sql.p(id);
      counts.push(
        `SELECT c.kind, ${tp}::text, sum(c.readings) FROM reading_counts c
          WHERE c.metric = ${ip} AND c.template = ${tp} AND c.kind <> 'number' AND ${scopeCondition(sql, scope, 'c')} GROUP BY c.kind`,
      );
      for (const kind of UNNUMBERED) {
        parts.push(
          `(SELECT x.group_id AS id, ${sql.p(kind)}::text AS status, ${tp}::text AS template FROM readings x
             WHERE x.metric = ${ip} AND x.kind = ${sql.p(kind)} AND x.template = ${tp} AND ${scopeCondition(sql, scope, 'x')}
             ORDER BY ${order('x')} LIMIT ${EXAMPLES})`,
        );
      }
    }
    const lacking = known ? `AND NOT EXISTS (SELECT 1 FROM readings x WHERE x.group_id = g.id AND x.metric = ${sql.p(id)})` : '';
    parts.push(
      `(SELECT g.id, ${sql.p(missing)}::text, ${tp}::text FROM report_groups g
         WHERE g.template = ${tp} AND ${scopeCondition(sql, scope, 'g')} ${lacking}
           AND EXISTS (SELECT 1 FROM n WHERE n.status = ${sql.p(missing)} AND n.template = ${tp} AND n.n > 0)
         ORDER BY ${order('g')} LIMIT ${EXAMPLES})`,
    );
  }
  return `WITH n AS MATERIALIZED (${counts.join('\n UNION ALL ')}),
       e AS (${parts.join('\n UNION ALL ')}),
       w AS (
         SELECT g.id, e.status, e.template, row_number() OVER (ORDER BY ${order('g')}) AS pos
           FROM e JOIN report_groups g ON g.id = e.id
       )
     SELECT ${THIN_COLUMNS}, false AS whole, w.status, n.n::int AS n
       FROM w JOIN n ON n.status = w.status AND n.template = w.template
       JOIN report_groups g ON g.id = w.id
      ORDER BY min(w.pos) OVER (PARTITION BY w.status, w.template), w.pos`;
}

/**
 * Fact queries over the PostgreSQL storage, one report per group of copies, merged.
 *
 * @example
 *   const facts = new PgFactSource(pool);
 *   const top = await facts.rankRows(['procurement.amount'], { years: [2020] }, 'desc', { limit: 3 });
 *   agencyKey(top.items[0].report) // '牡丹江市教育局'
 */
export class PgFactSource implements FactSource {
  private readonly shown: number;

  /** `shown`: how many rows of a page come whole (tests make it small to see thin rows on a small corpus). */
  constructor(
    private readonly pool: pg.Pool,
    opts: { shown?: number } = {},
  ) {
    this.shown = opts.shown ?? SHOWN;
  }

  /** Years the database covers, ascending (a skip over the year index: a few rows read, not every report). */
  async years(): Promise<number[]> {
    const { rows } = await this.pool.query<{ year: number }>(
      `WITH RECURSIVE y AS (
         SELECT min(year) AS year FROM report_groups
         UNION ALL
         SELECT (SELECT min(year) FROM report_groups WHERE year > y.year) FROM y WHERE y.year IS NOT NULL
       )
       SELECT year FROM y WHERE year IS NOT NULL`,
    );
    return rows.map((r) => r.year);
  }

  /** Agency keys in the store's order. */
  async agencies(): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>('SELECT DISTINCT agency_key AS key FROM report_groups ORDER BY agency_key');
    return rows.map((r) => r.key);
  }

  /** Without agencies, from the counts kept per year and template (`group_counts`, migration 006). */
  async count(scope: Scope = {}): Promise<number> {
    const sql = new Sql();
    const text = scope.agencies
      ? `SELECT count(*)::int AS n FROM report_groups g WHERE ${scopeCondition(sql, scope, 'g')}`
      : `SELECT coalesce(sum(g.reports), 0)::int AS n FROM group_counts g WHERE ${scopeCondition(sql, scope, 'g')}`;
    const { rows } = await this.pool.query<{ n: number }>(text, sql.params);
    return rows[0].n;
  }

  /** The files holding the report of a copy key (every copy), in file order; none when the database lacks it. */
  async filesOf(key: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ file: string }>('SELECT file FROM reports WHERE copy_key = $1 ORDER BY file', [key.replaceAll('\0', '\uFFFD')]);
    return rows.map((r) => r.file);
  }

  async reportsIn(scope: Scope = {}, limit?: number, after?: Report): Promise<Report[]> {
    if (after && scope.agencies) throw new Error('reportsIn: a scope of agencies is read whole, not after a report');
    const sql = new Sql();
    const s = scopeRows(sql, scope, 'g');
    const cut = limit === undefined ? '' : `LIMIT ${sql.p(limit)}`;
    // The rest of the scope's order past `after`, by the same index (year, agency, file or agency, year, file).
    const past = after ? `AND (${s.order}) > (${s.order.split(', ').map((c) => keyOf(sql, after, c)).join(', ')})` : '';
    const { rows } = await this.pool.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM report_groups g ${s.join} WHERE ${s.where} ${past} ORDER BY ${s.order} ${cut}`, sql.params);
    return rows.map(reportOf);
  }

  /** By the kinds of body recorded with the groups (`group_peers`, migration 009): the year's reports of one kind, by index. */
  async peers(report: Report): Promise<Report[]> {
    const sql = new Sql();
    const s = scopeRows(sql, { years: [report.meta.year] }, 'g');
    const kind = sql.p(peerKindOf(report.meta).kind);
    const year = sql.p(report.meta.year);
    const { rows } = await this.pool.query<GroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM report_groups g JOIN group_peers p ON p.group_id = g.id
        WHERE p.year = ${year}::int AND p.peer_kind = ${kind} AND ${s.where} ORDER BY ${s.order}`,
      sql.params,
    );
    return rows.map(reportOf);
  }

  /** Reads the readings of these reports for the metrics the id lists choose (every metric when null), in one query. */
  async readers(reports: readonly Report[], idLists: ReadonlyArray<readonly string[]> | null): Promise<Reader> {
    const metrics = idLists && [...new Set(idLists.flatMap((ids) => TEMPLATE_VERSIONS.map((t) => metricFor(t, ids))))];
    const facts = new Map<string, Fact[]>();
    // Reports whose readings came with their rows are not read again.
    const unread = reports.filter((r) => {
      const has = carried.get(r);
      if (!has || !idLists || partial.has(r)) return true;
      const ids = idLists.map((list) => metricFor(r.meta.template, list));
      if (!ids.every((id) => has.has(id))) return true;
      for (const id of ids) facts.set(`${idOf(r)}|${id}`, has.get(id) as Fact[]);
      return false;
    });
    const groups = [...new Set(unread.map(idOf))];
    // A reading cites its report's section and may note its copies' findings: thin rows are made whole now.
    const rows = unread.filter((r) => partial.has(r));
    const [readings, whole] = await Promise.all([
      groups.length && (!metrics || metrics.length)
        ? this.pool.query<{ group_id: string; metric: string; facts: Fact[] }>(
            `SELECT group_id, metric, facts FROM readings WHERE group_id = ANY($1::bigint[]) ${metrics ? 'AND metric = ANY($2::text[])' : ''}`,
            metrics ? [groups, metrics] : [groups],
          )
        : null,
      rows.length
        ? this.pool.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM report_groups g WHERE g.id = ANY($1::bigint[])`, [[...new Set(rows.map(idOf))]])
        : null,
    ]);
    for (const r of readings?.rows ?? []) facts.set(`${r.group_id}|${r.metric}`, r.facts);
    const byId = new Map((whole?.rows ?? []).map((g) => [g.id, g]));
    for (const report of rows) {
      const g = byId.get(idOf(report));
      if (g) fillReport(report, g);
    }
    const loaded = new Set(reports.map(idOf));
    const asked = metrics && new Set(metrics);
    return (report, ids) => {
      const group = idOf(report);
      const id = metricFor(report.meta.template, ids);
      if (!loaded.has(group) || (asked && !asked.has(id))) throw new Error(`reading ${id} of ${report.file} was not read ahead`);
      return readingFrom(report, report.meta.template, id, (facts.get(`${group}|${id}`) ?? []).map(factFrom));
    };
  }

  async readAll(ids: readonly string[], scope: Scope = {}): Promise<Reading[]> {
    const reports = await this.reportsIn(scope);
    const read = await this.readers(reports, [ids]);
    return reports.map((r) => read(r, ids));
  }

  /**
   * The first `limit` rows in rank order, from the index on (metric, year, value); ranks with ties
   * are counted down the rows read (every row before a shown one is read), `total` apart.
   */
  async rankRows(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number; reports?: number }): Promise<Page<RankedRow>> {
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const sql = new Sql();
    const where = `x.kind = 'number' AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`;
    const total = countOf(sql, ids, scope, where, ['number']);
    const text = pageQuery(where, `x.value ${dir}, ${REPORT_ORDER('x')}`, sql.p(opts.limit), total, this.shown, this.named(opts.reports), opts.top ? { value: `x.value ${dir}`, n: sql.p(opts.top) } : undefined);
    const page = pageOf((await this.pool.query<PageRow & RestColumns & { pos: number | null; value: number; total: number }>(text, sql.params)).rows);
    const metricOf = (t: string) => metricFor(t as Report['meta']['template'], ids);
    // Ranks with ties down the items, then down the rest.
    const values = [...page.rows.map((r) => r.value), ...(page.rest?.values ?? [])];
    const ranks = competitionRanks(values);
    const items: RankedRow[] = [];
    page.rows.forEach((row, k) => {
      if (!opts.top || ranks[k] <= opts.top) items.push({ rank: ranks[k], report: pageReportOf(row, metricOf), value: row.value });
    });
    const rest = page.rest && keepRanked({ ...page.rest, ranks: ranks.slice(page.rows.length) }, opts.top ?? null);
    return { items, total: page.total, ...(rest && { rest }) };
  }

  /** Where a page's rest begins: past the rows an answer shows (`reports`), never within the whole ones. */
  private named(reports: number | undefined): number | null {
    return reports === undefined ? null : Math.max(reports, this.shown);
  }

  /** How many reports of the scope have a number, and their sum (exact in the database, then a double). */
  async sum(ids: readonly string[], scope: Scope): Promise<{ count: number; sum: number }> {
    const sql = new Sql();
    const text = scope.agencies
      ? `SELECT count(*)::int AS count, coalesce(sum(x.value::numeric), 0)::float8 AS sum FROM readings x
          WHERE x.kind = 'number' AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`
      : `SELECT coalesce(sum(x.readings), 0)::int AS count, coalesce(sum(x.total), 0)::float8 AS sum FROM reading_counts x
          WHERE x.kind = 'number' AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`;
    const { rows } = await this.pool.query<{ count: number; sum: number }>(text, sql.params);
    return rows[0];
  }

  async whereRows(ids: readonly string[], scope: Scope, filter: Filter | null, limit: number, reports?: number): Promise<Page<ValueRow>> {
    const sql = new Sql();
    const test = filter ? FILTERS[filter.cmp](`${sql.p(filter.value)}::float8`) : 'true';
    return this.rowsWhere(sql, `x.kind = 'number' AND ${test}`, ids, scope, limit, filter ? null : ['number'], this.named(reports));
  }

  /** Every row an item: a row without a number is read to say why. */
  async statedRows(ids: readonly string[], scope: Scope, limit: number): Promise<Page<ValueRow>> {
    return this.rowsWhere(new Sql(), 'true', ids, scope, limit, 'any', null);
  }

  /** Readings of the scope passing `test`, in report order: the first `limit`, and how many there are. */
  private async rowsWhere(sql: Sql, test: string, ids: readonly string[], scope: Scope, limit: number, kinds: Counted, named: number | null): Promise<Page<ValueRow>> {
    const where = `${test} AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`;
    const total = countOf(sql, ids, scope, where, kinds);
    const page = pageOf((await this.pool.query<PageRow & RestColumns & { pos: number | null; value: number | null; total: number }>(pageQuery(where, REPORT_ORDER('x'), sql.p(limit), total, this.shown, named), sql.params)).rows);
    const metricOf = (t: string) => metricFor(t as Report['meta']['template'], ids);
    return { items: page.rows.map((r) => ({ report: pageReportOf(r, metricOf), value: r.value ?? NaN })), total: page.total, ...(page.rest && { rest: page.rest }) };
  }

  /**
   * The reports of the scope without a number, grouped by why (the reading's state, else 模板中没有
   * 这一项 or not found) and template, in the order their first report comes in `reportsIn`.
   */
  async absent(ids: readonly string[], scope: Scope): Promise<Absence[]> {
    const sql = new Sql();
    const noItem = TEMPLATE_VERSIONS.filter((t) => {
      const def = metric(metricFor(t, ids));
      return def !== undefined && !def.templates.includes(t);
    });
    const { rows } = await this.pool.query<ThinRow & { status: Absence['status']; n: number }>(
      scope.agencies ? absentOfAgencies(sql, ids, scope, noItem) : absentOfYears(sql, ids, scope, noItem),
      sql.params,
    );
    const groups = new Map<string, Absence>();
    for (const row of rows) {
      const key = `${row.status}|${row.template}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { status: row.status, template: row.template, count: row.n, examples: [] }));
      g.examples.push(thinReportOf(row));
    }
    return [...groups.values()];
  }

  /**
   * The indicator of each report of the scope in SQL, as `computeIndicator` computes it: every
   * term's reading a number (of a metric the report's template has), the sums in the formula's
   * signs, a rate the numerator over a denominator that is not 0, times 100. One statement: the
   * terms' numbers from the ranking's index, summed by group (no report row read for them), the
   * counts, the first items joined to their groups, and the scope's first groups without a
   * figure walked in report order.
   */
  async indicatorRows(def: IndicatorDef, scope: Scope, ask: IndicatorAsk): Promise<IndicatorRows> {
    const sql = new Sql();
    const terms = [...def.numerator, ...(def.denominator ?? [])].map((t) => t.replace(/^-/, ''));
    const needed = [...new Set(terms)];
    // The terms a template has; a report of a template without one is never computed.
    const byTemplate = TEMPLATE_VERSIONS.map((t) => `WHEN ${sql.p(t)} THEN ${sql.p(needed.filter((id) => metric(id)?.templates.includes(t) ?? false))}::text[]`);
    const sumOf = (list: readonly string[]) => {
      const plus = list.filter((t) => !t.startsWith('-'));
      const minus = list.filter((t) => t.startsWith('-')).map((t) => t.slice(1));
      const part = (ids: string[]) => (ids.length ? `sum(x.value) FILTER (WHERE x.metric = ANY(${sql.p(ids)}::text[]))` : '0');
      return minus.length ? `(${part(plus)} - ${part(minus)})` : part(plus);
    };
    const numerator = sumOf(def.numerator);
    const value = def.denominator
      ? `CASE WHEN ${sumOf(def.denominator)} <> 0 THEN (${numerator} / ${sumOf(def.denominator)}) * 100 END`
      : numerator;
    const s = scopeRows(sql, scope, 'g');
    const r = scopeRows(sql, scope, 'x');
    const passes = ask.filter ? FILTERS[ask.filter.cmp](`${sql.p(ask.filter.value)}::float8`).replaceAll('x.value', 'v.value') : 'true';
    // Report order over the groups' own columns (`scopeRows`), sorted among the rows that need it only.
    const reportOrder = (t: string) => (scope.agencies ? `${t}.at, ${t}.year, ${t}.file` : scope.years ? `${t}.year, ${t}.agency_key, ${t}.file` : REPORT_ORDER(t));
    const order = ask.order ? `v.value ${ask.order === 'desc' ? 'DESC' : 'ASC'}, ${reportOrder('v')}` : reportOrder('v');
    const { rows } = await this.pool.query<ThinRow & { value: number | null; total: number; computed: number; item: boolean }>(
      `WITH v AS MATERIALIZED (
         -- Each group's terms, from the ranking's index alone (a group's file is its own): its figure
         -- when every term is a number of a metric its template has.
         SELECT x.file, min(x.agency_key) AS agency_key, min(x.year) AS year, ${scope.agencies ? 'min(k.pos)' : 'NULL::bigint'} AS at,
                CASE WHEN count(*) FILTER (WHERE x.metric = ANY(CASE x.template ${byTemplate.join(' ')} END)) = ${needed.length} THEN ${value} END AS value
           FROM readings x ${r.join}
          WHERE x.kind = 'number' AND x.metric = ANY(${sql.p(needed)}::text[]) AND ${r.where}
          GROUP BY x.file
       ), t AS MATERIALIZED (SELECT count(*) FILTER (WHERE ${passes})::int AS n, count(*)::int AS computed FROM v WHERE v.value IS NOT NULL),
       items AS (
         SELECT v.*, row_number() OVER (ORDER BY ${order}) AS k FROM v WHERE v.value IS NOT NULL AND ${passes} ORDER BY ${order} LIMIT ${sql.p(ask.limit)}
       ),
       -- The scope's first groups without a figure, walked in report order.
       uncomputed AS (
         SELECT g.id, g.file, g.agency_key, g.year, g.template${scope.agencies ? ', k.pos AS at' : ', NULL::bigint AS at'} FROM report_groups g ${s.join}
          WHERE ${s.where} AND NOT EXISTS (SELECT FROM v WHERE v.file = g.file AND v.value IS NOT NULL)
          ORDER BY ${s.order} LIMIT ${sql.p(ask.uncomputed)}
       )
       SELECT w.id, w.file, w.agency_key, w.year, w.template, w.value, t.n AS total, t.computed, w.item FROM t, (
         SELECT g.id, i.file, i.agency_key, i.year, g.template, i.at, i.value, true AS item, i.k FROM items i JOIN report_groups g ON g.file = i.file
         UNION ALL
         SELECT u.id, u.file, u.agency_key, u.year, u.template, u.at, NULL, false, NULL FROM uncomputed u
         UNION ALL
         -- The count, when there is no row to carry it.
         SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
       ) w
       ORDER BY w.item DESC NULLS LAST, w.k, ${reportOrder('w')}`,
      sql.params,
    );
    const items = rows.filter((r) => r.item === true);
    // Ranked: ties share a rank; filtered: each its position.
    const ranks = ask.order ? competitionRanks(items.map((r) => r.value as number)) : items.map((_, k) => k + 1);
    return {
      items: items.map((r, k) => ({ rank: ranks[k], report: thinReportOf(r), value: r.value as number })),
      total: rows[0]?.total ?? 0,
      computed: rows[0]?.computed ?? 0,
      uncomputed: rows.filter((r) => r.item === false).map((r) => thinReportOf(r)),
    };
  }

  /** Per report, the readings whose narrative figure disagrees with the table, in the narrative's order. */
  async conflicts(reports: readonly Report[]): Promise<Reading[][]> {
    if (!reports.length) return [];
    const { rows } = await this.pool.query<{ group_id: string; metric: string; facts: Fact[] }>(
      `SELECT group_id, metric, facts FROM readings
        WHERE group_id = ANY($1::bigint[]) AND disagree AND narrated IS NOT NULL
        ORDER BY group_id, narrated`,
      [[...new Set(reports.map(idOf))]],
    );
    const byGroup = new Map<string, Array<{ metric: string; facts: Fact[] }>>();
    for (const r of rows) if (isMetricId(r.metric)) byGroup.set(r.group_id, [...(byGroup.get(r.group_id) ?? []), r]);
    return reports.map((report) =>
      (byGroup.get(idOf(report)) ?? []).map((r) => readingFrom(report, report.meta.template, r.metric, r.facts.map(factFrom))),
    );
  }

  /** From the counts kept per year, template and agency (`group_counts`, `agency_counts`): no report is counted. */
  async overview(): Promise<Overview> {
    const { rows } = await this.pool.query<{ totals: { reports: number; with_findings: number; findings: number }; agencies: number; years: Overview['years']; templates: Overview['templates'] }>(
      `SELECT (SELECT json_build_object('reports', coalesce(sum(reports), 0)::int, 'with_findings', coalesce(sum(with_findings), 0)::int, 'findings', coalesce(sum(findings), 0)::int)
                 FROM group_counts) AS totals,
              (SELECT count(*)::int FROM agency_counts) AS agencies,
              (SELECT coalesce(json_agg(json_build_object('year', year, 'reports', reports) ORDER BY year), '[]')
                 FROM (SELECT year, sum(reports)::int AS reports FROM group_counts GROUP BY year) y) AS years,
              (SELECT coalesce(json_agg(json_build_object('template', template, 'reports', reports) ORDER BY template COLLATE "C"), '[]')
                 FROM (SELECT template, sum(reports)::int AS reports FROM group_counts GROUP BY template) t) AS templates`,
    );
    const o = rows[0];
    return { reports: o.totals.reports, agencies: o.agencies, years: o.years, templates: o.templates, withFindings: o.totals.with_findings, findings: o.totals.findings };
  }

  /**
   * Each agency's name, aliases and place, in report order, one row for each distinct
   * combination: what a directory of every agency (`AgencyDirectory`) is made from. The engine
   * reads a question's names from `agency_names` instead (agency-names.ts); tests compare the two.
   */
  async agencyNames(): Promise<AgencyMeta[]> {
    const { rows } = await this.pool.query<{ agency: string; agency_key: string; aliases: string[]; province: string | null; city: string | null; county: string | null }>(
      `SELECT agency, agency_key, aliases, province, city, county FROM (
         SELECT DISTINCT ON (agency_key, agency, aliases, province, city, county) agency, agency_key, aliases, province, city, county, year, file
           FROM report_groups
          ORDER BY agency_key, agency, aliases, province, city, county, year, file
       ) t ORDER BY agency_key, year, file`,
    );
    return rows.map((r) => ({ agency: r.agency, aliases: r.aliases, region: { province: r.province, city: r.city, county: r.county }, key: r.agency_key }));
  }
}
