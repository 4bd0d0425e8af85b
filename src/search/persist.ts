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
import { PostingList } from './coding.js';
import { createFlex, Retrieval } from './retrieval.js';
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
 *   common.bin      the common terms' postings: u32 term ids, list ends, last passages, counts;
 *                   then the lists, coded by coding.ts
 *   flex/<key>      flexsearch's export (the other terms), one file per key
 *
 * Numbers are little-endian.
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
  const flexParts: Array<[string, string]> = [];
  await s.retrieval.flex.export((key: string, data: string) => {
    flexParts.push([key, data]);
  });
  const commonTerms = [...s.retrieval.common.keys()];
  const lists = commonTerms.map((t) => s.retrieval.common.get(t)!);
  const commonEnds = new Uint32Array(lists.length);
  let commonBytes = 0;
  lists.forEach((list, i) => (commonEnds[i] = commonBytes += list.bytes.length));
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
      commonTerms: commonTerms.length,
      commonBytes,
    },
    splitLive: s.retrieval.splitLive,
    files: meta.files ?? [],
    flexKeys: flexParts.map(([key]) => key),
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
    await mkdir(path.join(tmp, 'flex'));
    await Promise.all([
      writeFile(path.join(tmp, 'reports.json'), encodeReports(s.reports)),
      writeFile(path.join(tmp, 'columns.bin'), columns),
      writeFile(path.join(tmp, 'terms.bin'), bytesOf(s.termBytes.view())),
      writeFile(path.join(tmp, 'df.bin'), bytesOf(s.df.view())),
      writeFile(path.join(tmp, 'vocab.txt'), s.vocab.join('\n')),
      writeFile(
        path.join(tmp, 'common.bin'),
        concatBytes([
          Uint32Array.from(commonTerms),
          commonEnds,
          Uint32Array.from(lists, (l) => l.last),
          Uint32Array.from(lists, (l) => l.count),
          ...lists.map((l) => l.bytes.view()),
        ]),
      ),
      ...flexParts.map(([key, data]) => writeFile(path.join(tmp, 'flex', key), data)),
    ]);
    await writeFile(path.join(tmp, MANIFEST_FILE), manifestText(manifestOf(textBytes)));
  });
}

/** A saved index's files as read: everything but the passages' texts, which stay on disk (texts.ts). */
interface SavedFiles {
  reportsRaw: string;
  columns: Buffer;
  terms: Buffer;
  df: Buffer;
  vocabRaw: string;
  textBytes: number;
  common: Buffer;
  flexData: string[];
}

export async function loadState(dir: string, known?: Manifest): Promise<IndexState> {
  await recoverFolder(dir);
  // The caller's copy when it has just read it (a large corpus's manifest lists every file).
  const manifest = checkedManifest(dir, known ?? (await readManifest(dir)));
  const read = (name: string) => readFile(path.join(dir, name));
  const [reportsRaw, columns, terms, df, vocabRaw, texts, common, ...flexData] = await Promise.all([
    readText(path.join(dir, 'reports.json')),
    read('columns.bin'),
    read('terms.bin'),
    read('df.bin'),
    readText(path.join(dir, 'vocab.txt')),
    stat(path.join(dir, 'texts.bin')),
    read('common.bin'),
    ...manifest.flexKeys.map((key) => readText(path.join(dir, 'flex', key))),
  ]).catch((err: Error) => {
    throw new IndexReadError(dir, `读取索引文件失败：${err.message}`);
  });
  return stateOf(dir, manifest, { reportsRaw, columns, terms, df, vocabRaw, textBytes: texts.size, common, flexData });
}

/**
 * `loadState` in one synchronous piece, for a searcher that reads its index when the first
 * question needs it rather than at start (open.ts): answering stays synchronous.
 */
