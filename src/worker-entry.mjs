// Entry of every worker thread (parse-pool.ts, segmenter-pool.ts): `workerData.module` names the
// worker's module. A worker does not inherit the main thread's TypeScript loader, so when that
// module is TypeScript (under tsx and vitest) it registers tsx first; compiled, the .js is loaded.
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const source = new URL(workerData.module);
if (source.pathname.endsWith('.ts') && existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(source.href.replace(/\.ts$/, '.js'));
}
