import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * A file kept open for reading byte ranges on demand (the report store's bodies, the passage
 * index's texts). Open, it stays readable when the folder it was in is replaced or removed; one
 * dropped without `close` gives its descriptor back when it is collected.
 */
export class ReadOnlyFile {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    closeWhenCollected.register(this, this.fd, this);
  }

  /**
   * `bytes` bytes from byte `at`. `damaged` says what to do when the file is shorter than that
   * (appended to the error, which names the file).
   */
  read(at: number, bytes: number, damaged = ''): Buffer {
    if (this.fd === null) throw new Error(`${this.path} was closed`);
    const out = Buffer.allocUnsafe(bytes);
    let got = 0;
    while (got < bytes) {
      const n = readSync(this.fd, out, got, bytes - got, at + got);
      if (n === 0) throw new Error(`${this.path} ends before byte ${at + bytes}${damaged ? `: ${damaged}` : ''}`);
      got += n;
    }
    return out;
  }

  /** The open file's own stats (not those of whatever its path names now). */
  stat(): Stats {
    if (this.fd === null) throw new Error(`${this.path} was closed`);
    return fstatSync(this.fd);
  }

  get closed(): boolean {
    return this.fd === null;
  }

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
