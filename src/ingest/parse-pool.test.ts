import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { listCorpusFiles, readReportFile } from './corpus.js';
import { readReportFiles } from './parse-pool.js';
import type { Report, Result } from './report.js';

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

  it('a worker stopping dead on one file costs that file only, named, and the others are read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pool-'));
    const seeds = await listCorpusFiles(CORPUS_DIR);
    for (const f of seeds) copyFileSync(path.join(CORPUS_DIR, f), path.join(dir, f));
    copyFileSync(path.join(CORPUS_DIR, seeds[0]), path.join(dir, 'stop.txt'));
    const files = [seeds[0], 'stop.txt', ...seeds.slice(1)];
    const results = new Map<string, Result<Report>>();
    const stopping = new URL('./__fixtures__/stopping-parse-worker.ts', import.meta.url);
    await readReportFiles(dir, files, 2, (i, r) => results.set(files[i], r), stopping);
    expect([...results.keys()].sort()).toEqual([...files].sort());
    for (const f of seeds) expect(results.get(f)?.ok, f).toBe(true);
    const stopped = results.get('stop.txt');
    expect(stopped).toMatchObject({ ok: false, error: { file: 'stop.txt' } });
    if (stopped && !stopped.ok) expect(stopped.error.message).toMatch(/解析线程意外停止/);
  });
});
