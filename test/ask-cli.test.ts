import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../src/query/answer.js';
import { cellIds, renderMinimalReport, type GoldFacts } from './bench/generator/index.js';
import { CORPUS_DIR, ROOT } from './paths.js';

const indexDir = mkdtempSync(path.join(tmpdir(), 'ask-cli-index-'));
const ask = (args: string[], input?: string, corpusDir = CORPUS_DIR, index = indexDir) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--corpus', corpusDir, '--index', index, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm run ask', () => {
  it('--json prints one answer object: question, route, text, citations', () => {
    const out = JSON.parse(ask(['--json', '语料概况']));
    const answer = AnswerSchema.parse(out);
    expect(answer.question).toBe('语料概况');
    expect(answer.route).toBe('meta');
  });
  it('--json gives a ranking its rows and column names, the text unchanged', () => {
    const answer = AnswerSchema.parse(JSON.parse(ask(['--json', '各局规范性文件现行有效件数排名'])));
    expect(answer.table?.columns).toEqual(['名次', '单位', '年度', '行政规范性文件 现行有效（对外公开总）件数（件）']);
    expect(answer.table?.rows[0]).toEqual([1, '牡丹江市教育局', 2020, 21]);
    expect(answer.table?.rows).toHaveLength(5);
    expect(answer.text).toContain('1. 牡丹江市教育局2020年 21件');
  });
  it('--jsonl answers one question a line, loading the corpus once', () => {
    const lines = ask(['--jsonl'], '语料里有哪些单位\n\n北京市教育局2020年采购金额\n').trim().split('\n');
    expect(lines).toHaveLength(2);
    const [a, b] = lines.map((l) => AnswerSchema.parse(JSON.parse(l)));
    expect(a.route).toBe('meta');
    expect(b.route).toBe('none');
  });
  it('prints the text a person reads without flags', () => {
    const out = ask(['语料概况']);
    expect(out).toMatch(/^语料概况：/);
    expect(() => JSON.parse(out)).toThrow();
  });
});

describe('npm run ask over a report held in two files', () => {
  it('--json cites the report once in a comparison', () => {
    const corpusDir = mkdtempSync(path.join(tmpdir(), 'ask-cli-copies-'));
    const zeros = (template: '2019' | '2021', set: Record<string, number>): GoldFacts => ({
      ...Object.fromEntries(cellIds(template).map((id) => [id, 0])),
      ...set,
    });
    const write = (name: string, facts: GoldFacts, layout: 'html' | 'tsv', year: number) =>
      writeFileSync(path.join(corpusDir, name), renderMinimalReport(facts, layout, { agency: '平潭综合实验区', year }).text);
    write('pingtan-2020.txt', zeros('2019', { 'punishment.decisions': 700 }), 'tsv', 2020);
    write('pingtan-2024.html', zeros('2021', { 'punishment.decisions': 1100 }), 'html', 2024);
    write('pingtan-2024.txt', zeros('2021', { 'punishment.decisions': 1100 }), 'tsv', 2024);
    const out = ask(['--json', '比较平潭综合实验区2020年和2024年的行政处罚决定数量'], undefined, corpusDir, mkdtempSync(path.join(tmpdir(), 'ask-cli-copies-index-')));
    const answer = AnswerSchema.parse(JSON.parse(out));
    expect(answer.citations.map((c) => c.year)).toEqual([2020, 2024]);
    expect(answer.text.match(/2024年：/g)).toHaveLength(1);
    expect(answer.text).not.toMatch(/相同/);
  });
});
