import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listCorpusFiles } from '../ingest/corpus.js';
import { sniffFile, type FileKind } from '../ingest/formats/sniff.js';
import type { Result } from '../ingest/report.js';
import type { Candidate } from './candidate.js';

/**
 * Where reports added through the bot or `npm run add` are kept: the corpus folder
 * (`FolderCorpus`, the embedded default), or the database (`db/database-corpus.ts`), which every
 * replica reads.
 */
export interface CorpusFiles {
  /** The corpus file holding exactly these bytes, if there is one. */
  holding(bytes: Buffer): Promise<string | null>;
  /** Saves the candidate whole under a name of its own (never over another file); that name. */
  save(candidate: Candidate): Promise<Result<string, string>>;
}

/** The corpus folder: a report added is a file saved into it (the index is updated afterwards). */
export class FolderCorpus implements CorpusFiles {
  constructor(readonly dir: string) {}

  holding(bytes: Buffer): Promise<string | null> {
    return sameContentIn(this.dir, bytes);
  }

  save(candidate: Candidate): Promise<Result<string, string>> {
    return saveIntoCorpus(this.dir, candidate.name, candidate.bytes);
  }
}

/** The extension a file of each kind is saved under, so that the corpus reader lists it. */
const EXTENSION: Partial<Record<FileKind, string>> = { pdf: '.pdf', html: '.html', docx: '.docx', doc: '.doc' };

/** Longest base name kept, in characters (file systems allow 255 bytes; Chinese takes 3 each). */
const MAX_BASE = 60;

/**
 * A safe corpus file name for a file sent or fetched under `name`: no folders, no leading dot, no
 * control or reserved characters, at most 60 characters before the extension, and the extension
 * of what the bytes are (a page served as `.doc` is saved as `.html`, a PDF named `.txt` as
 * `.pdf`), text keeping `.md` or else `.txt`.
 *
 * @example
 * corpusFileName('../报告/2023年报.doc', pageBytes) // '2023年报.html'
 */
export function corpusFileName(name: string, bytes: Buffer): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const ext = path.extname(base).toLowerCase();
  const kind = sniffFile(bytes).kind;
  const wanted = EXTENSION[kind] ?? (kind === 'text' ? (ext === '.md' ? '.md' : '.txt') : ext);
  const stem = (ext ? base.slice(0, -ext.length) : base)
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, MAX_BASE);
  return `${stem || 'report'}${wanted}`;
}

/**
 * Saves `bytes` into the corpus folder under `name`, or under `name-2`, `name-3` … when taken:
 * an existing file is never replaced. The bytes are written to a hidden temporary file first (the
 * corpus reader skips dot files) and linked into place whole, so no reader sees half a file.
 * Returns the file's path relative to the corpus folder.
 */
export async function saveIntoCorpus(corpusDir: string, name: string, bytes: Buffer): Promise<Result<string, string>> {
  const tmp = path.join(corpusDir, `.adding-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
  } catch (err) {
    return { ok: false, error: `无法写入语料目录：${(err as Error).message}` };
  }
  try {
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    for (let n = 1; n <= 1000; n++) {
      const file = n === 1 ? name : `${stem}-${n}${ext}`;
      const placed = await place(tmp, path.join(corpusDir, file));
      if (placed === 'taken') continue;
      if (placed !== 'placed') return { ok: false, error: `无法写入语料目录：${placed}` };
      return { ok: true, value: file };
    }
    return { ok: false, error: `语料目录里已有太多名为 ${name} 的文件` };
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Links the temporary file to `target` unless `target` exists; where links are not allowed, renames it there. */
async function place(tmp: string, target: string): Promise<'placed' | 'taken' | string> {
  try {
    await link(tmp, target);
    return 'placed';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'taken';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') return (err as Error).message;
  }
  if (await stat(target).then(() => true, () => false)) return 'taken';
  try {
    await rename(tmp, target);
    return 'placed';
  } catch (err) {
    return (err as Error).message;
  }
}

/** The corpus file with exactly these bytes, if there is one (only files of the same size are read). */
export async function sameContentIn(corpusDir: string, bytes: Buffer): Promise<string | null> {
  let files: string[];
  try {
    files = await listCorpusFiles(corpusDir);
  } catch {
    return null;
  }
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  let wanted: string | null = null;
  for (const file of files) {
    const full = path.join(corpusDir, file);
    const info = await stat(full).catch(() => null);
    if (!info?.isFile() || info.size !== bytes.length) continue;
    wanted ??= sha(bytes);
    if (sha(await readFile(full)) === wanted) return file;
  }
  return null;
}
