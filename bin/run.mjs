/**
 * Runs a command of `src/cli/` compiled: `node bin/run.mjs src/cli/ask.ts ARGS…` runs
 * `dist/src/cli/ask.js` with ARGS, compiling `src/` first when `dist/` is missing or older than
 * the sources (build.mjs). Compiling TypeScript at every start (tsx) costs a start about half a
 * second; this way only the first start after a change pays, once.
 *
 * When nothing can be compiled (no TypeScript compiler installed, a read-only folder), the
 * TypeScript runs through tsx as before.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DIST, isUpToDate, ROOT } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/^src\/.+\.ts$/.test(entry)) {
  process.stderr.write('usage: node bin/run.mjs src/cli/COMMAND.ts [ARGS…]\n');
  process.exit(2);
}

const target = path.join(DIST, entry.replace(/\.ts$/, '.js'));
const fresh = isUpToDate() || (process.stderr.write('编译 src/ → dist/ …\n'), tryBuild() && isUpToDate());

/** Compiles, or says why not: a folder that cannot be written is no reason not to run. */
function tryBuild() {
  try {
    return build() !== 1;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return false;
  }
}

// The command reads its arguments (and chat.ts whether it is the entry) from process.argv.
if (fresh) {
  process.argv = [process.argv[0], target, ...args];
  await import(pathToFileURL(target).href);
} else {
  const source = path.join(ROOT, entry);
  process.stderr.write('无法编译，直接运行 TypeScript（tsx）。\n');
  const { register } = await import('tsx/esm/api');
  register();
  process.argv = [process.argv[0], source, ...args];
  await import(pathToFileURL(source).href);
}
