/**
 * The facts and check commands over the seed reports and twelve kinds of broken file beside
 * them: each broken file is named on one line with its problem, every seed is read in full, and
 * nothing stops the run. Every file is generated here from a fixed seed; the unreadable kinds
 * are the generator's (test/bench/generator/hostile.ts), which `npm run gen -- --hostile` shares.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_KINDS, hostileFileName, writeHostileFile } from '../../test/bench/generator/hostile.js';
import { CORPUS_DIR, ROOT } from '../../test/paths.js';
import { factsRecord, type FactsRecord } from '../facts/record.js';
import { loadCorpus, readReportFile } from '../ingest/corpus.js';

const run = promisify(execFile);

const seed = (file: string) => readFileSync(path.join(CORPUS_DIR, file));
const SEEDS = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).sort();

/** Each broken file and what its line must say. */
const BROKEN: Record<string, RegExp> = {
  'empty.txt': /文件为空/,
  'random-bytes.txt': /不像文字/,
  'nul-bytes.txt': /不像文字/,
  'five-mb.txt': /不是政府信息公开年度报告/,
  'nested-tables.html': /不是政府信息公开年度报告/,
  'not-a-report.txt': /不是政府信息公开年度报告/,
  'renamed-pdf.txt': /PDF 文件已损坏或无法打开/,
  'one-line-2mb.txt': /不是政府信息公开年度报告/,
  'unclosed-tags.html': /不是政府信息公开年度报告/,
  'only-blanks.txt': /只有空白/,
  'dangling-link.txt': /文件不存在/,
  'named-pipe.txt': /命名管道/,
};

function brokenCorpus(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-broken-'));
  for (const f of SEEDS) copyFileSync(path.join(CORPUS_DIR, f), path.join(dir, f));
  const put = (name: string, content: string | Buffer) => writeFileSync(path.join(dir, name), content);

  // Every kind of hostile file the generator knows, under its usual name.
  for (const kind of HOSTILE_KINDS) writeHostileFile(dir, kind);
  // A folder named like a file holds no report: nothing to say about it.
  mkdirSync(path.join(dir, 'folder.txt'));

  // Read, not broken: a few damaged bytes, absurd cells, UTF-16 without a byte order mark.
  // Each under another agency's name, so that it is a report of its own and not a copy of the
  // seed it is made from (copies are merged into one report).
  const another = (text: string) => text.replaceAll('教育局', '体育局');
  const s004 = Buffer.from(another(seed('004_1f4ee6e2bcc4addb.txt').toString('utf8')));
  const line12 = s004.toString('utf8').split('\n').slice(0, 11).join('\n');
  const at = Buffer.byteLength(line12) + 1;
  put('damaged-utf8.txt', Buffer.concat([s004.subarray(0, at), Buffer.from([0xff, 0xfe, 0xff, 0xff, 0xc0, 0xc1, 0xf5, 0xf8, 0xfe]), s004.subarray(at)]));
  const absurd = another(seed('002_de8f091d9f2bb639.txt').toString('utf8'))
    .split('\n')
    .map((l) => (l.startsWith('一、本年新收') ? '一、本年新收政府信息公开申请数量\t\t99999999999999999999\t1e30\t-5\t0\t0\t0\t0\t' : l))
    .join('\n');
  put('absurd-numbers.txt', absurd);
  put('utf16-no-bom.txt', iconv.encode(another(seed('001_e71b04dab10cb976.txt').toString('utf8')), 'utf-16le'));
  return dir;
}

const STACK_TRACE = /\n\s+at |RangeError|TypeError|Maximum call stack|node:internal/;

