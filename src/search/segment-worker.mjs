// Entry of a segmenting worker thread (segmenter-pool.ts). A worker does not inherit the main
// thread's TypeScript loader, so under tsx and vitest it registers tsx before loading the worker;
// compiled, the .js sits beside this file.
import { existsSync } from 'node:fs';

const source = new URL('./segment-worker.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('./segment-worker.js');
}
