import nodejieba from 'nodejieba';
import { ensureJieba, passageTexts, PassageIndex } from '../../../src/search/index.js';
import type { Report } from '../../../src/ingest/report.js';
import { profiled } from '../cpu-profile.js';
import { loadCorpus } from '../../../src/ingest/corpus.js';
import { describeIndexFiles, folderBytes } from '../figures.js';
import { noteMemory } from '../memory.js';
import { passagesDir, storeDir, type PhaseArgs } from './args.js';

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
 * The passage index built from the report store's reports (`threads` 0: in this thread) and
 * saved, with the yardstick measured just before in the same process (the machine's load changes
 * by the minute). The reports keep their text on disk, as when `npm run index` builds.
 */
export async function run(a: PhaseArgs & { threads: number }): Promise<BuildFigures> {
  const { reports, files } = await loadCorpus(a.corpusDir, { cacheDir: storeDir(a) });
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
  // With the corpus's file stamps, as `npm run index` saves it: the engine then opens it as fresh.
  await index.save(passagesDir(a), { files });
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

/** Reports whose passage texts are cut in one timed loop (the texts made outside the clock). */
const YARDSTICK_BATCH = 1000;

/**
 * A thousand reports at a time, so that 100,000 reports' texts are not held at once while jieba
 * still runs in a tight loop, its best case.
 */
function plainSegmentation(reports: readonly Report[]): PlainSegmentation {
  let texts = 0;
  let bytes = 0;
  let ms = 0;
  let cpuMs = 0;
  for (let from = 0; from < reports.length; from += YARDSTICK_BATCH) {
    const batch = reports.slice(from, from + YARDSTICK_BATCH).flatMap(passageTexts);
    texts += batch.length;
    for (const text of batch) bytes += Buffer.byteLength(text);
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (const text of batch) nodejieba.cutForSearch(text);
    ms += performance.now() - t;
    cpuMs += cpuMsSince(cpu);
  }
  return { texts, bytes, ms, cpuMs };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}
