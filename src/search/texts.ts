/**
 * The passages' texts. A loaded index keeps them as one UTF-8 blob and decodes a passage only
 * when it is shown, so opening a large index does not build 250,000 strings.
 */
export class TextStore {
  private readonly strings: (string | undefined)[] = [];

  constructor(
    private readonly blob: Buffer = Buffer.alloc(0),
    /** End byte of each blob passage; passage i spans [ends[i-1] ?? 0, ends[i]). */
    private readonly ends: Uint32Array = new Uint32Array(0),
  ) {
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
    const decoded = this.bytes(i).toString('utf8');
    this.strings[i] = decoded;
    return decoded;
  }

  /** Passage i as UTF-8, without decoding it when it came from the blob. */
  bytes(i: number): Buffer {
    if (i < this.ends.length) {
      return this.blob.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i]);
    }
    return Buffer.from(this.get(i), 'utf8');
  }
}
