import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type QueryEngine } from '../src/query/engine.js';
import { CORPUS_DIR } from './paths.js';

/** A figure printed only in a table, asked through the engine on the bundled corpus. */
describe('a figure that stands only in a table', () => {
  let engine: QueryEngine;
  let indexDir: string;
  beforeAll(async () => {
    indexDir = mkdtempSync(path.join(tmpdir(), 'table-rows-'));
    engine = await createEngine({ corpusDir: CORPUS_DIR, indexDir });
  }, 120_000);
  afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

  it('is answered with its report, its table and its row', async () => {
    const a = await engine.ask('2896.642');
    expect(a.route).toBe('search');
    expect(a.text.split('\n')[1]).toBe('1. 牡丹江市教育局 2020年 · 表一 政府集中采购：采购项目数量 38项，采购总金额 2896.642万元');
    expect(a.citations[0]).toMatchObject({ agency: '牡丹江市教育局', year: 2020, section: '二、主动公开政府信息情况' });
  });
});
