import { randomBytes } from 'node:crypto';
import type { Answer } from '../query/answer.js';

/** An answer the bot has shown with buttons, and the pages it was cut into. */
export interface ShownAnswer {
  answer: Answer;
  pages: readonly string[];
}

/**
 * Where the answers behind buttons are kept, by the short id their callback data carries: in
 * memory for one process (`MemoryAnswerStore`), in the database for several replicas (any replica
 * then serves a button pressed under another's message).
 */
export interface AnswerStore {
  /** Keeps `shown` and returns its id (at most 20 characters of `0-9a-z`). */
  remember(shown: ShownAnswer): Promise<string>;
  /** The answer, or undefined once forgotten; a recently paged answer is kept longer. */
  get(id: string): Promise<ShownAnswer | undefined>;
}

/**
 * Remembers the last `capacity` answers shown with buttons so that "来源", "更多" and "导出CSV"
 * can find them by a short id. An answer's table may hold thousands of rows, so the store also
 * keeps at most `maxRows` table rows in all, forgetting the oldest answers first. Ids carry a
 * per-process prefix: after a restart an old button finds nothing (and says so) instead of
 * finding someone else's answer.
 */
export class MemoryAnswerStore implements AnswerStore {
  readonly #shown = new Map<string, ShownAnswer>();
  readonly #prefix = randomBytes(3).readUIntBE(0, 3).toString(36);
  #next = 0;
  #rows = 0;

  constructor(
    readonly capacity = 2000,
    readonly maxRows = 200_000,
  ) {}

  async remember(shown: ShownAnswer): Promise<string> {
    const id = `${this.#prefix}${(this.#next++).toString(36)}`;
    this.#shown.set(id, shown);
    this.#rows += rowsOf(shown);
    while (this.#shown.size > 1 && (this.#shown.size > this.capacity || this.#rows > this.maxRows)) {
      const oldest = this.#shown.keys().next().value as string;
      this.#rows -= rowsOf(this.#shown.get(oldest) as ShownAnswer);
      this.#shown.delete(oldest);
    }
    return id;
  }

  async get(id: string): Promise<ShownAnswer | undefined> {
    const shown = this.#shown.get(id);
    if (shown !== undefined) {
      // Touch: recently paged answers stay.
      this.#shown.delete(id);
      this.#shown.set(id, shown);
    }
    return shown;
  }
}

const rowsOf = (shown: ShownAnswer) => shown.answer.table?.rows.length ?? 0;
