import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import type { FetchOptions } from '../fetch/fetch-file.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { BotState } from './state.js';

/** What the bot's features share; built once by `createBot`, passed to each feature's composer. */
export interface BotDeps extends BotState {
  engine: Engine;
  config: Config;
  log: Logger;
  stats: BotStats;
  /** Where admins' reports join the corpus; null: adding reports is off. */
  intake: Intake | null;
  /** How links sent by admins are fetched. */
  fetch: FetchOptions;
}

/** Counters behind the admins' /status. */
export interface BotStats {
  startedAt: Date;
  updates: number;
  questions: number;
  inlineQueries: number;
  errors: number;
}

export function newStats(): BotStats {
  return { startedAt: new Date(), updates: 0, questions: 0, inlineQueries: 0, errors: 0 };
}
