import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { parserVersion } from './cache.js';
import { loadCorpus } from './corpus.js';

function setup() {
  const corpus = mkdtempSync(path.join(tmpdir(), 'cache-corpus-'));
  const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'cache-index-')), 'reports');
  copyFileSync(path.join(CORPUS_DIR, '001_e71b04dab10cb976.txt'), path.join(corpus, 'a.txt'));
  copyFileSync(path.join(CORPUS_DIR, '003_e1f77db6df68bd40.txt'), path.join(corpus, 'b.txt'));
  return { corpus, cacheDir, cacheFile: path.join(cacheDir, 'reports.jsonl') };
}

/** Marks the cached copy of a report, so a test can tell a cached report from a parsed one. */
function markCached(cacheFile: string, agency: string, mark: string) {
  writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').replace(`"agency":"${agency}"`, `"agency":"${mark}"`));
}

describe('parsed reports kept beside the index', () => {
  it('are read back for unchanged files, with the same facts as a fresh parse', async () => {
    const { corpus, cacheDir, cacheFile } = setup();
    const first = await loadCorpus(corpus, { cacheDir });
    markCached(cacheFile, '焦作市教育局', '缓存中的焦作');
    const second = await loadCorpus(corpus, { cacheDir });
    expect(second.reports.map((r) => r.meta.agency)).toEqual(['缓存中的焦作', '呼兰区教育局']);
    expect(second.reports[1].facts).toEqual(first.reports[1].facts);
    expect(second.reports[1].sections).toEqual(first.reports[1].sections);
    expect(second.reports[1].text).toEqual(first.reports[1].text);
  });

  it('are parsed anew when a file changes, and the cache follows', async () => {
    const { corpus, cacheDir, cacheFile } = setup();
    await loadCorpus(corpus, { cacheDir });
    markCached(cacheFile, '呼兰区教育局', '缓存中的呼兰');
    writeFileSync(path.join(corpus, 'b.txt'), `${readFileSync(path.join(corpus, 'b.txt'), 'utf8')}\n`);
    const again = await loadCorpus(corpus, { cacheDir });
    expect(again.reports.map((r) => r.meta.agency)).toEqual(['焦作市教育局', '呼兰区教育局']);
    expect(readFileSync(cacheFile, 'utf8')).not.toContain('缓存中的呼兰');
  });

  it('are ignored when written by another parser or cut short', async () => {
    const { corpus, cacheDir, cacheFile } = setup();
    await loadCorpus(corpus, { cacheDir });
    markCached(cacheFile, '焦作市教育局', '缓存中的焦作');
    const lines = readFileSync(cacheFile, 'utf8').split('\n');
    writeFileSync(cacheFile, [lines[0].replace(parserVersion(), 'another-parser'), ...lines.slice(1)].join('\n'));
    expect((await loadCorpus(corpus, { cacheDir })).reports[0].meta.agency).toBe('焦作市教育局');

    await loadCorpus(corpus, { cacheDir });
    markCached(cacheFile, '焦作市教育局', '缓存中的焦作');
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').split('\n').slice(0, 2).join('\n'));
    expect((await loadCorpus(corpus, { cacheDir })).reports[0].meta.agency).toBe('焦作市教育局');
  });

  it('keep their file names when the same content sits under another name', async () => {
    const { corpus, cacheDir } = setup();
    await loadCorpus(corpus, { cacheDir });
    copyFileSync(path.join(corpus, 'a.txt'), path.join(corpus, 'c.txt'));
    const again = await loadCorpus(corpus, { cacheDir });
    expect(again.reports.map((r) => r.file)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });
});
