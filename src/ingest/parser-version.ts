/**
 * The version of the parser: a hash of the code that turns a file into a `Report`. Parsed
 * reports kept on disk (the report store) are used only when written by the same parser.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Modules of this folder that read, store, schedule or merge reports without shaping them: a
 * change to them does not make a stored report stale (the store has a format number of its own;
 * copies are merged after the store, each time the engine starts).
 */
const NOT_PARSING = new Set(['corpus', 'parse-pool', 'parse-worker', 'parser-version', 'copies', 'copy-readings']);

/**
 * The folder of this module's TypeScript source: its own folder under tsx and the tests, or,
 * compiled to `dist/src/ingest/`, the `src/ingest/` it was compiled from. The version hashes the
 * TypeScript in both cases, so a report store written by either is read by the other.
 */
function sourceFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const compiledFrom = path.resolve(here, '..', '..', '..', 'src', 'ingest');
  if (existsSync(path.join(here, 'parser-version.ts')) || !existsSync(path.join(compiledFrom, 'parser-version.ts'))) return here;
  return compiledFrom;
}

/** The code a parsed report depends on: the ingestion modules, the format readers and the metric dictionary. */
function parserSources(): string[] {
  const here = sourceFolder();
  // Where no TypeScript is left (compiled code shipped alone), the JavaScript is hashed instead.
  const ext = existsSync(path.join(here, 'parser-version.ts')) ? '.ts' : '.js';
  const modules = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(ext) && !/\.test\./.test(f) && !NOT_PARSING.has(f.slice(0, -ext.length)))
      .map((f) => path.join(dir, f));
  const ingest = [...modules(here), ...modules(path.join(here, 'formats'))];
  const facts = ['metrics', 'checks'].map((m) => path.join(here, '..', 'facts', m + ext));
  return [...ingest, ...facts].sort();
}

let version: string | undefined;

/** Changes whenever the code that turns a file into a `Report` changes. */
export function parserVersion(): string {
  if (version === undefined) {
    const h = createHash('sha256');
    for (const file of parserSources()) h.update(readFileSync(file));
    version = h.digest('hex').slice(0, 16);
  }
  return version;
}
