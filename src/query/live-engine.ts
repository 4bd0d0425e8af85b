import type { Engine } from '../engine.js';
import type { Report, Result } from '../ingest/report.js';
import { filesAmong } from '../intake/candidate.js';
import type { Answer, AskOptions } from './answer.js';
import { createEngine, type EngineOptions, type QueryEngine } from './engine.js';

/**
 * The engine of a running bot, which the corpus can grow under: `reload` reads the corpus again
 * the way `npm run index -- --update` does (only new and changed files parsed into the report
 * store, the passage index updated in place, the fact store built anew) and then answers from the
 * new engine. Questions asked meanwhile are answered by the previous one, and a reload that fails
 * leaves it answering.
 *
 * @example
 * const engine = await LiveEngine.open({ corpusDir: 'corpus', indexDir: 'index' });
 * // … a file is saved into corpus/ …
 * const reloaded = await engine.reload();
 */
export class LiveEngine implements Engine {
  #current: QueryEngine;
  #queue: Promise<unknown> = Promise.resolve();
  /** A reload queued and not yet started, which `refresh` joins. */
  #waiting: Promise<Result<{ reports: number }, string>> | null = null;

  private constructor(
    private readonly options: EngineOptions,
    first: QueryEngine,
    private readonly open: (options: EngineOptions) => Promise<QueryEngine>,
  ) {
    this.#current = first;
  }

  /** `open`: how an engine is made (tests make one fail); default `createEngine`. */
  static async open(options: EngineOptions, open: (options: EngineOptions) => Promise<QueryEngine> = createEngine): Promise<LiveEngine> {
    return new LiveEngine(options, await open(options), open);
  }

  ask(question: string, opts?: AskOptions): Promise<Answer> {
    return this.#current.ask(question, opts);
  }

  warm(): void {
    this.#current.warm?.();
  }

  /** The reports answers come from now (one per group of copies). */
  get reports(): readonly Report[] {
    return this.#current.reports;
  }

  /** The files holding the report of a copy key, as answers come from them now. */
  filesOf(key: string): Promise<readonly string[]> {
    return this.#current.filesOf?.(key) ?? filesAmong(this.#current.reports)(key);
  }

  /** Reloads from the corpus folder; one reload at a time, in the order asked. */
  reload(): Promise<Result<{ reports: number }, string>> {
    const next = this.#queue.then(() => this.#reload());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Reloads once more after any reload under way, joining one already waiting: for news that the
   * storage changed (a replica told by the database), which may come many at once.
   */
  refresh(): Promise<Result<{ reports: number }, string>> {
    if (this.#waiting) return this.#waiting;
    const next = this.#queue.then(() => {
      this.#waiting = null;
      return this.#reload();
    });
    this.#queue = next.catch(() => undefined);
    this.#waiting = next;
    return next;
  }

  async #reload(): Promise<Result<{ reports: number }, string>> {
    let fresh: QueryEngine;
    try {
      fresh = await this.open(this.options);
    } catch (err) {
      return { ok: false, error: `更新索引失败（${err instanceof Error ? err.message.split('\n')[0] : String(err)}），仍按原有语料回答` };
    }
    const previous = this.#current;
    this.#current = fresh;
    // Read ahead once the reply that the corpus grew has gone out, as at start.
    setImmediate(() => fresh.warm?.());
    // Questions already sent to the previous engine finish: a pool ends once its clients are back.
    await previous.close?.();
    return { ok: true, value: { reports: (await fresh.reportCount?.()) ?? fresh.reports.length } };
  }
}
