/**
 * Where a CPU profile spent its time: the functions with the most self time.
 *
 *   node --cpu-prof --cpu-prof-dir DIR --import tsx SCRIPT …   (or `npm run bench -- --profile`)
 *   npx tsx test/bench/profile.ts DIR/CPU.….cpuprofile [--top 15]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** function (file:line) */
  where: string;
  ms: number;
  share: number;
}

/**
 * Self time by function, largest first, as shares of the busy time: `(idle)` and the inspector's
 * own `dispatch` (the profiler reporting itself) are left out; `(garbage collector)` stays.
 * Native code without a name (jieba's cut) shows as `(native)`.
 */
export function topSelfTime(file: string, top = 15): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const micros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)!.callFrame;
    if (!frame.url && NOT_WORK.has(frame.functionName)) return;
    const where = frame.url
      ? `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)}:${frame.lineNumber + 1})`
      : frame.functionName || '(native)';
    micros.set(where, (micros.get(where) ?? 0) + delta);
    total += delta;
  });
  return [...micros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, ms: us / 1000, share: us / (total || 1) }));
}

const NOT_WORK = new Set(['(idle)', 'dispatch']);

function shortUrl(url: string): string {
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const at = file.lastIndexOf('node_modules/');
  return at >= 0 ? file.slice(at + 'node_modules/'.length) : path.relative(process.cwd(), file);
}

/** "12.3% 512 ms  segment (src/search/segment.ts:30)" lines. */
export function describeSelfTime(rows: readonly SelfTime[]): string[] {
  return rows.map((r) => `${(r.share * 100).toFixed(1).padStart(5)}% ${r.ms.toFixed(0).padStart(7)} ms  ${r.where}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.on('error', () => process.exit(0));
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' } } });
  for (const file of positionals) {
    console.log(file);
    for (const line of describeSelfTime(topSelfTime(file, Number(values.top)))) console.log(line);
  }
}
