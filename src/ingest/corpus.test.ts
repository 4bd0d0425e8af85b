import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT } from '../../test/paths.js';
import { listCorpusFiles, loadCorpus } from './corpus.js';
import { parseReportText } from './parse.js';

const run = promisify(execFile);

function corpusWithJunk(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
  copyFileSync(path.join(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt'), path.join(dir, 'good.txt'));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'junk.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(path.join(dir, 'notes.txt'), '会议纪要\n今天讨论了食堂的菜单。\n');
  return dir;
}

describe('reading a corpus folder', () => {
  it('reads the good report and names each bad file with its problem', async () => {
    const { reports, errors } = await loadCorpus(corpusWithJunk());
    expect(reports.map((r) => r.file)).toEqual(['good.txt']);
    expect(errors.map((e) => e.file).sort()).toEqual(['empty.txt', 'junk.txt', 'notes.txt']);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(3);
  });

  it('lists report files of nested folders by their paths, skipping hidden files and the corpus notes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
    mkdirSync(path.join(dir, '黑龙江', '鹤岗'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    for (const f of ['黑龙江/鹤岗/2020.txt', '黑龙江/a.html', 'b.md', 'SOURCES.md', '.hidden.txt', '.git/x.txt', 'c.pdf', 'd.xlsx']) writeFileSync(path.join(dir, f), 'x');
    expect(await listCorpusFiles(dir)).toEqual(['b.md', 'c.pdf', '黑龙江/a.html', '黑龙江/鹤岗/2020.txt']);
  });

  it('survives a 5 MB report without losing its tables', () => {
    const seed = readFileSync(path.join(CORPUS_DIR, '003_e1f77db6df68bd40.txt'), 'utf8');
    const filler = '本年度继续推进政务公开工作，持续完善制度。\n'.repeat(Math.ceil(5_000_000 / 60));
    const big = seed.replace('二、主动公开政府信息情况', `${filler}二、主动公开政府信息情况`);
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    const r = parseReportText(big, 'big.txt');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.facts.find((f) => f.metric === 'licensing.decisions')?.value).toEqual({ kind: 'number', value: 56 });
  });

  it('reads a report that a line of a million blanks, a sentence of 200,000 figures and unclosed bookmarks follow', () => {
    const seed = readFileSync(path.join(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt'), 'utf8');
    const before = parseReportText(seed, 'seed.txt');
    const r = parseReportText(`${seed}\n${' \t'.repeat(500_000)}\n${'发布信息1条，'.repeat(200_000)}\n${'[bookmark: '.repeat(200_000)}\n`, 'hostile.txt');
    expect(r.ok && before.ok).toBe(true);
    if (!r.ok || !before.ok) return;
    const tableFacts = (facts: typeof r.value.facts) => facts.filter((f) => f.origin === 'table');
    expect(tableFacts(r.value.facts)).toEqual(tableFacts(before.value.facts));
    expect(r.value.facts.filter((f) => f.origin === 'narrative').length).toBeGreaterThanOrEqual(200_000);
  });

  it('never throws on arbitrary text', () => {
    for (const text of ['', '\t\t\t', '二、主动公开政府信息情况\n规章\t', '三、收到和处理政府信息公开申请情况\n（七）总计 99999999999999999999999', '第二十条'.repeat(1000)]) {
      expect(() => parseReportText(text, 'x.txt')).not.toThrow();
    }
  });
});

describe('facts and check commands', () => {
  it('print one JSON object per report, and exit non-zero only when nothing could be read', async () => {
    const dir = corpusWithJunk();
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/facts.ts', '--json', '--corpus', dir], { cwd: ROOT });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: 'good.txt', agency: '牡丹江市教育局', year: 2020, template: '2019', publishedAt: '2021-01-25' });
    expect(lines[0].facts['procurement.projects']).toBe(38);
    expect(lines[0].facts['requests.total_processed.total']).toBeNull();
    expect(stderr).toContain('junk.txt');

    const empty = mkdtempSync(path.join(tmpdir(), 'corpus-empty-'));
    await expect(run('npx', ['tsx', 'src/cli/facts.ts', '--corpus', empty], { cwd: ROOT })).rejects.toMatchObject({ code: 1 });
  });

  it('check prints the findings grouped by report', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/cli/check.ts', '--corpus', CORPUS_DIR], { cwd: ROOT });
    expect(stdout).toContain('牡丹江市教育局 2020年');
    expect(stdout).toContain('正文称政府集中采购项目7项，表格为38项');
  });
});
