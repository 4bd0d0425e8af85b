/**
 * A corpus folder in, its `Report`s out. One broken file never stops the others: each failure
 * is a `ReadError` naming the file and the problem.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportCache } from './cache.js';
import { parseThreads, readReportFiles } from './parse-pool.js';
import { loadFile, SUPPORTED_EXTENSIONS } from './load.js';
import { parseReportText } from './parse.js';
import type { ReadError, Report, Result } from './report.js';

export interface CorpusFile {
  /** Path relative to the corpus folder, with forward slashes. */
  file: string;
  sha256: string;
}

export interface Corpus {
  reports: Report[];
  errors: ReadError[];
  files: CorpusFile[];
}

/** The report files of a folder (recursively), relative paths sorted. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (SUPPORTED_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !/^(README|SOURCES)\./i.test(e.name)) {
        out.push(path.relative(dir, full).split(path.sep).join('/'));
      }
    }
  };
  await walk(dir);
  return out.sort();
}

/** Reads one report file; `file` is reported relative to the corpus folder. */
export async function readReportFile(corpusDir: string, file: string): Promise<Result<Report>> {
  const loaded = await loadFile(path.join(corpusDir, file));
  if (!loaded.ok) return { ok: false, error: { file, message: loaded.error.message } };
  try {
    return parseReportText(loaded.value.text, file);
  } catch (e) {
    return { ok: false, error: { file, message: `解析时出错：${(e as Error).message}` } };
  }
}

export async function hashFile(fullPath: string): Promise<string> {
  return createHash('sha256').update(await readFile(fullPath)).digest('hex');
}

export interface LoadOptions {
  /**
   * A folder for parsed reports (the engine uses `index/reports`): files whose content and parser
   * are unchanged are read back from it instead of parsed, and it is rewritten when anything changed.
   */
  cacheDir?: string;
}

/** Parses files, on every core when there are many. */
async function parseAll(dir: string, files: string[]): Promise<Map<string, Result<Report>>> {
  const threads = parseThreads(files.length);
  if (threads > 0) {
    const results = await readReportFiles(dir, files, threads);
    return new Map(files.map((f, i) => [f, results[i]]));
  }
  const out = new Map<string, Result<Report>>();
  for (const f of files) out.set(f, await readReportFile(dir, f));
  return out;
}

export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<Corpus> {
  let names: string[];
  try {
    names = await listCorpusFiles(dir);
  } catch (e) {
    return { reports: [], errors: [{ file: dir, message: `无法读取语料目录：${(e as Error).message}` }], files: [] };
  }
  const cache = opts.cacheDir ? await ReportCache.open(opts.cacheDir) : ReportCache.empty();
  const reports: Report[] = [];
  const errors: ReadError[] = [];
  const files: CorpusFile[] = [];
  const kept: Array<{ sha256: string; report: Report }> = [];
  const read = new Map<string, Result<Report>>();
  const toParse: string[] = [];
  for (const file of names) {
    try {
      const sha256 = await hashFile(path.join(dir, file));
      files.push({ file, sha256 });
      const report = cache.get(sha256, file);
      if (report) read.set(file, { ok: true, value: report });
      else toParse.push(file);
    } catch (e) {
      errors.push({ file, message: `无法读取：${(e as Error).message}` });
    }
  }
  for (const [file, r] of await parseAll(dir, toParse)) read.set(file, r);
  for (const { file, sha256 } of files) {
    const r = read.get(file);
    if (!r) continue;
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    reports.push(r.value);
    kept.push({ sha256, report: r.value });
  }
  if (opts.cacheDir && (toParse.length > 0 || cache.size !== kept.length)) {
    // A cache that cannot be written only costs the next start its speed.
    await ReportCache.save(opts.cacheDir, kept).catch(() => undefined);
  }
  return { reports, errors, files };
}
