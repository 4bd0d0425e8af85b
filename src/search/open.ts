import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReadError, Report } from '../ingest/report.js';
import { recoverFolder } from './atomic-dir.js';
import { DICTIONARY_VERSION } from './dictionary.js';
import { fileChanges, FORMAT_VERSION, MANIFEST_FILE, readManifest, readManifestSync, sameFiles, type Manifest } from './manifest.js';
import { PassageIndex, type CorpusFileStamp, type ReportSummary } from './passage-index.js';

/** The passage index's folder inside the index folder (the fact store has its own files there). */
export const PASSAGES_SUBDIR = 'passages';

export interface OpenOptions {
  corpusDir: string;
  /** The index folder; the passage index lives in its `passages/` folder. */
  indexDir: string;
  /** The corpus's reports when the caller has them already (saves parsing the corpus again). */
  reports?: Report[];
  /** The corpus's files with their hashes, as `loadCorpus` gives them. */
  files?: { file: string; sha256: string; size?: number; mtimeMs?: number }[];
  /** Rebuild even when the saved index is fresh (`npm run index`). */
  force?: boolean;
  /** Called after each report indexed. */
  onReport?: (summary: ReportSummary) => void;
}

export interface OpenResult {
  index: PassageIndex;
  /** The index was (re)built or updated, and saved. */
  rebuilt: boolean;
  /** What was done: loaded as saved, updated report by report, or built from scratch. */
  how: 'loaded' | 'updated' | 'built';
  /** Files (re)indexed and files dropped, when updated or built. */
  changed: string[];
  removed: string[];
  /** Corpus files that could not be read into reports (when this call read the corpus). */
  errors: ReadError[];
}

/** Past this share of changed files, a full build is simpler than an update. */
const UPDATE_MAX_SHARE = 0.5;

/**
 * Loads the index from indexDir if fresh for these corpus files, else builds and saves it
 * atomically. A stale index with the same format and dictionary is updated in place: the
 * changed files' reports are removed and re-added, the others are not segmented again.
 *
 * @example
 * const { index, rebuilt } = await openIndex({ corpusDir: 'corpus', indexDir: 'index' });
 */
export async function openIndex(opts: OpenOptions): Promise<OpenResult> {
  const { dir, manifest, files } = await savedIndex(opts);
  if (manifest && !opts.force && sameFiles(manifest.files, files)) {
    const loaded = await PassageIndex.load(dir, manifest).catch(() => null);
    if (loaded) return { index: loaded, rebuilt: false, how: 'loaded', changed: [], removed: [], errors: [] };
  }

  if (manifest && !opts.force) {
    const updated = await update(dir, manifest, files, opts);
    if (updated) return updated;
  }

  const corpus = opts.reports ? { reports: opts.reports, errors: [] } : await (await ingest()).loadCorpus(opts.corpusDir);
  const index = await PassageIndex.build(corpus.reports, { onReport: opts.onReport });
  await index.save(dir, { files });
  return {
    index,
    rebuilt: true,
    how: 'built',
    changed: files.map((f) => f.file),
    removed: [],
    errors: corpus.errors,
  };
}

/** The saved index's folder, its manifest (null when missing or of another format or dictionary), and the corpus's files now. */
async function savedIndex(opts: OpenOptions): Promise<{ dir: string; manifest: Manifest | null; files: CorpusFileStamp[] }> {
  const dir = path.join(opts.indexDir, PASSAGES_SUBDIR);
  await recoverFolder(dir);
  const manifest = await readManifest(dir);
  const compatible =
    manifest !== null &&
    manifest.format === FORMAT_VERSION &&
    manifest.dictionary === DICTIONARY_VERSION &&
    manifest.mode === 'search';
  const files = opts.files ? await withStats(opts.corpusDir, opts.files) : await stampCorpus(opts.corpusDir, manifest?.files ?? []);
  return { dir, manifest: compatible ? manifest : null, files };
}

/**
 * What answering needs of the passage index: `search`, and `warm` to read it ahead of the first
 * search (a process that waits for questions: the bot, the terminal chat).
 */
export type PassageSearch = Pick<PassageIndex, 'search'> & { warm(): void };

/**
 * The passage index for answering, read at its first search rather than here: a start whose
 * first question asks for a figure never reads the passages (at 10,000 reports, 26 MB and half a
 * second). Whether the saved index is fresh is judged here, as `openIndex` judges it, and a stale
 * or missing one is built or updated before this returns, as there.
 *
 * @example
 * const index = await openForSearch({ corpusDir: 'corpus', indexDir: 'index' }); // reads the manifest only
 * index.search('政务新媒体'); // reads the index, then searches
 */