export function loadStateSync(dir: string, read: Manifest | null): IndexState {
  const manifest = checkedManifest(dir, read);
  const bytes = (name: string) => readFileSync(path.join(dir, name));
  let files: SavedFiles;
  try {
    files = {
      reportsRaw: bytes('reports.json').toString('utf8'),
      columns: bytes('columns.bin'),
      terms: bytes('terms.bin'),
      df: bytes('df.bin'),
      vocabRaw: bytes('vocab.txt').toString('utf8'),
      textBytes: statSync(path.join(dir, 'texts.bin')).size,
      common: bytes('common.bin'),
      flexData: manifest.flexKeys.map((key) => bytes(path.join('flex', key)).toString('utf8')),
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

/** The state of the index whose files were read, each checked against the manifest's counts. */
function stateOf(dir: string, manifest: Manifest, files: SavedFiles): IndexState {
  const { reportsRaw, columns, terms, df, vocabRaw, textBytes, common, flexData } = files;
  const { counts } = manifest;
  const n = counts.passages;
  const expect = (name: string, actual: number, wanted: number) => {
    if (actual !== wanted) throw new IndexReadError(dir, `${name} 大小为 ${actual} 字节，应为 ${wanted}：索引已损坏`);
  };
  expect('columns.bin', columns.length, n * 26);
  expect('terms.bin', terms.length, counts.termBytes);
  expect('df.bin', df.length, counts.terms * 4);
  // Longer is fine: a save that appended to a shared texts file and then failed leaves bytes no
  // passage of this index points to (see texts.ts).
  if (textBytes < counts.textBytes) expect('texts.bin', textBytes, counts.textBytes);
  expect('common.bin', common.length, 16 * counts.commonTerms + counts.commonBytes);
  const reports = decodeReports(reportsRaw);
  if (!reports || reports.length !== counts.reports) throw new IndexReadError(dir, 'reports.json 无法读取：索引已损坏');
  const vocab = counts.terms === 0 ? [] : vocabRaw.split('\n');
  if (vocab.length !== counts.terms) throw new IndexReadError(dir, 'vocab.txt 词数不符：索引已损坏');

  const u32 = (buf: Buffer, at: number, count: number) => typed(Uint32Array, buf, at, count);
  const flex = createFlex();
  manifest.flexKeys.forEach((key, i) => flex.import(key, flexData[i]));
  const c = counts.commonTerms;
  const commonTerms = u32(common, 0, c);
  const commonEnds = u32(common, 4 * c, c);
  const commonLasts = u32(common, 8 * c, c);
  const commonCounts = u32(common, 12 * c, c);
  const commonLists = new Map<number, PostingList>();
  for (let i = 0; i < c; i++) {
    const start = i === 0 ? 0 : commonEnds[i - 1];
    const bytes = typed(Uint8Array, common, 16 * c + start, commonEnds[i] - start);
    commonLists.set(commonTerms[i], new PostingList(new Column(Uint8Array, bytes), commonLasts[i], commonCounts[i]));
  }
  return {
    mode: manifest.mode,
    reports,
    passageReport: new Column(Uint32Array, u32(columns, 0, n)),
    passageStart: new Column(Uint32Array, u32(columns, 4 * n, n)),
    passageEnd: new Column(Uint32Array, u32(columns, 8 * n, n)),
    passageLength: new Column(Uint32Array, u32(columns, 12 * n, n)),
    termsEnd: new Column(Uint32Array, u32(columns, 16 * n, n)),
    passageSection: new Column(Uint8Array, typed(Uint8Array, columns, 24 * n, n)),
    passageTable: new Column(Uint8Array, typed(Uint8Array, columns, 25 * n, n)),
    termBytes: new Column(Uint8Array, typed(Uint8Array, terms, 0, terms.length)),
    vocab,
    df: new Column(Uint32Array, u32(df, 0, counts.terms)),
    texts: new TextStore(path.join(dir, 'texts.bin'), u32(columns, 20 * n, n)),
    retrieval: new Retrieval(flex, commonLists, manifest.splitLive),
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
