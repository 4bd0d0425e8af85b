import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellIds, renderMinimalReport, type GoldFacts, type Layout } from '../../test/bench/generator/index.js';
import { makeReport } from '../query/__fixtures__/reports.js';
import { copyKey, mergeCopies } from './copies.js';
import { loadCorpus } from './corpus.js';
import { factIndexOf, factsOf } from '../store/report-store.js';
import type { Fact, Report } from './report.js';

const AGENCY = '平潭综合实验区';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every cell of the 2021 template 0, but those given. */
function facts2021(set: Record<string, number>): GoldFacts {
  const out: GoldFacts = {};
  for (const id of cellIds('2021')) out[id] = 0;
  return { ...out, ...set };
}

/** A corpus folder of rendered reports, read through the real loaders and report store. */
async function corpusOf(files: Array<{ name: string; facts: GoldFacts; layout: Layout; year?: number; edit?: (text: string) => string }>): Promise<Report[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'copies-'));
  dirs.push(dir);
  for (const f of files) {
    const { text } = renderMinimalReport(f.facts, f.layout, { agency: AGENCY, year: f.year ?? 2024 });
    writeFileSync(path.join(dir, f.name), f.edit ? f.edit(text) : text);
  }
  // Through the report store, as the engine reads a corpus: copies whose facts stay on disk.
  const store = mkdtempSync(path.join(tmpdir(), 'copies-store-'));
  dirs.push(store);
  const corpus = await loadCorpus(dir, { cacheDir: store });
  expect(corpus.errors).toEqual([]);
  return corpus.reports;
}

const cell = (r: Report, id: string): Fact | undefined => r.facts.find((f) => f.metric === id && f.origin === 'table');

describe('mergeCopies', () => {
  it('makes the web page and its text one report, naming both files, the page first', async () => {
    const f = facts2021({ 'punishment.decisions': 1100 });
    const reports = await corpusOf([
      { name: 'pingtan-2024.html', facts: f, layout: 'html' },
      { name: 'pingtan-2024.txt', facts: f, layout: 'tsv' },
      { name: 'pingtan-2023.txt', facts: facts2021({}), layout: 'tsv', year: 2023 },
    ]);
    expect(reports).toHaveLength(3);
    const merged = mergeCopies(reports);
    expect(merged.map((r) => r.meta.year).sort()).toEqual([2023, 2024]);
    const r2024 = merged.find((r) => r.meta.year === 2024) as Report;
    expect(r2024.file).toBe('pingtan-2024.html');
    expect(r2024.files).toEqual(['pingtan-2024.html', 'pingtan-2024.txt']);
    expect(cell(r2024, 'punishment.decisions')?.value).toEqual({ kind: 'number', value: 1100 });
    expect(r2024.findings).toEqual([]);
    expect(merged.find((r) => r.meta.year === 2023)?.files).toBeUndefined();
  });

  it('takes a cell one copy lacks from the copy that reads it', async () => {
    const f = facts2021({ 'punishment.decisions': 1100, 'coercion.decisions': 7 });
    const reports = await corpusOf([
      { name: 'a.html', facts: f, layout: 'html', edit: (t) => t.replace(/<tr>(?:(?!<\/tr>)[\s\S])*行政处罚[\s\S]*?<\/tr>/, '') },
      { name: 'b.txt', facts: f, layout: 'tsv' },
    ]);
    const page = reports.find((r) => r.file === 'a.html') as Report;
    expect(cell(page, 'punishment.decisions')).toBeUndefined();
    const [merged] = mergeCopies(reports);
    expect(cell(merged, 'punishment.decisions')?.value).toEqual({ kind: 'number', value: 1100 });
    expect(cell(merged, 'coercion.decisions')?.value).toEqual({ kind: 'number', value: 7 });
  });

  it('leaves a cell the copies state differently (1100 and 1010, blank and 0) unknown, with a finding naming both files and values', async () => {
    const reports = await corpusOf([
      { name: 'a.html', facts: { ...facts2021({ 'punishment.decisions': 1100 }), 'coercion.decisions': null }, layout: 'html' },
      { name: 'b.txt', facts: facts2021({ 'punishment.decisions': 1010 }), layout: 'tsv' },
    ]);
    const [merged] = mergeCopies(reports);
    expect(cell(merged, 'punishment.decisions')?.value).toEqual({ kind: 'unknown' });
    expect(cell(merged, 'coercion.decisions')?.value).toEqual({ kind: 'unknown' });
    const found = merged.findings.filter((f) => f.rule === 'copies_disagree');
    expect(found.map((f) => f.metrics)).toEqual([['punishment.decisions'], ['coercion.decisions']]);
    expect(found[0].message).toBe('平潭综合实验区2024年报：两份文件（a.html、b.txt）对“行政处罚 处理决定数量”的数值不同：1100 与 1010，无法确定');
    expect(found[1].message).toMatch(/“行政强制 处理决定数量”的数值不同：空白 与 0，无法确定/);
  });
});

