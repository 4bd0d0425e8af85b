import { rm } from 'node:fs/promises';
import { updateIndex } from '../../../src/intake/update-index.js';
import { folderBytes } from '../figures.js';
import { noteMemory } from '../memory.js';
import { indexDir, type PhaseArgs } from './args.js';

export interface EmbeddedIndexFigures {
  reports: number;
  errors: number;
  passages: number;
  /** `updateIndex` from an empty index folder: parse into the report store, build and save the passage index. */
  ms: number;
  /** CPU time of the process, all its threads. */
  cpuMs: number;
  /** The index folder (report store and passage index) on disk. */
  diskBytes: number;
}

/**
 * The embedded storage's ingest of the same corpus, as `npm run -s index` does without
 * `DATABASE_URL` (`updateIndex`, everything read anew), into an index folder emptied first.
 */
export async function run(a: PhaseArgs): Promise<EmbeddedIndexFigures> {
  await rm(indexDir(a), { recursive: true, force: true });
  const t = performance.now();
  const cpu = process.cpuUsage();
  const { corpus, opened } = await updateIndex({ corpusDir: a.corpusDir, indexDir: indexDir(a), force: true, onReport: noteMemory });
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  return {
    reports: corpus.reports.length,
    errors: corpus.errors.length,
    passages: opened.index.size,
    ms,
    cpuMs: (user + system) / 1000,
    diskBytes: await folderBytes(indexDir(a)),
  };
}
