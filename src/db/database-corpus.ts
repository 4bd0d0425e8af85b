/**
 * Reports added through the bot or `npm run add` with `DATABASE_URL`: the database is their
 * corpus folder. Each is written in one transaction under the writer's lock: its report (as
 * `npm run index` writes one) and its file's bytes in `report_files`, so that no replica depends
 * on another's disk and `npm run index` can read it again when the parser changes. The replicas
 * are told at the commit (report-changes.ts).
 *
 * Added files are named `added/<name>`, apart from the names of a corpus folder written by
 * `npm run index`, which never takes them out for being absent from that folder.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { loadBytes, type LoadHints } from '../ingest/formats/load.js';
import { parseReportText } from '../ingest/parse.js';
import { parserVersion } from '../ingest/parser-version.js';
import type { ReadError, Report, Result } from '../ingest/report.js';
import { unexpectedFailure } from '../ingest/corpus.js';
import type { Candidate, KnownReport } from '../intake/candidate.js';
import type { CorpusFiles } from '../intake/corpus-file.js';
import { keepCorpusNamesWhole } from './corpus-names.js';
import { metaOf, type MetaRow } from './read-reports.js';
import { withWriteLock } from './locks.js';
import { writeReport, type WrittenReport } from './write-report.js';

/** The folder added files are named under. */
export const ADDED_PREFIX = 'added/';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class DatabaseCorpus implements CorpusFiles {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { onWait?: () => void } = {},
  ) {}

  /** An added file, or a folder file written by `npm run index`, with exactly these bytes. */
  holding(bytes: Buffer): Promise<string | null> {
    return holdingOn(this.pool, sha256(bytes));
  }

  async save(candidate: Candidate): Promise<Result<string, string>> {
    return withWriteLock(this.pool, (client) => this.#saveLocked(client, candidate), this.options.onWait);
  }

  /** What the database holds, for naming copies (metadata only). */
  async known(): Promise<KnownReport[]> {
    const { rows } = await this.pool.query<MetaRow & { file: string }>('SELECT file, agency, aliases, province, city, county, year, template, published_at, title FROM reports ORDER BY file COLLATE "C"');
    return rows.map((r) => ({ file: r.file, meta: metaOf(r) }));
  }

  async #saveLocked(client: pg.PoolClient, candidate: Candidate): Promise<Result<string, string>> {
    const sha = sha256(candidate.bytes);
    // Another replica may have added the same bytes since this one looked.
    const same = await holdingOn(client, sha);
    if (same) return { ok: false, error: `语料中已有内容完全相同的文件（${same}），无需再加` };
    const file = await freeName(client, candidate.name);
    if (file === null) return { ok: false, error: `数据库里已有太多名为 ${candidate.name} 的文件` };
    const read = await readAdded(candidate.bytes, file, candidate.hints);
    if (!read.ok) return { ok: false, error: read.error.message };
    try {
      await keepCorpusNamesWhole(client);
      await writeAdded(client, { file, bytes: candidate.bytes, sha256: sha, charset: candidate.hints.charset ?? null, addedMs: Date.now() }, read.value);
    } catch (e) {
      return { ok: false, error: `数据库拒绝写入这份报告：${(e as Error).message}` };
    }
    return { ok: true, value: file };
  }
}

async function holdingOn(db: pg.Pool | pg.PoolClient, sha: string): Promise<string | null> {
  const { rows } = await db.query<{ file: string }>(
    `SELECT file FROM report_files WHERE sha256 = $1 UNION ALL SELECT file FROM reports WHERE sha256 = $1 LIMIT 1`,
    [sha],
  );
  return rows[0]?.file ?? null;
}

