import { readFileSync } from 'node:fs';
import { DEV_SEEDS_FILE, hasDevSeeds } from './paths.js';

/** A question of ../shared/qa/dev-seeds.jsonl with the checks its answer must pass. */
export interface DevSeed {
  q: string;
  kind: string;
  /** Regexes that must all match the answer text. */
  must: string[];
  /** Regexes that must not match. */
  mustNot: string[];
}

/** The dev seeds, or none when the shared folder is absent. */
export const devSeeds: DevSeed[] = hasDevSeeds
  ? readFileSync(DEV_SEEDS_FILE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as DevSeed)
  : [];
