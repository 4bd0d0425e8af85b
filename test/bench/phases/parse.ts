import { rm } from 'node:fs/promises';
import { loadCorpus } from '../../../src/ingest/corpus.js';
import { corpusBytes } from '../corpora.js';
import { folderBytes } from '../figures.js';
import { noteMemory } from '../memory.js';
import { storeDir, type PhaseArgs } from './args.js';

export interface ParseFigures {
  reports: number;
  errors: number;
  /** Listing, hashing and parsing every file into an empty report store (`loadCorpus`). */
  ms: number;
  /** The same call again: every report read back from the store (what each later start does). */
  storedMs: number;
  bytes: number;
  storeBytes: number;
}

/** Ingestion: the corpus folder parsed into the report store that the later phases read. */
export async function run(a: PhaseArgs): Promise<ParseFigures> {
  await rm(storeDir(a), { recursive: true, force: true });
  let t = performance.now();
  const { reports, errors } = await loadCorpus(a.corpusDir, { cacheDir: storeDir(a) });
  const ms = performance.now() - t;
  noteMemory();
  t = performance.now();
  const again = await loadCorpus(a.corpusDir, { cacheDir: storeDir(a) });
  const storedMs = performance.now() - t;
  if (again.reports.length !== reports.length) throw new Error(`read back ${again.reports.length} reports of ${reports.length}`);
  return { reports: reports.length, errors: errors.length, ms, storedMs, bytes: corpusBytes(a.corpusDir), storeBytes: await folderBytes(storeDir(a)) };
}
