/**
 * `npm run -s facts -- [--json] [--corpus DIR]`: the facts of every report. With --json, one
 * object a line: {file, agency, region, year, template, publishedAt, facts, findings}.
 */
import path from 'node:path';
import { factsRecord } from '../facts/record.js';
import { loadCorpus } from '../ingest/corpus.js';
import { flag, parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const corpusDir = path.resolve(flag(args, 'corpus') ?? 'corpus');
const { reports, errors } = await loadCorpus(corpusDir);
for (const e of errors) process.stderr.write(`${e.file}: ${e.message}\n`);
for (const r of reports) {
  const rec = factsRecord(r);
  if (args.flags.has('json')) {
    process.stdout.write(`${JSON.stringify(rec)}\n`);
    continue;
  }
  const known = Object.values(rec.facts).filter((v) => v !== null).length;
  const region = [rec.region.province, rec.region.city, rec.region.county].filter(Boolean).join(' ');
  process.stdout.write(
    `${rec.file}  ${rec.agency}（${region || '地区不详'}） ${rec.year}年 ${rec.template}版模板` +
      `${rec.publishedAt ? ` 发布于${rec.publishedAt}` : ''}\n` +
      `  表格数值 ${known}/${Object.keys(rec.facts).length} 项可读，正文数字 ${r.facts.filter((f) => f.origin === 'narrative').length} 处，发现问题 ${rec.findings.length} 条\n`,
  );
}
process.stdout.write(args.flags.has('json') ? '' : `共读取 ${reports.length} 份报告，${errors.length} 个文件无法读取\n`);
process.exitCode = reports.length === 0 ? 1 : 0;
