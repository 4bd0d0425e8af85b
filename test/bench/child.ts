/**
 * Each heavy phase of the benchmark runs in a process of its own, so that its peak memory is its
 * own and nothing it leaves behind (caches, jieba's dictionary, compiled code) helps the next.
 * The child (`phase-main.ts`) prints progress lines, then one line `@@result {…}`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Memory } from './memory.js';

const PHASE_MAIN = fileURLToPath(new URL('./phase-main.ts', import.meta.url));
const RESULT = '@@result ';

export interface PhaseRun<T> {
  result: T;
  memory: Memory;
  /** From spawning the process to its result line. */
  wallMs: number;
}

export interface ChildOptions {
  /** V8's heap limit (default 16 GB: the benchmark measures the heap, it does not cap it). */
  heapMb?: number;
  /** Write a CPU profile (`--cpu-prof`) into this folder. */
  cpuProfDir?: string;
  /** More node flags (e.g. `--max-semi-space-size=64`). */
  nodeFlags?: string[];
  /** Lines the child prints besides its result. */
  say?: (line: string) => void;
}

/** Runs one phase in a fresh `node --import tsx` process and returns what it measured. */
export function runPhase<T>(phase: string, args: object, opts: ChildOptions = {}): Promise<PhaseRun<T>> {
  const flags = [`--max-old-space-size=${opts.heapMb ?? 16_000}`];
  if (opts.cpuProfDir) flags.push('--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir);
  flags.push(...(opts.nodeFlags ?? []));
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', PHASE_MAIN, phase, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let found: { result: T; memory: Memory } | null = null;
    let wallMs = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith(RESULT)) {
          found = JSON.parse(line.slice(RESULT.length)) as { result: T; memory: Memory };
          wallMs = performance.now() - started;
        } else opts.say?.(line);
      }
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (found && code === 0) resolve({ ...found, wallMs });
      else reject(new Error(`benchmark phase ${phase} exited with code ${code}${found ? '' : ' before its result'}`));
    });
  });
}
