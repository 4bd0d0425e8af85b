import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { listCorpusFiles, readReportFile } from './corpus.js';
import { readReportFiles } from './parse-pool.js';

describe('parsing in worker threads', () => {
  it('gives the same reports, in the same order, as parsing one by one', async () => {
    const files = [...(await listCorpusFiles(CORPUS_DIR)), 'missing.txt'];
    const inWorkers = await readReportFiles(CORPUS_DIR, files, 2);
    const oneByOne = await Promise.all(files.map((f) => readReportFile(CORPUS_DIR, f)));
    expect(inWorkers).toEqual(oneByOne);
    expect(inWorkers[inWorkers.length - 1]).toMatchObject({ ok: false, error: { file: 'missing.txt' } });
  });
});
