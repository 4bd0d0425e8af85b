/**
 * The k best (passage, score) pairs of a stream, best first; ties go to the lower passage id,
 * so results do not depend on the order candidates arrive in.
 */
export class TopK {
  private readonly items: Array<{ pid: number; score: number }> = [];

  constructor(private readonly k: number) {}

  offer(pid: number, score: number): void {
    const items = this.items;
    if (items.length === this.k) {
      const last = items[items.length - 1];
      if (score < last.score || (score === last.score && pid > last.pid)) return;
      items.pop();
    }
    let at = items.length;
    while (at > 0 && better(pid, score, items[at - 1])) at--;
    items.splice(at, 0, { pid, score });
  }

  sorted(): Array<{ pid: number; score: number }> {
    return this.items;
  }
}

function better(pid: number, score: number, than: { pid: number; score: number }): boolean {
  return score > than.score || (score === than.score && pid < than.pid);
}
