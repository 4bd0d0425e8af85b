/**
 * Lists every table cell a report leaves unknown, with the text it was read from, and counts
 * the cells read. Run: npx tsx test/unknown-cells.ts [folder ...] (default: corpus/ and the
 * real reports beside the project).
 */
import path from 'node:path';
import { loadCorpus } from '../src/ingest/corpus.js';
import { CORPUS_DIR, hasRealCorpus, REAL_CORPUS_DIR, ROOT } from './paths.js';

const dirs = process.argv.slice(2);
if (dirs.length === 0) dirs.push(CORPUS_DIR, ...(hasRealCorpus ? [REAL_CORPUS_DIR] : []));

for (const dir of dirs) {
  const { reports, errors } = await loadCorpus(dir);
  for (const e of errors) console.log(`${e.file}: ${e.message}`);
  let cells = 0;
  let unknown = 0;
  for (const r of reports) {
    const table = r.facts.filter((f) => f.origin === 'table');
    const lost = table.filter((f) => f.value.kind === 'unknown');
    cells += table.length;
    unknown += lost.length;
    console.log(`${r.file}: ${table.length - lost.length} of ${table.length} cells read`);
    for (const f of lost) console.log(`  ${f.metric}  ${f.source}`);
    for (const f of r.findings.filter((x) => x.rule === 'unreadable' || x.rule === 'incomplete')) console.log(`  ! ${f.message}`);
  }
  console.log(`${path.relative(ROOT, dir)}: ${cells - unknown} of ${cells} cells read (${((100 * (cells - unknown)) / cells).toFixed(1)}%)\n`);
}