/** `added/<name>`, or `added/<stem>-2<ext>` … when taken by a report or a file. */
async function freeName(client: pg.PoolClient, name: string): Promise<string | null> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const names = Array.from({ length: 1000 }, (_, i) => `${ADDED_PREFIX}${i === 0 ? name : `${stem}-${i + 1}${ext}`}`);
  const { rows } = await client.query<{ file: string }>(
    `SELECT file FROM reports WHERE file = ANY($1::text[]) UNION SELECT file FROM report_files WHERE file = ANY($1::text[])`,
    [names],
  );
  const taken = new Set(rows.map((r) => r.file));
  return names.find((n) => !taken.has(n)) ?? null;
}

/** An added file read as the corpus reader reads a file of the folder; never throws. */
async function readAdded(bytes: Buffer, file: string, hints: LoadHints): Promise<Result<Report, ReadError>> {
  try {
    const loaded = await loadBytes(bytes, file, hints);
    if (!loaded.ok) return { ok: false, error: { file, message: loaded.error.message } };
    return parseReportText(loaded.value.text, file, loaded.value);
  } catch (e) {
    return { ok: false, error: { file, message: unexpectedFailure(e) } };
  }
}

interface AddedFile {
  file: string;
  bytes: Buffer;
  sha256: string;
  charset: string | null;
  addedMs: number;
}

/** The report and its file, in one transaction (writeReport's); jieba knows the stored names already. */
async function writeAdded(client: pg.PoolClient, added: AddedFile, report: Report): Promise<WrittenReport> {
  const stamp = { file: added.file, sha256: added.sha256, size: added.bytes.length, mtimeMs: added.addedMs };
  return writeReport(client, stamp, report, async (tx) => {
    await tx.query(
      `INSERT INTO report_files (file, bytes, sha256, charset, added_at) VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0))
       ON CONFLICT (file) DO UPDATE SET bytes = excluded.bytes, sha256 = excluded.sha256, charset = excluded.charset`,
      [added.file, added.bytes, added.sha256, added.charset, added.addedMs],
    );
  });
}

/** The names of the added files: `npm run index` neither reads nor removes these from a folder. */
export async function addedFileNames(client: pg.PoolClient): Promise<Set<string>> {
  const { rows } = await client.query<{ file: string }>('SELECT file FROM report_files');
  return new Set(rows.map((r) => r.file));
}

/**
 * For `npm run index` (under the writer's lock): the added files whose reports were read by
 * another parser, or are missing, or all with `force`, read again from their stored bytes.
 */
export async function rereadAdded(
  client: pg.PoolClient,
  opts: { force?: boolean; onReport?: (written: WrittenReport) => void },
): Promise<{ written: WrittenReport[]; errors: ReadError[] }> {
  const { rows: files } = await client.query<{ file: string }>(
    `SELECT f.file FROM report_files f LEFT JOIN reports r ON r.file = f.file
      WHERE $1 OR r.parser_version IS DISTINCT FROM $2 ORDER BY f.file`,
    [opts.force ?? false, parserVersion()],
  );
  const written: WrittenReport[] = [];
  const errors: ReadError[] = [];
  if (files.length > 0) await keepCorpusNamesWhole(client);
  for (const { file } of files) {
    // One file's bytes at a time: after a parser change, every added file is read again.
    const { rows } = await client.query<{ file: string; bytes: Buffer; sha256: string; charset: string | null; added_ms: number }>(
      'SELECT file, bytes, sha256, charset, extract(epoch FROM added_at) * 1000 AS added_ms FROM report_files WHERE file = $1',
      [file],
    );
    const row = rows[0];
    if (row === undefined) continue;
    const read = await readAdded(row.bytes, row.file, row.charset ? { charset: row.charset } : {});
    if (!read.ok) {
      errors.push(read.error);
      continue;
    }
    const added = { file: row.file, bytes: row.bytes, sha256: row.sha256, charset: row.charset, addedMs: Number(row.added_ms) };
    const done = await writeAdded(client, added, read.value);
    opts.onReport?.(done);
    written.push(done);
  }
  return { written, errors };
}
