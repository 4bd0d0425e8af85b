/**
 * Passage search benchmark: prints figures, asserts nothing.
 *
 *   npx tsx test/bench/search-bench.ts [--sizes 1000,10000] [--source generator|seeds] [--keep DIR]
 *
 * 1. Quality on the bundled corpus: the passage questions of the dev seeds (and a few narrative
 *    questions), first-hit accuracy and MRR, for each way of cutting the index (cutForSearch /
 *    plain cut) and of reading the question (index vocabulary / jieba).
 * 2. jieba's dictionary load.
 * 3. For each size: build (segmentation + flexsearch), save, size on disk, load in this process,
 *    cold start in a fresh process (load + first answer), query latency, adding one report.
 *
 * Reports come from the synthetic generator (test/bench/generator, real ingestion) or from the
 * five seeds cloned under other agencies' names (longer, real narrative text).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR, DEV_SEEDS_FILE, hasDevSeeds } from '../paths.js';
import { describeIndexFiles, folderBytes, latency, mb, ms, pad } from './figures.js';
import type { Report } from '../../src/ingest/report.js';
import type { PassageIndex as PassageIndexType } from '../../src/search/index.js';
import type { SegmentMode } from '../../src/search/segment.js';

const THIS_FILE = fileURLToPath(import.meta.url);

const EXTRA_QUESTIONS: Question[] = [
  { q: '同仁市教育局存在哪些问题', must: ['同仁'], sectionNo: 5 },
  { q: '鹤岗教育公众号发了多少条信息', must: ['700'] },
  { q: '教师招聘信息公开是怎么做的', must: ['教师招聘工作涉及面广'] },
  { q: '焦作市教育局办理网民留言多少件', must: ['231|13'] },
  { q: '牡丹江市教育局网址', must: ['mdjjyj'] },
  { q: '呼兰区教育局联系电话', must: ['0451-57335436'] },
];

interface Question {
  q: string;
  must: string[];
  sectionNo?: number;
}

const QUERIES = [
  '存在哪些问题',
  '政务新媒体 微信公众号 发布信息',
  '政府信息公开申请 办理',
  '行政复议 行政诉讼',
  '改进措施 政务公开培训',
  '门户网站 政策解读',
  '依申请公开 答复',
  '主动公开 规范性文件',
];

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      source: { type: 'string', default: 'generator' },
      keep: { type: 'string' },
      cold: { type: 'string' },
      query: { type: 'string' },
    },
  });
  if (values.cold) return coldStart(values.cold, values.query ?? QUERIES[0]);

  const line = (s = '') => process.stdout.write(`${s}\n`);
  line('== passage search benchmark ==');
  line(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  const { ensureJieba } = await import('../../src/search/dictionary.js');
  let t = performance.now();
  ensureJieba();
  line(`jieba dictionary load: ${ms(performance.now() - t)} (paid by index builds only; questions are read without jieba)`);

  await quality(line);

  const sizes = values.sizes!.split(',').map(Number).filter((n) => n > 0);
  const source = values.source === 'seeds' ? 'seeds' : 'generator';
  for (const n of sizes) await scale(n, source, values.keep, line);
}

async function quality(line: (s?: string) => void) {
  const { loadCorpus } = await import('../../src/ingest/corpus.js');
  const { PassageIndex } = await import('../../src/search/index.js');
  const { reports } = await loadCorpus(CORPUS_DIR);
  const seeds: Question[] = hasDevSeeds
    ? readFileSync(DEV_SEEDS_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { q: string; kind: string; must: string[] })
        .filter((s) => s.kind === 'passage' || s.kind === 'section')
        .map((s) => ({ q: s.q, must: s.must }))
    : [];
  const questions = [...seeds, ...EXTRA_QUESTIONS];
  line();
  line(`-- quality on the bundled corpus: ${reports.length} reports, ${questions.length} questions (${seeds.length} from dev seeds) --`);
  line('index cut      question read   first hit right   MRR@10   passages matching (mean)');
  for (const mode of ['search', 'exact'] as SegmentMode[]) {
    const index = await PassageIndex.build(reports, { mode });
    for (const reader of ['vocabulary', 'jieba'] as const) {
      index.queryReader = reader;
      let right = 0;
      let rr = 0;
      for (const question of questions) {
        const hits = index.search(question.q, { limit: 10 });
        const rank = hits.findIndex((h) => answers(question, `${h.passage.agency} ${h.passage.text}`, h.passage.sectionNo));
        if (rank === 0) right++;
        if (rank >= 0) rr += 1 / (rank + 1);
      }
      const candidates = questions.reduce((sum, q) => sum + index.search(q.q, { limit: 1000 }).length, 0) / questions.length;
      line(
        `${pad(mode === 'search' ? 'cutForSearch' : 'cut', 14)} ${pad(reader, 15)} ${pad(`${right}/${questions.length}`, 17)} ${pad(
          (rr / questions.length).toFixed(3),
          8,
        )} ${candidates.toFixed(1)}`,
      );
    }
  }
}

function answers(q: Question, shown: string, sectionNo: number): boolean {
  return q.must.every((m) => new RegExp(m).test(shown)) && (q.sectionNo === undefined || q.sectionNo === sectionNo);
}

async function scale(n: number, source: 'generator' | 'seeds', keep: string | undefined, line: (s?: string) => void) {
  line();
  line(`-- ${n} reports (${source}) --`);
  const { PassageIndex } = await import('../../src/search/index.js');
  let t = performance.now();
  const reports = source === 'seeds' ? await clonedSeeds(n) : await generatedReports(n);
  const chars = reports.reduce((sum, r) => sum + r.sections.filter((s) => s.no !== 2 && s.no !== 3 && s.no !== 4).reduce((a, s) => a + s.text.length, 0), 0);
  line(`prepare reports (generate + parse): ${ms(performance.now() - t)}, narrative ${(chars / reports.length).toFixed(0)} chars/report`);

  t = performance.now();
  const index = await PassageIndex.build(reports.slice(0, -1));
  const buildMs = performance.now() - t;
  line(`build (segment + index) ${reports.length - 1} reports: ${ms(buildMs)}  → ${index.size} passages, ${(buildMs / (reports.length - 1)).toFixed(2)} ms/report`);

  const dir = keep ? path.join(keep, `passages-${n}`) : await mkdtemp(path.join(os.tmpdir(), 'search-bench-'));
  t = performance.now();
  await index.save(dir);
  line(`save: ${ms(performance.now() - t)}, on disk ${mb(await folderBytes(dir))} (${await describeIndexFiles(dir)})`);

  t = performance.now();
  const loaded: PassageIndexType = await PassageIndex.load(dir);
  const loadMs = performance.now() - t;
  line(`load in this process: ${ms(loadMs)}  (rebuild / load = ${(buildMs / loadMs).toFixed(0)}×)`);

  const cold = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', THIS_FILE, '--cold', dir, '--query', QUERIES[1]], { encoding: 'utf8' }),
  ) as { importMs: number; loadMs: number; firstQueryMs: number; sinceStartMs: number; rssMb: number };
  line(
    `cold start in a fresh process: import ${ms(cold.importMs)}, load ${ms(cold.loadMs)}, first answer ${ms(cold.firstQueryMs)}; ` +
      `process start → first answer ${ms(cold.sinceStartMs)}; rss ${cold.rssMb.toFixed(0)} MB`,
  );

  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const s = performance.now();
      loaded.search(q, { limit: 10 });
      times.push(performance.now() - s);
    }
  }
  const l = latency(times);
  line(`query latency over ${times.length} searches: mean ${ms(l.mean)}, p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}`);

  t = performance.now();
  loaded.add(reports[reports.length - 1]);
  const addMs = performance.now() - t;
  t = performance.now();
  await loaded.save(dir);
  line(`add one report to the loaded index: ${ms(addMs)}, then save ${ms(performance.now() - t)} (a full rebuild: ${ms(buildMs)})`);

  if (!keep) await rm(dir, { recursive: true, force: true });
}

/** Child process: time from process start to the first answer of a saved index. */
async function coldStart(dir: string, query: string) {
  let t = performance.now();
  const { PassageIndex: Index } = await import('../../src/search/index.js');
  const importMs = performance.now() - t;
  t = performance.now();
  const index = await Index.load(dir);
  const loadMs = performance.now() - t;
  t = performance.now();
  index.search(query, { limit: 10 });
  const firstQueryMs = performance.now() - t;
  const out = { importMs, loadMs, firstQueryMs, sinceStartMs: performance.now(), rssMb: process.memoryUsage().rss / 2 ** 20 };
  process.stdout.write(JSON.stringify(out));
}

