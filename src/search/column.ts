/**
 * A typed array that grows: per-passage figures are kept as columns of numbers rather than one
 * object per passage, so that 250,000 passages cost a few megabytes and load from disk without
 * parsing.
 */
type Typed = Uint32Array | Uint16Array | Uint8Array;
type TypedCtor<T extends Typed> = { new (length: number): T };

export class Column<T extends Typed> {
  private data: T;
  private count: number;

  constructor(
    private readonly ctor: TypedCtor<T>,
    initial?: T,
  ) {
    this.data = initial ?? new ctor(1024);
    this.count = initial ? initial.length : 0;
  }

  get length(): number {
    return this.count;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  push(value: number): void {
    if (this.count === this.data.length) this.grow(this.count + 1);
    this.data[this.count++] = value;
  }

  /** Appends every value of `values`. */
  append(values: ArrayLike<number>): void {
    if (this.count + values.length > this.data.length) this.grow(this.count + values.length);
    this.data.set(values, this.count);
    this.count += values.length;
  }

  /** The filled part, without copying. */
  view(): T {
    return this.data.subarray(0, this.count) as T;
  }

  private grow(min: number): void {
    const next = new this.ctor(Math.max(min, this.data.length * 2, 1024));
    next.set(this.data);
    this.data = next;
  }
}