describe('facts and check over the seeds and twelve kinds of broken file', () => {
  let dir: string;
  let facts: { stdout: string; stderr: string };
  let records: Map<string, FactsRecord>;
  beforeAll(async () => {
    dir = brokenCorpus();
    facts = await run('npx', ['tsx', 'src/cli/facts.ts', '--json', '--corpus', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    records = new Map(
      facts.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as FactsRecord)
        .map((r) => [r.file, r]),
    );
  }, 180_000);

  it('has a line to expect for every kind of hostile file', () => {
    expect(HOSTILE_KINDS.map(hostileFileName).sort()).toEqual(Object.keys(BROKEN).sort());
  });

  it('names each broken file on one line with its problem, and nothing else', () => {
    const lines = facts.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(': ')[0]).sort()).toEqual(Object.keys(BROKEN).sort());
    for (const line of lines) {
      const [file, message] = line.split(/: (.*)/s);
      expect(message, file).toMatch(BROKEN[file]);
    }
    expect(facts.stderr + facts.stdout).not.toMatch(STACK_TRACE);
  });

  it('reads every seed in full, as it reads the seed alone', async () => {
    for (const f of SEEDS) {
      const alone = await readReportFile(CORPUS_DIR, f);
      expect(alone.ok).toBe(true);
      if (alone.ok) expect(records.get(f), f).toEqual(JSON.parse(JSON.stringify(factsRecord(alone.value))));
    }
  });

  it('reads a report with a few damaged bytes, saying which and where', async () => {
    const damaged = records.get('damaged-utf8.txt');
    const original = await readReportFile(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt');
    if (!damaged || !original.ok) throw new Error('damaged-utf8.txt or seed 004 not read');
    expect(damaged.facts).toEqual(factsRecord(original.value).facts);
    expect(damaged.findings[0]).toEqual({
      rule: 'encoding',
      severity: 'warning',
      metrics: [],
      message: '文件第12行有9个无法解码的字节（0xFF 0xFE 0xC0 0xC1 0xF5 0xF8）已替换为“\uFFFD”，该处文字可能缺损',
    });
  });

  it('reads UTF-16 without a byte order mark as the seed it is', async () => {
    const original = await readReportFile(CORPUS_DIR, '001_e71b04dab10cb976.txt');
    if (!original.ok) throw new Error('seed 001 not read');
    expect(records.get('utf16-no-bom.txt')?.facts).toEqual(factsRecord(original.value).facts);
  });

  it('reads absurd cells as gaps with findings, never as huge or negative figures', () => {
    const absurd = records.get('absurd-numbers.txt');
    if (!absurd) throw new Error('absurd-numbers.txt not read');
    expect(absurd.facts['requests.new.natural_person']).toBeNull();
    expect(absurd.facts['requests.new.business']).toBeNull();
    expect(absurd.facts['requests.new.research']).toBeNull();
    for (const [metric, value] of Object.entries(absurd.facts)) {
      if (value !== null) expect(Math.abs(value), metric).toBeLessThan(100_000_000);
    }
    const messages = absurd.findings.map((f) => f.message).join('\n');
    for (const cell of ['99999999999999999999', '1e30', '-5']) expect(messages).toContain(cell);
  });

  it('the report store (as the bot starts) reads and names the same files, parsing and then reading back', async () => {
    const inMemory = await loadCorpus(dir);
    const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : 1);
    const storeDir = mkdtempSync(path.join(tmpdir(), 'store-broken-'));
    for (const pass of ['parsed', 'read back']) {
      const stored = await loadCorpus(dir, { cacheDir: storeDir });
      expect(stored.reports.map((r) => r.file).sort(), pass).toEqual(inMemory.reports.map((r) => r.file).sort());
      expect([...stored.errors].sort(byFile), pass).toEqual([...inMemory.errors].sort(byFile));
      expect(stored.reports.find((r) => r.file === 'damaged-utf8.txt')?.findings[0]?.rule, pass).toBe('encoding');
    }
    expect(readdirSync(storeDir).length).toBeGreaterThan(0);
  });

  it('prints the line count and exits 0 in text mode too', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/cli/facts.ts', '--corpus', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain(`共读取 ${SEEDS.length + 3} 份报告，${Object.keys(BROKEN).length} 个文件无法读取`);
  }, 180_000);

  it('check lists the findings of the damaged and absurd reports and names the broken files', async () => {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/check.ts', '--corpus', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain('[缺失·encoding] 文件第12行有9个无法解码的字节');
    expect(stdout).toContain('“一、本年新收：-5”数量不能为负');
    expect(stdout).toContain(`${SEEDS.length + 3} 份报告`);
    expect(stderr.trim().split('\n')).toHaveLength(Object.keys(BROKEN).length);
    expect(stdout + stderr).not.toMatch(STACK_TRACE);
  }, 180_000);
});
