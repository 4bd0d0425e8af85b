/**
 * Which reports a question names: every agency name and alias (鹤岗, 鹤岗教育局, 鹤岗市教育局) points to
 * the reports of that agency. The longest name found wins, so 鹤岗市教育局 does not also pull in
 * every other agency whose alias is 鹤岗.
 */
export class AgencyNames {
  private readonly byName = new Map<string, Set<number>>();
  private longest = 0;

  add(report: number, names: readonly string[]): void {
    for (const name of names) {
      if (name.length < 2) continue;
      let set = this.byName.get(name);
      if (!set) this.byName.set(name, (set = new Set()));
      set.add(report);
      this.longest = Math.max(this.longest, name.length);
    }
  }

  remove(report: number, names: readonly string[]): void {
    for (const name of names) {
      const set = this.byName.get(name);
      set?.delete(report);
      if (set?.size === 0) this.byName.delete(name);
    }
  }

  /** The reports whose agency the question names, or an empty set. */
  mentionedIn(question: string): Set<number> {
    const out = new Set<number>();
    for (const m of this.mentions(question)) for (const r of m.reports) out.add(r);
    return out;
  }

  /**
   * Where the question names an agency: each name found, longest first at each position, and
   * not inside a longer name found.
   */
  mentions(question: string): AgencyMention[] {
    const found: AgencyMention[] = [];
    for (let start = 0; start < question.length; start++) {
      for (let len = Math.min(this.longest, question.length - start); len >= 2; len--) {
        const reports = this.byName.get(question.slice(start, start + len));
        if (reports) {
          found.push({ start, end: start + len, reports });
          break;
        }
      }
    }
    return found.filter(
      (f) => !found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start),
    );
  }

  /**
   * The reports of the given agencies: by full name or alias, else by part of a name
   * (["鹤岗"] finds 鹤岗市教育局 even when 鹤岗 is not one of its aliases).
   */
  named(names: readonly string[]): Set<number> {
    const out = new Set<number>();
    for (const name of names) {
      const exact = this.byName.get(name);
      if (exact) {
        for (const r of exact) out.add(r);
        continue;
      }
      for (const [known, reports] of this.byName) if (known.includes(name)) for (const r of reports) out.add(r);
    }
    return out;
  }
}

export interface AgencyMention {
  start: number;
  end: number;
  reports: ReadonlySet<number>;
}
