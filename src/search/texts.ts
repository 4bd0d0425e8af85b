import { appendFileSync, closeSync, fstatSync, linkSync, openSync, readSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/**
 * The passages' texts. A loaded index leaves them in its `texts.bin` and reads a passage only
 * when it is shown: opening an index of 10,000 reports does not read 50 MB it will mostly never
 * show. The file stays open for the life of the store (a rebuild that replaces the folder does
 * not disturb it: the open file is the old one). Passages added after loading are kept as strings.
 */
export class TextStore {
  private readonly strings: (string | undefined)[] = [];
  private fd: number | null;

  constructor(
    private readonly file: string | null = null,
    /** End byte of each stored passage; passage i spans [ends[i-1] ?? 0, ends[i]). */
    private readonly ends: Uint32Array = new Uint32Array(0),
  ) {
    this.fd = file === null ? null : openSync(file, 'r');
    this.strings.length = ends.length;
    if (this.fd !== null) closeWhenCollected.register(this, this.fd, this);
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
   * Every passage's UTF-8, back to back, with each one's end: what `save` writes. The passages
   * stored in the file are read in one piece (one read per passage made saving a 10,000-report
   * index take a second).
   */
  concatenated(): { bytes: Buffer; ends: Uint32Array } {
    const stored = this.ends.length;
    const ends = new Uint32Array(this.strings.length);
    ends.set(this.ends);
    const parts: Buffer[] = stored > 0 ? [this.readRange(0, this.ends[stored - 1])] : [];
    let total = stored > 0 ? this.ends[stored - 1] : 0;
    for (let i = stored; i < this.strings.length; i++) {
      const bytes = Buffer.from(this.strings[i]!, 'utf8');
      parts.push(bytes);
      ends[i] = total += bytes.length;
    }
    return { bytes: Buffer.concat(parts, total), ends };
  }

  /**
   * Writes the texts file of a save to `target`. When this store reads a file that is still in
   * place, that file is hard-linked as `target` and only the passages added since are appended:
   * a report added to a large index does not copy every passage's text. The old folder's
   * manifest still describes its own bytes; anything after them is ignored when it is loaded.
   * Else the whole file is written. Returns each passage's end and the file's size.
   */
  async saveTo(target: string): Promise<{ ends: Uint32Array; bytes: number }> {
    const linked = this.linkTo(target);
    if (linked !== null) {
      const ends = new Uint32Array(this.strings.length);
      ends.set(this.ends);
      const added: Buffer[] = [];
      let total = linked;
      for (let i = this.ends.length; i < this.strings.length; i++) {
        const bytes = Buffer.from(this.strings[i]!, 'utf8');
        added.push(bytes);
        ends[i] = total += bytes.length;
      }
      if (added.length > 0) appendFileSync(target, Buffer.concat(added));
      return { ends, bytes: total };
    }
    const { bytes, ends } = this.concatenated();
    await writeFile(target, bytes);
    return { ends, bytes: bytes.length };
  }

  /** Links the stored file as `target` and returns its size, or null when it cannot be. */
  private linkTo(target: string): number | null {
    if (this.fd === null || this.file === null) return null;
    try {
      const open = fstatSync(this.fd);
      const there = statSync(this.file);
      // The same file as the one read (not one a rebuild put in its place since).
      if (open.ino !== there.ino || open.dev !== there.dev) return null;
      linkSync(this.file, target);
      return there.size;
    } catch {
      return null;
    }
  }

  private readStored(i: number): Buffer {
    return this.readRange(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
  }

  private readRange(start: number, end: number): Buffer {
    if (this.fd === null) throw new Error('the passage texts of this index were closed');
    const out = Buffer.allocUnsafe(end - start);
    let read = 0;
    while (read < out.length) {
      const n = readSync(this.fd, out, read, out.length - read, start + read);
      if (n === 0) throw new Error(`texts.bin ended early at byte ${start + read}`);
      read += n;
    }
    return out;
  }

  /** Closes the file; only texts already read stay available. */
  close(): void {
    if (this.fd === null) return;
    closeWhenCollected.unregister(this);
    closeSync(this.fd);
    this.fd = null;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});
