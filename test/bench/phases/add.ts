import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus, readReportFile } from '../../../src/ingest/corpus.js';
import { ensureJieba, openIndex } from '../../../src/search/index.js';
import { generateReport } from '../generator/index.js';
import { indexDir, type PhaseArgs } from './args.js';

export interface AddFigures {
  /** `loadCorpus` through the store: the new file parsed and appended, the others known by size and time. */
  storeMs: number;
  /** jieba's dictionary, once per process (a loaded index searches without it). */
  dictionaryMs: number;
  /** `openIndex` finding one new file: the index loaded, the report added, the index saved. */
  indexMs: number;
  how: string;
  found: boolean;
  /** With the updated index open in this process, one more report: `add`, then `save`. */
  openAddMs: number;
  openSaveMs: number;
}

/**
 * Incremental update as `npm run index -- --update` does it: one report the corpus lacks (the
 * generator's next one) written into the corpus folder, then the report store and the passage
 * index brought up to date, in a copy of `index/` so that the other phases keep theirs. The
 * file is removed again whatever happens.
 */
export async function run(a: PhaseArgs): Promise<AddFigures> {
  const copy = `${indexDir(a)}-add`;
  await rm(copy, { recursive: true, force: true });
  await cp(indexDir(a), copy, { recursive: true });
  const generated = generateReport(a.seed, a.n);
  const file = path.join(a.corpusDir, generated.file);
  await writeFile(file, generated.text);
  try {
    let t = performance.now();
    ensureJieba();
    const dictionaryMs = performance.now() - t;
    t = performance.now();
    const corpus = await loadCorpus(a.corpusDir, { cacheDir: path.join(copy, 'reports') });
    const storeMs = performance.now() - t;
    t = performance.now();
    const { index, how } = await openIndex({ corpusDir: a.corpusDir, indexDir: copy, reports: corpus.reports, files: corpus.files });
    const indexMs = performance.now() - t;
    const added = corpus.reports.find((r) => r.file === generated.file);
    if (!added) throw new Error(`the new report ${generated.file} was not read: ${JSON.stringify(corpus.errors.slice(0, 3))}`);
    const found = index
      .search(`${added.meta.agency} 政府信息公开`, { filterAgencies: [added.meta.agency], filterYears: [added.meta.year], limit: 20 })
      .some((hit) => hit.passage.reportId === added.id);
    // A process that has the index open already (the bot, a batch of additions): the cost of
    // the addition itself, without loading anything.
    const next = generateReport(a.seed, a.n + 1);
    // Through the file loaders (the generator writes HTML too), from a folder of its own.
    const aside = await mkdtemp(path.join(os.tmpdir(), 'bench-add-'));
    await writeFile(path.join(aside, next.file), next.text);
    const parsed = await readReportFile(aside, next.file);
    await rm(aside, { recursive: true, force: true });
    if (!parsed.ok) throw new Error(`generated report ${next.file} did not parse: ${parsed.error.message}`);
    t = performance.now();
    index.add(parsed.value);
    const openAddMs = performance.now() - t;
    t = performance.now();
    await index.save(path.join(copy, 'passages'), { files: corpus.files });
    const openSaveMs = performance.now() - t;
    index.close();
    return { storeMs, dictionaryMs, indexMs, how, found, openAddMs, openSaveMs };
  } finally {
    await rm(file, { force: true });
    await rm(copy, { recursive: true, force: true });
  }
}
