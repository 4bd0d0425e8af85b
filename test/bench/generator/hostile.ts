import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Files a corpus folder should never hold but sometimes does: nothing, noise, a PDF under a
 * text name, a page of 3,000 nested tables, five megabytes of one sentence, a link to nothing,
 * a named pipe. A reader must name each with its problem and go on with the others. The
 * broken-files test of the command line writes every kind; `npm run gen -- --hostile N` writes
 * N of them among the reports. None is a report: they have no gold.
 */
export type HostileKind =
  | 'empty'
  | 'random-bytes'
  | 'nul-bytes'
  | 'not-a-report'
  | 'renamed-pdf'
  | 'only-blanks'
  | 'nested-tables'
  | 'unclosed-tags'
  | 'dangling-link'
  | 'one-line-2mb'
  | 'five-mb'
  | 'named-pipe';

interface Maker {
  ext: 'txt' | 'html';
  /** Writes the file at `target`; `seed` varies the bytes of the kinds made of noise. */
  write(target: string, seed: number): void;
}

/** Deterministic bytes (mulberry32): the same for the same seed, on every machine. */
export function randomBytes(length: number, seed: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const content = (ext: Maker['ext'], make: (seed: number) => string | Buffer): Maker => ({ ext, write: (target, seed) => writeFileSync(target, make(seed)) });

const SENTENCE = '今天天气晴朗，社区组织居民开展了植树活动，大家干劲十足。\n';

/** The default seeds keep the broken-files test's files as they always were. */
const MAKERS: Record<HostileKind, Maker> = {
  empty: content('txt', () => ''),
  'random-bytes': content('txt', (seed) => randomBytes(64 * 1024, seed)),
  'nul-bytes': content('txt', () => Buffer.alloc(4096)),
  'not-a-report': content('txt', () => '会议纪要\n2023年3月1日，单位召开了季度工作会议，讨论了食堂菜单和停车位安排。\n'),
  'renamed-pdf': content('txt', (seed) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n', 'latin1'), randomBytes(8192, seed)])),
  'only-blanks': content('txt', () => ' \n\t\u3000\n'.repeat(100)),
  'nested-tables': content('html', () => `<html><body>${'<table><tr><td>'.repeat(3000)}最里层${'</td></tr></table>'.repeat(3000)}</body></html>`),
  'unclosed-tags': content('html', () => `<html><body>${'<div><span><font>甲'.repeat(10_000)}`),
  // A relative target: the link dangles wherever the folder is moved.
  'dangling-link': { ext: 'txt', write: (target) => symlinkSync('no-such-target.txt', target) },
  'one-line-2mb': content('txt', () => '政务公开'.repeat((2 * 1024 * 1024) / 12)),
  'five-mb': content('txt', () => SENTENCE.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(SENTENCE)))),
  // Reading a named pipe waits for a writer that never comes.
  'named-pipe': { ext: 'txt', write: (target) => execFileSync('mkfifo', [target]) },
};

/** Every kind, the order the generator cycles through (cheap and varied first). */
export const HOSTILE_KINDS = Object.keys(MAKERS) as HostileKind[];

/**
 * The kinds a generated corpus holds: all but the named pipe, which blocks whatever opens it
 * (a copy, an archive, a grep over the folder), not only the reader.
 */
export const CORPUS_HOSTILE_KINDS: readonly HostileKind[] = HOSTILE_KINDS.filter((k) => k !== 'named-pipe');

/** The kind's usual file name: "empty.txt", "nested-tables.html". */
export function hostileFileName(kind: HostileKind): string {
  return `${kind}.${MAKERS[kind].ext}`;
}

/** Writes one hostile file into `dir` under `name` (default `hostileFileName(kind)`). */
export function writeHostileFile(dir: string, kind: HostileKind, opts: { name?: string; seed?: number } = {}): string {
  const name = opts.name ?? hostileFileName(kind);
  const seed = opts.seed ?? (kind === 'renamed-pdf' ? 7 : 20250310);
  // A link or pipe left by an earlier run into the same folder is not overwritten: replace it.
  rmSync(path.join(dir, name), { force: true });
  MAKERS[kind].write(path.join(dir, name), seed);
  return name;
}

/**
 * The hostile files of a generated corpus: the k-th of `count` is of the k-th kind of
 * `CORPUS_HOSTILE_KINDS` (cycling), named "hostile-03-renamed-pdf.txt".
 */
export function corpusHostileFiles(count: number): { file: string; kind: HostileKind }[] {
  return Array.from({ length: count }, (_, k) => {
    const kind = CORPUS_HOSTILE_KINDS[k % CORPUS_HOSTILE_KINDS.length];
    return { file: `hostile-${String(k).padStart(2, '0')}-${hostileFileName(kind)}`, kind };
  });
}
