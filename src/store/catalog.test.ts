import { describe, expect, it } from 'vitest';
import { fromColumns, toColumns, type Entry } from './catalog.js';

const entry = (over: Partial<Omit<Entry, 'meta'>> & { meta?: Partial<Entry['meta']> }): Entry => ({
  file: 'a.txt',
  sha256: 'f'.repeat(64),
  size: 5857,
  mtimeMs: 1795619498695.61,
  findings: [],
  sections: [
    [0, '', 0, 122],
    [1, '一、总体情况', 128, 549],
  ],
  facts: 210,
  columns: 0,
  body: 0,
  factBytes: 12140,
  textBytes: 4765,
  ...over,
  meta: {
    agency: '沾益区农业农村局',
    aliases: ['沾益区', '沾益农业局'],
    region: { province: '云南省', city: '曲靖市', county: '沾益区' },
    year: 2025,
    publishedAt: '2026-02-01',
    template: '2021',
    title: '沾益区农业农村局2025年政府信息公开工作年度报告',
    ...over.meta,
  },
});

describe('the catalog stored field by field', () => {
  it('gives back the entries as they were: nulls, empty lists, findings and sections included', () => {
    const entries = [
      entry({}),
      entry({
        file: 'sub/b.html',
        columns: 1680,
        body: 16905,
        findings: [{ rule: 'balance', severity: 'error', metrics: ['requests.new.total'], message: '本年新收申请数与结转数之和不等于办理结果总数。' }],
        meta: { agency: '某局', aliases: [], region: { province: null, city: null, county: null }, publishedAt: null, template: '2019', year: 2019 },
        sections: [],
      }),
    ];
    expect(fromColumns(toColumns(entries))).toEqual(entries);
    expect(fromColumns(toColumns([]))).toEqual([]);
  });

  it('refuses columns of different lengths', () => {
    const columns = toColumns([entry({})]);
    expect(() => fromColumns({ ...columns, sha256: [] })).toThrow(/different lengths/);
  });
});
