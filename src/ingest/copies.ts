/**
 * Copies: one report the corpus holds in more than one file (the web page and its crawled
 * text, the page and its PDF). The report store keeps every file's reading; what answers
 * questions is one report per group of copies, each cell from the copy that reads it.
 */
import { mergedFacts, mergedFactsOf, mergedFindings, mergedIndex, planCells } from './copy-readings.js';
import { factIndexOf, type FactIndex, type OwnFactIndex } from '../store/report-store.js';
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
 * One report read from several files; `file` and the text are the primary copy's. The fact
 * store's view of its facts and its findings are made once from the copies' views (decoding only
 * cells without a number); its facts are merged when an answer shows them, the last few kept.
 */
class MergedReport implements Report, OwnFactIndex {
  readonly id: string;
  readonly file: string;
  readonly files: string[];
  readonly meta: ReportMeta;
  private settled: { index: FactIndex; findings: Finding[] } | null = null;

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
    const facts = mergedFacts(this.copies, planCells(this.copies));
    if (recentFacts.size >= RECENT) recentFacts.delete(recentFacts.keys().next().value as MergedReport);
    recentFacts.set(this, facts);
    return facts;
  }

  get findings(): Finding[] {
    return this.settle().findings;
  }

  factIndex(): FactIndex {
    return this.settle().index;
  }

  factsOf(metric: string): Fact[] {
    return recentFacts.get(this)?.filter((f) => f.metric === metric) ?? mergedFactsOf(this.copies, metric);
  }

  private settle(): { index: FactIndex; findings: Finding[] } {
    if (this.settled) return this.settled;
    const plan = planCells(this.copies);
    this.settled = {
      index: mergedIndex(plan, factIndexOf(this.copies[0])),
      findings: mergedFindings(this.copies, plan, `${this.meta.agency}${this.meta.year}年报`),
    };
    return this.settled;
  }
}
