import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { replaceFolder, recoverFolder } from './atomic-dir.js';
import { Column } from './column.js';
import { DICTIONARY_VERSION } from './dictionary.js';
import { FORMAT_VERSION, MANIFEST_FILE, manifestText, readManifest, type Manifest } from './manifest.js';
import type { SaveMeta } from './passage-index.js';
import { decodeReports, encodeReports } from './reports-file.js';
import type { IndexState } from './state.js';
import { encodePostingsFiles, lexiconBytes, PostingsFile, readLexicon, TermsFile } from './postings-file.js';
import { Retrieval } from './retrieval.js';
import { TextStore } from './texts.js';

/**
 * The index on disk. Everything segmentation produced is stored, so loading never runs jieba:
 *
 *   manifest.json   format, dictionary version, counts, corpus file hashes (written last)
 *   reports.json    the reports: id, agency, aliases, year, section titles (see reports-file.ts)
 *   columns.bin     per passage, u32 columns report, start, end, length, termsEnd (byte in
 *                   terms.bin), textEnd (byte in texts.bin); then u8 columns section and
 *                   table (1–3 for a table-row passage, 0 for prose)
 *   terms.bin       per passage, its (term id, count) pairs, coded by coding.ts
 *   df.bin          per term, the passages holding it (u32)
 *   vocab.txt       the terms, one a line
 *   texts.bin       the passages' texts, UTF-8, back to back (read when shown, see texts.ts)
 *   postings.bin    per term, the passages holding it with their counts, coded by coding.ts
 *   lexicon.bin     where each term's postings end, its last passage, the common terms
 *                   (see postings-file.ts)
 *
 * Numbers are little-endian. `loadState` reads it all (an index to add to); `openStateSync`
 * reads the small files and leaves terms.bin, postings.bin and texts.bin on disk, read by offset
 * as questions need them (an index to search).
 */

/** An index folder that cannot be read: missing, unfinished, of another format, or damaged. */
export class IndexReadError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(`${dir}: ${message}`);
    this.name = 'IndexReadError';
  }
}

export async function saveState(s: IndexState, dir: string, meta: SaveMeta): Promise<void> {
  const n = s.passageReport.length;
  const { postings, lexicon, commonTerms } = encodePostingsFiles(s);
  const manifestOf = (textBytes: number): Manifest => ({
    format: FORMAT_VERSION,
    dictionary: DICTIONARY_VERSION,
    mode: s.mode,
    builtAt: new Date().toISOString(),
    counts: {
      reports: s.reports.length,
      passages: n,
      termBytes: s.termBytes.length,
      terms: s.vocab.length,
      textBytes,
      commonTerms,
      postingBytes: postings.length,
    },
    splitLive: s.retrieval.splitLive,
    files: meta.files ?? [],
  });

  await replaceFolder(dir, async (tmp) => {
    // First: the texts file is linked from the index loaded and appended to when it can be.
    const { ends: textEnds, bytes: textBytes } = await s.texts.saveTo(path.join(tmp, 'texts.bin'));
    const columns = concatBytes([
      s.passageReport.view(),
      s.passageStart.view(),
      s.passageEnd.view(),
      s.passageLength.view(),
      s.termsEnd.view(),
      textEnds,
      s.passageSection.view(),
      s.passageTable.view(),
    ]);
    await Promise.all([
      writeFile(path.join(tmp, 'reports.json'), encodeReports(s.reports)),
      writeFile(path.join(tmp, 'columns.bin'), columns),
      writeFile(path.join(tmp, 'terms.bin'), bytesOf(s.termBytes.view())),
      writeFile(path.join(tmp, 'df.bin'), bytesOf(s.df.view())),
      writeFile(path.join(tmp, 'vocab.txt'), s.vocab.join('\n')),
      writeFile(path.join(tmp, 'postings.bin'), postings),
      writeFile(path.join(tmp, 'lexicon.bin'), lexicon),
    ]);
    await writeFile(path.join(tmp, MANIFEST_FILE), manifestText(manifestOf(textBytes)));
  });
}

