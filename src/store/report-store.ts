/**
 * The report store: parsed reports kept on disk in `index/reports/`, so that a start reads them
 * back instead of parsing every file again, and so that a corpus of 100,000 reports never sits
 * in memory whole. What a question touches at once stays in memory (each report's metadata,
 * findings, section headings, and the few numbers per fact that the fact store indexes); each
 * report's facts and text stay on disk and are read when an answer shows them.
 *
 * Files:
 * - `catalog.v8`: a header and one entry per report: its file (name, size, time, sha256),
 *   metadata, findings, section headings and where its columns and body lie; in V8's own
 *   serialization (`node:v8`), field by field (catalog.ts), which reads back many times
 *   faster than JSON;
 * - `columns-<generation>.bin`: per report, its facts' numbers (NaN when not a number), where
 *   each fact lies in the body, metric codes and table flags, 8-byte aligned;
 * - `bodies-<generation>.bin`: per report, its facts (one compact JSON text each, so that an
 *   answer reads just the facts it shows) and its normalized text.
 *
 * Columns and bodies are only ever appended to; the catalog is written aside and renamed into
 * place, so a crash mid-write leaves the previous store readable. When over half of the bytes
 * belong to reports no longer listed, the live ones are copied into a new generation.
 * An entry is used only for a file of the same content (sha256, or the same size and
 * modification time as when it was read) parsed by the same parser (`parserVersion`).
 * One process writes at a time (the engine at start, or `npm run index`).
 */
