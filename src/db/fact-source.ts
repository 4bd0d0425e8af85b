/**
 * The fact queries of the embedded `FactStore` (facts/store.ts) as SQL over the database: one
 * report's reading of a metric, a ranking over a scope with ties, a sum. Nothing is loaded whole:
 * a ranking reads the facts of the page it shows. Readings mean what the store's mean (the same
 * `readingFrom`), and a ranking comes in the store's order: value, then agency (pinyin), year and
 * file.
 */
import type pg from 'pg';
import { metric, TEMPLATE_VERSIONS, type TemplateVersion } from '../facts/metrics.js';
import { metricFor, readingFrom, type Page, type Reading, type Scope } from '../facts/store.js';
import type { Fact } from '../ingest/report.js';

/** What a reading names of its report: enough to cite it and to open it. */
export interface ReportRef {
  /** The report's id: its file, relative to the corpus folder. */
  id: string;
  agency: string;
  /** `agencyKey`: the name, with its place where two agencies share it. */
  agencyKey: string;
  year: number;
  template: TemplateVersion;
}

export type DbReading = Reading<ReportRef>;

export interface DbRanked {
  rank: number;
  reading: DbReading;
}

interface ReportRow {
  id: string;
  file: string;
  agency: string;
  agency_key: string;
  year: number;
  template: TemplateVersion;
}

const REPORT_COLUMNS = 'r.id, r.file, r.agency, r.agency_key, r.year, r.template';
/** The store's report order: agency (Intl.Collator('zh'), the column's collation), year, file. */
const REPORT_ORDER = 'r.agency_key, r.year, r.file COLLATE "C"';

/**
 * Fact queries over the PostgreSQL storage.
 *
 * @example
 *   const facts = new PgFactSource(pool);
 *   const top = await facts.rank(['procurement.amount'], { years: [2020] }, 'desc', { limit: 3 });
 *   top.items[0].reading.report.agency // '牡丹江市教育局'
 */
export class PgFactSource {
  constructor(private readonly pool: pg.Pool) {}

  /** Years the database covers, ascending. */
  async years(): Promise<number[]> {
    const { rows } = await this.pool.query<{ year: number }>('SELECT DISTINCT year FROM reports ORDER BY year');
    return rows.map((r) => r.year);
  }

  /** Agency keys in the store's order. */
  async agencies(): Promise<string[]> {
    const { rows } = await this.pool.query<{ key: string }>('SELECT DISTINCT agency_key AS key FROM reports r ORDER BY agency_key');
    return rows.map((r) => r.key);
  }

