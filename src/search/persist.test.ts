import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { seedReport, SEED_FILES } from './__fixtures__/seed-reports.js';
import { passagesOf } from './coding.js';
import { FORMAT_VERSION, readManifest } from './manifest.js';
import { openForSearch, openIndex, PASSAGES_SUBDIR } from './open.js';
import { PassageIndex, type PassageHit } from './passage-index.js';
import { IndexReadError, openStateSync } from './persist.js';
import { readLexicon } from './postings-file.js';
import { forEachTerm } from './state.js';

/**
 * The index on disk (format 7): each term's postings stored and found by offset, so that an index
 * opened for searching reads only the lists its questions need.
 */

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const QUESTIONS = [
  '政务公开工作', // common words only: ranked from their postings
  '信息公开 工作 加强',
  '杭州亚运会 网站巡查', // a rare word: flexsearch's candidates, scored one by one
  '鹤岗教育公众号发了多少条信息', // an agency named
  '同仁市教育局存在哪些问题',
  '0451-57335436',
];
const summary = (hits: PassageHit[]) => hits.map((h) => `${h.passage.reportId}#${h.passage.id}:${h.score.toFixed(9)}:${h.highlighted}`);

let tmp: string;
let built: PassageIndex;
let dir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'persist-'));
  // Enough reports for common words (in more than 50 passages) besides rare ones.
  const reports = Array.from({ length: 60 }, (_, i) => {
    const r = seedReport(SEED_FILES[i % SEED_FILES.length]);
    return { ...r, id: `${i}_${r.id}`, file: `${i}_${r.file}`, meta: { ...r.meta, year: YEARS[i % YEARS.length] } };
  });
  built = await PassageIndex.build(reports);
  dir = path.join(tmp, 'index');
  await built.save(dir);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the saved index (format 7)', () => {
  it('stores each term\'s passages, in order, as the passages\' own terms say', async () => {
    const manifest = (await readManifest(dir))!;
    expect(manifest.format).toBe(FORMAT_VERSION);
    const postings = await readFile(path.join(dir, 'postings.bin'));
    const lexicon = await readFile(path.join(dir, 'lexicon.bin'));
    const { ends, common } = readLexicon(new Uint8Array(lexicon.buffer, lexicon.byteOffset, lexicon.length), manifest.counts.terms, manifest.counts.commonTerms);
    const holding = built.state.vocab.map(() => [] as number[]);
    for (let pid = 0; pid < built.state.passageReport.length; pid++) forEachTerm(built.state, pid, (t) => holding[t].push(pid));
    for (let t = 0; t < holding.length; t++) expect(passagesOf(postings, t === 0 ? 0 : ends[t - 1], ends[t])).toEqual(holding[t]);
    expect([...common].sort((a, b) => a - b)).toEqual([...built.state.retrieval.common.keys()].sort((a, b) => a - b));
    expect(common.length).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'common.bin')) || existsSync(path.join(dir, 'flex'))).toBe(false);
  });

  it('gives the same results loaded whole and opened for searching as when built', async () => {
    const loaded = await PassageIndex.load(dir);
    const opened = new PassageIndex(openStateSync(dir, await readManifest(dir)));
    for (const q of QUESTIONS) {
      const want = summary(built.search(q));
      expect(want.length).toBeGreaterThan(0);
      expect(summary(loaded.search(q))).toEqual(want);
      expect(summary(opened.search(q))).toEqual(want);
      // Filters that keep every report: every passage scored one by one, its terms read from disk.
      expect(summary(opened.search(q, { filterYears: YEARS }))).toEqual(summary(built.search(q, { filterYears: YEARS })));
    }
    expect(opened.passagesOf(built.reportIds()[3]).map((p) => p.text)).toEqual(built.passagesOf(built.reportIds()[3]).map((p) => p.text));
    opened.close();
  });

  it('opened for searching, takes no reports (it is loaded whole for that)', async () => {
    const opened = new PassageIndex(openStateSync(dir, await readManifest(dir)));
    expect(() => opened.add(seedReport(SEED_FILES[0]))).toThrow(/searching only/);
    await expect(opened.save(path.join(tmp, 'never'))).rejects.toThrow(/searching only/);
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
    opened.close();
  });

  it('says which file is damaged when postings.bin or terms.bin is cut short', async () => {
    for (const file of ['postings.bin', 'terms.bin', 'lexicon.bin']) {
      const copy = path.join(tmp, `cut-${file}`);
      await cp(dir, copy, { recursive: true });
      await truncate(path.join(copy, file), 7);
      const manifest = await readManifest(copy);
      expect(() => openStateSync(copy, manifest)).toThrow(IndexReadError);
      expect(() => openStateSync(copy, manifest)).toThrow(new RegExp(file.replace('.', '\\.')));
      await expect(PassageIndex.load(copy, manifest!)).rejects.toThrow(new RegExp(file.replace('.', '\\.')));
    }
  });
});

describe('opening a corpus\'s index of format 7', () => {
  let root: string;
  let corpusDir: string;
  let indexDir: string;
  let passagesDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'persist-open-'));
    corpusDir = path.join(root, 'corpus');
    indexDir = path.join(root, 'index');
    passagesDir = path.join(indexDir, PASSAGES_SUBDIR);
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('rebuilds an index of format 6 (flexsearch export and common.bin, no postings.bin)', async () => {
    await openIndex({ corpusDir, indexDir, force: true });
    const manifestFile = path.join(passagesDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    // What format 6 wrote: the same files but for postings.bin and lexicon.bin.
    await unlink(path.join(passagesDir, 'postings.bin'));
    await unlink(path.join(passagesDir, 'lexicon.bin'));
    await writeFile(path.join(passagesDir, 'common.bin'), '');
    const { postingBytes: _, ...counts } = manifest.counts;
    await writeFile(manifestFile, JSON.stringify({ ...manifest, format: 6, counts: { ...counts, commonBytes: 0 }, flexKeys: [] }));

    const index = await openForSearch({ corpusDir, indexDir });
    expect(index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).toBe('呼兰区教育局');
    expect((await readManifest(passagesDir))?.format).toBe(FORMAT_VERSION);
    expect(existsSync(path.join(passagesDir, 'postings.bin'))).toBe(true);
    expect(existsSync(path.join(passagesDir, 'common.bin'))).toBe(false);
  });

  it('with postings.bin cut short: the first search says so and the files stay; openIndex rebuilds it', async () => {
    await openIndex({ corpusDir, indexDir, force: true });
    const postings = path.join(passagesDir, 'postings.bin');
    await truncate(postings, 7);
    const index = await openForSearch({ corpusDir, indexDir });
    expect(() => index.search('双随机双公示')).toThrow(/postings\.bin.*索引已损坏/);
    // Nothing was replaced behind the search's back: the damaged files are as they were.
    expect((await readFile(postings)).length).toBe(7);

    const reopened = await openIndex({ corpusDir, indexDir });
    expect(reopened.how).toBe('built');
    expect(reopened.index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).toBe('呼兰区教育局');
    expect((await readFile(postings)).length).toBeGreaterThan(7);
  });
});