/** A saved index's files as read: everything but the passages' texts, which stay on disk (texts.ts). */
interface SavedFiles {
  reportsRaw: string;
  columns: Buffer;
  df: Buffer;
  vocabRaw: string;
  lexicon: Buffer;
  textBytes: number;
  /** terms.bin and postings.bin: read whole (an index to add to), or left on disk to be read by offset. */
  lists: { read: true; terms: Buffer; postings: Buffer } | { read: false; terms: FileOnDisk; postings: FileOnDisk };
}

/** A file left on disk: its path, and its size when the index was opened. */
interface FileOnDisk {
  path: string;
  bytes: number;
}

/** Reads the whole index: an index that reports are added to and saved again. */
export async function loadState(dir: string, known?: Manifest): Promise<IndexState> {
  await recoverFolder(dir);
  // The caller's copy when it has just read it (a large corpus's manifest lists every file).
  const manifest = checkedManifest(dir, known ?? (await readManifest(dir)));
  const read = (name: string) => readFile(path.join(dir, name));
  const [reportsRaw, columns, terms, df, vocabRaw, texts, postings, lexicon] = await Promise.all([
    readText(path.join(dir, 'reports.json')),
    read('columns.bin'),
    read('terms.bin'),
    read('df.bin'),
    readText(path.join(dir, 'vocab.txt')),
    stat(path.join(dir, 'texts.bin')),
    read('postings.bin'),
    read('lexicon.bin'),
  ]).catch((err: Error) => {
    throw new IndexReadError(dir, `读取索引文件失败：${err.message}`);
  });
  return stateOf(dir, manifest, { reportsRaw, columns, df, vocabRaw, textBytes: texts.size, lexicon, lists: { read: true, terms, postings } });
}

/**
 * The index to search, in one synchronous piece (a searcher opens it when the first question
 * needs it rather than at start, see open.ts, and answering stays synchronous): the reports,
 * the passages' columns and the vocabulary are read; the passages' terms, the postings and the
 * texts stay on disk and are read by offset, only what a question needs. Such a state takes no
 * reports.
 */
export function openStateSync(dir: string, read: Manifest | null): IndexState {
  const manifest = checkedManifest(dir, read);
  const bytes = (name: string) => readFileSync(path.join(dir, name));
  const onDisk = (name: string): FileOnDisk => ({ path: path.join(dir, name), bytes: statSync(path.join(dir, name)).size });
  let files: SavedFiles;
  try {
    files = {
      reportsRaw: bytes('reports.json').toString('utf8'),
      columns: bytes('columns.bin'),
      df: bytes('df.bin'),
      vocabRaw: bytes('vocab.txt').toString('utf8'),
      lexicon: bytes('lexicon.bin'),
      textBytes: statSync(path.join(dir, 'texts.bin')).size,
      lists: { read: false, terms: onDisk('terms.bin'), postings: onDisk('postings.bin') },
    };
  } catch (err) {
    throw new IndexReadError(dir, `读取索引文件失败：${(err as Error).message}`);
  }
  return stateOf(dir, manifest, files);
}

function checkedManifest(dir: string, manifest: Manifest | null): Manifest {
  if (!manifest) throw new IndexReadError(dir, '没有可读的 manifest.json（索引不存在或未写完）');
  if (manifest.format !== FORMAT_VERSION) {
    throw new IndexReadError(dir, `索引格式 ${manifest.format} 与程序的格式 ${FORMAT_VERSION} 不同，需要重建`);
  }
  return manifest;
}

