/**
 * Structured-question latency at scale: builds N synthetic reports in memory (made-up agencies,
 * every template cell filled), loads them into one engine and prints p50/p99 per question kind.
 *
 *   node --max-old-space-size=8000 --import tsx test/bench/ask-bench.ts --n 100000
 *
 * The reports are rendered from data, not parsed, so this measures the fact store, the question
 * reader and the answer writer, not ingestion or passage search.
 */
import { parseArgs } from 'node:util';
import { METRICS } from '../../src/facts/metrics.js';
import { makeReport } from '../../src/query/__fixtures__/reports.js';
import { buildEngine } from '../../src/query/engine.js';
import { latency } from './figures.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, runs: { type: 'string', default: '30' } } });
const n = Number(values.n);
const runs = Number(values.runs);
const PROVINCES = ['河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省', '安徽省', '福建省', '江西省'];
const KINDS = ['教育局', '财政局', '民政局', '公安局', '司法局'];
const YEARS = [2019, 2020, 2021, 2022, 2023];

const t0 = performance.now();
const reports = Array.from({ length: n }, (_, i) => {
  const year = YEARS[i % YEARS.length];
  const template = year >= 2021 ? '2021' : '2019';
  const cells: Record<string, number> = {};
  for (const m of METRICS) if (m.templates.includes(template)) cells[m.id] = (i * 7 + m.id.length * 13) % 97;
  const agency = `第${Math.floor(i / YEARS.length)}号${KINDS[i % KINDS.length]}`;
  return makeReport({ agency, year, province: PROVINCES[i % PROVINCES.length], cells });
});
const t1 = performance.now();
const engine = buildEngine(reports, { now: () => new Date('2024-06-01') });
const t2 = performance.now();
console.log(`${n} reports: made in ${(t1 - t0).toFixed(0)} ms, engine built in ${(t2 - t1).toFixed(0)} ms`);

const QUESTIONS: Array<[string, string]> = [
  ['lookup', '第123号财政局2020年行政许可处理决定数量'],
  ['rank', '哪个局2020年收到申请最多'],
  ['rank top', '2022年行政许可前十名'],
  ['rank asc, region', '黑龙江省2021年哪个局收到申请最少'],
  ['sum', '2021年各局收到申请合计'],
  ['avg', '2022年平均收到多少申请'],
  ['filter', '2022年哪些局没有收到申请'],
  ['absent item', '2021年采购金额'],
  ['compare', '比较第1号财政局和第2号民政局2022年收到申请'],
  ['trend', '第9号民政局收到申请逐年变化'],
  ['card', '第9号民政局 2020年 年报概况'],
  ['overview', '语料概况'],
  ['unknown agency', '北京市海淀区公安局2020年采购金额'],
];
const all: number[] = [];
for (const [kind, q] of QUESTIONS) {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    engine.answer(q);
    times.push(performance.now() - s);
  }
  all.push(...times);
  times.sort((a, b) => a - b);
  console.log(`${kind.padEnd(18)} p50 ${times[times.length >> 1].toFixed(2).padStart(7)} ms   max ${times[times.length - 1].toFixed(2).padStart(7)} ms   ${q}`);
}
const { p50, p99 } = latency(all);
console.log(`all questions: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
