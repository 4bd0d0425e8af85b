import { copyKey } from '../ingest/copies.js';
import path from 'node:path';
import { loadBytes, SUPPORTED_EXTENSIONS, type LoadHints, type TextFormat } from '../ingest/formats/load.js';
import { parseReportText } from '../ingest/parse.js';
import type { Report, ReportMeta, Result } from '../ingest/report.js';
import { corpusFileName } from './corpus-file.js';

/** What a person is shown of a report before it joins the corpus. */
export interface CandidateSummary {
  agency: string;
  year: number;
  template: ReportMeta['template'];
  format: TextFormat;
  /** Table cells read, and how many of them could not be read with certainty. */
  cells: number;
  unknownCells: number;
  /** The checks' findings, as sentences. */
  findings: string[];
  /** The corpus files already holding this report (same agency, year and template), else empty. */
  copyOf: string[];
}

/** A report read from bytes, not yet in the corpus. */
export interface Candidate {
  /** The name it would get in the corpus folder (before making it unique there). */
  name: string;
  bytes: Buffer;
  /** What tells its copies: agency, year, place, template. */
  meta: ReportMeta;
  summary: CandidateSummary;
  /** What it was read with besides its bytes (a server's charset), to read it again the same way. */
  hints: LoadHints;
}

/** What a report already in the corpus is known by here: its metadata and its file(s). */
export type KnownReport = Pick<Report, 'meta' | 'file' | 'files'>;

/** The corpus files holding the report of a copy key (`copyKey`), none when the corpus lacks it. */
export type FilesOf = (key: string) => Promise<readonly string[]>;

/** `FilesOf` over reports in hand (the embedded engine's, or a folder's). */
export function filesAmong(known: readonly KnownReport[]): FilesOf {
  return async (key) => known.filter((r) => copyKey(r.meta) === key).flatMap((r) => r.files ?? [r.file]);
}

/**
 * Reads a file that is to join the corpus, the way the corpus reader will read it once saved
 * (the same loaders and parser), and says what it holds and whether the corpus has it already.
 * A file that is no report, is broken or of a kind no loader reads comes back as one line.
 *
 * @example
 * const read = await readCandidate(bytes, '2023年报.pdf', filesAmong(engine.reports));
 * if (read.ok) console.log(read.value.summary.copyOf); // [] for a report the corpus lacks
 */
export async function readCandidate(bytes: Buffer, name: string, filesOf: FilesOf, hints: LoadHints = {}): Promise<Result<Candidate, string>> {
  const file = corpusFileName(name, bytes);
  try {
    const loaded = await loadBytes(bytes, file, hints);
    if (!loaded.ok) return { ok: false, error: loaded.error.message };
    const parsed = parseReportText(loaded.value.text, file, loaded.value);
    if (!parsed.ok) return { ok: false, error: parsed.error.message };
    // A kind read here but not yet listed by the corpus reader would be saved and never read again.
    if (!SUPPORTED_EXTENSIONS.includes(path.extname(file).toLowerCase())) return { ok: false, error: `语料目录还不收 ${path.extname(file)} 文件` };
    const report = parsed.value;
    return { ok: true, value: { name: file, bytes, meta: report.meta, summary: summarize(report, loaded.value.format, [...(await filesOf(copyKey(report.meta)))]), hints } };
  } catch (err) {
    const detail = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 200);
    return { ok: false, error: `读取时出错（${detail}）：文件可能损坏或结构异常` };
  }
}

function summarize(report: Report, format: TextFormat, copyOf: string[]): CandidateSummary {
  const cells = report.facts.filter((f) => f.origin === 'table');
  return {
    agency: report.meta.agency,
    year: report.meta.year,
    template: report.meta.template,
    format,
    cells: cells.length,
    unknownCells: cells.filter((f) => f.value.kind === 'unknown').length,
    findings: report.findings.map((f) => f.message),
    copyOf,
  };
}
