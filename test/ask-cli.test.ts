import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../src/query/answer.js';
import { CORPUS_DIR, ROOT } from './paths.js';

const indexDir = mkdtempSync(path.join(tmpdir(), 'ask-cli-index-'));
const ask = (args: string[], input?: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', '--corpus', CORPUS_DIR, '--index', indexDir, ...args], {
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
