/**
 * The schema as versioned migrations: plain SQL files `NNN_name.sql` in `migrations/`, applied
 * in order at start, each version once, recorded in `schema_migrations`. All pending migrations
 * apply in one transaction under an advisory lock: two replicas starting together apply them
 * once, and a start that fails half-way leaves the schema as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';
import { LOCKS } from './locks.js';
import { inTransaction } from './transaction.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The oldest server the schema is written for. */
export const MIN_SERVER_VERSION = 150000;

/** The migrations of a folder, by version; a name out of the `NNN_name.sql` pattern or a repeated version is a bug. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const m = /^(\d{3,})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migration file ${file} is not named NNN_name.sql`);
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) throw new Error(`migration version ${version} appears twice`);
    out.push({ version, name: m[2], sql: readFileSync(path.join(dir, file), 'utf8') });
  }
  return out;
}

export type MigrateResult = { ok: true; applied: number[] } | { ok: false; error: string };

/**
 * Brings the database's schema up to the newest migration. Returns the versions applied now
 * (none when it was current), or why the server cannot hold this schema.
 *
 * @example
 *   const done = await migrate(pool);
 *   if (!done.ok) throw new Error(done.error);
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = readMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    if (Number(rows[0].v) < MIN_SERVER_VERSION) {
      return { ok: false, error: `PostgreSQL ${rows[0].v} is too old: the schema needs PostgreSQL 15 or newer` };
    }
    return await inTransaction(client, async () => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrate.toString()]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      }
      return { ok: true, applied } as const;
    });
  } finally {
    client.release();
  }
}
