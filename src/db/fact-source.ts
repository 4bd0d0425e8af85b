/**
 * The fact queries of the embedded `FactStore` (facts/store.ts) as SQL over the database's
 * merged reports (`report_groups`, `readings`: see write-groups.ts and migration 003). Nothing is
 * loaded whole: a ranking reads the rows of the page it shows, a reader the readings of the
 * reports an answer names. Readings mean what the store's mean (the same `readingFrom`), and
 * rows come in the store's order: value, then agency (pinyin, the `agency_order` collation),
 * year and file.
 */
import type pg from 'pg';
import type { FactSource, Filter, Overview, Reader } from '../facts/fact-source.js';
import { isMetricId, metric, TEMPLATE_VERSIONS } from '../facts/metrics.js';
import { keepAgencyKey, metricFor, readingFrom, type Absence, type Page, type RankedRow, type Reading, type Scope, type ValueRow } from '../facts/store.js';
import type { Fact, Finding, Report } from '../ingest/report.js';
import type { AgencyMeta } from '../query/agencies.js';
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
/** A row of a ranking, a list or a filter: no sections or findings (a table of thousands of rows names reports only). */
const ROW_COLUMNS = "g.id, g.file, g.files, g.agency, g.agency_key, g.aliases, g.province, g.city, g.county, g.year, g.template, g.published_at, g.title, '[]'::jsonb AS sections, '[]'::jsonb AS findings";

/** The group each report read from the database stands for. */
const groupOf = new WeakMap<Report, string>();
/** Reports read as rows, without their section titles and findings until a reader reads their figures. */
const partial = new WeakSet<Report>();

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

