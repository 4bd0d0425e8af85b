/**
 * The cost of an answer's pictures and files: the chart of a 100-row ranking (ECharts SVG, then
 * the font subset and resvg's PNG) and the CSV of a 10,000-row table. Agency names are drawn by
 * the corpus generator, so labels are as long and as varied as real ones.
 */
import { chartPlan } from '../../src/export/chart-plan.js';
import { chartSvg } from '../../src/export/chart.js';
import { tableCsv } from '../../src/export/csv.js';
import { svgToPng } from '../../src/export/png.js';
import type { AnswerTable } from '../../src/query/answer.js';
import { latency, ms, type Latency } from './figures.js';
import { drawAgency, Rng } from './generator/index.js';

export interface ChartFigures {
  /** The first chart of the process: hb-subset's WebAssembly and the 8 MB font loaded. */
  firstMs: number;
  svg: Latency;
  png: Latency;
  total: Latency;
  /** CPU time of the process (all its threads) per chart: what the chart costs on a machine others share. */
  cpu: Latency;
  pngBytes: number;
  csvRows: number;
  csvMs: number;
  csvBytes: number;
}

/** A ranking of `n` reports with made-up figures, as the engine would give it. */
export function rankingTable(n: number, seed = 1): AnswerTable {
  const rng = new Rng(seed);
  const rows = Array.from({ length: n }, (_, i) => [i + 1, drawAgency(rng).name, 2022, Math.round((n - i) * 137.3) / 10]);
  return { kind: 'ranking', title: '2022年行政许可 处理决定数量排名', metric: '行政许可 处理决定数量', unit: '件', columns: ['名次', '单位', '年度', '行政许可 处理决定数量（件）'], rows, total: n };
}

export async function measureCharts(runs = 10, say: (line: string) => void = () => {}): Promise<ChartFigures> {
  const plan = chartPlan(rankingTable(100));
  if (plan === null) throw new Error('a 100-row ranking has no chart');
  const first = performance.now();
  await svgToPng(chartSvg(plan));
  const firstMs = performance.now() - first;
  const svgTimes: number[] = [];
  const pngTimes: number[] = [];
  const cpuTimes: number[] = [];
  let pngBytes = 0;
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const svg = chartSvg(plan);
    const t1 = performance.now();
    pngBytes = (await svgToPng(svg)).length;
    svgTimes.push(t1 - t0);
    pngTimes.push(performance.now() - t1);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const big = rankingTable(10_000);
  const c0 = performance.now();
  const csv = tableCsv(big);
  const csvMs = performance.now() - c0;
  const figures: ChartFigures = {
    firstMs,
    svg: latency(svgTimes),
    png: latency(pngTimes),
    total: latency(svgTimes.map((s, i) => s + (pngTimes[i] as number))),
    cpu: latency(cpuTimes),
    pngBytes,
    csvRows: big.rows.length,
    csvMs,
    csvBytes: csv.length,
  };
  say(describeCharts(figures));
  return figures;
}

/** One line: chart p50 (SVG + PNG), max, the first; the CSV. */
export function describeCharts(f: ChartFigures): string {
  return (
    `chart of a 100-row ranking: p50 ${ms(f.total.p50)} (SVG ${ms(f.svg.p50)} + font subset and PNG ${ms(f.png.p50)}; CPU ${ms(f.cpu.p50)}), max ${ms(f.total.max)}, ` +
    `first of the process ${ms(f.firstMs)}, PNG ${(f.pngBytes / 1024).toFixed(0)} KB; ` +
    `CSV of ${f.csvRows.toLocaleString('en')} rows ${ms(f.csvMs)} (${(f.csvBytes / 2 ** 20).toFixed(1)} MB)`
  );
}
