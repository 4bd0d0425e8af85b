/**
 * A corpus folder in, its `Report`s out. One broken file never stops the others: each failure
 * is a `ReadError` naming the file and the problem.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseThreads, readReportFiles } from './parse-pool.js';
import { describeFsError, notRegularFile, SUPPORTED_EXTENSIONS } from './formats/files.js';
import { ReportStore, type FileStamp } from '../store/report-store.js';
import { withStoreLock } from '../store/store-lock.js';
import type { ReadError, Report, Result } from './report.js';

export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  sha256: string;
  /** Size and modification time when read through the report store (a later start compares them). */
  size?: number;
  mtimeMs?: number;
}

export interface Corpus {
  reports: Report[];
  errors: ReadError[];
  files: CorpusFile[];
}

/** The report files of a folder (recursively), relative paths sorted. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  // `prefix`: the folder's path relative to `dir`, with forward slashes (built as we go:
  // path.relative for each of 100,000 files is a noticeable part of a start).
  const walk = async (d: string, prefix: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) await walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else if (SUPPORTED_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !/^(README|SOURCES)\./i.test(e.name)) {
        out.push(prefix + e.name);
      }
    }
  };
  await walk(dir, '');
  return out.sort();
}

/**
 * Reads one report file; `file` is reported relative to the corpus folder. Never throws: a file
 * that trips a bug of the loader or the parser comes back as a failure naming it, so that one
 * hostile file costs only itself.
 */
export async function readReportFile(corpusDir: string, file: string): Promise<Result<Report>> {
  try {
    const { loadFile, parseReportText } = await reader();
    const loaded = await loadFile(path.join(corpusDir, file));
    if (!loaded.ok) return { ok: false, error: { file, message: loaded.error.message } };
    return parseReportText(loaded.value.text, file, loaded.value);
  } catch (e) {
    return { ok: false, error: { file, message: unexpectedFailure(e) } };
  }
}

/**
 * The format readers and the parser, imported when a file is read: a start that finds every file
 * in the report store (the common case) does not pay for their imports (pdf.js, Word, HTML …).
 */
async function reader(): Promise<{ loadFile: typeof import('./formats/load.js').loadFile; parseReportText: typeof import('./parse.js').parseReportText }> {
  const [{ loadFile }, { parseReportText }] = await Promise.all([import('./formats/load.js'), import('./parse.js')]);
  return { loadFile, parseReportText };
}

/** A one-line message for an exception met while reading a file. */
export function unexpectedFailure(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return '读取时出错：文件结构嵌套过深，无法解析';
  const detail = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
  return `读取时出错（${detail}）：文件可能损坏或结构异常`;
}

function hashFileSync(fullPath: string): string {
  return createHash('sha256').update(readFileSync(fullPath)).digest('hex');
}

export async function hashFile(fullPath: string): Promise<string> {
  return createHash('sha256').update(await readFile(fullPath)).digest('hex');
}

export interface LoadOptions {
  /**
   * The report store's folder (the engine uses `index/reports`): files whose content and parser
   * are unchanged are read back from it instead of parsed, newly parsed reports are added to it,
   * and the reports returned keep their facts and text on disk until asked for them.
   */
  cacheDir?: string;
}

/** Parses files, on every core when there are many, handing each result over as it comes (in no particular order). */
export async function parseEach(dir: string, files: readonly string[], onResult: (file: string, result: Result<Report>) => void): Promise<void> {
  const threads = parseThreads(files.length);
  if (threads > 0) return readReportFiles(dir, files, threads, (i, r) => onResult(files[i], r));
  for (const f of files) onResult(f, await readReportFile(dir, f));
}

export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<Corpus> {
  let names: string[];
  try {
    names = await listCorpusFiles(dir);
  } catch (e) {
    return { reports: [], errors: [{ file: dir, message: `无法读取语料目录：${(e as Error).message}` }], files: [] };
  }
  if (opts.cacheDir) {
    try {
      return await loadThroughStore(dir, names, opts.cacheDir);
    } catch {
      // A store that cannot be written only costs this start its speed: read everything in memory.
    }
  }
  return loadInMemory(dir, names);
}

async function loadInMemory(dir: string, names: string[]): Promise<Corpus> {
  const errors: ReadError[] = [];
  const files: CorpusFile[] = [];
  for (const file of names) {
    try {
      const irregular = notRegularFile(await stat(path.join(dir, file)));
      if (irregular) errors.push({ file, message: irregular });
      else files.push({ file, sha256: await hashFile(path.join(dir, file)) });
    } catch (e) {
      errors.push({ file, message: describeFsError(e) });
    }
  }
  const read = new Map<string, Result<Report>>();
  await parseEach(
    dir,
    files.map((f) => f.file),
    (file, r) => read.set(file, r),
  );
  const reports: Report[] = [];
  for (const { file } of files) {
    const r = read.get(file);
    if (!r) continue;
    if (r.ok) reports.push(r.value);
    else errors.push(r.error);
  }
  return { reports, errors, files };
}

