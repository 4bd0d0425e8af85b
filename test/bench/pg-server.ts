/**
 * The PostgreSQL server the database benchmark writes into: a throwaway cluster of its own
 * (test/pg/cluster.ts, with PostgreSQL's own durability settings), or the server of a
 * `DATABASE_URL` given, on which it makes one database per corpus (`gov_report_bench_s1_n1000`)
 * and leaves them there (`--resume` reads them again; drop them by hand).
 */
import pg from 'pg';
import { startCluster } from '../pg/cluster.js';

export interface BenchServer {
  /** "PostgreSQL 15.14, a throwaway cluster: fsync on, synchronous_commit on, shared_buffers 128MB" */
  description: string;
  /** The connection string of database `name`, made empty (dropped first when it was there). */
  freshDatabase(name: string): Promise<string>;
  /** The connection string of database `name` when it exists, else null. */
  existingDatabase(name: string): Promise<string | null>;
  /** Done with database `name`: a throwaway cluster drops it (its disk is wanted for the next size), a given server keeps it. */
  release(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The database of a seed and size; only names of this form are ever dropped. */
export const benchDatabase = (seed: number, n: number): string => `gov_report_bench_s${seed}_n${n}`;

/** Opens the server of `databaseUrl`, else starts a throwaway cluster. */
export async function openBenchServer(databaseUrl: string | null): Promise<BenchServer> {
  const cluster = databaseUrl ? null : await startCluster({ durable: true });
  const admin = databaseUrl ?? (cluster as { url: string }).url;
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string): string => {
    const u = new URL(admin);
    u.pathname = `/${encodeURIComponent(name)}`;
    return u.toString();
  };
  const settings = await query<{ version: string; fsync: string; commit: string; buffers: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit, current_setting('shared_buffers') AS buffers",
  );
  const s = settings[0];
  return {
    description: `PostgreSQL ${s.version}, ${cluster ? 'a throwaway cluster started by the benchmark' : 'the server of DATABASE_URL'}: fsync ${s.fsync}, synchronous_commit ${s.commit}, shared_buffers ${s.buffers}`,
    async freshDatabase(name) {
      await query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
      await query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return urlOf(name);
    },
    async existingDatabase(name) {
      const rows = await query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return rows.length > 0 ? urlOf(name) : null;
    },
    async release(name) {
      if (cluster) await query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
    },
    async stop() {
      await cluster?.stop();
    },
  };
}
