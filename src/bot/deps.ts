import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import type { Attachment } from '../fetch/attachments.js';
import type { FetchOptions } from '../fetch/fetch-file.js';
import type { Candidate } from '../intake/candidate.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { AnswerStore } from './answer_store.js';
import type { PendingStore } from './pending.js';
import type { RateLimiter } from './rate_limit.js';

/** What the bot's features share; built once by `createBot`, passed to each feature's composer. */
export interface BotDeps {
  engine: Engine;
  config: Config;
  log: Logger;
  answers: AnswerStore;
  /** Per-user limits: questions (messages, commands, buttons) and inline queries. */
  limits: { questions: RateLimiter; inline: RateLimiter };
  stats: BotStats;
  /** Where admins' reports join the corpus; null: adding reports is off. */
  intake: Intake | null;
  /** Reports read and shown, awaiting "加入语料"; attachment lists awaiting a choice. */
  uploads: PendingStore<Candidate>;
  attachments: PendingStore<Attachment[]>;
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
