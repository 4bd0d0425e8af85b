import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import { PassageIndex } from './index.js';

describe('segmenting in worker threads', () => {
  it('builds the same index as segmenting in this thread', async () => {
    const { reports } = await loadCorpus(CORPUS_DIR);
    const inWorkers = await PassageIndex.build(reports, { threads: 2 });
    const here = await PassageIndex.build(reports, { threads: 0 });
    expect(inWorkers.size).toBe(here.size);
    for (const q of ['双随机双公示', '鹤岗教育公众号发了多少条信息', '杭州亚运会期间加强网站巡查', '存在的主要问题']) {
      expect(inWorkers.search(q), q).toEqual(here.search(q));
    }
  });
});
