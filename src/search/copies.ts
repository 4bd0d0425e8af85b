/**
 * Copies in the passage index: each corpus file is indexed as it is (so an update re-reads only
 * the files that changed), and a report held in two files (the web page and its PDF) shows in
 * results once, through the copy whose passage ranks best. Which reports are copies of one is
 * ingest's rule (`copyKey`: agency, place, year, template).
 */

/** How many indexed reports share each copy key, and whether any key has more than one. */
export class CopyGroups {
  private readonly counts = new Map<string, number>();
  private shared = 0;

  add(key: string): void {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n === 2) this.shared++;
  }

  remove(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n === 1) this.shared--;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }

  /** Some report is indexed from more than one file: results must be collapsed. */
  get any(): boolean {
    return this.shared > 0;
  }
}

/**
 * Ranked hits with each group of copies kept to one copy: the report of the group's best hit.
 * The other copies' passages say the same again, so they are dropped, not shown lower.
 */
export function oneCopyEach<T>(ranked: readonly T[], reportOf: (hit: T) => number, keyOf: (report: number) => string): T[] {
  const chosen = new Map<string, number>();
  return ranked.filter((hit) => {
    const report = reportOf(hit);
    const key = keyOf(report);
    const first = chosen.get(key);
    if (first === undefined) chosen.set(key, report);
    return first === undefined || first === report;
  });
}
