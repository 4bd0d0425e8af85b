import { appendFileSync, linkSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { ReadOnlyFile } from '../read-only-file.js';

/**
 * The passages' texts. A loaded index leaves them in its `texts.bin` and reads a passage only
 * when it is shown: opening an index of 10,000 reports does not read 50 MB it will mostly never
 * show. The file stays open for the life of the store (a rebuild that replaces the folder does
 * not disturb it: the open file is the old one). Passages added after loading are kept as strings.
 */
export class TextStore {
  private readonly strings: (string | undefined)[] = [];
  private readonly stored: ReadOnlyFile | null;

  constructor(
    file: string | null = null,
    /** End byte of each stored passage; passage i spans [ends[i-1] ?? 0, ends[i]). */
    private readonly ends: Uint32Array = new Uint32Array(0),
  ) {
    this.stored = file === null ? null : new ReadOnlyFile(file);
    this.strings.length = ends.length;
  }

  get length(): number {
    return this.strings.length;
  }

  push(text: string): void {
    this.strings.push(text);
  }

  get(i: number): string {
    const s = this.strings[i];
    if (s !== undefined) return s;
    const decoded = this.readStored(i).toString('utf8');
    this.strings[i] = decoded;
    return decoded;
  }

  /**
   * Writes the texts file of a save to `target`. When this store reads a file that is still in
   * place, that file is hard-linked as `target` and only the passages added since are appended:
   * a report added to a large index does not copy every passage's text. The old folder's
   * manifest still describes its own bytes; anything after them is ignored when it is loaded.
   * Else the whole file is written, the stored passages read in one piece (one read per passage
   * made saving a 10,000-report index take a second). Returns each passage's end and the size.
   */
  async saveTo(target: string): Promise<{ ends: Uint32Array; bytes: number }> {
    const linked = this.linkTo(target);
    const storedBytes = this.ends.length > 0 ? this.ends[this.ends.length - 1] : 0;
    const { added, ends, bytes } = this.addedAfter(linked ?? storedBytes);
    if (linked !== null) {
      if (added.length > 0) appendFileSync(target, Buffer.concat(added));
    } else {
      const parts = storedBytes > 0 ? [this.readRange(0, storedBytes), ...added] : added;
      await writeFile(target, Buffer.concat(parts, bytes));
    }
    return { ends, bytes };
  }

  /** The passages added since loading as UTF-8, and every passage's end with them placed from byte `base`. */
  private addedAfter(base: number): { added: Buffer[]; ends: Uint32Array; bytes: number } {
    const ends = new Uint32Array(this.strings.length);
    ends.set(this.ends);
    const added: Buffer[] = [];
    let total = base;
    for (let i = this.ends.length; i < this.strings.length; i++) {
      const bytes = Buffer.from(this.strings[i]!, 'utf8');
      added.push(bytes);
      ends[i] = total += bytes.length;
    }
    return { added, ends, bytes: total };
  }

  /** Links the stored file as `target` and returns its size, or null when it cannot be. */
  private linkTo(target: string): number | null {
    if (this.stored === null || this.stored.closed) return null;
    try {
      const open = this.stored.stat();
      const there = statSync(this.stored.path);
      // The same file as the one read (not one a rebuild put in its place since).
      if (open.ino !== there.ino || open.dev !== there.dev) return null;
      linkSync(this.stored.path, target);
      return there.size;
    } catch {
      return null;
    }
  }

  private readStored(i: number): Buffer {
    return this.readRange(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }

  private readRange(start: number, end: number): Buffer {
    if (this.stored === null || this.stored.closed) throw new Error('the passage texts of this index were closed');
    return this.stored.read(start, end - start);
  }

  /** Closes the file; only texts already read stay available. */
  close(): void {
    this.stored?.close();
  }
}
