import nodejieba from 'nodejieba';
import { ensureJieba, passageTexts, PassageIndex } from '../../../src/search/index.js';
import type { Report } from '../../../src/ingest/report.js';
import { profiled } from '../cpu-profile.js';
import { readReports } from '../corpora.js';
import { describeIndexFiles, folderBytes } from '../figures.js';
import { noteMemory } from '../memory.js';
import { passagesDir, reportsFile, type PhaseArgs } from './args.js';

export interface BuildFigures {
  reports: number;
  passages: number;
  threads: number;
  /** jieba's dictionary in this thread (for the yardstick; workers load their own inside the build). */
  dictionaryMs: number;
  plain: PlainSegmentation;
  /** `PassageIndex.build`, worker start-up (their dictionaries) included. */
  ms: number;
  /** CPU time of the process (all its threads) during the build. */
  cpuMs: number;
  saveMs: number;
  diskBytes: number;
  files: string;
}

/** The yardstick: nodejieba's `cutForSearch` over exactly the texts the index segments, one thread, nothing else. */
export interface PlainSegmentation {
  texts: number;
  /** UTF-8 bytes of the texts. */
  bytes: number;
  ms: number;
  cpuMs: number;
}

/**
 * The passage index built from the parsed reports (`threads` 0: in this thread) and saved, with
 * the yardstick measured just before in the same process (the machine's load changes by the minute).
 */
export async function run(a: PhaseArgs & { threads: number }): Promise<BuildFigures> {
  const reports = readReports(reportsFile(a));
  let t = performance.now();
  ensureJieba();
  const dictionaryMs = performance.now() - t;
  const plain = plainSegmentation(reports);
  t = performance.now();
  const cpu = process.cpuUsage();
  const index = await profiled(a.profile, () => PassageIndex.build(reports, { threads: a.threads }));
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(cpu);
  noteMemory();
  t = performance.now();
  await index.save(passagesDir(a));
  const saveMs = performance.now() - t;
  return {
    reports: reports.length,
    passages: index.size,
    threads: a.threads,
    dictionaryMs,
    plain,
    ms,
    cpuMs,
    saveMs,
    diskBytes: await folderBytes(passagesDir(a)),
    files: await describeIndexFiles(passagesDir(a)),
  };
}

function plainSegmentation(reports: readonly Report[]): PlainSegmentation {
  const texts = reports.flatMap(passageTexts);
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (const text of texts) nodejieba.cutForSearch(text);
  return { texts: texts.length, bytes, ms: performance.now() - t, cpuMs: cpuMsSince(cpu) };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}
