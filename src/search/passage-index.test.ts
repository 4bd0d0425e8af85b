import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReport, seedReports, SEED_FILES } from './__fixtures__/seed-reports.js';
import { PassageIndex, type PassageHit } from './passage-index.js';

let index: PassageIndex;
let tmp: string;

beforeAll(async () => {
  index = await PassageIndex.build(seedReports());
  tmp = await mkdtemp(path.join(os.tmpdir(), 'passage-index-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const top = (query: string, opts = {}): PassageHit => index.search(query, { limit: 1, ...opts })[0];
const agencies = (hits: PassageHit[]) => hits.map((h) => h.passage.agency);
const summary = (hits: PassageHit[]) => hits.map((h) => `${h.passage.reportId}#${h.passage.id}:${h.score.toFixed(6)}`);

describe('PassageIndex.search', () => {
  it('finds the passage that answers a narrative question first', () => {
    expect(top('鹤岗教育公众号发了多少条信息').passage.text).toContain('微信公众号共计发布信息700条');
    expect(top('教师招聘信息公开是怎么做的').passage.text).toContain('教师招聘工作涉及面广');
    expect(top('杭州亚运会期间加强网站巡查').passage.agency).toBe('焦作市教育局');
  });

  it('answers "what problems" from the problems section (五、)', () => {
    const hit = top('同仁市教育局存在哪些问题');
    expect(hit.passage.agency).toBe('同仁市教育局');
    expect(hit.passage.sectionNo).toBe(5);
    expect(hit.passage.sectionTitle).toBe('五、存在的主要问题及改进情况');
  });

  it('prefers the agency the question names', () => {
    expect(top('同仁 微信公众号').passage.agency).toBe('同仁市教育局');
    expect(top('鹤岗 微信公众号').passage.agency).toBe('鹤岗市教育局');
  });

  it('prefers the agencies, years and sections given as options', () => {
    expect(top('微信公众号', { agencies: ['同仁市教育局'] }).passage.agency).toBe('同仁市教育局');
    expect(top('政务公开 培训', { years: [2023] }).passage.year).toBe(2023);
    expect(top('政务公开', { sections: [5] }).passage.sectionNo).toBe(5);
  });

  it('keeps to the agencies and years of a hard filter', () => {
    const hits = index.search('微信公众号', { filterAgencies: ['鹤岗'], limit: 20 });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.passage.agency))).toEqual(new Set(['鹤岗市教育局']));
    const years = index.search('政务公开', { filterYears: [2020], limit: 50 }).map((h) => h.passage.year);
    expect(new Set(years)).toEqual(new Set([2020]));
  });

  it('marks the question words in the best sentence', () => {
    const hit = top('杭州亚运会期间加强网站巡查');
    expect(hit.sentence).toBe('在全国两会、杭州亚运会等重要时间节点，安排工作人员，加强网站巡查检查，保障网络安全稳定。');
    expect(hit.highlighted).toContain('【杭州亚运会】');
    expect(hit.highlighted.replace(/[【】]/g, '')).toBe(hit.sentence);
  });

  it('finds a phone number and a web address as written', () => {
    expect(top('0451-57335436').passage.agency).toBe('呼兰区教育局');
    expect(top('mdjjyj.gov.cn').passage.agency).toBe('牡丹江市教育局');
  });

  it('finds nothing for words no report uses', () => {
    expect(index.search('量子计算机')).toEqual([]);
    expect(index.search('？？')).toEqual([]);
  });

  it('returns at most `limit` hits, best first', () => {
    const hits = index.search('政务公开', { limit: 4 });
    expect(hits).toHaveLength(4);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
  });
});

describe('PassageIndex.add / remove', () => {
  it('adds one report without rebuilding the others', async () => {
    const [huLan, ...others] = [seedReport('003_e1f77db6df68bd40.txt'), ...SEED_FILES.filter((f) => !f.startsWith('003')).map((f) => seedReport(f))];
    const partial = await PassageIndex.build(others);
    expect(agencies(partial.search('双随机双公示'))).not.toContain('呼兰区教育局');
    const before = partial.size;
    const added = partial.add(huLan);
    expect(partial.size).toBe(before + added.passages);
    expect(partial.search('双随机双公示')[0].passage.agency).toBe('呼兰区教育局');
  });

  it('takes a removed report out of the results', async () => {
    const copy = await PassageIndex.build(seedReports());
    copy.remove('003_e1f77db6df68bd40.txt');
    expect(agencies(copy.search('双随机双公示'))).not.toContain('呼兰区教育局');
    expect(copy.reportCount).toBe(4);
  });

  it('replaces the earlier version of a report added again', async () => {
    const copy = await PassageIndex.build(seedReports());
    const file = '001_e71b04dab10cb976.txt';
    const changed = seedReport(file).text.replace('杭州亚运会', '成都大运会');
    copy.add(seedReport(file, changed));
    expect(copy.search('杭州亚运会')).toEqual([]);
    expect(copy.search('成都大运会')[0].passage.agency).toBe('焦作市教育局');
    expect(copy.size).toBe(index.size);
  });
});

describe('PassageIndex.save / load', () => {
  const questions = ['鹤岗教育公众号发了多少条信息', '同仁市教育局存在哪些问题', '政务公开 培训', '0451-57335436'];

  it('gives the same results after saving and loading', async () => {
    const dir = path.join(tmp, 'same');
    await index.save(dir);
    const loaded = await PassageIndex.load(dir);
    expect(loaded.size).toBe(index.size);
    for (const q of questions) expect(summary(loaded.search(q))).toEqual(summary(index.search(q)));
    expect(loaded.search(questions[0])[0].highlighted).toBe(index.search(questions[0])[0].highlighted);
  });

  it('saves an index with removed reports without them', async () => {
    const copy = await PassageIndex.build(seedReports());
    copy.remove('000_49469f21e3e534d6.txt');
    const dir = path.join(tmp, 'compacted');
    await copy.save(dir);
    const loaded = await PassageIndex.load(dir);
    expect(loaded.size).toBe(copy.size);
    expect(loaded.reportIds().sort()).toEqual(copy.reportIds().sort());
    for (const q of questions) expect(loaded.search(q).map((h) => h.passage.text)).toEqual(copy.search(q).map((h) => h.passage.text));
  });

  it('accepts new reports after loading', async () => {
    const dir = path.join(tmp, 'grow');
    await (await PassageIndex.build(seedReports().slice(0, 2))).save(dir);
    const loaded = await PassageIndex.load(dir);
    loaded.add(seedReport('003_e1f77db6df68bd40.txt'));
    expect(loaded.search('双随机双公示')[0].passage.agency).toBe('呼兰区教育局');
    expect(loaded.search('杭州亚运会')[0].passage.agency).toBe('焦作市教育局');
  });
});

describe('PassageIndex.build in worker threads', () => {
  it('builds the same index as one thread does, word ids and counts included', async () => {
    const reports = Array.from({ length: 12 }, (_, i) => {
      const r = seedReport(SEED_FILES[i % SEED_FILES.length]);
      return { ...r, id: `${i}_${r.id}`, file: `${i}_${r.file}` };
    });
    const one = await PassageIndex.build(reports, { threads: 0 });
    const two = await PassageIndex.build(reports, { threads: 2 });
    expect(two.state.vocab).toEqual(one.state.vocab);
    expect(two.state.termBytes.view()).toEqual(one.state.termBytes.view());
    expect(two.state.passageLength.view()).toEqual(one.state.passageLength.view());
    expect(two.state.passageStart.view()).toEqual(one.state.passageStart.view());
    for (const q of ['同仁市教育局存在哪些问题', '双随机双公示', '政务公开工作']) expect(summary(two.search(q))).toEqual(summary(one.search(q)));
  }, 30_000);
});

describe('PassageIndex on a larger corpus (common words ranked from their postings)', () => {
  let big: PassageIndex;
  const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

  beforeAll(async () => {
    const reports = Array.from({ length: 60 }, (_, i) => {
      const r = seedReport(SEED_FILES[i % SEED_FILES.length]);
      return { ...r, id: `${i}_${r.id}`, file: `${i}_${r.file}`, meta: { ...r.meta, year: YEARS[i % YEARS.length] } };
    });
    big = await PassageIndex.build(reports);
  });

  it('ranks a question of common words as scoring every passage would', () => {
    const common = (word: string) => big.state.retrieval.isCommon(big.state.vocab.indexOf(word));
    expect(['政务公开', '工作', '信息公开', '加强', '存在', '问题'].every(common)).toBe(true);
    expect(common('亚运会')).toBe(false);
    for (const q of ['政务公开工作', '信息公开 工作 加强', '存在问题']) {
      const direct = big.search(q, { limit: 8 });
      // A filter that keeps every report makes the index score each passage one by one.
      const exhaustive = big.search(q, { limit: 8, filterYears: YEARS });
      expect(direct.length).toBe(8);
      expect(summary(direct)).toEqual(summary(exhaustive));
    }
  });

  it('ranks a question with a rare word as scoring every passage would', () => {
    const q = '杭州亚运会 网站巡查';
    expect(summary(big.search(q, { limit: 5 }))).toEqual(summary(big.search(q, { limit: 5, filterYears: YEARS })));
  });

  it('gives the same results after saving and loading', async () => {
    const dir = path.join(tmp, 'big');
    await big.save(dir);
    const loaded = await PassageIndex.load(dir);
    for (const q of ['政务公开工作', '杭州亚运会 网站巡查', '鹤岗教育公众号发了多少条信息']) {
      expect(summary(loaded.search(q))).toEqual(summary(big.search(q)));
    }
  });
});
