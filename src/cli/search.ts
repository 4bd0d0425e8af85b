/**
 * `npm run -s search -- "问题" [--json] [--limit N] [--corpus DIR] [--index DIR]`: the passages
 * that answer a question, best first, each with its agency, year, section and the matching
 * sentence (words of the question in 【】). The index is rebuilt first when missing or stale.
 * A table row is headed by its table and row ("表一 · 政府集中采购").
 * `--json` prints one object: `{query, rebuilt, hits: [{rank, score, reportId, agency, year,
 * sectionNo, section, title, sentence, highlighted, text, start, end}]}`; `title` is the row's
 * "表一 · 政府集中采购", or the section title of a prose passage.
 */
import path from 'node:path';
import { openIndex, passageTitle, type PassageHit } from '../search/index.js';
import { flag, parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const query = args.positional.join(' ').trim();
const limit = Number(flag(args, 'limit') ?? 5);
if (query === '' || !Number.isInteger(limit) || limit < 1) {
  process.stderr.write('用法：npm run -s search -- "问题" [--json] [--limit N] [--corpus DIR] [--index DIR]\n');
  process.exit(2);
}
const corpusDir = path.resolve(flag(args, 'corpus') ?? process.env.CORPUS_DIR ?? 'corpus');
const indexDir = path.resolve(flag(args, 'index') ?? process.env.INDEX_DIR ?? 'index');

const opened = await openIndex({ corpusDir, indexDir });
if (opened.rebuilt) {
  const what = opened.how === 'updated' ? `更新了 ${opened.changed.length + opened.removed.length} 个文件` : '重新建立';
  process.stderr.write(`段落索引已${what}（${opened.index.reportCount} 份报告，${opened.index.size} 段）\n`);
}
for (const e of opened.errors) process.stderr.write(`${e.file}: ${e.message}\n`);

const hits = opened.index.search(query, { limit });
if (args.flags.has('json')) {
  process.stdout.write(`${JSON.stringify({ query, rebuilt: opened.rebuilt, hits: hits.map(toJson) })}\n`);
} else if (hits.length === 0) {
  process.stdout.write('没有找到相关段落。\n');
} else {
  hits.forEach((h, i) => {
    const p = h.passage;
    process.stdout.write(`${i + 1}. ${p.agency} ${p.year}年 · ${passageTitle(p) || '标题与前言'}  (${h.score.toFixed(2)})\n`);
    process.stdout.write(`   ${h.highlighted}\n`);
  });
}

function toJson(h: PassageHit, i: number) {
  const p = h.passage;
  return {
    rank: i + 1,
    score: Number(h.score.toFixed(4)),
    reportId: p.reportId,
    agency: p.agency,
    year: p.year,
    sectionNo: p.sectionNo,
    section: p.sectionTitle,
    title: passageTitle(p),
    sentence: h.sentence,
    highlighted: h.highlighted,
    text: p.text,
    start: p.start,
    end: p.end,
  };
}