/** A report of a row; `readers` fills in its section titles and findings when it reads the report's figures. */
function rowReportOf(g: GroupRow): Report {
  const report = reportOf(g);
  partial.add(report);
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
  if (scope.years) parts.push(`${t}.year = ANY(${sql.p([...scope.years])}::int[])`);
  if (scope.agencies) parts.push(`${t}.agency_key = ANY(${sql.p([...scope.agencies])}::text[])`);
  return parts.length ? parts.join(' AND ') : 'true';
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

/** The store's report order: agency (Intl.Collator('zh'), the column's collation), year, file. */
const REPORT_ORDER = (t: string) => `${t}.agency_key, ${t}.year, ${t}.file`;

const FILTERS: Record<Filter['cmp'], (v: string) => string> = {
  '>': (v) => `x.value > ${v}`,
  '>=': (v) => `x.value >= ${v}`,
  '<': (v) => `x.value < ${v}`,
  '<=': (v) => `x.value <= ${v}`,
  '=': (v) => `abs(x.value - ${v}) < 1e-9`,
};

/**
 * Fact queries over the PostgreSQL storage, one report per group of copies, merged.
 *
 * @example
 *   const facts = new PgFactSource(pool);
 *   const top = await facts.rankRows(['procurement.amount'], { years: [2020] }, 'desc', { limit: 3 });
 *   agencyKey(top.items[0].report) // '牡丹江市教育局'
 */
export class PgFactSource implements FactSource {
  constructor(private readonly pool: pg.Pool) {}

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

  async count(scope: Scope = {}): Promise<number> {
    const sql = new Sql();
    const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_groups g WHERE ${scopeCondition(sql, scope, 'g')}`, sql.params);
    return rows[0].n;
  }

  /** The files holding the report of a copy key (every copy), in file order; none when the database lacks it. */
  async filesOf(key: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ file: string }>('SELECT file FROM reports WHERE copy_key = $1 ORDER BY file', [key.replaceAll('\0', '\uFFFD')]);
    return rows.map((r) => r.file);
  }

  async reportsIn(scope: Scope = {}): Promise<Report[]> {
    const sql = new Sql();
    const s = scopeRows(sql, scope, 'g');
    const { rows } = await this.pool.query<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM report_groups g ${s.join} WHERE ${s.where} ORDER BY ${s.order}`, sql.params);
    return rows.map(reportOf);
  }

  /** Reads the readings of these reports for the metrics the id lists choose (every metric when null), in one query. */
  async readers(reports: readonly Report[], idLists: ReadonlyArray<readonly string[]> | null): Promise<Reader> {
    const groups = [...new Set(reports.map(idOf))];
    const metrics = idLists && [...new Set(idLists.flatMap((ids) => TEMPLATE_VERSIONS.map((t) => metricFor(t, ids))))];
    const facts = new Map<string, Fact[]>();
    // A reading cites its report's section and may note its copies' findings: rows get theirs now.
    const rows = reports.filter((r) => partial.has(r));
    const [readings, whole] = await Promise.all([
      groups.length && (!metrics || metrics.length)
        ? this.pool.query<{ group_id: string; metric: string; facts: Fact[] }>(
            `SELECT group_id, metric, facts FROM readings WHERE group_id = ANY($1::bigint[]) ${metrics ? 'AND metric = ANY($2::text[])' : ''}`,
            metrics ? [groups, metrics] : [groups],
          )
        : null,
      rows.length
        ? this.pool.query<Pick<GroupRow, 'id' | 'sections' | 'findings'>>('SELECT id, sections, findings FROM report_groups WHERE id = ANY($1::bigint[])', [
            [...new Set(rows.map(idOf))],
          ])
        : null,
    ]);
    for (const r of readings?.rows ?? []) facts.set(`${r.group_id}|${r.metric}`, r.facts);
    const byId = new Map((whole?.rows ?? []).map((g) => [g.id, g]));
    for (const report of rows) {
      const g = byId.get(idOf(report));
      if (!g) continue;
      report.sections = sectionsOf(g);
      report.findings = findingsOf(g);
      partial.delete(report);
    }
    const loaded = new Set(groups);
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
  async rankRows(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number }): Promise<Page<RankedRow>> {
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const sql = new Sql();
    const where = `x.kind = 'number' AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`;
    const [page, total] = await Promise.all([
      this.pool.query<GroupRow & { value: number }>(
        `SELECT ${ROW_COLUMNS}, x.value
           FROM (SELECT x.group_id, x.value, x.agency_key, x.year, x.file FROM readings x
                  WHERE ${where} ORDER BY x.value ${dir}, ${REPORT_ORDER('x')} LIMIT ${sql.p(opts.limit)}) x
           JOIN report_groups g ON g.id = x.group_id
          ORDER BY x.value ${dir}, ${REPORT_ORDER('x')}`,
        sql.params,
      ),
      this.countReadings(ids, scope, 'number'),
    ]);
    const items: RankedRow[] = [];
    let rank = 0;
    page.rows.forEach((row, k) => {
      if (k === 0 || row.value !== page.rows[k - 1].value) rank = k + 1;
      if (opts.top && rank > opts.top) return;
      items.push({ rank, report: rowReportOf(row), value: row.value });
    });
    return { items, total };
  }

  /** How many reports of the scope have a number, and their sum (exact in the database, then a double). */
  async sum(ids: readonly string[], scope: Scope): Promise<{ count: number; sum: number }> {
    const sql = new Sql();
    const { rows } = await this.pool.query<{ count: number; sum: number }>(
      `SELECT count(*)::int AS count, coalesce(sum(x.value::numeric), 0)::float8 AS sum FROM readings x
        WHERE x.kind = 'number' AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`,
      sql.params,
    );
    return rows[0];
  }

  async whereRows(ids: readonly string[], scope: Scope, filter: Filter | null, limit: number): Promise<Page<ValueRow>> {
    const sql = new Sql();
    const test = filter ? FILTERS[filter.cmp](`${sql.p(filter.value)}::float8`) : 'true';
    return this.rowsWhere(sql, `x.kind = 'number' AND ${test}`, ids, scope, limit);
  }

  async statedRows(ids: readonly string[], scope: Scope, limit: number): Promise<Page<ValueRow>> {
    return this.rowsWhere(new Sql(), 'true', ids, scope, limit);
  }

  /** Readings of the scope passing `test`, in report order: the first `limit`, and how many there are. */
  private async rowsWhere(sql: Sql, test: string, ids: readonly string[], scope: Scope, limit: number): Promise<Page<ValueRow>> {
    const where = `${test} AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`;
    const countParams = [...sql.params];
    const [page, total] = await Promise.all([
      this.pool.query<GroupRow & { value: number | null }>(
        `SELECT ${ROW_COLUMNS}, x.value
           FROM (SELECT x.group_id, x.value, x.agency_key, x.year, x.file FROM readings x
                  WHERE ${where} ORDER BY ${REPORT_ORDER('x')} LIMIT ${sql.p(limit)}) x
           JOIN report_groups g ON g.id = x.group_id
          ORDER BY ${REPORT_ORDER('x')}`,
        sql.params,
      ),
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM readings x WHERE ${where}`, countParams),
    ]);
    return { items: page.rows.map((r) => ({ report: rowReportOf(r), value: r.value ?? NaN })), total: total.rows[0].n };
  }

  private async countReadings(ids: readonly string[], scope: Scope, kind: 'number'): Promise<number> {
    const sql = new Sql();
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM readings x WHERE x.kind = ${sql.p(kind)} AND ${metricCondition(sql, ids, 'x.template', 'x.metric')} AND ${scopeCondition(sql, scope, 'x')}`,
      sql.params,
    );
    return rows[0].n;
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
    const s = scopeRows(sql, scope, 'g');
    const { rows } = await this.pool.query<GroupRow & { status: Absence['status']; n: number }>(
      `WITH s AS (
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
       SELECT ${ROW_COLUMNS}, w.status, w.n
         FROM w JOIN report_groups g ON g.id = w.id
        WHERE w.rn <= ${EXAMPLES}
        ORDER BY w.first, w.pos`,
      sql.params,
    );
    if (!rows.length) return [];
    const reports = rows.map(rowReportOf);
    const read = await this.readers(reports, [ids]);
    const groups = new Map<string, Absence>();
    rows.forEach((row, k) => {
      const key = `${row.status}|${row.template}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { status: row.status, template: row.template, count: row.n, examples: [] }));
      g.examples.push(read(reports[k], ids));
    });
    return [...groups.values()];
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

  async overview(): Promise<Overview> {
    const [totals, years, templates] = await Promise.all([
      this.pool.query<{ reports: number; agencies: number; with_findings: number; findings: number }>(
        `SELECT count(*)::int AS reports, count(DISTINCT agency_key)::int AS agencies,
                count(*) FILTER (WHERE serious > 0)::int AS with_findings, coalesce(sum(serious), 0)::int AS findings
           FROM report_groups`,
      ),
      this.pool.query<{ year: number; reports: number }>('SELECT year, count(*)::int AS reports FROM report_groups GROUP BY year ORDER BY year'),
      this.pool.query<{ template: string; reports: number }>('SELECT template, count(*)::int AS reports FROM report_groups GROUP BY template ORDER BY template COLLATE "C"'),
    ]);
    const t = totals.rows[0];
    return { reports: t.reports, agencies: t.agencies, years: years.rows, templates: templates.rows, withFindings: t.with_findings, findings: t.findings };
  }

  /**
   * The names questions are read against (`AgencyDirectory`): each agency's name, aliases and
   * place, in report order, one row for each distinct combination.
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
