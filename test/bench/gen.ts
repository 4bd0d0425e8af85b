/**
 * Writes a synthetic corpus: one report file per report and `gold.jsonl` with the facts each
 * file contains. Deterministic: the same --seed gives byte-identical files.
 *
 *   npm run gen -- --n 10000 --seed 1 --out /tmp/corpus [--faults 0.05] [--layout html] [--jobs 4]
 *                  [--copies 0.1] [--hostile 11]
 *
 * --copies: that share of reports is written a second time, in another layout, into copies/ under
 * the same file name (same agency, year, figures and text: one report in two files, one gold
 * line, whose `copy` names the second file). --hostile: that many unreadable files (empty, noise,
 * a renamed PDF, 3,000 nested tables, 5 MB of no report …) among the reports, without gold.
 *
 * Reports are generated and written one at a time, so 100,000 reports need no more memory than one;
 * --jobs worker threads (default: cores − 1, at most 4) each write a contiguous range. No two
 * reports share an agency and year, so --n is at most the number of those (about 460,000).
 * --layout docx writes Word files (.docx), a layout never drawn by chance.
 */
import { parseArgs } from 'node:util';
import { writeCorpusParallel, type CorpusOptions } from './generator/corpus.js';
import { COPIES_DIR, pairCount, REPORT_LAYOUTS, type ReportLayout } from './generator/index.js';

const USAGE = 'usage: npm run gen -- --n 10000 --seed 1 --out DIR [--faults 0.05] [--layout tsv|tsv-broken|cells|markdown|html|pdf-layout|word-export|docx] [--jobs N] [--copies 0.1] [--hostile N]';

function readArgs(argv: string[]): CorpusOptions & { jobs?: number } {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      faults: { type: 'string', default: '0.05' },
      layout: { type: 'string' },
      jobs: { type: 'string' },
      copies: { type: 'string', default: '0' },
      hostile: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const fail = (message: string): never => {
    console.error(`${message}\n${USAGE}`);
    process.exit(2);
  };
  const n = Number(values.n);
  const seed = Number(values.seed);
  const faultRate = Number(values.faults);
  if (!values.out) fail('--out DIR is required');
  if (!Number.isInteger(n) || n < 0) fail(`--n must be a whole number, got ${values.n}`);
  if (n > pairCount()) fail(`--n ${n} is more than the ${pairCount()} distinct agency-years the generator can name (each report has an agency and year of its own, or a reader takes two for copies of one report)`);
  if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got ${values.seed}`);
  if (!(faultRate >= 0 && faultRate <= 1)) fail(`--faults must be between 0 and 1, got ${values.faults}`);
  if (values.layout !== undefined && !(REPORT_LAYOUTS as readonly string[]).includes(values.layout)) {
    fail(`--layout must be one of ${REPORT_LAYOUTS.join(', ')}, got ${values.layout}`);
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) fail(`--jobs must be a whole number ≥ 1, got ${values.jobs}`);
  const copyRate = Number(values.copies);
  if (!(copyRate >= 0 && copyRate <= 1)) fail(`--copies must be between 0 and 1, got ${values.copies}`);
  const hostile = Number(values.hostile);
  if (!(Number.isInteger(hostile) && hostile >= 0)) fail(`--hostile must be a whole number ≥ 0, got ${values.hostile}`);
  return { n, seed, out: values.out!, faultRate, layout: values.layout as ReportLayout | undefined, jobs, copyRate, hostile };
}

const opts = readArgs(process.argv.slice(2));
const s = await writeCorpusParallel(opts, opts.jobs);
const list = (m: Record<string, number>) => Object.entries(m).sort().map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`wrote ${s.reports} reports (${(s.bytes / 1e6).toFixed(1)} MB of files) and gold.jsonl to ${opts.out} in ${s.seconds.toFixed(2)} s (${Math.round(s.reports / Math.max(s.seconds, 1e-9))} reports/s)`);
console.log(`layouts: ${list(s.byLayout)}`);
console.log(`templates: ${list(s.byTemplate)}; with a fault: ${s.faulted}`);
if (s.copies > 0) console.log(`copies: ${s.copies} reports also written in another layout, into ${COPIES_DIR}/ (${list(s.copyLayouts)})`);
if (s.hostile > 0) console.log(`hostile files: ${s.hostile}, without gold (${list(s.hostileKinds)})`);
