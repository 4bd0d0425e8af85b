import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT } from '../../test/paths.js';

const run = promisify(execFile);
const cli = (script: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli', script), ...args], { cwd: ROOT, encoding: 'utf8' });

let indexDir: string;
beforeAll(async () => {
  indexDir = await mkdtemp(path.join(os.tmpdir(), 'search-cli-'));
});
afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

// Each test starts a process; building the index loads jieba's dictionary (seconds on a busy machine).
describe('npm run index / npm run search', { timeout: 180_000 }, () => {
  it('index prints one line per report and the totals', async () => {
    const { stdout } = await cli('index-build.ts', ['--corpus', CORPUS_DIR, '--index', indexDir]);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => /^\d{3}_\w+\.txt  \S+ \d{4}年  \d+ 段  \d+ 词$/.test(l))).toHaveLength(5);
    expect(lines[lines.length - 1]).toMatch(/^共 5 份报告，\d+ 段/);
  });

  it('search --json prints the ranked passages with agency, year, section and sentence', async () => {
    const { stdout } = await cli('search.ts', ['同仁市教育局存在哪些问题', '--json', '--limit', '2', '--corpus', CORPUS_DIR, '--index', indexDir]);
    const out = JSON.parse(stdout) as { query: string; rebuilt: boolean; hits: Array<Record<string, unknown>> };
    expect(out.rebuilt).toBe(false);
    expect(out.hits).toHaveLength(2);
    expect(out.hits[0]).toMatchObject({ rank: 1, agency: '同仁市教育局', year: 2021, sectionNo: 5, section: '五、存在的主要问题及改进情况' });
    expect(typeof out.hits[0].highlighted).toBe('string');
  });

  it('search heads a table row by its table and row', async () => {
    const { stdout } = await cli('search.ts', ['2896.642', '--limit', '1', '--corpus', CORPUS_DIR, '--index', indexDir]);
    expect(stdout).toContain('1. 牡丹江市教育局 2020年 · 表一 · 政府集中采购');
    expect(stdout).toContain('采购总金额 【2896.642】万元');
  });

  it('search prints a readable list with the matches marked', async () => {
    const { stdout } = await cli('search.ts', ['杭州亚运会期间加强网站巡查', '--limit', '1', '--corpus', CORPUS_DIR, '--index', indexDir]);
    expect(stdout).toContain('1. 焦作市教育局 2023年 · 一、总体情况');
    expect(stdout).toContain('【杭州亚运会】');
  });
});