async function generatedReports(n: number): Promise<Report[]> {
  const { generateReport } = await import('./generator/index.js');
  const { parseReportText } = await import('../../src/ingest/parse.js');
  const out: Report[] = [];
  for (let i = 0; i < n; i++) {
    const g = generateReport(11, i, { layout: 'tsv' });
    const r = parseReportText(g.text, g.file);
    if (r.ok) out.push(r.value);
  }
  return out;
}

/** The seeds again and again, each copy under another agency's name and year. */
async function clonedSeeds(n: number): Promise<Report[]> {
  const { loadCorpus } = await import('../../src/ingest/corpus.js');
  const { parseReportText } = await import('../../src/ingest/parse.js');
  const { drawAgency, Rng } = await import('./generator/index.js');
  const { reports } = await loadCorpus(CORPUS_DIR);
  const rng = new Rng(5);
  const out: Report[] = [];
  for (let i = 0; i < n; i++) {
    const seed = reports[i % reports.length];
    const agency = drawAgency(rng);
    const year = rng.int(2019, 2025);
    let text = seed.text;
    for (const name of [seed.meta.agency, ...seed.meta.aliases].sort((a, b) => b.length - a.length)) text = text.split(name).join(agency.name);
    const file = `${String(i).padStart(6, '0')}_${agency.name}_${year}.txt`;
    const r = parseReportText(text.replaceAll(String(seed.meta.year), String(year)), file);
    if (r.ok) out.push(r.value);
  }
  return out;
}

await main();
