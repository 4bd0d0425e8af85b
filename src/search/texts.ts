import { closeSync, openSync, readSync } from 'node:fs';

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
    file: string | null = null,
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

  /** Passage i as UTF-8 (read from the file as is when it is stored there). */
  bytes(i: number): Buffer {
    if (i < this.ends.length && this.strings[i] === undefined) return this.readStored(i);
    return Buffer.from(this.get(i), 'utf8');
  }

  private readStored(i: number): Buffer {
    if (this.fd === null) throw new Error('the passage texts of this index were closed');
    const start = i === 0 ? 0 : this.ends[i - 1];
    const out = Buffer.allocUnsafe(this.ends[i] - start);
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