export async function openForSearch(opts: OpenOptions): Promise<PassageSearch> {
  const { dir, manifest, files } = await savedIndex(opts);
  if (!manifest || opts.force || !sameFiles(manifest.files, files)) {
    const { index } = await openIndex(opts);
    return { search: (query, options) => index.search(query, options), warm: () => {} };
  }
  const [{ openStateSync }, checked] = await Promise.all([import('./persist.js'), stat(path.join(dir, MANIFEST_FILE))]);
  let index: PassageIndex | null = null;
  const loaded = () => (index ??= new PassageIndex(openStateSync(dir, sameManifest(dir, checked) ? manifest : readManifestSync(dir))));
  return {
    search: (query, options) => loaded().search(query, options),
    warm() {
      try {
        loaded();
      } catch {
        // A damaged index: the first search says so, to the person who asked.
      }
    },
  };
}

/**
 * The manifest file is the one read at the start: a rebuild meanwhile (by `npm run index`) renames
 * a new folder into place, whose manifest is another file.
 */
function sameManifest(dir: string, checked: { ino: number; mtimeMs: number }): boolean {
  try {
    const now = statSync(path.join(dir, MANIFEST_FILE));
    return now.ino === checked.ino && now.mtimeMs === checked.mtimeMs;
  } catch {
    return false;
  }
}

async function update(dir: string, manifest: Manifest, files: CorpusFileStamp[], opts: OpenOptions): Promise<OpenResult | null> {
  const { changed, removed } = fileChanges(manifest.files, files);
  if (changed.length > Math.max(1, files.length * UPDATE_MAX_SHARE)) return null;
  const index = await PassageIndex.load(dir).catch(() => null);
  if (!index) return null;

  const byFile = new Map((opts.reports ?? []).map((r) => [r.file, r]));
  const errors: ReadError[] = [];
  for (const file of [...removed, ...changed]) for (const id of index.reportIdsOfFile(file)) index.remove(id);
  for (const file of changed) {
    let report = byFile.get(file);
    if (!report && !opts.reports) {
      const read = await (await ingest()).readReportFile(opts.corpusDir, file);
      if (read.ok) report = read.value;
      else errors.push(read.error);
    }
    if (!report) continue;
    const summary = index.add(report);
    opts.onReport?.(summary);
  }
  await index.save(dir, { files });
  return { index, rebuilt: true, how: 'updated', changed, removed, errors };
}

/**
 * The corpus's files with their hashes. A file whose size and modification time match the
 * previous manifest keeps its recorded hash: a large corpus is not re-read at every start.
 */
export async function stampCorpus(corpusDir: string, previous: readonly CorpusFileStamp[]): Promise<CorpusFileStamp[]> {
  const { hashFile, listCorpusFiles } = await ingest();
  let names: string[];
  try {
    names = await listCorpusFiles(corpusDir);
  } catch {
    return [];
  }
  const known = new Map(previous.map((f) => [f.file, f]));
  const out: CorpusFileStamp[] = [];
  for (const file of names) {
    const full = path.join(corpusDir, file);
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) continue; // a named pipe would never end hashing
    const before = known.get(file);
    const sha256 =
      before && before.size === info.size && before.mtimeMs === info.mtimeMs ? before.sha256 : await hashFile(full).catch(() => null);
    if (sha256) out.push({ file, sha256, size: info.size, mtimeMs: info.mtimeMs });
  }
  return out;
}

/** Hashes from the caller, with size and time added (unless given) so that a later start can skip hashing. */
async function withStats(corpusDir: string, files: readonly { file: string; sha256: string; size?: number; mtimeMs?: number }[]): Promise<CorpusFileStamp[]> {
  return Promise.all(
    files.map(async (f) => {
      if (f.size !== undefined && f.mtimeMs !== undefined) return { file: f.file, sha256: f.sha256, size: f.size, mtimeMs: f.mtimeMs };
      const info = await stat(path.join(corpusDir, f.file)).catch(() => null);
      return info ? { ...f, size: info.size, mtimeMs: info.mtimeMs } : { ...f };
    }),
  );
}

/**
 * The corpus reader, imported when a corpus is read: a process that only loads and searches a
 * saved index (a cold start) does not pay for the parsers' imports.
 */
function ingest(): Promise<typeof import('../ingest/corpus.js')> {
  return import('../ingest/corpus.js');
}
