import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { oneCopyEach } from './copies.js';
import { openIndex } from './open.js';
import type { PassageIndex } from './passage-index.js';

let root: string;
let corpusDir: string;
let indexDir: string;

const HULAN = '003_e1f77db6df68bd40.txt';
/** The same report as a crawler saved it: a header of the page's fields, then the text. */
const CRAWLED = 'hulan-2020-page.txt';

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'search-copies-'));
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  const text = await readFile(path.join(corpusDir, HULAN), 'utf8');
  const header = ['标题: 呼兰区教育局2020年政府信息公开工作年度报告', '发布时间: 2021-01-20 10:00', '==================== 正文 ====================', ''].join('\n');
  await writeFile(path.join(corpusDir, CRAWLED), header + text);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The files of the hits, and their sentences. */
const shown = (index: PassageIndex, q: string) => {
  const hits = index.search(q, { limit: 5 });
  return { files: new Set(hits.map((h) => h.passage.reportId)), sentences: hits.map((h) => h.sentence) };
};

describe('passage search over a report held in two files', () => {
  it('shows each passage once, from one of the copies', async () => {
    const { index } = await openIndex({ corpusDir, indexDir });
    expect(index.reportCount).toBe(6);
    const { files, sentences } = shown(index, '双随机双公示');
    expect(files.has(HULAN) && files.has(CRAWLED)).toBe(false);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('still does after the index is saved and loaded', async () => {
    await openIndex({ corpusDir, indexDir });
    const again = await openIndex({ corpusDir, indexDir });
    expect(again.how).toBe('loaded');
    const { files, sentences } = shown(again.index, '双随机双公示');
    expect(files.has(HULAN) && files.has(CRAWLED)).toBe(false);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('shows the other copy when one file leaves the corpus, and one copy when it comes back (updates)', async () => {
    await openIndex({ corpusDir, indexDir });
    const text = await readFile(path.join(corpusDir, HULAN), 'utf8');
    await unlink(path.join(corpusDir, HULAN));
    const without = await openIndex({ corpusDir, indexDir });
    expect(without.how).toBe('updated');
    expect(shown(without.index, '双随机双公示').files.has(CRAWLED)).toBe(true);
    await writeFile(path.join(corpusDir, HULAN), text);
    const back = await openIndex({ corpusDir, indexDir });
    expect(back.how).toBe('updated');
    const { files, sentences } = shown(back.index, '双随机双公示');
    expect(files.has(HULAN) && files.has(CRAWLED)).toBe(false);
    expect(new Set(sentences).size).toBe(sentences.length);
  });
});

describe('oneCopyEach', () => {
  it("keeps the hits of each group's best-ranked copy, in rank order", () => {
    const group: Record<number, string> = { 1: 'a', 2: 'a', 3: 'b' };
    const hits = [{ r: 2 }, { r: 3 }, { r: 1 }, { r: 2 }, { r: 3 }];
    expect(oneCopyEach(hits, (h) => h.r, (r) => group[r])).toEqual([{ r: 2 }, { r: 3 }, { r: 2 }, { r: 3 }]);
  });
});