  /** How one report (by its file) answers for a metric (ids in order of preference); null for no such report. */
  async read(file: string, ids: readonly string[]): Promise<DbReading | null> {
    const { rows } = await this.pool.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.file = $1`, [file]);
    return rows.length ? (await this.readingsOf(rows, ids))[0] : null;
  }

  /** The readings of one agency's reports of one year (usually one), by file. */
  async lookup(agencyKey: string, year: number, ids: readonly string[]): Promise<DbReading[]> {
    const { rows } = await this.pool.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.agency_key = $1 AND r.year = $2 ORDER BY ${REPORT_ORDER}`, [
      agencyKey,
      year,
    ]);
    return this.readingsOf(rows, ids);
  }

  /**
   * The reports of the scope with a number, best first (`desc`) or least first, ranked with ties
   * (1, 1, 3); the first `limit` (and with `top` only ranks ≤ top) read in full. `total` counts
   * every report of the scope with a number. As `FactStore.rank`.
   */
  async rank(ids: readonly string[], scope: Scope, order: 'desc' | 'asc', opts: { top?: number | null; limit: number }): Promise<Page<DbRanked>> {
    const dir = order === 'desc' ? 'DESC' : 'ASC';
    const { rows } = await this.pool.query<ReportRow & { rank: number; total: number }>(
      `WITH ${READINGS_SQL},
       ranked AS (
         SELECT x.report_id, x.value, rank() OVER (ORDER BY x.value ${dir})::int AS rank, count(*) OVER ()::int AS total
           FROM readings x WHERE x.kind = 'number'
       )
       SELECT ${REPORT_COLUMNS}, k.rank, k.total
         FROM ranked k JOIN reports r ON r.id = k.report_id
        WHERE $5::int IS NULL OR k.rank <= $5
        ORDER BY k.value ${dir}, ${REPORT_ORDER}
        LIMIT $6`,
      [...readingParams(ids, scope), opts.top || null, opts.limit],
    );
    const total = rows.length ? rows[0].total : opts.limit > 0 ? 0 : (await this.sum(ids, scope)).count;
    const readings = await this.readingsOf(rows, ids);
    return { items: rows.map((r, i) => ({ rank: r.rank, reading: readings[i] })), total };
  }

  /** How many reports of the scope have a number, and their sum (exact in the database, then a double). */
  async sum(ids: readonly string[], scope: Scope): Promise<{ count: number; sum: number }> {
    const { rows } = await this.pool.query<{ count: number; sum: number }>(
      `WITH ${READINGS_SQL}
       SELECT count(*)::int AS count, coalesce(sum(value), 0)::float8 AS sum FROM readings WHERE kind = 'number'`,
      readingParams(ids, scope),
    );
    return rows[0];
  }

  /** Reads the facts of `ids` for these reports in one query and makes each its reading. */
  private async readingsOf(rows: readonly ReportRow[], ids: readonly string[]): Promise<DbReading[]> {
    if (!rows.length) return [];
    const chosen = rows.map((r) => metricFor(r.template, ids));
    const { rows: facts } = await this.pool.query<FactRow>(
      `SELECT f.report_id, f.metric, f.origin, f.kind, f.value::float8 AS value, f.text, f.unit, f.section, f.source, f.label
         FROM facts f
         JOIN unnest($1::bigint[], $2::text[]) AS w(report_id, metric) ON w.report_id = f.report_id AND w.metric = f.metric
        ORDER BY f.report_id, f.ordinal`,
      [rows.map((r) => r.id), chosen],
    );
    const byReport = new Map<string, Fact[]>();
    for (const f of facts) {
      const list = byReport.get(f.report_id) ?? [];
      list.push(factOf(f));
      byReport.set(f.report_id, list);
    }
    return rows.map((r, i) => readingFrom(refOf(r), r.template, chosen[i], byReport.get(r.id) ?? []));
  }
}

/**
 * Each report of the scope with its reading's fact of the metric its template is read by: the
 * first table fact, else the first fact. $1/$2: template and metric pairs; $3 years; $4 agency keys.
 */
const READINGS_SQL = `readings AS (
  SELECT DISTINCT ON (f.report_id) f.report_id, f.kind, f.value
    FROM facts f JOIN reports r ON r.id = f.report_id
   WHERE (r.template, f.metric) IN (SELECT t, m FROM unnest($1::text[], $2::text[]) AS c(t, m))
     AND ($3::int[] IS NULL OR r.year = ANY($3))
     AND ($4::text[] IS NULL OR r.agency_key = ANY($4))
   ORDER BY f.report_id, f.origin <> 'table', f.ordinal
)`;

/** The metric each template is read by, as the store chooses; ids outside the dictionary are not ranked. */
function readingParams(ids: readonly string[], scope: Scope): unknown[] {
  const pairs = TEMPLATE_VERSIONS.map((t) => [t, metricFor(t, ids)] as const).filter(([, id]) => metric(id));
  return [pairs.map(([t]) => t), pairs.map(([, id]) => id), scope.years ?? null, scope.agencies ?? null];
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

function refOf(r: ReportRow): ReportRef {
  return { id: r.file, agency: r.agency, agencyKey: r.agency_key, year: r.year, template: r.template };
}
