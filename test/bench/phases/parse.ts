import { loadCorpus } from '../../../src/ingest/corpus.js';
import { corpusBytes, writeReports } from '../corpora.js';
import { noteMemory } from '../memory.js';
import { reportsFile, type PhaseArgs } from './args.js';

export interface ParseFigures {
  reports: number;
  errors: number;
  /** Reading, hashing and parsing every file (`loadCorpus`). */
  ms: number;
  bytes: number;
}

/** Ingestion: the corpus folder read into reports, which are kept for the later phases. */
export async function run(a: PhaseArgs): Promise<ParseFigures> {
  const t = performance.now();
  const { reports, errors } = await loadCorpus(a.corpusDir);
  const ms = performance.now() - t;
  noteMemory();
  writeReports(reportsFile(a), reports);
  return { reports: reports.length, errors: errors.length, ms, bytes: corpusBytes(a.corpusDir) };
}
