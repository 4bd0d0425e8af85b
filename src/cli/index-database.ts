/**
 * `npm run -s index` with `DATABASE_URL` set: the corpus into the PostgreSQL storage, one line per
 * report written, then totals. Always incremental (a file of unchanged content, read by the same
 * parser, is left alone; reports whose files are gone are taken out), so `--update` changes
 * nothing here. Pointed at an embedded corpus (`--corpus DIR`), it moves that corpus into the
 * database.
 */
import { openDatabase } from '../db/database.js';
import { BULK_WRITE, refreshStatistics } from '../db/statistics.js';
import { writeCorpus } from '../db/write-corpus.js';

/** Returns the exit code. */
export async function indexIntoDatabase(url: string, corpusDir: string): Promise<number> {
  const started = performance.now();
  const db = await openDatabase(url, { max: 2 });
  if (!db.ok) {
    process.stderr.write(`${db.error}\n`);
    return 2;
  }
  try {
    const summary = await writeCorpus(db.pool, corpusDir, {
      onWait: () => process.stderr.write('另一个进程正在写入数据库，等待它完成…\n'),
      onReport: (w) => process.stdout.write(`${w.file}  ${w.agency} ${w.year}年  ${w.passages} 段  ${w.tokens} 词\n`),
    });
    for (const e of summary.errors) process.stderr.write(`${e.file}: ${e.message}\n`);
    if (summary.written.length + summary.removed.length >= BULK_WRITE) await refreshStatistics(db.pool);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `数据库中共 ${summary.reports} 份报告；本次写入 ${summary.written.length} 份，删去 ${summary.removed.length} 份，` +
        `${summary.unchanged} 份未变；${summary.errors.length} 个文件无法读取；用时 ${seconds} 秒\n`,
    );
    return summary.reports === 0 ? 1 : 0;
  } finally {
    await db.pool.end();
  }
}
