/**
 * A corpus folder in, its `Report`s out. One broken file never stops the others: each failure
 * is a `ReadError` naming the file and the problem.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

export async function loadCorpus(dir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = await listCorpusFiles(dir);
  } catch (e) {
    return { reports: [], errors: [{ file: dir, message: `无法读取语料目录：${(e as Error).message}` }], files: [] };
  }
  const reports: Report[] = [];
  const errors: ReadError[] = [];
  const files: CorpusFile[] = [];
  for (const file of names) {
    const full = path.join(dir, file);
    try {
      files.push({ file, sha256: await hashFile(full) });
    } catch (e) {
      errors.push({ file, message: `无法读取：${(e as Error).message}` });
      continue;
    }
    const r = await readReportFile(dir, file);
    if (r.ok) reports.push(r.value);
    else errors.push(r.error);
  }
  return { reports, errors, files };
}
