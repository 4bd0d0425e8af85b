/**
 * Parsed reports kept on disk beside the passage index, so that a start with thousands of
 * reports reads them back instead of parsing every file again. An entry is used only for a file
 * of the same content (sha256) read by the same parser (a hash of the ingestion code itself), so
 * a changed file or a changed parser is always parsed anew. Written to a temporary file renamed
 * into place: a crash mid-write leaves the previous cache.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Report, Section } from './report.js';

const CACHE_FILE = 'reports.jsonl';

/** The code a parsed report depends on: the ingestion modules and the metric dictionary. */
function parserSources(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const ingest = readdirSync(here).filter((f) => /\.(ts|js)$/.test(f) && !/\.test\./.test(f)).map((f) => path.join(here, f));
  const facts = ['metrics', 'checks'].flatMap((m) => ['.ts', '.js'].map((ext) => path.join(here, '..', 'facts', m + ext)));
  return [...ingest, ...facts].sort();
}

let version: string | undefined;

/** Changes whenever the code that turns a file into a `Report` changes. */
export function parserVersion(): string {
  if (version === undefined) {
    const h = createHash('sha256');
    for (const file of parserSources()) {
      try {
        h.update(readFileSync(file));
      } catch {
        // .ts and .js are both listed: only one exists.
      }
    }
    version = h.digest('hex').slice(0, 16);
  }
  return version;
}

const HeaderSchema = z.object({ kind: z.literal('report-cache'), parser: z.string(), reports: z.number().int().nonnegative() });

/** A report as stored: sections without their text, which is a slice of the report's text. */
type StoredReport = Omit<Report, 'sections'> & { sections: Array<Omit<Section, 'text'>> };

interface Entry {
  sha256: string;
  report: StoredReport;
}

export class ReportCache {
  private constructor(private readonly bySha: Map<string, StoredReport>) {}

  static empty(): ReportCache {
    return new ReportCache(new Map());
  }

  /** The cache in `dir`, or an empty one when there is none, it is unreadable, or of another parser. */
  static async open(dir: string): Promise<ReportCache> {
    let raw: string;
    try {
      raw = await readFile(path.join(dir, CACHE_FILE), 'utf8');
    } catch {
      return ReportCache.empty();
    }
    const lines = raw.split('\n');
    try {
      const header = HeaderSchema.safeParse(JSON.parse(lines[0]));
      if (!header.success || header.data.parser !== parserVersion()) return ReportCache.empty();
      const map = new Map<string, StoredReport>();
      let entries = 0;
      for (let i = 1; i < lines.length; i++) {
        if (lines[i] === '') continue;
        const e = JSON.parse(lines[i]) as Entry;
        map.set(e.sha256, e.report);
        entries++;
      }
      // A cache cut short (a disk filled mid-write) is no cache.
      return entries === header.data.reports ? new ReportCache(map) : ReportCache.empty();
    } catch {
      return ReportCache.empty();
    }
  }

  /** Reports held. */
  get size(): number {
    return this.bySha.size;
  }

  /** The parsed report of a file with this content, under this file name; undefined when not cached. */
  get(sha256: string, file: string): Report | undefined {
    const stored = this.bySha.get(sha256);
    if (!stored) return undefined;
    const sections = stored.sections.map((s) => ({ ...s, text: stored.text.slice(s.start, s.end) }));
    return { ...stored, id: file, file, sections };
  }

  /** Writes the cache of exactly these reports (keyed by their files' hashes), atomically. */
  static async save(dir: string, reports: ReadonlyArray<{ sha256: string; report: Report }>): Promise<void> {
    await mkdir(dir, { recursive: true });
    const header = { kind: 'report-cache', parser: parserVersion(), reports: reports.length };
    const lines = [JSON.stringify(header)];
    for (const { sha256, report } of reports) {
      const stored: StoredReport = { ...report, sections: report.sections.map(({ text: _text, ...rest }) => rest) };
      lines.push(JSON.stringify({ sha256, report: stored }));
    }
    const target = path.join(dir, CACHE_FILE);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, `${lines.join('\n')}\n`);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}
