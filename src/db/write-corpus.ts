/**
 * A corpus folder into the database, as `npm run -s index` does with `DATABASE_URL` set: files
 * whose content (sha256) and parser are unchanged are left alone, changed and new files are
 * read and written many reports a transaction (each whole or not at all), and reports whose
 * files are gone are taken out.
 * Moving an embedded corpus into a database is this, pointed at its corpus folder.
 *
 * Reports added through the bot or `npm run add` (`report_files`, database-corpus.ts) are not of
 * the folder: they are left in, and read again from their stored bytes when the parser changed.
 *
 * One writer at a time, through the database's advisory lock: a second writer (another replica's
 * intake, a second `npm run index`) waits for the first, then finds its work done.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { listCorpusFiles, parseEach } from '../ingest/corpus.js';
import { describeFsError, notRegularFile } from '../ingest/formats/load.js';
import { parserVersion } from '../ingest/parser-version.js';
import type { ReadError, Report } from '../ingest/report.js';
import { completeAgencyNames } from './agency-names.js';
import { keepCorpusNamesWhole } from './corpus-names.js';
import { completeGroupPeers } from './group-peers.js';
import { addedFileNames, rereadAdded } from './database-corpus.js';
import { withWriteLock } from './locks.js';
import { completeGroups } from './write-groups.js';
import { removeReports, restamp, writeReports, type FileStamp, type ReportToWrite, type WrittenReport } from './write-report.js';

export interface WriteOptions {
  /** Read every file again, unchanged or not. */
  force?: boolean;
  /** Called for each report once its batch is committed (the index command prints one line per report). */
  onReport?: (written: WrittenReport) => void;
  /** Called when another writer holds the lock, before waiting for it. */
  onWait?: () => void;
}

export interface WriteSummary {
  written: WrittenReport[];
  /** Files left as they were. */
  unchanged: number;
  /** Files whose reports were taken out: gone from the folder, or no longer read as a report. */
  removed: string[];
  /** Files that could not be read, or whose report the database refused, each with why. */
  errors: ReadError[];
  /** Reports the database holds now. */
  reports: number;
}

/**
 * Files parsed a round; each round starts the parsing threads anew (as many files as make them
 * worth starting, parse-pool.ts), and parsed reports wait in memory until written.
 */
const CHUNK = 500;

/**
 * At most this many reports a transaction: a commit (and its wait for the disk), the counting
 * triggers, the agency keys, the NOTIFY and each table's statement once for them all.
 */
const BATCH = 100;

interface Stored {
  sha256: string;
  size: number;
  mtimeMs: number;
  parser: string;
}

/**
 * Brings the database's reports in line with the corpus folder `corpusDir`.
 *
 * @example
 *   const db = await openDatabase(url);
 *   if (db.ok) console.log((await writeCorpus(db.pool, 'corpus')).written.length);
 */
export async function writeCorpus(pool: pg.Pool, corpusDir: string, opts: WriteOptions = {}): Promise<WriteSummary> {
  return withWriteLock(pool, (client) => writeLocked(client, corpusDir, opts), opts.onWait);
}

async function writeLocked(client: pg.PoolClient, corpusDir: string, opts: WriteOptions): Promise<WriteSummary> {
  const stored = await storedFiles(client);
  // Reports added through the bot or `npm run add` live in the database, not in this folder.
  const added = await addedFileNames(client);
  const listing = await listCorpusFiles(corpusDir).catch((e: Error) => {
    throw new Error(`无法读取语料目录：${e.message}`);
  });
  const names = listing.filter((f) => !added.has(f));
  const look = await survey(corpusDir, names, stored, opts.force ?? false);
  for (const file of listing.filter((f) => added.has(f))) look.errors.push({ file, message: '与数据库中添加的报告同名，没有读取' });
  const listed = new Set(names);
  const removed = [...stored.keys()].filter((f) => !listed.has(f) && !added.has(f));
  await removeReports(client, removed);
  await restamp(client, look.restamped);

  // jieba keeps the names of every stored report whole before any text is cut, and each new
  // report's from its own text on, as when the embedded index is updated.
  await keepCorpusNamesWhole(client);
  const written: WrittenReport[] = [];
  const errors = look.errors;
  const unreadable: string[] = [];
  const stampOf = new Map(look.toRead.map((s) => [s.file, s]));
  const files = [...stampOf.keys()];
  const writer = batchWriter(async (batch) => {
    for (const done of await writeBatch(client, batch, errors)) {
      written.push(done);
      opts.onReport?.(done);
    }
  });
  // Parsed reports wait in memory for their turn to be written: the next chunk is parsed once
  // few are left waiting, so that at most about a chunk and a half are held.
  for (let from = 0; from < files.length; from += CHUNK) {
    await writer.fewerThan(CHUNK / 2);
    await parseEach(corpusDir, files.slice(from, from + CHUNK), (file, result) => {
      if (result.ok) return writer.add({ stamp: stampOf.get(file) as FileStamp, report: result.value });
      errors.push(result.error);
      if (stored.has(file)) unreadable.push(file);
    });
  }
  await writer.done();
  // A file that no longer reads as a report answers nothing: its old reading goes.
  await removeReports(client, unreadable);
  // Added reports read by an older parser are read again from their stored bytes.
  const again = await rereadAdded(client, opts);
  written.push(...again.written);
  errors.push(...again.errors);
  await completeGroups(client);
  await completeAgencyNames(client);
  await completeGroupPeers(client);
  const count = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { written, unchanged: look.unchanged, removed: [...removed, ...unreadable], errors, reports: count.rows[0].n };
}

