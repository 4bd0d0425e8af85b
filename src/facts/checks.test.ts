/**
 * The consistency checks on generated reports whose faults are recorded: every report in every
 * layout, a third of them carrying one deliberate inconsistency of a known rule.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus, type GoldReport } from '../../test/bench/generator/index.js';
import { loadCorpus } from '../ingest/corpus.js';
import type { Report } from '../ingest/report.js';

let dir: string;
let gold: GoldReport[];
let byFile: Map<string, Report>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'checks-'));
  writeCorpus({ n: 240, seed: 5, out: dir, faultRate: 0.35 });
  gold = readFileSync(path.join(dir, 'gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as GoldReport);
  const { reports, errors } = await loadCorpus(dir);
  expect(errors).toEqual([]);
  byFile = new Map(reports.map((r) => [r.file, r]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorsOf = (r: Report) => r.findings.filter((f) => f.severity === 'error');

describe('consistency checks on generated reports', () => {
  it('raise no contradiction in a report that has none', () => {
    const clean = gold.filter((g) => g.faults.length === 0);
    expect(clean.length).toBeGreaterThan(100);
    const alarms = clean.flatMap((g) => errorsOf(byFile.get(g.file)!).map((f) => `${g.file}: ${f.message}`));
    expect(alarms).toEqual([]);
  });

  it('find the recorded fault of (nearly) every faulty report, under its own rule', () => {
    const faulty = gold.filter((g) => g.faults.length > 0);
    expect(faulty.length).toBeGreaterThan(50);
    const missed = faulty.filter((g) => !g.faults.every((fault) => errorsOf(byFile.get(g.file)!).some((f) => f.rule === fault.rule)));
    // A fault hidden behind a blank cell cannot be seen without guessing the blank: allow 3%.
    expect(missed.length, missed.map((g) => `${g.file}: ${JSON.stringify(g.faults)}`).join('\n')).toBeLessThanOrEqual(Math.ceil(faulty.length * 0.03));
  });

  it('name the cells involved', () => {
    for (const g of gold.filter((x) => x.faults.length > 0)) {
      for (const f of errorsOf(byFile.get(g.file)!)) expect(f.metrics.length, f.message).toBeGreaterThan(0);
    }
  });
});
