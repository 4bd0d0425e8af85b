import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellIds, renderMinimalReport, type GoldFacts, type Layout } from '../../test/bench/generator/index.js';
import { hasRealCorpus, REAL_CORPUS_DIR } from '../../test/paths.js';
import { createEngine, type QueryEngine } from './engine.js';

/**
 * A corpus that holds 平潭综合实验区's 2024 report twice, as the web page and as the crawler's
 * text, read through the real loaders, report store and passage index.
 */
const AGENCY = '平潭综合实验区';
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function facts(template: '2019' | '2021', set: Record<string, number>): GoldFacts {
  const out: GoldFacts = {};
  for (const id of cellIds(template)) out[id] = 0;
  return { ...out, ...set };
}

type CorpusFile = { name: string; year: number; layout: Layout; facts: GoldFacts; edit?: (text: string) => string };

async function engineOver(files: CorpusFile[]): Promise<QueryEngine> {
  const corpusDir = tempDir('copies-corpus-');
  for (const f of files) {
    const { text } = renderMinimalReport(f.facts, f.layout, { agency: AGENCY, year: f.year });
    writeFileSync(path.join(corpusDir, f.name), f.edit ? f.edit(text) : text);
  }
  const engine = await createEngine({ corpusDir, indexDir: tempDir('copies-index-') });
  expect(engine.errors).toEqual([]);
  return engine;
}

const YEARS = [
  { name: 'pingtan-2020.txt', year: 2020, layout: 'tsv' as const, facts: facts('2019', { 'punishment.decisions': 700 }) },
  { name: 'pingtan-2023.txt', year: 2023, layout: 'tsv' as const, facts: facts('2021', { 'punishment.decisions': 900 }) },
];

describe('a report held in two files that agree', () => {
  let engine: QueryEngine;
  beforeAll(async () => {
    const f2024 = facts('2021', { 'punishment.decisions': 1100 });
    engine = await engineOver([
      ...YEARS,
      { name: 'pingtan-2024.html', year: 2024, layout: 'html', facts: f2024 },
      { name: 'pingtan-2024.txt', year: 2024, layout: 'tsv', facts: f2024 },
    ]);
  });

  it('is one report of the corpus, naming both files', () => {
    expect(engine.reports).toHaveLength(3);
    expect(engine.reports.find((r) => r.meta.year === 2024)?.files).toEqual(['pingtan-2024.html', 'pingtan-2024.txt']);
  });

  it('is compared once, not with itself', async () => {
    const a = await engine.ask('比较平潭综合实验区2020年和2024年的行政处罚决定数量');
    expect(a.route).toBe('facts');
    expect(a.text.match(/2024年：/g)).toHaveLength(1);
    expect(a.text).toMatch(/1100件/);
    expect(a.text).not.toMatch(/相同/);
    expect(a.citations.filter((c) => c.year === 2024)).toHaveLength(1);
    expect(a.citations.find((c) => c.year === 2024)?.reportId).toBe('pingtan-2024.html');
  });

  it('is one year of a trend, with no 持平 between its copies', async () => {
    const a = await engine.ask('平潭综合实验区行政处罚决定数量逐年变化');
    expect(a.text.match(/2024年：/g)).toHaveLength(1);
    expect(a.text).not.toMatch(/持平/);
  });

  it('is counted once in the overview and shown once in a card and in passages', async () => {
    expect((await engine.ask('语料概况')).text).toMatch(/共3份报告/);
    const card = await engine.ask('平潭综合实验区2024年报概况');
    expect(card.text.match(/年度：2024年/g)).toHaveLength(1);
    const problems = await engine.ask('平潭综合实验区存在哪些问题');
    expect(problems.text.match(/2024年/g)).toHaveLength(1);
  });
});