/** The corpus's files against a store: which it holds as they are, and which need parsing. */
interface Survey {
  stamps: FileStamp[];
  known: Map<string, Report>;
  toParse: FileStamp[];
  errors: ReadError[];
  /** A report found under a new stamp (the store's list must be written again). */
  relisted: boolean;
}

function survey(store: ReportStore, dir: string, names: readonly string[]): Survey {
  const out: Survey = { stamps: [], known: new Map(), toParse: [], errors: [], relisted: false };
  for (const file of names) {
    const full = path.join(dir, file);
    try {
      // Synchronous: 10,000 awaited stats cost a start half a second of round trips.
      const info = statSync(full);
      const irregular = notRegularFile(info);
      if (irregular) {
        out.errors.push({ file, message: irregular });
        continue;
      }
      const same = store.byStamp(file, info.size, info.mtimeMs);
      if (same) {
        out.stamps.push(same.stamp);
        out.known.set(file, same.report);
        continue;
      }
      const stamp = { file, sha256: hashFileSync(full), size: info.size, mtimeMs: info.mtimeMs };
      out.stamps.push(stamp);
      const report = store.byHash(stamp.sha256, file);
      if (report) {
        out.known.set(file, report);
        out.relisted = true;
      } else out.toParse.push(stamp);
    } catch (e) {
      out.errors.push({ file, message: describeFsError(e) });
    }
  }
  return out;
}

/** Nothing to write: every file is in the store as it is, and the store lists no other. */
const unchanged = (s: Survey, store: ReportStore) => !s.relisted && s.toParse.length === 0 && s.known.size === store.size;

const fromStore = (s: Survey) => s.stamps.filter((x) => s.known.has(x.file)).map((x) => s.known.get(x.file) as Report);

/**
 * Reads the corpus through the report store: a file of the size and time the store recorded is
 * not read at all, one of known content (sha256) is not parsed, and the rest are parsed and
 * written to the store one by one as they come, so that memory holds one report per thread.
 * Writing takes the store's writer lock (store-lock.ts); when another writer replaced the
 * catalog in the meantime, the store is read and the corpus looked at again.
 */
async function loadThroughStore(dir: string, names: string[], storeDir: string): Promise<Corpus> {
  const first = await ReportStore.open(storeDir);
  const look = survey(first, dir, names);
  if (unchanged(look, first)) return { reports: fromStore(look), errors: look.errors, files: look.stamps };
  return withStoreLock(storeDir, async () => {
    if (first.isCurrent()) return writeThroughStore(dir, storeDir, first, look);
    first.close();
    const store = await ReportStore.open(storeDir);
    const s = survey(store, dir, names);
    if (unchanged(s, store)) return { reports: fromStore(s), errors: s.errors, files: s.stamps };
    return writeThroughStore(dir, storeDir, store, s);
  });
}

/** Parses what the store lacks into it and hands back every report as the new store holds it. */
async function writeThroughStore(dir: string, storeDir: string, store: ReportStore, s: Survey): Promise<Corpus> {
  const { stamps, known, toParse, errors } = s;
  let relisted = s.relisted;
  const failed = new Set<string>();
  const writer = await store.writer();
  let compact: boolean;
  let written: ReportStore | null;
  try {
    for (const x of stamps) {
      const report = known.get(x.file);
      if (report) writer.add(x, report);
    }
    const stampOf = new Map(toParse.map((x) => [x.file, x]));
    await parseEach(
      dir,
      toParse.map((x) => x.file),
      (file, r) => {
        if (r.ok) {
          writer.add(stampOf.get(file) as FileStamp, r.value);
          relisted = true;
        } else {
          errors.push(r.error);
          failed.add(file);
        }
      },
    );
    if (!relisted && known.size === store.size) {
      // Only files that fail to parse are new: the store stays as it is.
      writer.abandon();
      errors.sort(byFile);
      return { reports: fromStore(s), errors, files: stamps };
    }
    ({ compact, store: written } = await writer.finish());
  } catch (e) {
    writer.abandon();
    throw e;
  }
  if (compact) {
    // Over half of the files' bytes belong to reports no longer listed: copy the live ones anew.
    const before = await ReportStore.open(storeDir);
    const fresh = await before.writer({ fresh: true });
    try {
      for (const x of stamps) {
        const kept = before.byStamp(x.file, x.size, x.mtimeMs);
        if (kept) fresh.add(x, kept.report);
      }
      await fresh.finish();
      written?.close();
      written = null;
    } catch (e) {
      fresh.abandon();
      throw e;
    } finally {
      before.close();
    }
  }
  // The store just written, as the writer hands it over, else read back. The reports of the old
  // one read here are not handed out: it is closed.
  store.close();
  const now = written ?? (await ReportStore.open(storeDir));
  const reports: Report[] = [];
  for (const x of stamps) {
    if (failed.has(x.file)) continue;
    const stored = now.byStamp(x.file, x.size, x.mtimeMs);
    if (!stored) throw new Error(`${x.file} is missing from the report store just written`);
    reports.push(stored.report);
  }
  errors.sort(byFile);
  return { reports, errors, files: stamps };
}

const byFile = (a: ReadError, b: ReadError) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
