import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import type { Report } from '../ingest/report.js';
import { readManifest } from './manifest.js';
import { openForSearch, openIndex, PASSAGES_SUBDIR } from './open.js';
import { PassageIndex } from './passage-index.js';

let root: string;
let corpusDir: string;
let indexDir: string;
let passagesDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'open-index-'));
  corpusDir = path.join(root, 'corpus');
  indexDir = path.join(root, 'index');
  passagesDir = path.join(indexDir, PASSAGES_SUBDIR);
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const HULAN = '003_e1f77db6df68bd40.txt';
const JIAOZUO = '001_e71b04dab10cb976.txt';
const topAgency = (index: PassageIndex, q: string) => index.search(q, { limit: 1 })[0]?.passage.agency;

describe('openIndex', () => {
  it('builds and saves the index when there is none', async () => {
    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.rebuilt).toBe(true);
    expect(opened.index.reportCount).toBe(5);
    const manifest = await readManifest(passagesDir);
    expect(manifest?.files.map((f) => f.file)).toHaveLength(5);
  });

  it('loads the saved index when the corpus has not changed', async () => {
    const first = await openIndex({ corpusDir, indexDir });
    const second = await openIndex({ corpusDir, indexDir });
    expect(second.rebuilt).toBe(false);
    expect(second.index.size).toBe(first.index.size);
    expect(topAgency(second.index, '双随机双公示')).toBe('呼兰区教育局');
  });

  it('accepts the corpus files and reports the caller already read', async () => {
    const corpus = await loadCorpus(corpusDir);
    await openIndex({ corpusDir, indexDir, reports: corpus.reports, files: corpus.files });
    const again = await openIndex({ corpusDir, indexDir, files: corpus.files });
    expect(again.rebuilt).toBe(false);
  });

  it('sees a changed corpus file and re-indexes that report only', async () => {
    await openIndex({ corpusDir, indexDir });
    const file = path.join(corpusDir, HULAN);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('全面实施“双随机双公示”', '全面实施“智慧校园平台”建设'));

    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.rebuilt).toBe(true);
    expect(opened.how).toBe('updated');
    expect(opened.changed).toEqual([HULAN]);
    expect(topAgency(opened.index, '智慧校园平台')).toBe('呼兰区教育局');
    expect(opened.index.passagesOf(HULAN).some((p) => p.text.includes('双随机双公示'))).toBe(false);

    const reopened = await openIndex({ corpusDir, indexDir });
    expect(reopened.rebuilt).toBe(false);
    expect(topAgency(reopened.index, '智慧校园平台')).toBe('呼兰区教育局');
  });

  it('drops the report of a file that is gone', async () => {
    await openIndex({ corpusDir, indexDir });
    await unlink(path.join(corpusDir, JIAOZUO));
    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.removed).toEqual([JIAOZUO]);
    expect(opened.index.reportCount).toBe(4);
    expect(opened.index.search('杭州亚运会').map((h) => h.passage.agency)).not.toContain('焦作市教育局');
  });

  it('rebuilds an index of another format', async () => {
    await openIndex({ corpusDir, indexDir });
    const manifestFile = path.join(passagesDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, format: 0 }));
    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.how).toBe('built');
  });

  it('rebuilds a damaged index', async () => {
    await openIndex({ corpusDir, indexDir });
    await truncate(path.join(passagesDir, 'terms.bin'), 10);
    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.how).toBe('built');
    expect(topAgency(opened.index, '双随机双公示')).toBe('呼兰区教育局');
  });
});

describe('adding to a saved index', () => {
  it('keeps the texts file, appending only the new passages, and reads old and new texts', async () => {
    const { reports, files } = await loadCorpus(corpusDir);
    const fifth = reports.find((r) => r.file === HULAN) as Report;
    const others = reports.filter((r) => r !== fifth);
    await (await PassageIndex.build(others)).save(passagesDir, { files: files.filter((f) => f.file !== HULAN) });
    const textsFile = path.join(passagesDir, 'texts.bin');
    const before = await stat(textsFile);
    const loaded = await PassageIndex.load(passagesDir);
    loaded.add(fifth);
    await loaded.save(passagesDir, { files });

    const after = await stat(textsFile);
    expect(after.ino).toBe(before.ino);
    expect(after.size).toBeGreaterThan(before.size);
    const again = await PassageIndex.load(passagesDir);
    expect(again.reportCount).toBe(5);
    const hit = again.search('双随机双公示', { limit: 1 })[0];
    expect(hit.passage.agency).toBe('呼兰区教育局');
    expect(hit.passage.text).toContain('双随机');
    const old = again.search('杭州亚运会期间加强网站巡查', { limit: 1 })[0];
    expect(old.passage.agency).toBe('焦作市教育局');
    expect(old.passage.text).toContain('亚运会');
  });
});

