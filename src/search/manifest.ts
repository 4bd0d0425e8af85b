import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { nullableNumberColumn, stringColumn } from '../column-schemas.js';

/**
 * `manifest.json`: what an index on disk was built from and how. Written last, so a folder
 * without one is an unfinished write. An index is fresh when its format and dictionary are this
 * code's and its corpus files are the corpus's (same paths, same hashes).
 */

/** Bump when the files' layout changes; an index of another format is rebuilt. */
export const FORMAT_VERSION = 7;

export const MANIFEST_FILE = 'manifest.json';

export const CorpusFileStampSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  size: z.number().optional(),
  mtimeMs: z.number().optional(),
});

export const ManifestSchema = z.object({
  format: z.number().int(),
  dictionary: z.string(),
  mode: z.enum(['search', 'exact']),
  builtAt: z.string(),
  counts: z.object({
    reports: z.number().int().nonnegative(),
    passages: z.number().int().nonnegative(),
    termBytes: z.number().int().nonnegative(),
    terms: z.number().int().nonnegative(),
    textBytes: z.number().int().nonnegative(),
    commonTerms: z.number().int().nonnegative(),
    /** postings.bin's size (see postings-file.ts). */
    postingBytes: z.number().int().nonnegative(),
  }),
  /** Live passages when the common terms were chosen (see retrieval.ts). */
  splitLive: z.number().int().nonnegative(),
  files: z.array(CorpusFileStampSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * The corpus files as stored: one array per field rather than an object per file, so that the
 * manifest of 100,000 files reads (and is checked) without 100,000 objects made twice.
 */
const StoredFilesSchema = z.object({
  file: stringColumn(),
  sha256: stringColumn(),
  size: nullableNumberColumn(),
  mtimeMs: nullableNumberColumn(),
});
const StoredManifestSchema = ManifestSchema.extend({ files: StoredFilesSchema });

/** The manifest as written to `manifest.json`. */
export function manifestText(m: Manifest): string {
  const files: z.infer<typeof StoredFilesSchema> = {
    file: m.files.map((f) => f.file),
    sha256: m.files.map((f) => f.sha256),
    size: m.files.map((f) => f.size ?? null),
    mtimeMs: m.files.map((f) => f.mtimeMs ?? null),
  };
  return JSON.stringify({ ...m, files });
}

/** The manifest of an index folder, or null when there is none or it cannot be read. */
export async function readManifest(dir: string): Promise<Manifest | null> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  return manifestOf(raw);
}

/** `readManifest` without awaiting (a searcher reading its index at its first search). */
export function readManifestSync(dir: string): Manifest | null {
  let raw: string;
  try {
    raw = readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  return manifestOf(raw);
}

function manifestOf(raw: string): Manifest | null {
  try {
    const parsed = StoredManifestSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { file, sha256, size, mtimeMs } = parsed.data.files;
    if (sha256.length !== file.length || size.length !== file.length || mtimeMs.length !== file.length) return null;
    const files = file.map((name, i) => {
      const stamp: z.infer<typeof CorpusFileStampSchema> = { file: name, sha256: sha256[i] };
      if (size[i] !== null) stamp.size = size[i] as number;
      if (mtimeMs[i] !== null) stamp.mtimeMs = mtimeMs[i] as number;
      return stamp;
    });
    return { ...parsed.data, files };
  } catch {
    return null;
  }
}

/** Same corpus: the same files with the same hashes (order does not matter). */
export function sameFiles(a: readonly { file: string; sha256: string }[], b: readonly { file: string; sha256: string }[]): boolean {
  if (a.length !== b.length) return false;
  const hashes = new Map(a.map((f) => [f.file, f.sha256]));
  return b.every((f) => hashes.get(f.file) === f.sha256);
}

export interface FileChanges {
  /** New or changed files. */
  changed: string[];
  /** Files that are gone. */
  removed: string[];
}

export function fileChanges(before: readonly { file: string; sha256: string }[], after: readonly { file: string; sha256: string }[]): FileChanges {
  const old = new Map(before.map((f) => [f.file, f.sha256]));
  const now = new Set(after.map((f) => f.file));
  return {
    changed: after.filter((f) => old.get(f.file) !== f.sha256).map((f) => f.file),
    removed: before.filter((f) => !now.has(f.file)).map((f) => f.file),
  };
}