/** The state of the index whose files were read (or opened), each checked against the manifest's counts. */
function stateOf(dir: string, manifest: Manifest, files: SavedFiles): IndexState {
  const { reportsRaw, columns, df, vocabRaw, lexicon, textBytes, lists } = files;
  const { counts } = manifest;
  const n = counts.passages;
  const expect = (name: string, actual: number, wanted: number) => {
    if (actual !== wanted) throw new IndexReadError(dir, `${name} 大小为 ${actual} 字节，应为 ${wanted}：索引已损坏`);
  };
  const size = (f: Buffer | FileOnDisk) => (Buffer.isBuffer(f) ? f.length : f.bytes);
  expect('columns.bin', columns.length, n * 26);
  expect('terms.bin', size(lists.terms), counts.termBytes);
  expect('df.bin', df.length, counts.terms * 4);
  // Longer is fine: a save that appended to a shared texts file and then failed leaves bytes no
  // passage of this index points to (see texts.ts).
  if (textBytes < counts.textBytes) expect('texts.bin', textBytes, counts.textBytes);
  expect('postings.bin', size(lists.postings), counts.postingBytes);
  expect('lexicon.bin', lexicon.length, lexiconBytes(counts.terms, counts.commonTerms));
  const reports = decodeReports(reportsRaw);
  if (!reports || reports.length !== counts.reports) throw new IndexReadError(dir, 'reports.json 无法读取：索引已损坏');
  const vocab = counts.terms === 0 ? [] : vocabRaw.split('\n');
  if (vocab.length !== counts.terms) throw new IndexReadError(dir, 'vocab.txt 词数不符：索引已损坏');

  const u32 = (buf: Buffer, at: number, count: number) => typed(Uint32Array, buf, at, count);
  const dfColumn = new Column(Uint32Array, u32(df, 0, counts.terms));
  const termsEnd = u32(columns, 16 * n, n);
  const lex = readLexicon(typed(Uint8Array, lexicon, 0, lexicon.length), counts.terms, counts.commonTerms);
  const dfOf = (t: number) => dfColumn.get(t);
  let termBytes = new Column(Uint8Array);
  let termsFile: TermsFile | null = null;
  let retrieval: Retrieval;
  if (lists.read) {
    const { terms, postings } = lists;
    termBytes = new Column(Uint8Array, typed(Uint8Array, terms, 0, terms.length));
    retrieval = Retrieval.fromPostings(typed(Uint8Array, postings, 0, postings.length), lex.ends, lex.lasts, lex.common, dfOf, manifest.splitLive);
  } else {
    try {
      termsFile = new TermsFile(lists.terms.path, termsEnd);
      retrieval = new Retrieval(undefined, undefined, manifest.splitLive, new PostingsFile(lists.postings.path, lex.ends, lex.lasts, lex.common, dfOf));
    } catch (err) {
      termsFile?.close();
      throw new IndexReadError(dir, `读取索引文件失败：${(err as Error).message}`);
    }
  }
  return {
    mode: manifest.mode,
    reports,
    passageReport: new Column(Uint32Array, u32(columns, 0, n)),
    passageStart: new Column(Uint32Array, u32(columns, 4 * n, n)),
    passageEnd: new Column(Uint32Array, u32(columns, 8 * n, n)),
    passageLength: new Column(Uint32Array, u32(columns, 12 * n, n)),
    termsEnd: new Column(Uint32Array, termsEnd),
    passageSection: new Column(Uint8Array, typed(Uint8Array, columns, 24 * n, n)),
    passageTable: new Column(Uint8Array, typed(Uint8Array, columns, 25 * n, n)),
    termBytes,
    termsFile,
    vocab,
    df: dfColumn,
    texts: new TextStore(path.join(dir, 'texts.bin'), u32(columns, 20 * n, n)),
    retrieval,
  };
}

/** A UTF-8 file as text: read whole, then decoded at once (faster than decoding as it is read). */
async function readText(file: string): Promise<string> {
  return (await readFile(file)).toString('utf8');
}

type TypedArray = Uint32Array | Uint16Array | Uint8Array;

/** A view of `count` numbers of `buf` from byte `at`; a copy when `at` is not aligned. */
function typed<T extends TypedArray>(
  ctor: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  buf: Buffer,
  at: number,
  count: number,
): T {
  const offset = buf.byteOffset + at;
  if (offset % ctor.BYTES_PER_ELEMENT === 0) return new ctor(buf.buffer, offset, count);
  const copy = new ctor(count);
  new Uint8Array(copy.buffer).set(buf.subarray(at, at + count * ctor.BYTES_PER_ELEMENT));
  return copy;
}

function bytesOf(a: TypedArray): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function concatBytes(arrays: TypedArray[]): Buffer {
  return Buffer.concat(arrays.map(bytesOf));
}