describe('a build that fails', () => {
  it('leaves the previous index serving when the build throws halfway', async () => {
    const { reports, files } = await loadCorpus(corpusDir);
    await openIndex({ corpusDir, indexDir, reports, files });
    const broken = [reports[0], { ...reports[1], sections: null } as unknown as Report, ...reports.slice(2)];
    await expect(openIndex({ corpusDir, indexDir, reports: broken, files, force: true })).rejects.toThrow();

    const loaded = await PassageIndex.load(passagesDir);
    expect(loaded.reportCount).toBe(5);
    expect(topAgency(loaded, '杭州亚运会期间加强网站巡查')).toBe('焦作市教育局');
  });

  it('leaves the previous index serving when writing fails halfway', async () => {
    const { reports, files } = await loadCorpus(corpusDir);
    await openIndex({ corpusDir, indexDir, reports, files });
    const before = await readManifest(passagesDir);
    // The manifest is written last; a value JSON cannot write makes the write fail there.
    const unwritable = [...files, { file: 'x.txt', sha256: 1n as unknown as string }];
    const index = await PassageIndex.build(reports.slice(0, 2));
    await expect(index.save(passagesDir, { files: unwritable })).rejects.toThrow();

    expect(await readManifest(passagesDir)).toEqual(before);
    expect((await PassageIndex.load(passagesDir)).reportCount).toBe(5);
    expect((await readdir(indexDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('leaves the previous index serving when a save that appended to its texts fails', async () => {
    const { reports, files } = await loadCorpus(corpusDir);
    await (await PassageIndex.build(reports.slice(0, 4))).save(passagesDir, { files: files.slice(0, 4) });
    const loaded = await PassageIndex.load(passagesDir);
    loaded.add(reports[4]);
    const unwritable = [...files, { file: 'x.txt', sha256: 1n as unknown as string }];
    await expect(loaded.save(passagesDir, { files: unwritable })).rejects.toThrow();

    const again = await PassageIndex.load(passagesDir);
    expect(again.reportCount).toBe(4);
    const hit = again.search('双随机双公示', { limit: 1 })[0];
    expect(hit.passage.agency).toBe('呼兰区教育局');
    expect(hit.passage.text).toContain('双随机');
  });

  it('puts back an index whose replacement stopped between its two renames', async () => {
    await openIndex({ corpusDir, indexDir });
    await rename(passagesDir, `${passagesDir}.old-999999-abcd1234`);
    const opened = await openIndex({ corpusDir, indexDir });
    expect(opened.rebuilt).toBe(false);
    expect(existsSync(passagesDir)).toBe(true);
  });

  it('is not disturbed by the half-written folder of a crashed build, and clears it', async () => {
    await openIndex({ corpusDir, indexDir });
    const leftover = `${passagesDir}.tmp-999999-abcd1234`;
    await mkdir(leftover);
    await writeFile(path.join(leftover, 'columns.bin'), 'half');
    expect((await openIndex({ corpusDir, indexDir })).rebuilt).toBe(false);
    await openIndex({ corpusDir, indexDir, force: true });
    expect(existsSync(leftover)).toBe(false);
  });
});

describe('openForSearch (the engine\'s index, read at its first search)', () => {
  it('does not read the passages of a fresh index until a search needs them', async () => {
    await openIndex({ corpusDir, indexDir });
    const index = await openForSearch({ corpusDir, indexDir });
    // Damaged after opening: only the first search finds out, so opening did not read it.
    await truncate(path.join(passagesDir, 'columns.bin'), 10);
    expect(() => index.search('双随机双公示')).toThrow(/columns\.bin/);
  });

  it('reads the index ahead when warmed, so that a first search does not wait for it', async () => {
    await openIndex({ corpusDir, indexDir });
    const index = await openForSearch({ corpusDir, indexDir });
    index.warm();
    // Read already: damaging the files now changes nothing.
    await truncate(path.join(passagesDir, 'columns.bin'), 10);
    expect(index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).toBe('呼兰区教育局');
  });

  it('finds what the loaded index finds', async () => {
    await openIndex({ corpusDir, indexDir });
    const index = await openForSearch({ corpusDir, indexDir });
    expect(index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).toBe('呼兰区教育局');
  });

  it('builds a missing index before it returns, as openIndex does', async () => {
    const index = await openForSearch({ corpusDir, indexDir });
    expect(await readManifest(passagesDir)).not.toBeNull();
    expect(index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).toBe('呼兰区教育局');
  });

  it('reads the index a rebuild put in place after it opened', async () => {
    await openIndex({ corpusDir, indexDir });
    const index = await openForSearch({ corpusDir, indexDir });
    await unlink(path.join(corpusDir, HULAN));
    await openIndex({ corpusDir, indexDir, force: true });
    expect(index.search('双随机双公示', { limit: 1 })[0]?.passage.agency).not.toBe('呼兰区教育局');
  });
});
