/**
 * A generated corpus with copies (one report in two layouts) and hostile files, read the way the
 * bot reads a corpus: every file through the loaders and the report store, then the engine's one
 * report per group of copies. The gold says what each report holds, once, whatever its files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from '../src/ingest/corpus.js';
import type { Report } from '../src/ingest/report.js';
import { buildEngine } from '../src/query/engine.js';
import {
  compareTableFacts,
  corpusHostileFiles,
  CORPUS_HOSTILE_KINDS,
  generateReport,
  GOLD_FILE,
  writeCorpus,
  writeCorpusParallel,
  type CorpusSummary,
  type GoldReport,
} from './bench/generator/index.js';
import { ROOT } from './paths.js';

const N = 120;
const SEED = 20250611;
const COPY_RATE = 0.25;
const HOSTILE = CORPUS_HOSTILE_KINDS.length;

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const readGold = (dir: string) =>
  readFileSync(path.join(dir, GOLD_FILE), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as GoldReport);

/** Every file of a folder, relative, with its bytes (a link as its target). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full);
    if (e.isSymbolicLink()) out.set(rel, `link`);
    else if (e.isFile()) out.set(rel, readFileSync(full).toString('base64'));
  }
  return out;
}

describe('generated corpus with copies and hostile files', () => {
  let dir: string;
  let summary: CorpusSummary;
  let gold: GoldReport[];
  let corpus: Corpus;
  let merged: Report[];

  beforeAll(async () => {
    dir = tempDir('gen-copies-');
    // Three worker threads, each a range of 40 reports.
    summary = await writeCorpusParallel({ n: N, seed: SEED, out: dir, copyRate: COPY_RATE, hostile: HOSTILE }, 3, 40);
    gold = readGold(dir);
    corpus = await loadCorpus(dir, { cacheDir: tempDir('gen-copies-store-') });
    merged = buildEngine(corpus.reports).reports;
  }, 180_000);

  it('writes one gold line per report, a copy named in its report\'s line, hostile files in none', () => {
    expect(gold).toHaveLength(N);
    const copied = gold.filter((g) => g.copy);
    expect(summary.copies).toBe(copied.length);
    expect(copied.length).toBeGreaterThan(N * COPY_RATE * 0.5);
    expect(summary.hostile).toBe(HOSTILE);
    const written = new Set(snapshot(dir).keys());
    const named = new Set([GOLD_FILE, ...gold.flatMap((g) => [g.file, ...(g.copy ? [g.copy.file] : [])]), ...corpusHostileFiles(HOSTILE).map((h) => h.file)]);
    expect([...written].sort()).toEqual([...named].sort());
    for (const g of copied) {
      expect(g.copy!.layout).not.toBe(g.layout);
      expect(path.basename(g.copy!.file, path.extname(g.copy!.file))).toBe(path.basename(g.file, path.extname(g.file)));
    }
  });

  it('writes the same files with one job as with three', () => {
    const alone = tempDir('gen-copies-one-');
    writeCorpus({ n: N, seed: SEED, out: alone, copyRate: COPY_RATE, hostile: HOSTILE });
    expect(snapshot(alone)).toEqual(snapshot(dir));
  });

  it('leaves each report as it is without copies: the copy draws on its own', () => {
    for (const g of gold.slice(0, 30)) {
      const index = Number(g.file.slice(0, 6));
      const plain = generateReport(SEED, index);
      const { copy: _copy, ...withoutCopy } = g;
      expect(withoutCopy).toEqual(plain.gold);
      expect(readFileSync(path.join(dir, g.file), 'utf8')).toBe(plain.text);
    }
  });

  it('names each hostile file, with its problem, and reads every other file', () => {
    const hostile = corpusHostileFiles(HOSTILE).map((h) => h.file);
    expect(corpus.errors.map((e) => e.file).sort()).toEqual([...hostile].sort());
    for (const e of corpus.errors) expect(e.message, e.file).toMatch(/^[^\n]+$/);
    expect(corpus.errors.map((e) => e.message).join('\n')).not.toMatch(/\n\s+at |RangeError|TypeError|Maximum call stack/);
    expect(corpus.reports.map((r) => r.file).sort()).toEqual(gold.flatMap((g) => [g.file, ...(g.copy ? [g.copy.file] : [])]).sort());
  });

  it('makes each report and its copy one report, and no two reports one', () => {
    expect(merged).toHaveLength(gold.length);
    const byFile = new Map(merged.flatMap((r) => (r.files ?? [r.file]).map((f) => [f, r] as const)));
    for (const g of gold) {
      const r = byFile.get(g.file);
      expect(r, g.file).toBeDefined();
      expect(new Set(r!.files ?? [r!.file]), g.file).toEqual(new Set([g.file, ...(g.copy ? [g.copy.file] : [])]));
      expect(r!.meta).toMatchObject({ agency: g.agency, year: g.year, template: g.template });
    }
  });

  /**
   * A PDF extract whose organisations' columns are all blank leaves cells unknown (see the PDF
   * test in generated.test.ts): a report only held in that form counts apart, no cell wrong.
   * With a copy in another layout, the copy reads them and the report counts.
   */
  it('reads every cell of the merged reports as the gold has it, no copies disagreeing', () => {
    const byFile = new Map(merged.flatMap((r) => (r.files ?? [r.file]).map((f) => [f, r] as const)));
    const wrong: string[] = [];
    let cells = 0;
    let unknown = 0;
    for (const g of gold) {
      const r = byFile.get(g.file)!;
      const misread = compareTableFacts(g.facts, r.facts);
      const gaps = misread.filter((c) => c.got === 'unknown' || c.got === '(missing)');
      const apart = g.variant.includes('blank:org_columns') && g.layout === 'pdf-layout' && !g.copy;
      if (!apart) {
        cells += Object.keys(g.facts).length;
        unknown += gaps.length;
      }
      for (const c of misread.filter((m) => !gaps.includes(m))) wrong.push(`${g.file}${g.copy ? ` + ${g.copy.file}` : ''} [${g.variant}] ${c.metric}: expected ${c.expected}, read ${c.got}`);
      const disagree = r.findings.filter((f) => f.rule === 'copies_disagree');
      expect(disagree.map((f) => f.message), g.file).toEqual([]);
    }
    expect(wrong).toEqual([]);
    expect(1 - unknown / cells, `${unknown} of ${cells} cells unknown`).toBeGreaterThanOrEqual(0.995);
  });

  it('fills a cell one copy leaves unknown from the other, so copied reports read in full', () => {
    const byFile = new Map(merged.flatMap((r) => (r.files ?? [r.file]).map((f) => [f, r] as const)));
    for (const g of gold.filter((x) => x.copy)) {
      expect(compareTableFacts(g.facts, byFile.get(g.file)!.facts), `${g.file} [${g.layout}] + ${g.copy!.file} [${g.copy!.layout}]`).toEqual([]);
    }
  });

  it('writes copies and hostile files from the command line, counting them, and refuses a corpus too large', () => {
    const out = tempDir('gen-copies-cli-');
    const gen = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'test/bench/gen.ts'), ...args], { encoding: 'utf8' });
    const r = gen('--n', '8', '--seed', String(SEED), '--out', out, '--copies', '0.5', '--hostile', '3');
    expect(r.status, r.stderr).toBe(0);
    const lines = readGold(out);
    const copies = lines.filter((g) => g.copy).length;
    expect(copies).toBeGreaterThan(0);
    expect(r.stdout).toContain(`copies: ${copies} reports also written in another layout`);
    expect(r.stdout).toMatch(/hostile files: 3, without gold \(empty 1, nul-bytes 1, random-bytes 1\)/);
    const tooMany = gen('--n', '1000000', '--out', path.join(out, 'never'));
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr).toMatch(/distinct agency-years/);
  });
});
