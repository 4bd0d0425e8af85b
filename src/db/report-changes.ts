/**
 * How replicas learn that the database's reports changed: every transaction that writes or
 * removes reports sends a NOTIFY on `REPORTS_CHANNEL` (delivered at commit, so never for a write
 * that did not happen), and each replica LISTENs on a connection of its own and reads the reports
 * again. A connection lost is made again, with a refresh, since notifications sent meanwhile are
 * lost with it.
 */
import pg from 'pg';

/** The channel, payload: the file written or removed (for logs; any change means "read again"). */
export const REPORTS_CHANNEL = 'reports_changed';

/** Within a transaction on `client`: tells the replicas, at its commit, that `files` changed. */
export async function notifyReportsChanged(client: pg.PoolClient | pg.Client, files: readonly string[]): Promise<void> {
  // A payload is at most 8000 bytes: the first file names it well enough.
  await client.query('SELECT pg_notify($1, $2)', [REPORTS_CHANNEL, `${files.length} ${files[0] ?? ''}`.slice(0, 1000)]);
}

export interface ListenOptions {
  /** Waits before connecting again: doubles from this up to 30 s. Default 500 ms. */
  retryMs?: number;
  /** Told of a lost or refused connection (the reason, never the connection string). */
  onError?: (error: string) => void;
}

export interface ReportsListener {
  /** Resolves once listening (the first connection made); later losses reconnect by themselves. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * LISTENs on `url` for changed reports and calls `onChange` for each notification, and after a
 * lost connection is made again. `onChange` should coalesce: an `npm run index` notifies once a
 * report.
 *
 * @example
 *   const listener = listenForReports(url, () => void engine.refresh());
 *   await listener.ready;
 */
export function listenForReports(url: string, onChange: (detail: string) => void, options: ListenOptions = {}): ReportsListener {
  const firstRetry = options.retryMs ?? 500;
  let client: pg.Client | null = null;
  let closed = false;
  let retry = firstRetry;
  let timer: NodeJS.Timeout | null = null;
  let connected = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async (): Promise<void> => {
    timer = null;
    if (closed) return;
    const c = new pg.Client({ connectionString: url });
    client = c;
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      if (closed) return;
      options.onError?.(reason);
      timer = setTimeout(() => void connect(), retry);
      retry = Math.min(retry * 2, 30_000);
    };
    c.on('error', (e: Error) => onLost(e.message));
    c.on('end', () => onLost('connection ended'));
    c.on('notification', (n) => onChange(n.payload ?? ''));
    try {
      await c.connect();
      await c.query(`LISTEN ${REPORTS_CHANNEL}`);
    } catch (e) {
      onLost((e as Error).message);
      return;
    }
    if (closed) return void c.end().catch(() => undefined);
    retry = firstRetry;
    // Changes made while no connection listened were not heard: read again.
    if (connected) onChange('reconnected');
    connected = true;
    markReady();
  };
  void connect();

  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      markReady();
      await client?.end().catch(() => undefined);
    },
  };
}