import { closeSync, fstatSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { z } from 'zod';
import { ReadOnlyFile } from '../read-only-file.js';
import { parserVersion } from '../ingest/parser-version.js';
import { CatalogColumnsSchema, EntrySchema, fromColumns, toColumns, type Entry } from './catalog.js';
import type { CellValue, Fact, Finding, Report, ReportMeta, Section } from '../ingest/report.js';

export const CATALOG = 'catalog.v8';
const FORMAT = 3;

const HeaderSchema = z.object({
  kind: z.literal('report-store'),
  format: z.literal(FORMAT),
  parser: z.string(),
  generation: z.number().int().nonnegative(),
  /** Metric ids by code, as the columns files name them. */
  metrics: z.array(z.string()),
  reports: z.number().int().nonnegative(),
});
type Header = z.infer<typeof HeaderSchema>;

/** A corpus file as the store knows it: what identifies its content without reading it again. */
export interface FileStamp {
  file: string;
  sha256: string;
  size: number;
  mtimeMs: number;
}

/**
 * What the fact store indexes of a report's facts, in the facts' order: the metric (a code into
 * `metrics`, shared by every report of a store), the number (NaN when the cell holds none) and
 * whether the fact is a table cell (1) or not (0).
 */
export interface FactIndex {
  metrics: readonly string[];
  codes: Uint16Array;
  values: Float64Array;
  table: Uint8Array;
}

const KINDS = ['number', 'blank', 'not_applicable', 'text', 'unknown'] as const;

/** A fact as stored: [kind, number or text, unit, table?, section, source, label?]; the metric is in the columns. */
type StoredFact = [number, number | string | null, string, 0 | 1, number, string, string?];

function storeFact(f: Fact): StoredFact {
  const v = f.value;
  const stored: StoredFact = [
    KINDS.indexOf(v.kind),
    v.kind === 'number' ? v.value : v.kind === 'text' ? v.text : null,
    f.unit,
    f.origin === 'table' ? 1 : 0,
    f.section,
    f.source,
  ];
  if (f.label !== undefined) stored.push(f.label);
  return stored;
}

function readFact(s: StoredFact, metric: string): Fact {
  const kind = KINDS[s[0]];
  const value: CellValue =
    kind === 'number' ? { kind, value: s[1] as number } : kind === 'text' ? { kind, text: s[1] as string } : { kind };
  const fact: Fact = { metric, value, unit: s[2], origin: s[3] ? 'table' : 'narrative', section: s[4] as Fact['section'], source: s[5] };
  if (s[6] !== undefined) fact.label = s[6];
  return fact;
}

/** Open files of one generation, kept open so that a later compaction cannot pull them away. */
class Bodies {
  private readonly bodies: ReadOnlyFile;
  /** The last few reports' facts decoded: an answer reads the same report several times. */
  private readonly recentFacts = new Map<Entry, Fact[]>();
  private lastText: { entry: Entry; text: string } | null = null;

  private columnsRead: Buffer | null;

  /** `columns`: the fact columns, or their file opened, read when a first fact is asked for. */
  constructor(
    readonly file: string,
    private readonly columnsFrom: Buffer | ReadOnlyFile,
    private readonly metrics: readonly string[],
  ) {
    this.bodies = new ReadOnlyFile(file);
    this.columnsRead = columnsFrom instanceof ReadOnlyFile ? null : columnsFrom;
  }

  close(): void {
    this.bodies.close();
    if (this.columnsFrom instanceof ReadOnlyFile) this.columnsFrom.close();
  }

  /**
   * The fact columns. Read at first use, not at start: a first answer from the passages needs
   * none (31 MB at 10,000 reports). The file was opened at start, so a compaction meanwhile cannot
   * pull it away.
   */
  private get columns(): Buffer {
    if (this.columnsRead) return this.columnsRead;
    const file = this.columnsFrom as ReadOnlyFile;
    let read = file.read(0, file.stat().size, 'the report store is damaged; delete index/reports to rebuild it');
    file.close();
    if (read.byteOffset % 8 !== 0) read = Buffer.from(new Uint8Array(read).buffer); // a copy of its own, aligned
    return (this.columnsRead = read);
  }

  /** The same bodies file with columns appended since this was opened, and the metrics they name. */
  extended(appended: readonly Buffer[], metrics: readonly string[]): Bodies {
    return new Bodies(this.file, Buffer.concat([this.columns, ...appended]), metrics);
  }

  private readBytes(at: number, bytes: number): Buffer {
    return this.bodies.read(at, bytes, 'the report store is damaged; delete index/reports to rebuild it');
  }

  text(e: Entry): string {
    if (this.lastText?.entry === e) return this.lastText.text;
    const text = this.readBytes(e.body + e.factBytes, e.textBytes).toString('utf8');
    this.lastText = { entry: e, text };
    return text;
  }

  facts(e: Entry): Fact[] {
    const cached = this.recentFacts.get(e);
    if (cached) return cached;
    const all = Array.from({ length: e.facts }, (_, k) => k);
    const facts = this.factsAt(e, all);
    if (this.recentFacts.size >= 64) this.recentFacts.delete(this.recentFacts.keys().next().value as Entry);
    this.recentFacts.set(e, facts);
    return facts;
  }

  /** The facts at these positions (ascending), read in one span of the body. */
  factsAt(e: Entry, positions: readonly number[]): Fact[] {
    if (positions.length === 0) return [];
    const cached = this.recentFacts.get(e);
    if (cached) return positions.map((k) => cached[k]);
    const { metrics, codes, offsets } = this.index(e);
    const from = offsets[positions[0]];
    const span = this.readBytes(e.body + from, offsets[positions[positions.length - 1] + 1] - from);
    return positions.map((k) => {
      const stored = JSON.parse(span.toString('utf8', offsets[k] - from, offsets[k + 1] - from)) as StoredFact;
      return readFact(stored, metrics[codes[k]]);
    });
  }

  index(e: Entry): FactIndex & { offsets: Uint32Array } {
    const n = e.facts;
    const base = this.columns.byteOffset + e.columns;
    const values = new Float64Array(this.columns.buffer, base, n);
    const offsets = new Uint32Array(this.columns.buffer, base + n * 8, n + 1);
    const codes = new Uint16Array(this.columns.buffer, base + n * 12 + 4, n);
    const table = new Uint8Array(this.columns.buffer, base + n * 14 + 4, n);
    return { metrics: this.metrics, codes, values, table, offsets };
  }
}

/** A report read back from the store: metadata in memory, facts and text read from disk when asked for. */
class StoredReport implements Report {
  readonly id: string;
  readonly file: string;
  readonly meta: ReportMeta;
  readonly findings: Finding[];

  constructor(
    file: string,
    readonly entry: Entry,
    readonly bodies: Bodies,
  ) {
    this.id = file;
    this.file = file;
    this.meta = entry.meta;
    this.findings = entry.findings;
  }

  /** Made when asked for (building passages, showing a section): 100,000 reports' sections are not kept. */
  get sections(): Section[] {
    const report = this;
    return this.entry.sections.map(([no, title, start, end]) => ({
      no,
      title,
      start,
      end,
      get text() {
        return report.text.slice(start, end);
      },
    }));
  }

  get text(): string {
    return this.bodies.text(this.entry);
  }

  get facts(): Fact[] {
    return this.bodies.facts(this.entry);
  }
}

/** A report that makes its own fact index and reads its own facts by metric (one merged from copies of it, copies.ts). */
export interface OwnFactIndex {
  factIndex(): FactIndex;
  factsOf(metric: string): Fact[];
}

const ownsFactIndex = (report: Report): report is Report & OwnFactIndex => typeof (report as Partial<OwnFactIndex>).factIndex === 'function';

/** The fact store's view of a report's facts: read from the columns for a stored report, without decoding its facts. */
export function factIndexOf(report: Report): FactIndex {
  if (report instanceof StoredReport) return report.bodies.index(report.entry);
  if (ownsFactIndex(report)) return report.factIndex();
  const facts = report.facts;
  const metrics: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Uint16Array(facts.length);
  const values = new Float64Array(facts.length);
  const table = new Uint8Array(facts.length);
  facts.forEach((f, k) => {
    let c = codeOf.get(f.metric);
    if (c === undefined) {
      c = metrics.length;
      metrics.push(f.metric);
      codeOf.set(f.metric, c);
    }
    codes[k] = c;
    values[k] = f.value.kind === 'number' ? f.value.value : NaN;
    table[k] = f.origin === 'table' ? 1 : 0;
  });
  return { metrics, codes, values, table };
}

/** A report's facts of one metric, in the report's order: a stored report reads only those from disk. */
export function factsOf(report: Report, metric: string): Fact[] {
  if (ownsFactIndex(report)) return report.factsOf(metric);
  if (!(report instanceof StoredReport)) return report.facts.filter((f) => f.metric === metric);
  const { metrics, codes } = report.bodies.index(report.entry);
  const code = metrics.indexOf(metric);
  if (code < 0) return [];
  const positions: number[] = [];
  for (let k = 0; k < codes.length; k++) if (codes[k] === code) positions.push(k);
  return report.bodies.factsAt(report.entry, positions);
}

/** A report's facts at these positions of its fact index (ascending): a stored report reads them in one span. */
export function factsAt(report: Report, positions: readonly number[]): Fact[] {
  if (report instanceof StoredReport) return report.bodies.factsAt(report.entry, positions);
  const facts = report.facts;
  return positions.map((k) => facts[k]);
}

const columnsFile = (dir: string, generation: number) => path.join(dir, `columns-${generation}.bin`);
const bodiesFile = (dir: string, generation: number) => path.join(dir, `bodies-${generation}.bin`);

/** Bytes a report's columns take, padded so that the next report's numbers stay 8-byte aligned. */
const columnBytes = (facts: number) => Math.ceil((facts * 15 + 4) / 8) * 8;

export class ReportStore {
  /** The catalog file as it was when this store read it (null: there was none). */
  private catalogSeen: string | null = null;

  private constructor(
    private readonly dir: string,
    private readonly header: Header | null,
    private readonly entries: Map<string, Entry>,
    private readonly bySha: Map<string, Entry>,
    private readonly bodies: Bodies | null,
  ) {}

  /** Whether the catalog on disk is still the one this store read: no writer came in between. */
  isCurrent(): boolean {
    return catalogIdentity(this.dir) === this.catalogSeen;
  }

  /** A store of entries a writer has just listed (see `ReportStoreWriter.finish`). */
  static assemble(dir: string, header: Header, list: readonly Entry[], bodies: Bodies): ReportStore {
    const entries = new Map<string, Entry>();
    const bySha = new Map<string, Entry>();
    for (const e of list) {
      entries.set(e.file, e);
      bySha.set(e.sha256, e);
    }
    return new ReportStore(dir, header, entries, bySha, bodies);
  }

  /** The store in `dir`, or an empty one when there is none, it is unreadable, or another parser wrote it. */
  static async open(dir: string): Promise<ReportStore> {
    const seen = catalogIdentity(dir);
    const store = await ReportStore.read(dir);
    store.catalogSeen = seen;
    return store;
  }

  private static async read(dir: string): Promise<ReportStore> {
    const empty = new ReportStore(dir, null, new Map(), new Map(), null);
    let raw: Buffer;
    try {
      raw = await readFile(path.join(dir, CATALOG));
    } catch {
      return empty;
    }
    try {
      const catalog = v8.deserialize(raw) as { header: unknown; columns: unknown };
      const header = HeaderSchema.safeParse(catalog.header);
      if (!header.success || header.data.parser !== parserVersion()) return empty;
      const columns = CatalogColumnsSchema.safeParse(catalog.columns);
      if (!columns.success) return empty;
      const entries = new Map<string, Entry>();
      const bySha = new Map<string, Entry>();
      for (const e of fromColumns(columns.data)) {
        entries.set(e.file, e);
        bySha.set(e.sha256, e);
      }
      if (entries.size !== header.data.reports) return empty;
      // Checked in full for one entry: a catalog of another shape fails here, not mid-answer.
      const first = entries.values().next().value;
      if (first && !EntrySchema.safeParse(first).success) return empty;
      const factColumns = new ReadOnlyFile(columnsFile(dir, header.data.generation));
      const columnsSize = factColumns.stat().size;
      for (const e of entries.values()) {
        if (e.columns + columnBytes(e.facts) > columnsSize) {
          factColumns.close();
          return empty;
        }
      }
      const bodies = new Bodies(bodiesFile(dir, header.data.generation), factColumns, header.data.metrics);
      return new ReportStore(dir, header.data, entries, bySha, bodies);
    } catch {
      return empty;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The report of a file whose size and modification time are as stored: no need to read the file. */
  byStamp(file: string, size: number, mtimeMs: number): { report: Report; stamp: FileStamp } | undefined {
    const e = this.entries.get(file);
    if (!e || !this.bodies || e.size !== size || e.mtimeMs !== mtimeMs) return undefined;
    return { report: new StoredReport(file, e, this.bodies), stamp: stampOf(e) };
  }

  /** The report of a file with this content, under this file name. */
  byHash(sha256: string, file: string): Report | undefined {
    const e = this.bySha.get(sha256);
    return e && this.bodies ? new StoredReport(file, e, this.bodies) : undefined;
  }

  /**
   * Starts writing the store of exactly the reports the writer is given (kept ones as they come
   * from this store, new ones as parsed); `finish` makes it the store on disk. `fresh` writes
   * a new generation holding only the reports given (a compaction).
   */
  async writer(opts: { fresh?: boolean } = {}): Promise<ReportStoreWriter> {
    await mkdir(this.dir, { recursive: true });
    return new ReportStoreWriter(this.dir, this.header, this.bodies, opts.fresh ?? false);
  }

  /** Closes the store's files (reports read from it can no longer read their text). */
  close(): void {
    this.bodies?.close();
  }
}

/** What tells one catalog file from another: its inode, size and time (the catalog is replaced, never edited). */
function catalogIdentity(dir: string): string | null {
  try {
    const s = statSync(path.join(dir, CATALOG));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

function stampOf(e: Entry): FileStamp {
  return { file: e.file, sha256: e.sha256, size: e.size, mtimeMs: e.mtimeMs };
}

/** Past this many bytes of appended columns, the new store reads its columns file instead. */
const KEEP_APPENDED_BYTES = 64 * 2 ** 20;

/** Appends new reports to the store's files and writes its catalog. */
export class ReportStoreWriter {
  private readonly entries: Entry[] = [];
  private readonly metrics: string[];
  private readonly codes: Map<string, number>;
  private columnsFd = -1;
  private bodiesFd = -1;
  private columnsAt = 0;
  private bodiesAt = 0;
  private readonly generation: number;
  private readonly fresh: boolean;
  private live = 0;
  private closed = false;
  /** Columns appended, kept to hand the new store its columns without reading the file again. */
  private appended: Buffer[] | null = [];
  private appendedBytes = 0;

  constructor(
    private readonly dir: string,
    previous: Header | null,
    private readonly previousBodies: Bodies | null,
    fresh: boolean,
  ) {
    const appendTo = fresh || previousBodies === null ? null : previous;
    this.fresh = appendTo === null;
    // A new generation never reuses a file name: another process may still be reading the old one.
    this.generation = appendTo ? appendTo.generation : newestGeneration(dir) + 1;
    this.metrics = appendTo ? [...appendTo.metrics] : [];
    this.codes = new Map(this.metrics.map((m, i) => [m, i]));
    this.columnsFd = openSync(columnsFile(dir, this.generation), this.fresh ? 'w' : 'a');
    this.bodiesFd = openSync(bodiesFile(dir, this.generation), this.fresh ? 'w' : 'a');
    this.columnsAt = fstatSync(this.columnsFd).size;
    this.bodiesAt = fstatSync(this.bodiesFd).size;
  }

  /** Lists a report; one this store holds is listed as it is, without writing it again. */
  add(stamp: FileStamp, report: Report): void {
    let entry: Entry;
    if (report instanceof StoredReport && report.bodies === this.previousBodies && !this.fresh) {
      entry = { ...report.entry, ...stamp };
    } else {
      entry = this.append(stamp, report);
    }
    this.live += columnBytes(entry.facts) + entry.factBytes + entry.textBytes;
    this.entries.push(entry);
  }

  private append(stamp: FileStamp, report: Report): Entry {
    const facts = report.facts;
    const n = facts.length;
    const columns = Buffer.alloc(columnBytes(n));
    const values = new Float64Array(columns.buffer, columns.byteOffset, n);
    const offsets = new Uint32Array(columns.buffer, columns.byteOffset + n * 8, n + 1);
    const codes = new Uint16Array(columns.buffer, columns.byteOffset + n * 12 + 4, n);
    const jsons: Buffer[] = [];
    let at = 0;
    for (let k = 0; k < n; k++) {
      const f = facts[k];
      values[k] = f.value.kind === 'number' ? f.value.value : NaN;
      codes[k] = this.code(f.metric);
      columns[n * 14 + 4 + k] = f.origin === 'table' ? 1 : 0;
      const json = Buffer.from(JSON.stringify(storeFact(f)));
      offsets[k] = at;
      at += json.length;
      jsons.push(json);
    }
    offsets[n] = at;
    const factJson = Buffer.concat(jsons);
    const text = Buffer.from(report.text);
    const entry: Entry = {
      ...stamp,
      meta: report.meta,
      findings: report.findings,
      sections: report.sections.map((s) => [s.no, s.title, s.start, s.end]),
      facts: n,
      columns: this.columnsAt,
      body: this.bodiesAt,
      factBytes: factJson.length,
      textBytes: text.length,
    };
    writeAll(this.columnsFd, columns);
    writeAll(this.bodiesFd, Buffer.concat([factJson, text]));
    this.appendedBytes += columns.length;
    if (this.fresh || this.appendedBytes > KEEP_APPENDED_BYTES) this.appended = null;
    else this.appended?.push(columns);
    this.columnsAt += columns.length;
    this.bodiesAt += factJson.length + text.length;
    return entry;
  }

  private code(metric: string): number {
    let c = this.codes.get(metric);
    if (c === undefined) {
      c = this.metrics.length;
      if (c > 0xffff) throw new Error('more than 65,536 distinct metric ids: the parser is naming facts wrongly');
      this.metrics.push(metric);
      this.codes.set(metric, c);
    }
    return c;
  }

  /**
   * Writes the catalog (aside, then renamed into place). Returns whether a compaction is due, and
   * the new store when it can be had without reading the files again (a few reports appended);
   * else null, and `ReportStore.open` reads it.
   */
  async finish(): Promise<{ compact: boolean; store: ReportStore | null }> {
    this.close();
    const header: Header = { kind: 'report-store', format: FORMAT, parser: parserVersion(), generation: this.generation, metrics: this.metrics, reports: this.entries.length };
    const target = path.join(this.dir, CATALOG);
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, v8.serialize({ header, columns: toColumns(this.entries) }));
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await removeOtherGenerations(this.dir, this.generation);
    const store =
      this.appended && this.previousBodies && !this.fresh
        ? ReportStore.assemble(this.dir, header, this.entries, this.previousBodies.extended(this.appended, this.metrics))
        : null;
    return { compact: this.live * 2 < this.columnsAt + this.bodiesAt, store };
  }

  /** Stops writing without touching the catalog (the previous store stays as it was). */
  abandon(): void {
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.columnsFd);
    closeSync(this.bodiesFd);
  }
}

function newestGeneration(dir: string): number {
  let newest = 0;
  for (const n of readdirSync(dir)) {
    const m = /^(?:columns|bodies)-(\d+)\.bin$/.exec(n);
    if (m) newest = Math.max(newest, Number(m[1]));
  }
  return newest;
}

function writeAll(fd: number, buf: Buffer): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done);
}

/** Deletes column and body files of other generations (open ones stay readable until closed). */
async function removeOtherGenerations(dir: string, keep: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => /^(columns|bodies)-\d+\.bin$/.test(n) && n !== path.basename(columnsFile(dir, keep)) && n !== path.basename(bodiesFile(dir, keep)))
      .map((n) => rm(path.join(dir, n), { force: true })),
  );
}
