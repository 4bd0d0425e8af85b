import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { parseReportText } from './parse.js';
import type { Report } from './report.js';

/** Seed 002 (同仁市教育局 2021, every request cell 0) with some of its cells printed otherwise. */
function seedWith(rows: Record<string, string>): Report {
  const lines = readFileSync(path.join(CORPUS_DIR, '002_de8f091d9f2bb639.txt'), 'utf8').split('\n');
  for (const [start, row] of Object.entries(rows)) {
    const i = lines.findIndex((l) => l.startsWith(start));
    expect(i, start).toBeGreaterThanOrEqual(0);
    lines[i] = row;
  }
  const r = parseReportText(lines.join('\n'), 'absurd.txt');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const valueOf = (r: Report, metric: string) => r.facts.find((f) => f.metric === metric)?.value;

describe('figures no report can mean', () => {
  const report = seedWith({
    '一、本年新收': '一、本年新收政府信息公开申请数量\t\t99999999999999999999\t1e30\t-5\t0\t0\t0\t0\t',
    '行政许可': '行政许可\t123456789012345678\t\t',
  });

  it('a figure of more digits than a number holds is no value, never the rounded one', () => {
    expect(valueOf(report, 'requests.new.natural_person')).toEqual({ kind: 'unknown' });
    expect(valueOf(report, 'licensing.decisions')).toEqual({ kind: 'unknown' });
    expect(report.findings.map((f) => f.message)).toContain('同仁市教育局2021年报：“一、本年新收：99999999999999999999”位数过多，无法准确读取，未作为数值采用');
  });

  it('a negative count is no value, with a finding naming the cell', () => {
    expect(valueOf(report, 'requests.new.research')).toEqual({ kind: 'unknown' });
    expect(report.findings).toContainEqual({
      rule: 'unreadable',
      severity: 'warning',
      metrics: ['requests.new.research'],
      message: '同仁市教育局2021年报：“一、本年新收：-5”数量不能为负，未作为数值采用',
    });
  });

  it('a figure in scientific notation stays text, with a finding', () => {
    expect(valueOf(report, 'requests.new.business')).toEqual({ kind: 'text', text: '1e30' });
    expect(report.findings.some((f) => f.metrics.includes('requests.new.business') && /1e30/.test(f.message))).toBe(true);
  });

  it('the consistency checks do not run on the figures set aside', () => {
    expect(report.findings.filter((f) => f.rule === 'balance').map((f) => f.message).join('\n')).not.toMatch(/100000000000000000000|-5/);
  });

  it('a zero and a count under a hundred million read as printed; a count over it is no value', () => {
    expect(valueOf(report, 'requests.new.other')).toEqual({ kind: 'number', value: 0 });
    const big = seedWith({ '行政许可': '行政许可\t100000001\t\t' });
    expect(valueOf(big, 'licensing.decisions')).toEqual({ kind: 'unknown' });
    const fine = seedWith({ '行政许可': '行政许可\t99999999\t\t' });
    expect(valueOf(fine, 'licensing.decisions')).toEqual({ kind: 'number', value: 99_999_999 });
  });
});
