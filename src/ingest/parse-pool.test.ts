import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { listCorpusFiles, readReportFile } from './corpus.js';
import { readReportFiles } from './parse-pool.js';

describe('parsing in worker threads', () => {
  it('gives the same reports as parsing one by one, each under its file', async () => {
    const files = [...(await listCorpusFiles(CORPUS_DIR)), 'missing.txt'];
    const inWorkers: unknown[] = new Array(files.length);
    let calls = 0;
    await readReportFiles(CORPUS_DIR, files, 2, (i, result) => {
      inWorkers[i] = result;
      calls++;
    });
    expect(calls).toBe(files.length);
    const oneByOne = await Promise.all(files.map((f) => readReportFile(CORPUS_DIR, f)));
    expect(inWorkers).toEqual(oneByOne);
    expect(inWorkers[inWorkers.length - 1]).toMatchObject({ ok: false, error: { file: 'missing.txt' } });
  });
});
