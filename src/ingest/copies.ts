/**
 * Copies: one report the corpus holds in more than one file (the web page and its crawled
 * text, the page and its PDF). The report store keeps every file's reading; what answers
 * questions is one report per group of copies, each cell from the copy that reads it.
 */
import { metric } from '../facts/metrics.js';
import type { Fact, Finding, Report, ReportMeta, Section } from './report.js';

/** What a copy shares with the others beyond its agency's name and year: its place and template. */
export function copyVariant(meta: Pick<ReportMeta, 'region' | 'template'>): string {
  const { province, city, county } = meta.region;
  return [province ?? '', city ?? '', county ?? '', meta.template].join('|');
}

/**
 * What makes two files copies of one report: the same agency (its name and its place, as
 * `agencyKey` tells agencies apart), the same year and the same template.
 */
export function copyKey(meta: Pick<ReportMeta, 'agency' | 'year' | 'region' | 'template'>): string {
  return copyKeyOf(meta.agency, meta.year, copyVariant(meta));
}

/** The copy key from its parts (the passage index stores the variant apart from name and year). */
export function copyKeyOf(agency: string, year: number, variant: string): string {
  return `${agency}|${year}|${variant}`;
}

/**
 * The corpus's reports with each group of copies made one report (at the place of its first
 * file). Grouping reads metadata only; a merged report reads its copies' facts the first time
 * its facts or findings are asked for, so reports of one file cost nothing.
 *
 * @example
 *   mergeCopies([page2024Html, page2024Txt, page2023Txt]) // → [merged 2024 (files: both), page2023Txt]
 */
