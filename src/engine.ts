import type { Answer } from './query/answer.js';

/**
 * The one door every surface (Telegram, terminal, tests) uses. Implemented by `query/engine.ts`.
 */
export interface Engine {
  ask(question: string): Promise<Answer>;
}
