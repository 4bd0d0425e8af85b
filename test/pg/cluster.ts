/**
 * A throwaway PostgreSQL server for tests: `initdb` into a temporary folder, `pg_ctl start` on a
 * free port of 127.0.0.1 (its socket in that folder too), stopped and removed at the end. The
 * tests of the database storage run against this real server, never an imitation.
 *
 * The binaries are found at run time: on PATH, else in `pg_config --bindir` (Debian keeps them
 * in a versioned folder off PATH). initdb refuses to run as root, so as root the server runs as
 * the `postgres` user (Debian's package creates it), else as `nobody`.
 *
 * @example
 *   const cluster = await startCluster();
 *   const pool = new pg.Pool({ connectionString: await cluster.createDatabase('facts') });
 *   …
 *   await cluster.stop();
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** The connection string of the cluster's `postgres` database (superuser, trust auth). */
  url: string;
  port: number;
  /** A new empty database, by its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder holding initdb, pg_ctl and postgres, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const found = onPath('initdb');
  if (found && runnable(path.join(found, 'pg_ctl'))) return found;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (runnable(path.join(dir, 'initdb')) && runnable(path.join(dir, 'pg_ctl'))) return dir;
  } catch {
    // No pg_config either: PostgreSQL is not installed.
  }
  return null;
}

/** Why the database tests skip themselves, or null when they can run. */
export function whyNoPostgres(): string | null {
  return postgresBinDir() ? null : 'PostgreSQL is not installed (no initdb/pg_ctl on PATH or in `pg_config --bindir`): the database tests skip themselves. Debian: apt-get install postgresql';
}

/** The folder of PATH holding `program`, or null. */
function onPath(program: string): string | null {
  return (process.env.PATH ?? '').split(path.delimiter).find((dir) => dir && runnable(path.join(dir, program))) ?? null;
}

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The unprivileged user a root process runs the server as, or null when not root. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run the test server as');
}

/** Runs a PostgreSQL program, as the server's user when this process is root. */
function run(bin: string, program: string, args: string[], user: { name: string } | null): void {
  const file = path.join(bin, program);
  const [cmd, argv] = user
    ? onPath('runuser')
      ? ['runuser', ['-u', user.name, '--', file, ...args]]
      : ['su', [user.name, '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')]]
    : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  if (r.status !== 0) throw new Error(`${program} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

/** A test cluster's data is thrown away anyway: it need not survive a crash. */
const NOT_DURABLE = ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /**
   * Keep PostgreSQL's own defaults for writing to disk (fsync, synchronous commit, full page
   * writes), as a production server runs: for benchmarks of writing. By default they are off,
   * since a test cluster's data is thrown away anyway.
   */
  durable?: boolean;
}

/** Starts a new cluster; throws when PostgreSQL is not installed (see `whyNoPostgres`). */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(whyNoPostgres() as string);
  const user = serverUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'pg-test-'));
  if (user) chownSync(root, user.uid, user.gid);
  const data = path.join(root, 'data');
  let started = false;
  const stopNow = () => {
    if (started) {
      started = false;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  // A test run that ends without `stop` (a crash, Ctrl-C) still leaves no server behind.
  process.once('exit', stopNow);
  try {
    run(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', ...(opts.durable ? [] : ['--no-sync'])], user);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1${opts.durable ? '' : NOT_DURABLE}`;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-l', path.join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start'], user);
        started = true;
        break;
      } catch (e) {
        // Another process took the port between the look and the start: take another.
        if (attempt >= 2) throw e;
      }
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      async stop() {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (e) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw e;
  }
}
