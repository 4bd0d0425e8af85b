/**
 * `npm run -s index -- [--corpus DIR] [--index DIR] [--update]`: builds the passage index from
 * the corpus and saves it under `<index>/passages/` (written to a temporary folder, then renamed
 * into place). One line per report, then totals. `--update` re-indexes only the files that
 * changed since the saved index (and drops the ones that are gone). With `DATABASE_URL` set, the
 * corpus goes into the database instead (index-database.ts).
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import type { Corpus } from '../ingest/corpus.js';
import { updateIndex } from '../intake/update-index.js';
import { PASSAGES_SUBDIR, type ReportSummary } from '../search/index.js';
import { flag, parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const corpusDir = path.resolve(flag(args, 'corpus') ?? process.env.CORPUS_DIR ?? 'corpus');
const indexDir = path.resolve(flag(args, 'index') ?? process.env.INDEX_DIR ?? 'index');

if (process.env.DATABASE_URL?.trim()) {
  const config = loadConfig();
  if (!config.ok) {
    process.stderr.write(`${config.error}\n`);
    process.exit(2);
  }
  const { indexIntoDatabase } = await import('./index-database.js');
  process.exit(await indexIntoDatabase(config.config.databaseUrl as string, corpusDir));
}

const started = performance.now();
let parsed = started;
const onCorpus = (corpus: Corpus) => {
  for (const e of corpus.errors) process.stderr.write(`${e.file}: ${e.message}\n`);
  parsed = performance.now();
};
let tokens = 0;
const onReport = (s: ReportSummary) => {
  tokens += s.tokens;
  process.stdout.write(`${s.reportId}  ${s.agency} ${s.year}年  ${s.passages} 段  ${s.tokens} 词\n`);
};
// Through the report store, as the engine reads it: the next start finds every report parsed.
const { corpus, opened } = await updateIndex({ corpusDir, indexDir, force: !args.flags.has('update'), onCorpus, onReport });
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const done = performance.now();
const { index } = opened;
const what =
  opened.how === 'loaded'
    ? '索引已是最新，未改动'
    : opened.how === 'updated'
      ? `更新 ${opened.changed.length} 个文件，删去 ${opened.removed.length} 个`
      : '全部重建';
process.stdout.write(
  `共 ${index.reportCount} 份报告，${index.size} 段，本次切分 ${tokens} 词；${corpus.errors.length} 个文件无法读取。` +
    `${what}；读取 ${seconds(parsed - started)} 秒，建索引 ${seconds(done - parsed)} 秒 → ${path.join(indexDir, PASSAGES_SUBDIR)}\n`,
);
process.exitCode = corpus.reports.length === 0 ? 1 : 0;
