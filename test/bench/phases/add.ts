import { cp, rm } from 'node:fs/promises';
import { parseReportText } from '../../../src/ingest/parse.js';
import { ensureJieba, PassageIndex } from '../../../src/search/index.js';
import { generateReport } from '../generator/index.js';
import { passagesDir, type PhaseArgs } from './args.js';

export interface AddFigures {
  loadMs: number;
  /** jieba's dictionary, once per process (a loaded index searches without it). */
  dictionaryMs: number;
  /** `add` of one new report. */
  addMs: number;
  /** Writing the grown index (the whole folder is rewritten, then renamed into place). */
  saveMs: number;
  passagesAdded: number;
  found: boolean;
}

/**
 * Incremental update: the saved index loaded, one report it does not hold (the generator's next
 * one) added and the index saved again, into a copy so that the other phases keep theirs.
 */
export async function run(a: PhaseArgs): Promise<AddFigures> {
  const copy = `${passagesDir(a)}-add`;
  await rm(copy, { recursive: true, force: true });
  await cp(passagesDir(a), copy, { recursive: true });
  const generated = generateReport(a.seed, a.n);
  const parsed = parseReportText(generated.text, generated.file);
  if (!parsed.ok) throw new Error(`generated report ${generated.file} did not parse: ${parsed.error.message}`);
  let t = performance.now();
  const index = await PassageIndex.load(copy);
  const loadMs = performance.now() - t;
  t = performance.now();
  ensureJieba();
  const dictionaryMs = performance.now() - t;
  t = performance.now();
  const summary = index.add(parsed.value);
  const addMs = performance.now() - t;
  t = performance.now();
  await index.save(copy);
  const saveMs = performance.now() - t;
  const found = index
    .search(`${parsed.value.meta.agency} 政府信息公开`, { filterAgencies: [parsed.value.meta.agency], filterYears: [parsed.value.meta.year], limit: 20 })
    .some((hit) => hit.passage.reportId === parsed.value.id);
  index.close();
  await rm(copy, { recursive: true, force: true });
  return { loadMs, dictionaryMs, addMs, saveMs, passagesAdded: summary.passages, found };
}
