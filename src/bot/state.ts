import type { Config } from '../config.js';
import type { Attachment } from '../fetch/attachments.js';
import type { Candidate } from '../intake/candidate.js';
import { MemoryAnswerStore, type AnswerStore } from './answer_store.js';
import { MemoryPendingStore, type PendingStore } from './pending.js';
import { MemoryRateLimiter, type RateLimiter } from './rate_limit.js';
import { MemoryReplicaBoard, type ReplicaBoard } from './replicas.js';

/**
 * Everything the bot keeps between two updates. In memory for one process (`memoryState`, the
 * default); with `DATABASE_URL`, in the database (`db/bot-state.ts`), so that any replica serves
 * any update.
 */
export interface BotState {
  /** Answers shown with buttons (来源, 更多, 导出CSV). */
  answers: AnswerStore;
  /** Per-user limits: questions (messages, commands, buttons) and inline queries. */
  limits: { questions: RateLimiter; inline: RateLimiter };
  /** Reports read and shown, awaiting "加入语料"; attachment lists awaiting a choice. */
  uploads: PendingStore<Candidate>;
  attachments: PendingStore<Attachment[]>;
  /** Each replica's counters, for /status. */
  replicas: ReplicaBoard;
}

/** How the bot gets its updates, as /status says. */
export const modeOf = (config: Config) => (config.telegram.webhook ? 'webhook' : 'polling') as 'webhook' | 'polling';

/** How long an upload waits for its press. */
export const UPLOAD_TTL_MS = 15 * 60_000;

/** Inline queries come faster than questions (each keystroke): three times the limit. */
export const inlineLimit = (config: Config) => config.rateLimitPerMinute * 3;

/** The state of one process, in memory. */
export function memoryState(config: Config): BotState {
  return {
    answers: new MemoryAnswerStore(),
    limits: { questions: new MemoryRateLimiter(config.rateLimitPerMinute), inline: new MemoryRateLimiter(inlineLimit(config)) },
    // An upload holds its file (up to 20 MB) until pressed or expired: few at a time.
    uploads: new MemoryPendingStore<Candidate>(UPLOAD_TTL_MS, 10),
    attachments: new MemoryPendingStore<Attachment[]>(),
    replicas: new MemoryReplicaBoard(modeOf(config)),
  };
}
