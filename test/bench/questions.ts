/**
 * The fixed mix of questions the benchmark asks: structured ones (a figure, a ranking, a sum,
 * a comparison, a trend, a report card, checks, the corpus overview, a report's problems) and
 * passage ones (free text, answered by the passage index). Agencies and years are taken from
 * reports at fixed positions, so the same corpus gives the same questions.
 */
import type { Report, ReportMeta } from '../../src/ingest/report.js';

export interface BenchQuestion {
  q: string;
  /** What it exercises, for the per-question table. */
  kind: string;
}

export function questionMix(reports: readonly Report[]): BenchQuestion[] {
  return mixOf(mixPositions(reports.length).map((i) => reports[i].meta));
}

/** What the mix takes of a report. */
export type MixReport = Pick<ReportMeta, 'agency' | 'year'>;

/** The seven positions, of `count` reports, whose agencies and years the mix asks about. */
export function mixPositions(count: number): number[] {
  return [0, 1, 2, 3, 4, 5, 6].map((k) => Math.floor((k * count) / 7) % count);
}

/** The mix over the reports at `mixPositions`, in that order (a store that cannot hand over every report picks those seven). */
export function mixOf(picked: readonly MixReport[]): BenchQuestion[] {
  const [a, b, c, d, e, f, g] = picked;
  return [
    { kind: 'lookup', q: `${a.agency}${a.year}年收到申请多少件` },
    { kind: 'lookup', q: `${b.agency}${b.year}年行政许可处理决定数量` },
    { kind: 'rank', q: `哪个局${c.year}年收到申请最多` },
    { kind: 'rank top', q: `${d.year}年行政处罚前十名` },
    { kind: 'sum', q: `${a.year}年各局收到申请合计` },
    { kind: 'compare', q: `比较${a.agency}和${b.agency}${a.year}年的收到申请数` },
    { kind: 'trend', q: `${c.agency}收到申请逐年变化` },
    { kind: 'card', q: `${d.agency} ${d.year}年 年报概况` },
    { kind: 'checks', q: `${e.agency}${e.year}年的数据有什么矛盾` },
    { kind: 'overview', q: '语料概况' },
    { kind: 'section', q: `${f.agency}存在什么问题` },
    { kind: 'meta', q: `有几份${f.year}年的报告` },
    { kind: 'passage', q: '政务新媒体 微信公众号 发布信息' },
    { kind: 'passage, common words', q: '存在哪些问题' },
    { kind: 'passage, common words', q: '政府信息公开工作' },
    { kind: 'passage', q: '召开新闻发布会' },
    { kind: 'passage', q: '教师招聘信息公开是怎么做的' },
    { kind: 'passage, agency', q: `${g.agency}门户网站政策解读` },
    { kind: 'passage, agency', q: `${e.agency}政务公开业务培训` },
    { kind: 'passage', q: '动态调整政府信息主动公开目录' },
  ];
}
