import { createRequire } from 'node:module';
import { formatNumber } from '../query/format.js';
import type { ChartPlan } from './chart-plan.js';
import { CHART_FONT_FAMILY } from './font.js';
import { svgToPng } from './png.js';

/**
 * Draws a `ChartPlan`. ECharts is loaded as its one-file CommonJS build: its ES modules are
 * hundreds of files, seconds to load through tsx; the bundle loads in a few hundred milliseconds.
 */
const echarts = createRequire(import.meta.url)('echarts') as typeof import('echarts');

const WIDTH = 900;

/** The chart as SVG (ECharts' server-side SVG renderer: no browser, no canvas). */
export function chartSvg(plan: ChartPlan): string {
  const height = plan.type === 'bar' ? Math.max(360, 130 + plan.bars.length * 20) : 540;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption(plan.type === 'bar' ? barOption(plan) : lineOption(plan));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG for Telegram. */
export async function chartPng(plan: ChartPlan): Promise<Buffer> {
  return svgToPng(chartSvg(plan));
}

function common(plan: ChartPlan) {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: {
      text: plan.title,
      subtext: plan.source,
      left: 'center',
      textStyle: { fontSize: 18, fontWeight: 'normal' as const },
      subtextStyle: { fontSize: 12, color: '#555' },
    },
  };
}

function barOption(plan: Extract<ChartPlan, { type: 'bar' }>) {
  return {
    ...common(plan),
    grid: { top: 80, left: 30, right: 70, bottom: 30 },
    xAxis: { type: 'value' as const, name: plan.unit, nameTextStyle: { color: '#555' } },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: plan.bars.map((b) => clipLabel(b.label)),
      axisTick: { show: false },
      axisLabel: { interval: 0 },
    },
    series: [
      {
        type: 'bar' as const,
        data: plan.bars.map((b) => b.value),
        barMaxWidth: 28,
        label: { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => formatNumber(Number(p.value)) },
      },
    ],
  };
}

function lineOption(plan: Extract<ChartPlan, { type: 'line' }>) {
  return {
    ...common(plan),
    legend: { bottom: 10, type: 'plain' as const },
    grid: { top: 110, left: 50, right: 50, bottom: 60 + Math.ceil(plan.lines.length / 4) * 20 },
    xAxis: { type: 'category' as const, data: plan.years.map((y) => `${y}年`), boundaryGap: false },
    yAxis: { type: 'value' as const, name: plan.unit, nameTextStyle: { color: '#555' } },
    series: plan.lines.map((l) => ({
      type: 'line' as const,
      name: l.name,
      data: l.values,
      connectNulls: false,
      symbolSize: 7,
      label: { show: plan.lines.length <= 3, formatter: (p: { value: unknown }) => formatNumber(Number(p.value)) },
    })),
  };
}

/** A long agency name (鼓楼区教育局（福州市） 2020年) fits the axis. */
function clipLabel(label: string): string {
  return label.length > 20 ? `${label.slice(0, 19)}…` : label;
}
