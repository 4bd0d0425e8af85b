import type { Answer, AskOptions } from './query/answer.js';

/**
 * The one door every surface (Telegram, terminal, tests) uses. Implemented by `query/engine.ts`.
 */
export interface Engine {
  ask(question: string, opts?: AskOptions): Promise<Answer>;
  /**
   * Reads now what the first answers would otherwise read when they need it (the passage index):
   * for a process that waits for questions, called once it is up. Blocks while it reads.
   */
  warm?(): void;
}
