/**
 * A one-line progress bar on a terminal's stderr ("[######----] 6/10 名称"), redrawn in place;
 * nothing at all when stderr is not a terminal (a pipe, a log file, a test).
 */
export class ProgressLine {
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 24,
  ) {}

  get active(): boolean {
    return this.stream.isTTY === true;
  }

  /** Shows `done` of the total, with what is being worked on. */
  update(done: number, label: string): void {
    if (!this.active) return;
    const filled = Math.round((done / Math.max(1, this.total)) * this.width);
    const columns = this.stream.columns ?? 80;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${done}/${this.total} ${label}`;
    this.stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }

  /** Clears the line, before other output and at the end. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
