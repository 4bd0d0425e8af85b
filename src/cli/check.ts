/** `npm run -s check -- [--corpus DIR]`: the consistency findings, grouped by report. */
import path from 'node:path';
import { agencyKey, FactStore } from '../facts/store.js';
import { checkAcrossYears } from '../facts/year-checks.js';
import { mergeCopies } from '../ingest/copies.js';
import { loadCorpus } from '../ingest/corpus.js';
import { flag, parseArgs } from './args.js';

const args = parseArgs(process.argv.slice(2));
const corpusDir = path.resolve(flag(args, 'corpus') ?? 'corpus');
const corpus = await loadCorpus(corpusDir);
const errors = corpus.errors;
// A report held in several files is checked once, with what its copies disagree on.
const reports = mergeCopies(corpus.reports);
for (const e of errors) process.stderr.write(`${e.file}: ${e.message}\n`);
let total = 0;
for (const r of reports) {
  process.stdout.write(`\n${r.meta.agency} ${r.meta.year}年（${(r.files ?? [r.file]).join('、')}）\n`);
  if (r.findings.length === 0) process.stdout.write('  未发现问题\n');
  for (const f of r.findings) {
    total++;
    const tag = f.severity === 'error' ? '矛盾' : f.severity === 'warning' ? '缺失' : '提示';
    process.stdout.write(`  [${tag}·${f.rule}] ${f.message}\n`);
  }
}
// Between an agency's consecutive reports: 上年结转, 现行有效件数.
const store = new FactStore(reports);
const across = store.agencies().flatMap((a) => checkAcrossYears(store.reportsIn({ agencies: [a] }), (r, id) => store.read(r, [id])));
if (across.length) process.stdout.write('\n前后年份核对\n');
for (const c of across) {
  if (c.status === '不一致') total++;
  process.stdout.write(`  [${c.status}] ${agencyKey(c.report)} ${c.report.meta.year - 1}→${c.report.meta.year}年 ${c.name}：${c.message}\n`);
}
process.stdout.write(`\n${reports.length} 份报告，${total} 条发现${errors.length ? `，${errors.length} 个文件无法读取` : ''}\n`);
process.exitCode = reports.length === 0 ? 1 : 0;