export function mergeCopies(reports: readonly Report[]): Report[] {
  const groups = new Map<string, Report[]>();
  for (const r of reports) {
    const key = copyKey(r.meta);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  if (groups.size === reports.length) return [...reports];
  const out: Report[] = [];
  for (const r of reports) {
    const group = groups.get(copyKey(r.meta)) as Report[];
    if (group.length === 1) out.push(r);
    else if (group[0] === r) out.push(new MergedReport(byPreference(group)));
  }
  return out;
}

/** Formats whose reading keeps a table's cells apart best come first; crawled text runs digits together. */
const FORMAT_ORDER = ['.html', '.htm', '.md', '.docx', '.doc', '.pdf', '.txt'];

const formatRank = (file: string) => {
  const dot = file.lastIndexOf('.');
  const at = FORMAT_ORDER.indexOf(dot < 0 ? '' : file.slice(dot).toLowerCase());
  return at < 0 ? FORMAT_ORDER.length : at;
};

/**
 * The copies, the primary first: the one with the fewest findings (a misread table adds
 * them), then by format, then by file name. Metadata only: no copy's facts are read.
 */
function byPreference(copies: readonly Report[]): Report[] {
  return [...copies].sort(
    (a, b) => a.findings.length - b.findings.length || formatRank(a.file) - formatRank(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}

/** Merged reports whose facts are kept decoded: an answer reads the same report several times. */
const RECENT = 64;
const recentFacts = new Map<MergedReport, Fact[]>();

/**
 * One report read from several files; `file` and the text are the primary copy's. Its facts are
 * merged when asked for and only the last few kept (a stored copy's facts stay on disk, and the
 * fact store keeps just the numbers it indexes); its findings, few, are kept once made.
 */
class MergedReport implements Report {
  readonly id: string;
  readonly file: string;
  readonly files: string[];
  readonly meta: ReportMeta;
  private mergedFindings: Finding[] | null = null;

  constructor(private readonly copies: readonly Report[]) {
    const primary = copies[0];
    this.id = primary.id;
    this.file = primary.file;
    this.files = copies.map((c) => c.file);
    const aliases = [...new Set(copies.flatMap((c) => c.meta.aliases))];
    const publishedAt = primary.meta.publishedAt ?? copies.find((c) => c.meta.publishedAt)?.meta.publishedAt ?? null;
    this.meta = { ...primary.meta, aliases, publishedAt };
  }

  get sections(): Section[] {
    return this.copies[0].sections;
  }

  get text(): string {
    return this.copies[0].text;
  }

  get facts(): Fact[] {
    const kept = recentFacts.get(this);
    if (kept) return kept;
    const merged = this.merge();
    if (recentFacts.size >= RECENT) recentFacts.delete(recentFacts.keys().next().value as MergedReport);
    recentFacts.set(this, merged.facts);
    return merged.facts;
  }

  get findings(): Finding[] {
    return this.mergedFindings ?? this.merge().findings;
  }

  private merge(): MergedReading {
    const merged = mergeReadings(this.copies, `${this.meta.agency}${this.meta.year}年报`);
    this.mergedFindings = merged.findings;
    return merged;
  }
}

interface MergedReading {
  facts: Fact[];
  findings: Finding[];
}

/**
 * Each table cell from the copy that reads it (not `unknown`, not missing): the primary's when
 * the copies read it alike, unknown with a finding when they read it differently (a wrong
 * figure is worse than a gap). Narrative figures are the primary's, as its text is.
 */
export function mergeReadings(copies: readonly Report[], who: string): MergedReading {
  const cells = copies.map(tableCells);
  const metrics = [...new Set(cells.flatMap((c) => [...c.keys()]))];
  /** metric → the copy its merged cell comes from; null when no copy reads it with certainty. */
  const from = new Map<string, number | null>();
  const facts: Fact[] = [];
  const findings: Finding[] = [];
  for (const m of metrics) {
    const stated = cells.flatMap((c, i) => {
      const fact = c.get(m);
      return fact && fact.value.kind !== 'unknown' ? [{ copy: i, fact }] : [];
    });
    if (stated.length === 0) {
      from.set(m, null);
      facts.push(cells.find((c) => c.has(m))?.get(m) as Fact);
    } else if (stated.every((s) => sameReading(s.fact, stated[0].fact))) {
      from.set(m, stated[0].copy);
      facts.push(stated[0].fact);
    } else {
      from.set(m, null);
      const files = stated.map((s) => copies[s.copy].file);
      facts.push({
        ...stated[0].fact,
        value: { kind: 'unknown' },
        source: stated.map((s, k) => `${files[k]}：${s.fact.source}`).join('；'),
      });
      findings.push({
        rule: 'copies_disagree',
        severity: 'error',
        metrics: [m],
        message: `${who}：${countWord(files.length)}份文件（${files.join('、')}）对“${metric(m)?.label ?? m}”的数值不同：${stated.map((s) => readingWords(s.fact)).join(' 与 ')}，无法确定`,
      });
    }
  }
  facts.push(...copies[0].facts.filter((f) => f.origin !== 'table'));
  return { facts, findings: [...findings, ...copyFindings(copies, from)] };
}

/** Each metric's table cell in a copy (its first, as the fact store reads it). */
function tableCells(report: Report): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of report.facts) if (f.origin === 'table' && !out.has(f.metric)) out.set(f.metric, f);
  return out;
}

function sameReading(a: Fact, b: Fact): boolean {
  const x = a.value;
  const y = b.value;
  if (x.kind === 'number' && y.kind === 'number') return Math.abs(x.value - y.value) < 1e-9 && a.unit === b.unit;
  if (x.kind === 'text' && y.kind === 'text') return x.text.replace(/\s+/g, '') === y.text.replace(/\s+/g, '');
  return x.kind === y.kind;
}

function readingWords(f: Fact): string {
  switch (f.value.kind) {
    case 'number':
      return String(f.value.value);
    case 'blank':
      return '空白';
    case 'not_applicable':
      return `“${f.source.trim() || '/'}”（不适用）`;
    case 'text':
      return `“${f.value.text}”`;
    default:
      return '无法读取';
  }
}

const countWord = (n: number) => (n === 2 ? '两' : n === 3 ? '三' : String(n));

/**
 * The copies' own findings that still speak of the merged report: those about a cell the merged
 * report takes from that copy, or that no copy reads with certainty; those about the report as
 * a whole from the primary. Another copy's finding names its file; one said twice is said once.
 */
function copyFindings(copies: readonly Report[], from: ReadonlyMap<string, number | null>): Finding[] {
  const out: Finding[] = [];
  const said = new Set<string>();
  copies.forEach((copy, i) => {
    for (const f of copy.findings) {
      const applies = f.metrics.length === 0 ? i === 0 : f.metrics.some((m) => (from.get(m) ?? null) === null || from.get(m) === i);
      if (!applies || said.has(f.message)) continue;
      said.add(f.message);
      out.push(i === 0 ? f : { ...f, message: `${f.message}（据${copy.file}）` });
    }
  });
  return out;
}
