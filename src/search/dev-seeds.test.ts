import { beforeAll, describe, expect, it } from 'vitest';
import { devSeeds } from '../../test/dev-seeds.js';
import { CORPUS_DIR, hasDevSeeds } from '../../test/paths.js';
import { loadCorpus } from '../ingest/corpus.js';
import { PassageIndex } from './passage-index.js';

/**
 * The passage questions of the shared dev seeds ("passage" and "section"), on the bundled corpus
 * read by the real ingestion: the first hit must hold the answer.
 */
const seeds = devSeeds.filter((s) => s.kind === 'passage' || s.kind === 'section');

let index: PassageIndex;
beforeAll(async () => {
  const { reports } = await loadCorpus(CORPUS_DIR);
  index = await PassageIndex.build(reports);
});

describe.skipIf(!hasDevSeeds)('dev seeds: passage questions', () => {
  it.each(seeds.map((s) => [s.q, s] as const))('%s → the first passage holds the answer', (_q, seed) => {
    const [hit] = index.search(seed.q, { limit: 1 });
    expect(hit).toBeDefined();
    const shown = `${hit.passage.agency} ${hit.passage.text}`;
    for (const must of seed.must) expect(shown).toMatch(new RegExp(must));
    for (const mustNot of seed.mustNot) expect(shown).not.toMatch(new RegExp(mustNot));
  });
});
