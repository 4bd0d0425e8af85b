import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type QueryEngine } from '../src/query/engine.js';
import { devSeeds as seeds } from './dev-seeds.js';
import { CORPUS_DIR, hasDevSeeds } from './paths.js';

describe.skipIf(!hasDevSeeds)('dev seeds through ask on the bundled corpus', () => {
  let engine: QueryEngine;
  beforeAll(async () => {
    engine = await createEngine({ corpusDir: CORPUS_DIR, indexDir: mkdtempSync(path.join(tmpdir(), 'seeds-index-')) });
  });

  it.each(seeds.map((s) => [s.kind, s.q, s] as const))('%s: %s', async (_kind, _q, seed) => {
    const answer = await engine.ask(seed.q);
    for (const re of seed.must) expect(answer.text, `must /${re}/`).toMatch(new RegExp(re));
    for (const re of seed.mustNot) expect(answer.text, `mustNot /${re}/`).not.toMatch(new RegExp(re));
  });
});
