import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The bundled corpus of seed reports. */
export const CORPUS_DIR = path.join(ROOT, 'corpus');
/** The shared folder beside the project (read-only in CI); may be absent. */
export const SHARED_DIR = path.resolve(ROOT, '..', 'shared');
export const REAL_CORPUS_DIR = path.join(SHARED_DIR, 'corpus-real');
/** Real published PDF and Word reports (see its SOURCES.md); may be absent. */
export const REAL_DOCS_DIR = path.join(SHARED_DIR, 'corpus-real-docs');
export const hasRealDocs = existsSync(REAL_DOCS_DIR);
export const DEV_SEEDS_FILE = path.join(SHARED_DIR, 'qa', 'dev-seeds.jsonl');
export const hasRealCorpus = existsSync(REAL_CORPUS_DIR);
export const hasDevSeeds = existsSync(DEV_SEEDS_FILE);
