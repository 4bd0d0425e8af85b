/**
 * `npm run -s add -- [--corpus DIR] [--index DIR] [--dry-run] FILE|URL…`: adds reports to the
 * corpus from files and links, for loading many at once. Each input is read as the corpus reader
 * will read it and gets one line on stdout: what was read (agency, year, template, table cells,
 * cells that could not be read, the corpus files it is a copy of) and where it was saved, or why
 * it was not. Accepted files are copied into the corpus folder under names of their own (never
 * over another file), and the index is brought up to date once at the end, as by
 * `npm run index -- --update`. `--dry-run` reads and reports without saving anything into the
 * corpus. Exit code 1 when some input could not be added, 2 for a usage error.
 *
 * With `DATABASE_URL` set, reports are added to the database instead, as the bot adds them
 * (db/database-corpus.ts): each report and its file's bytes in one transaction under the writer's
 * lock, the running replicas told at each commit; no corpus folder or index is written.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { attachmentLinks } from '../fetch/attachments.js';
import { fetchFile } from '../fetch/fetch-file.js';
import { loadCorpus } from '../ingest/corpus.js';
import { describeFsError, MAX_FILE_BYTES, notRegularFile, type LoadHints } from '../ingest/formats/load.js';
import { sniffFile } from '../ingest/formats/sniff.js';
import type { Result } from '../ingest/report.js';
import { loadConfig } from '../config.js';
import { filesAmong, readCandidate, type Candidate, type KnownReport } from '../intake/candidate.js';
import { FolderCorpus, type CorpusFiles } from '../intake/corpus-file.js';
import { REPORTS_SUBDIR, updateIndex } from '../intake/update-index.js';
import { flag, parseArgs } from './args.js';
import { ProgressLine } from './progress.js';

/** Inputs from which a progress bar is worth drawing. */
const PROGRESS_FROM = 5;

interface Input {
  name: string;
  bytes: Buffer;
  hints: LoadHints;
  /** The page's address, for a page fetched from a link. */
  url?: string;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const corpusDir = path.resolve(flag(args, 'corpus') ?? process.env.CORPUS_DIR ?? 'corpus');
  const indexDir = path.resolve(flag(args, 'index') ?? process.env.INDEX_DIR ?? 'index');
  const dryRun = args.flags.has('dry-run');
  const inputs = args.positional;
  if (inputs.length === 0) {
    process.stderr.write('用法：npm run -s add -- [--corpus DIR] [--index DIR] [--dry-run] 文件或链接…\n');
    return 2;
  }

  const target = await openTarget(corpusDir, indexDir);
  if (!target.ok) {
    process.stderr.write(`${target.error}\n`);
    return 2;
  }
  const { files, known, database } = target.value;
  const progress = new ProgressLine(inputs.length);
  const draw = inputs.length >= PROGRESS_FROM;
  let added = 0;
  let failed = 0;
  for (const [i, input] of inputs.entries()) {
    if (draw) progress.update(i, input);
    const line = await addOne(input, { files, dryRun, known });
    if (line.ok) added += 1;
    else failed += 1;
    progress.clear();
    process.stdout.write(`${line.ok ? line.value : `${input}\t错误：${line.error}`}\n`);
  }
  if (draw) progress.update(inputs.length, '');
  progress.clear();

  const verb = dryRun ? '可以加入' : '加入';
  let summary = `${verb} ${added} 份，${failed} 份无法加入`;
  if (database) {
    await database.close();
    if (!dryRun && added > 0) summary += '；已写入数据库';
  } else if (!dryRun && added > 0) {
    const { opened } = await updateIndex({ corpusDir, indexDir });
    summary += `；索引已更新（${opened.how === 'built' ? '全部重建' : `更新 ${opened.changed.length} 个文件`}）`;
  }
  process.stderr.write(`${summary}${dryRun ? '（--dry-run，没有保存）' : ''}\n`);
  return failed > 0 ? 1 : 0;
}

interface Target {
  files: CorpusFiles;
  /** What the corpus holds already, to name copies. */
  known: KnownReport[];
  /** With DATABASE_URL: the connection, to close at the end. */
  database: { close(): Promise<void> } | null;
}