describe('mergeReadings (hand-made copies)', () => {
  const copy = (file: string, cells: Parameters<typeof makeReport>[0]['cells'], findings: Report['findings'] = []) => ({
    ...makeReport({ agency: '甲市教育局', year: 2022, cells, findings }),
    id: file,
    file,
  });

  it('knows a cell from the copy that reads it when the other could not', () => {
    const [merged] = mergeCopies([copy('a.html', { 'licensing.decisions': 'unknown' }), copy('b.pdf', { 'licensing.decisions': 12 })]);
    expect(cell(merged, 'licensing.decisions')?.value).toEqual({ kind: 'number', value: 12 });
  });

  it('keeps blank, "/" and words as they are when the copies agree, and calls 0 against blank a disagreement', () => {
    const [same] = mergeCopies([
      copy('a.html', { 'licensing.decisions': 'blank', 'punishment.decisions': 'na', 'coercion.decisions': { text: '无' } }),
      copy('b.txt', { 'licensing.decisions': 'blank', 'punishment.decisions': 'na', 'coercion.decisions': { text: '无' } }),
    ]);
    expect(cell(same, 'licensing.decisions')?.value.kind).toBe('blank');
    expect(cell(same, 'punishment.decisions')?.value.kind).toBe('not_applicable');
    expect(cell(same, 'coercion.decisions')?.value).toEqual({ kind: 'text', text: '无' });
    const [differ] = mergeCopies([copy('a.html', { 'licensing.decisions': 'blank' }), copy('b.txt', { 'licensing.decisions': 0 })]);
    expect(cell(differ, 'licensing.decisions')?.value.kind).toBe('unknown');
    expect(differ.findings[0].message).toMatch(/空白 与 0，无法确定/);
  });

  it("drops a copy's finding about a cell the other copy reads, and keeps one about the cell it gives", () => {
    const unreadable = { rule: 'unreadable' as const, severity: 'warning' as const, metrics: ['licensing.decisions'], message: '甲市教育局2022年报：行政许可无法读取' };
    const [merged] = mergeCopies([copy('a.html', { 'licensing.decisions': 5 }), copy('b.txt', { 'licensing.decisions': 'unknown' }, [unreadable])]);
    expect(merged.findings).toEqual([]);
    const [still] = mergeCopies([copy('a.html', { 'licensing.decisions': 'unknown' }), copy('b.txt', { 'licensing.decisions': 'unknown' }, [unreadable])]);
    expect(still.findings.map((f) => f.message)).toEqual([`${unreadable.message}（据b.txt）`]);
  });

  it('gives the fact store the numbers, and the facts by metric, that the merged facts hold', () => {
    const [merged] = mergeCopies([
      copy('a.html', { 'licensing.decisions': 'unknown', 'punishment.decisions': 'blank', 'coercion.decisions': 3, 'rules.issued': 4, 'rules.in_force': 'na' }),
      copy('b.txt', { 'licensing.decisions': 12, 'punishment.decisions': 5, 'coercion.decisions': 3, 'rules.issued': 'unknown', 'rules.in_force': 'na' }),
    ]);
    const expected = { 'licensing.decisions': 12, 'punishment.decisions': NaN, 'coercion.decisions': 3, 'rules.issued': 4, 'rules.in_force': NaN };
    const ids = Object.keys(expected);
    // Asked before the whole facts are merged, as the fact store asks.
    const index = factIndexOf(merged);
    const byMetric = ids.map((m) => factsOf(merged, m));
    const numberOf = (f: Fact) => (f.value.kind === 'number' ? f.value.value : NaN);
    expect(Object.fromEntries(Array.from(index.codes, (c, k) => [index.metrics[c], index.values[k]]))).toEqual(expected);
    const facts = merged.facts;
    expect(Object.fromEntries(facts.map((f) => [f.metric, numberOf(f)]))).toEqual(expected);
    expect(byMetric).toEqual(ids.map((m) => facts.filter((f) => f.metric === m)));
  });

  it('keeps reports of other agencies, places, years and templates apart', () => {
    const base = { agency: '鼓楼区教育局', year: 2022 };
    const reports = [
      makeReport({ ...base, city: '福州市' }),
      { ...makeReport({ ...base, city: '南京市' }), id: 'nj.txt', file: 'nj.txt' },
      { ...makeReport({ ...base, year: 2023, city: '福州市' }), id: 'x.txt', file: 'x.txt' },
    ];
    expect(new Set(reports.map((r) => copyKey(r.meta))).size).toBe(3);
    expect(mergeCopies(reports)).toHaveLength(3);
  });
});