describe('a report held in two files that state a cell differently', () => {
  let engine: QueryEngine;
  beforeAll(async () => {
    engine = await engineOver([
      ...YEARS,
      { name: 'pingtan-2024.html', year: 2024, layout: 'html', facts: facts('2021', { 'punishment.decisions': 1100 }) },
      { name: 'pingtan-2024.txt', year: 2024, layout: 'tsv', facts: facts('2021', { 'punishment.decisions': 1010 }) },
    ]);
  });

  it('gives no figure for that cell, and no comparison of it', async () => {
    const a = await engine.ask('比较平潭综合实验区2020年和2024年的行政处罚决定数量');
    expect(a.text).toMatch(/2024年：无法确定（该报告的几份文件数值不同）/);
    expect(a.text).not.toMatch(/1100件|1010件/);
    expect(a.text).not.toMatch(/多\d+件|少\d+件/);
  });

  it('reports the disagreement with both files and both values', async () => {
    const a = await engine.ask('平潭综合实验区2024年的数据有什么矛盾');
    expect(a.route).toBe('checks');
    expect(a.text).toMatch(/两份文件（pingtan-2024\.html、pingtan-2024\.txt）对“行政处罚 处理决定数量”的数值不同：1100 与 1010，无法确定/);
  });

  it('answers a question about the copies with their disagreements only', async () => {
    const a = await engine.ask('平潭综合实验区2024年两份文件的数据有什么矛盾');
    expect(a.route).toBe('checks');
    expect(a.text).toMatch(/发现以下副本不一致方面的问题/);
    expect(a.text).toMatch(/1100 与 1010/);
  });

  it('still reads the cells the copies agree on', async () => {
    const a = await engine.ask('平潭综合实验区2024年行政强制处理决定数量');
    expect(a.text).toMatch(/0件/);
  });
});

describe('a report held in two files, one of them missing a row', () => {
  it('answers the cell from the copy that has it', async () => {
    const f2024 = facts('2021', { 'punishment.decisions': 1100 });
    const engine = await engineOver([
      ...YEARS,
      // The page lost its 行政处罚 row; the crawled text has it.
      { name: 'pingtan-2024.html', year: 2024, layout: 'html', facts: f2024, edit: (t) => t.replace(/<tr>(?:(?!<\/tr>)[\s\S])*行政处罚[\s\S]*?<\/tr>/, '') },
      { name: 'pingtan-2024.txt', year: 2024, layout: 'tsv', facts: f2024 },
    ]);
    const a = await engine.ask('平潭综合实验区2024年行政处罚决定数量');
    expect(a.text).toMatch(/1100件/);
    const trend = await engine.ask('平潭综合实验区行政处罚决定数量逐年变化');
    expect(trend.text.match(/2024年：/g)).toHaveLength(1);
    expect(trend.text).toMatch(/2024年：1100件/);
  });
});

describe.skipIf(!hasRealCorpus)("平潭's real crawled reports, 2023 saved twice", () => {
  let engine: QueryEngine;
  beforeAll(async () => {
    const corpusDir = tempDir('copies-real-');
    for (const y of [2019, 2021, 2022, 2023]) copyFileSync(path.join(REAL_CORPUS_DIR, `pingtan-${y}.txt`), path.join(corpusDir, `pingtan-${y}.txt`));
    // The same page saved again as its title and text, without the crawler's header lines.
    const page = readFileSync(path.join(REAL_CORPUS_DIR, 'pingtan-2023.txt'), 'utf8');
    const title = /^标题: (.+)$/m.exec(page)?.[1] ?? '';
    writeFileSync(path.join(corpusDir, 'pingtan-2023-body.txt'), `${title}\n${page.slice(page.indexOf('本报告根据'))}`);
    engine = await createEngine({ corpusDir, indexDir: tempDir('copies-real-index-') });
  }, 120_000);

  it('is four reports, the 2023 one naming both files', () => {
    expect(engine.reports.map((r) => r.meta.year).sort()).toEqual([2019, 2021, 2022, 2023]);
    expect(engine.reports.find((r) => r.meta.year === 2023)?.files?.sort()).toEqual(['pingtan-2023-body.txt', 'pingtan-2023.txt']);
  });

  it('lists 2023 once in a trend, and says a finding both files share once', async () => {
    const trend = await engine.ask('平潭综合实验区本年新收政府信息公开申请逐年变化');
    expect(trend.text.match(/2023年：/g)).toHaveLength(1);
    expect(trend.text).not.toMatch(/持平/);
    const checks = await engine.ask('平潭综合实验区2023年的数据有什么矛盾');
    expect(checks.text.match(/行政规范性文件”一行/g)).toHaveLength(1);
  });
});