/** The corpus folder (its reports read through the report store, as the engine reads them), or the database. */
async function openTarget(corpusDir: string, indexDir: string): Promise<Result<Target, string>> {
  if (!process.env.DATABASE_URL?.trim()) {
    const known = (await loadCorpus(corpusDir, { cacheDir: path.join(indexDir, REPORTS_SUBDIR) })).reports;
    return { ok: true, value: { files: new FolderCorpus(corpusDir), known, database: null } };
  }
  const config = loadConfig();
  if (!config.ok) return config;
  const [{ openDatabase }, { DatabaseCorpus }] = await Promise.all([import('../db/database.js'), import('../db/database-corpus.js')]);
  const db = await openDatabase(config.config.databaseUrl as string, { max: 2 });
  if (!db.ok) return db;
  const files = new DatabaseCorpus(db.pool, { onWait: () => process.stderr.write('另一个进程正在写入数据库，等待它完成…\n') });
  return { ok: true, value: { files, known: await files.known(), database: { close: () => db.pool.end() } } };
}

/** Reads one input and, unless a dry run, saves it; the line to print, or the reason it was not added. */
async function addOne(input: string, run: { files: CorpusFiles; dryRun: boolean; known: KnownReport[] }): Promise<Result<string, string>> {
  const got = /^https?:\/\//i.test(input) ? await fromLink(input) : await fromFile(input);
  if (!got.ok) return got;
  const read = await readCandidate(got.value.bytes, got.value.name, filesAmong(run.known), got.value.hints);
  const attachments = read.ok && read.value.summary.cells > 0 ? [] : pageAttachments(got.value);
  if (attachments.length > 0) return { ok: false, error: `网页本身没有统计表格，请改为添加它的附件：${attachments.join(' ')}` };
  if (!read.ok) return read;
  const same = await run.files.holding(got.value.bytes);
  if (same) return { ok: false, error: `语料中已有内容完全相同的文件（${same}）` };
  let where = '未保存（--dry-run）';
  if (!run.dryRun) {
    const saved = await run.files.save(read.value);
    if (!saved.ok) return saved;
    where = `→ ${saved.value}`;
    run.known.push({ meta: read.value.meta, file: saved.value });
  }
  return { ok: true, value: `${input}\t${describe(read.value)}\t${where}` };
}

function describe(candidate: Candidate): string {
  const s = candidate.summary;
  return [
    `${s.agency} ${s.year}年`,
    `模板 ${s.template}`,
    `表格 ${s.cells} 格`,
    `无法确认 ${s.unknownCells} 格`,
    s.copyOf.length > 0 ? `副本：${s.copyOf.join('、')}` : '新报告',
  ].join('\t');
}

async function fromFile(file: string): Promise<Result<Input, string>> {
  try {
    const info = await stat(file);
    const irregular = notRegularFile(info);
    if (irregular) return { ok: false, error: irregular };
    if (info.size > MAX_FILE_BYTES) return { ok: false, error: `文件过大（${(info.size / 1024 / 1024).toFixed(1)} MB），上限 20 MB` };
    return { ok: true, value: { name: path.basename(file), bytes: await readFile(file), hints: {} } };
  } catch (err) {
    return { ok: false, error: describeFsError(err) };
  }
}

async function fromLink(link: string): Promise<Result<Input, string>> {
  const got = await fetchFile(link);
  if (!got.ok) return got;
  const { name, bytes, charset, url } = got.value;
  return { ok: true, value: { name, bytes, url, hints: charset ? { charset } : {} } };
}

/** The documents a fetched web page links to (an announcement whose report is an attachment). */
function pageAttachments(input: Input): string[] {
  if (input.url === undefined || sniffFile(input.bytes).kind !== 'html') return [];
  return attachmentLinks(input.bytes, input.url, input.hints.charset ?? null).map((a) => a.url);
}

// Exit explicitly: the report store and segmenter may hold workers that would keep the process alive.
process.exit(await main());
