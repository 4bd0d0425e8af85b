/**
 * The names questions are read against, kept in the database (migration 007), so that an engine
 * over it holds none of them: a national corpus names a hundred thousand agencies. The writer
 * makes the names of the agency keys whose groups changed (`refreshAgencyNames`, in its own
 * transaction); an engine reads, for each question, the entries of the question's spans only
 * (`PgAgencyNames.directoryOf`), and reads it as the directory of every agency would.
 */
import type pg from 'pg';
import { AgencyDirectory, agenciesOf, namesOf, spansOf, type NameEntry, type NameKind } from '../query/agencies.js';
import { inTransaction } from './transaction.js';

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Makes again the names of the stale agency keys (all of them, or the first `limit`), in the
 * transaction of `client`: each key's agency from its groups in report order, as the directory
 * of every report would make it. Returns how many keys were made.
 */
export async function refreshAgencyNames(client: pg.PoolClient, limit?: number): Promise<number> {
  const stale = await client.query<{ agency_key: string }>(`SELECT agency_key FROM agency_names_stale ${limit === undefined ? '' : 'LIMIT $1'}`, limit === undefined ? [] : [limit]);
  const keys = stale.rows.map((r) => r.agency_key);
  if (!keys.length) return 0;
  const { rows } = await client.query<{ agency: string; agency_key: string; aliases: string[]; province: string | null; city: string | null; county: string | null }>(
    `SELECT agency, agency_key, aliases, province, city, county FROM report_groups WHERE agency_key = ANY($1::text[]) ORDER BY agency_key, year, file`,
    [keys],
  );
  const agencies = agenciesOf(rows.map((r) => ({ agency: r.agency, aliases: r.aliases, region: { province: r.province, city: r.city, county: r.county }, key: r.agency_key })));
  const texts: string[] = [];
  const kinds: NameKind[] = [];
  const owners: string[] = [];
  for (const a of agencies) {
    const seen = new Set<string>();
    for (const n of namesOf(a)) {
      if (seen.has(`${n.kind}|${n.text}`)) continue;
      seen.add(`${n.kind}|${n.text}`);
      texts.push(n.text);
      kinds.push(n.kind);
      owners.push(a.key);
    }
  }
  await client.query('DELETE FROM agency_names WHERE agency_key = ANY($1::text[])', [keys]);
  if (texts.length) {
    await client.query('INSERT INTO agency_names (text, kind, agency_key) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [texts, kinds, owners]);
  }
  await client.query('DELETE FROM agency_names_stale WHERE agency_key = ANY($1::text[])', [keys]);
  return keys.length;
}

/** Makes every stale key's names, 2,000 keys a transaction (a database written before 007). Returns how many. */
export async function completeAgencyNames(client: pg.PoolClient): Promise<number> {
  let made = 0;
  for (;;) {
    const n = await inTransaction(client, () => refreshAgencyNames(client, 2000));
    if (!n) return made;
    made += n;
  }
}

/** The names of the database, as an engine reads questions against them. */
export class PgAgencyNames {
  private constructor(
    private readonly pool: pg.Pool,
    /** The longest text a name has: the spans of a question looked up are no longer. */
    private readonly longest: number,
    /** An entry naming more agencies than this comes without them until a reading names it. */
    private readonly many: number,
  ) {}

  /** Opens the names (`completeAtOpen` makes those no writer has made). */
  static async open(pool: pg.Pool, opts: { many?: number } = {}): Promise<PgAgencyNames> {
    return new PgAgencyNames(pool, await longestAgencyName(pool), opts.many ?? MANY);
  }

  /**
   * A directory of the entries the spans of `text` (a question, as read) find: it reads `text` as
   * the directory of every agency would. A place or a kind names many agencies (every 教育局 of
   * the corpus), and most spans that find one are not what the question is read as (自然资源局 in
   * 环翠区自然资源局): such entries come first without their agencies, and only those the reading
   * names are read whole, in a second statement. What an entry names never changes how a
   * question is read, only what it names.
   */
  async directoryOf(text: string): Promise<AgencyDirectory> {
    const spans = spansOf(text, this.longest);
    if (!spans.length) return AgencyDirectory.fromEntries([]);
    // The spans that are names, then each of those and each kind read by index up to one past
    // `many`: a kind's word ("民政局") names thousands of agencies, and counting them all at every
    // question would cost more than the rest of it.
    const { rows } = await this.pool.query<{ text: string; kind: NameKind; agencies: string[] | null }>(
      `WITH found AS MATERIALIZED (SELECT s.text FROM unnest($1::text[]) s(text) WHERE EXISTS (SELECT FROM agency_names n WHERE n.text = s.text))
       SELECT s.text, k.kind, CASE WHEN count(*) <= $2::int THEN array_agg(e.agency_key ORDER BY e.agency_key) END AS agencies
         FROM found s
        CROSS JOIN unnest($3::text[]) k(kind)
        CROSS JOIN LATERAL (SELECT n.agency_key FROM agency_names n WHERE n.text = s.text AND n.kind = k.kind ORDER BY n.agency_key LIMIT $2::int + 1) e
        GROUP BY s.text, k.kind`,
      [spans, this.many, NAME_KINDS],
    );
    const marked: NameEntry[] = rows.map((r) => ({ text: r.text, kind: r.kind, agencies: r.agencies ?? [markerOf(r)] }));
    if (rows.every((r) => r.agencies !== null)) return AgencyDirectory.fromEntries(marked);
    const used = new Set(
      AgencyDirectory.fromEntries(marked)
        .read(text)
        .flatMap((m) => (m.type === 'unknown' ? [] : [...m.agencies, ...(m.type === 'agency' ? (m.asRegion ?? []) : [])]))
        .filter((key) => key.startsWith(MARKER)),
    );
    if (!used.size) return AgencyDirectory.fromEntries(marked);
    const wanted = marked.filter((e) => used.has(e.agencies[0]));
    const whole = await this.pool.query<NameEntry>(
      `SELECT n.text, n.kind, array_agg(n.agency_key ORDER BY n.agency_key) AS agencies
         FROM agency_names n JOIN unnest($1::text[], $2::text[]) w(text, kind) ON n.text = w.text AND n.kind = w.kind
        GROUP BY n.text, n.kind`,
      [wanted.map((e) => e.text), wanted.map((e) => e.kind)],
    );
    const byEntry = new Map(whole.rows.map((e) => [markerOf(e), e.agencies]));
    return AgencyDirectory.fromEntries(marked.map((e) => ({ ...e, agencies: byEntry.get(e.agencies[0]) ?? e.agencies })));
  }
}

/** Every kind of name (`NameKind`). */
const NAME_KINDS: readonly NameKind[] = ['alias', 'region', 'kind'];

/** Entries naming more agencies come without them at first (a county's agencies are fewer; a city's or a kind's, more). */
const MANY = 100;
/** Stands for an entry's agencies not read yet (no agency key starts with NUL). */
const MARKER = '\u0000';
const markerOf = (e: { text: string; kind: NameKind }) => `${MARKER}${e.kind}|${e.text}`;

/** How long the longest name is (2 when there is none): a question's spans looked up are no longer. */
export async function longestAgencyName(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ longest: number | null }>('SELECT max(char_length(text))::int AS longest FROM agency_names');
  return rows[0].longest ?? 2;
}

/** Whether some agency key's names are to be made (a database written before 007). */
export async function agencyNamesStale(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ stale: boolean }>('SELECT EXISTS (SELECT 1 FROM agency_names_stale) AS stale');
  return rows[0].stale;
}