interface BatchWriter {
  add(item: ReportToWrite): void;
  /** Resolves once fewer than `n` reports wait to be written; rejects once writing failed. */
  fewerThan(n: number): Promise<void>;
  /** Resolves once every report added is written; rejects with the first failure. */
  done(): Promise<void>;
}

/**
 * Writes reports as they are parsed: whenever the writer is free, the reports waiting (at most
 * `BATCH`) go in one transaction. The first report is written at once; while the database is
 * busy, the next batch fills up. After a failure nothing more is written.
 */
function batchWriter(write: (batch: ReportToWrite[]) => Promise<void>): BatchWriter {
  const waiting: ReportToWrite[] = [];
  // Set and cleared synchronously: a report added is either seen by the running loop or starts one.
  let busy = false;
  let draining: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const onWrite: Array<() => void> = [];
  const drain = async () => {
    try {
      while (waiting.length && !failure) {
        try {
          await write(waiting.splice(0, BATCH));
        } catch (e) {
          failure = e;
        }
        for (const tell of onWrite.splice(0)) tell();
      }
    } finally {
      busy = false;
      for (const tell of onWrite.splice(0)) tell();
    }
  };
  return {
    add(item) {
      waiting.push(item);
      if (busy) return;
      busy = true;
      draining = drain();
    },
    async fewerThan(n) {
      while (busy && waiting.length >= n && !failure) await new Promise<void>((resolve) => onWrite.push(resolve));
      if (failure) throw failure;
    },
    async done() {
      while (busy) await draining;
      if (failure) throw failure;
    },
  };
}

/**
 * A batch in one transaction; when the database refuses a report's data, the batch is written
 * again one report a transaction, so that the refusal costs only that report.
 */
async function writeBatch(client: pg.PoolClient, batch: readonly ReportToWrite[], errors: ReadError[]): Promise<WrittenReport[]> {
  try {
    return await writeReports(client, batch);
  } catch (e) {
    if (!refusedData(e)) throw e;
  }
  const out: WrittenReport[] = [];
  for (const item of batch) {
    try {
      out.push(...(await writeReports(client, [item])));
    } catch (e) {
      if (!refusedData(e)) throw e;
      errors.push({ file: item.stamp.file, message: `数据库拒绝写入这份报告：${(e as Error).message}` });
    }
  }
  return out;
}

/** Data the database refuses (class 22: data exception, 23: a constraint) costs only its report. */
function refusedData(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

async function storedFiles(client: pg.PoolClient): Promise<Map<string, Stored>> {
  const { rows } = await client.query<{ file: string; sha256: string; size: string; mtime_ms: number; parser_version: string }>(
    'SELECT file, sha256, size, mtime_ms, parser_version FROM reports',
  );
  return new Map(rows.map((r) => [r.file, { sha256: r.sha256, size: Number(r.size), mtimeMs: r.mtime_ms, parser: r.parser_version }]));
}

interface Survey {
  toRead: FileStamp[];
  /** Same content under a new size or time: only the stamp is written. */
  restamped: FileStamp[];
  unchanged: number;
  errors: ReadError[];
}

/** Which files must be read: a file of the stored size and time is not even hashed. */
async function survey(dir: string, names: readonly string[], stored: Map<string, Stored>, force: boolean): Promise<Survey> {
  const out: Survey = { toRead: [], restamped: [], unchanged: 0, errors: [] };
  const parser = parserVersion();
  for (const file of names) {
    const full = path.join(dir, file);
    try {
      const info = await stat(full);
      const irregular = notRegularFile(info);
      if (irregular) {
        out.errors.push({ file, message: irregular });
        continue;
      }
      const known = force ? undefined : stored.get(file);
      const current = known?.parser === parser;
      if (current && known.size === info.size && known.mtimeMs === info.mtimeMs) {
        out.unchanged++;
        continue;
      }
      const stamp = { file, sha256: createHash('sha256').update(await readFile(full)).digest('hex'), size: info.size, mtimeMs: info.mtimeMs };
      if (current && known.sha256 === stamp.sha256) {
        out.unchanged++;
        out.restamped.push(stamp);
      } else out.toRead.push(stamp);
    } catch (e) {
      out.errors.push({ file, message: describeFsError(e) });
    }
  }
  return out;
}
