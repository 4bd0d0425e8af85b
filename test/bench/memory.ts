/**
 * Peak memory of a benchmark phase. RSS comes from the
 * kernel (`maxRSS`: exact, worker threads and native memory such as jieba's dictionary included);
 * the JavaScript heap has no such counter, so it is sampled every few milliseconds and at the
 * points a phase calls `noteMemory` (a long synchronous stretch can peak between two samples).
 */
import v8 from 'node:v8';

export interface Memory {
  maxRssMb: number;
  /** Peak of the heap in use (live objects and garbage not yet collected). */
  peakHeapUsedMb: number;
  /** Peak of the heap reserved from the system. */
  peakHeapTotalMb: number;
}

let used = 0;
let total = 0;
let timer: NodeJS.Timeout | null = null;

/** Samples the heap now. */
export function noteMemory(): void {
  const h = v8.getHeapStatistics();
  used = Math.max(used, h.used_heap_size);
  total = Math.max(total, h.total_heap_size);
}

/** Starts sampling every `everyMs` milliseconds (the timer does not keep the process alive). */
export function trackMemory(everyMs = 10): void {
  noteMemory();
  timer ??= setInterval(noteMemory, everyMs).unref();
}

export function peakMemory(): Memory {
  noteMemory();
  const mbOf = (bytes: number) => bytes / 2 ** 20;
  // maxRSS is in kilobytes.
  return { maxRssMb: process.resourceUsage().maxRSS / 1024, peakHeapUsedMb: mbOf(used), peakHeapTotalMb: mbOf(total) };
}
