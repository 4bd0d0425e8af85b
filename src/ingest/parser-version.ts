/**
 * The version of the parser: a hash of the code that turns a file into a `Report`. Parsed
 * reports kept on disk (the report store) are used only when written by the same parser.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Modules of this folder that read, store, schedule or merge reports without shaping them: a
 * change to them does not make a stored report stale (the store has a format number of its own;
 * copies are merged after the store, each time the engine starts).
 */
const NOT_PARSING = new Set(['corpus', 'parse-pool', 'parse-worker', 'parser-version', 'copies', 'copy-readings']);

/** The code a parsed report depends on: the ingestion modules, the format readers and the metric dictionary. */
function parserSources(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const modules = (dir: string) =>
    readdirSync(dir)
      .filter((f) => /\.(ts|js)$/.test(f) && !/\.test\./.test(f) && !NOT_PARSING.has(f.replace(/\.(ts|js)$/, '')))
      .map((f) => path.join(dir, f));
  const ingest = [...modules(here), ...modules(path.join(here, 'formats'))];
  const facts = ['metrics', 'checks'].flatMap((m) => ['.ts', '.js'].map((ext) => path.join(here, '..', 'facts', m + ext)));
  return [...ingest, ...facts].sort();
}

let version: string | undefined;

/** Changes whenever the code that turns a file into a `Report` changes. */
export function parserVersion(): string {
  if (version === undefined) {
    const h = createHash('sha256');
    for (const file of parserSources()) {
      try {
        h.update(readFileSync(file));
      } catch {
        // .ts and .js are both listed: only one exists.
      }
    }
    version = h.digest('hex').slice(0, 16);
  }
  return version;
}
