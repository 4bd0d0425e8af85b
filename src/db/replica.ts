/**
 * One bot replica's share of the database (`DATABASE_URL`): the bot's state between updates,
 * where admins' reports are added, and the news of reports changed by any replica or by
 * `npm run index`, on which the replica's engine reads the reports again.
 */
import type { BotState } from '../bot/state.js';
import type { Config } from '../config.js';
import type { Result } from '../ingest/report.js';
import type { Logger } from '../log.js';
import { databaseState } from './bot-state.js';
import { DatabaseCorpus } from './database-corpus.js';
import { openDatabase } from './database.js';
import { listenForReports } from './report-changes.js';

/** What reads the reports again (a `LiveEngine`). */
export interface Refreshable {
  refresh(): Promise<Result<{ reports: number }, string>>;
}

export interface Replica {
  state: BotState;
  files: DatabaseCorpus;
  /** From now on, changed reports refresh `engine` (and at once if some changed since listening began). */
  follow(engine: Refreshable): void;
  close(): Promise<void>;
}

/**
 * Opens the pool and starts listening before the engine reads the reports, so that a report
 * written meanwhile is not missed: `follow` then refreshes the engine once.
 */
export async function openReplica(url: string, config: Config, log: Logger): Promise<Result<Replica, string>> {
  const db = await openDatabase(url, { max: 5 });
  if (!db.ok) return db;
  let engine: Refreshable | null = null;
  let missed = false;
  const refresh = (why: string) => {
    if (engine === null) {
      missed = true;
      return;
    }
    void engine.refresh().then((done) => {
      if (done.ok) log.info({ why, reports: done.value.reports }, 'reports changed in the database: engine refreshed');
      else log.warn({ why, error: done.error }, 'reports changed in the database: refresh failed, the previous engine answers');
    });
  };
  const listener = listenForReports(url, refresh, { onError: (error) => log.warn({ error }, 'lost the database notifications: connecting again') });
  await listener.ready;
  return {
    ok: true,
    value: {
      state: databaseState(db.pool, config),
      files: new DatabaseCorpus(db.pool),
      follow(e) {
        engine = e;
        if (missed) refresh('changed while starting');
      },
      async close() {
        await listener.close();
        await db.pool.end();
      },
    },
  };
}
