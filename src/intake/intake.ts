import type { LoadHints } from '../ingest/formats/load.js';
import type { Result } from '../ingest/report.js';
import { copyKey } from '../ingest/copies.js';
import { readCandidate, type Candidate } from './candidate.js';
import type { CorpusFiles } from './corpus-file.js';

/** What answers questions from the corpus and can be told to read it again (a `LiveEngine`). */
export interface Shelf {
  /** The files holding the report of a copy key, as answers come from them now. */
  filesOf(key: string): Promise<readonly string[]>;
  reload(): Promise<Result<{ reports: number }, string>>;
}

/** A report saved into the corpus, and whether answers come from it already. */
export interface Added {
  /** Its file, relative to the corpus folder (or the database's name for it). */
  file: string;
  /** The engine read the corpus again (or the reason it could not: the file is saved all the same). */
  refreshed: Result<{ reports: number }, string>;
}

/**
 * The way new reports join the corpus, for the bot and the command line alike: `read` says what a
 * file holds without writing anything; `add` saves it into the corpus (the folder, or the
 * database) and has the engine read the corpus again. Additions happen one at a time.
 */
export class Intake {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly shelf: Shelf,
    readonly files: CorpusFiles,
  ) {}

  /** What the file holds, or why it cannot join the corpus (not a report, broken, there already). */
  async read(bytes: Buffer, name: string, hints: LoadHints = {}): Promise<Result<Candidate, string>> {
    const read = await readCandidate(bytes, name, (key) => this.shelf.filesOf(key), hints);
    if (!read.ok) return read;
    const same = await this.files.holding(bytes);
    return same ? { ok: false, error: alreadyThere(same) } : read;
  }

  /** Saves the candidate under a name of its own and reloads the engine. */
  add(candidate: Candidate): Promise<Result<Added, string>> {
    const next = this.#queue.then(() => this.#add(candidate));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #add(candidate: Candidate): Promise<Result<Added, string>> {
    const same = await this.files.holding(candidate.bytes);
    if (same) return { ok: false, error: alreadyThere(same) };
    const saved = await this.files.save(candidate);
    if (!saved.ok) return saved;
    const file = saved.value;
    const reloaded = await this.shelf.reload();
    const answering = (await this.shelf.filesOf(copyKey(candidate.meta))).includes(file);
    const refreshed: Added['refreshed'] =
      reloaded.ok && !answering ? { ok: false, error: '重新读取语料时没有读到这个文件' } : reloaded;
    return { ok: true, value: { file, refreshed } };
  }
}

const alreadyThere = (file: string) => `语料中已有内容完全相同的文件（${file}），无需再加`;
