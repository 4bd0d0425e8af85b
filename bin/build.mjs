/**
 * `npm run build`: compiles `src/` to `dist/` with tsc (`tsconfig.build.json`), so that commands
 * start from JavaScript instead of compiling TypeScript at every start (`run.mjs`).
 *
 * The output is written to a folder of its own and renamed into place, so a command starting
 * meanwhile never runs half of it. `dist/.sources` records what it was compiled from (each
 * source's path, size and modification time): `run.mjs` compares it with `src/` to tell whether
 * `dist/` is up to date, which a rename (`mv a.ts b.ts`, its time unchanged) or a deletion also
 * changes.
 *
 * Plain JavaScript, not TypeScript: it must run before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's folder (this file's parent's parent). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const SOURCES_FILE = '.sources';
/** Besides `src/`, what the compiled output depends on. */
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * What `dist/` would be compiled from now: one line per source (path, size, modification time).
 * Tests and their fixtures are left out: editing a test does not make `dist/` stale.
 */
export function sourcesFingerprint(root = ROOT) {
  const lines = [];
  const walk = (dir, rel) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const name = `${rel}${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== '__fixtures__') walk(path.join(dir, e.name), `${name}/`);
      } else if (!/\.test\.ts$/.test(e.name)) lines.push(stamp(path.join(dir, e.name), name));
    }
  };
  walk(path.join(root, 'src'), 'src/');
  for (const c of CONFIGS) lines.push(stamp(path.join(root, c), c));
  return lines.sort().join('\n');
}

/**
 * Files of `src/` that are not code but are read beside it at run time (the database's SQL
 * migrations, a worker's .mjs entry): tsc compiles .ts only, so they are copied as they are.
 */
function copyAssets(from, to) {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) {
      if (e.name !== '__fixtures__') copyAssets(src, dst);
    } else if (/\.(sql|json)$/.test(e.name) && !existsSync(dst)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(src, dst);
    }
  }
}

function stamp(full, name) {
  const info = statSync(full, { throwIfNoEntry: false });
  return info ? `${name}\t${info.size}\t${info.mtimeMs}` : `${name}\tmissing`;
}

/** `dist/` holds the compiled form of the sources as they are now. */
export function isUpToDate(root = ROOT) {
  try {
    return readFileSync(path.join(root, 'dist', SOURCES_FILE), 'utf8') === sourcesFingerprint(root);
  } catch {
    return false;
  }
}

/**
 * Compiles into `dist/`. Returns tsc's exit status: 0, or 2 when it reported type errors but
 * wrote the JavaScript all the same (as tsx runs code with type errors), or 1 when it wrote
 * nothing. Type errors are printed to stderr.
 */
export function build(root = ROOT) {
  const fingerprint = sourcesFingerprint(root);
  const dist = path.join(root, 'dist');
  const tmp = `${dist}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  let tsc;
  try {
    tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    process.stderr.write('未安装 typescript（npm ci 会安装它），无法编译。\n');
    return 1;
  }
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (run.stdout) process.stderr.write(run.stdout);
  const status = run.status ?? 1;
  if (status > 2 || !existsSync(path.join(tmp, 'src'))) {
    rmSync(tmp, { recursive: true, force: true });
    return 1;
  }
  copyAssets(path.join(root, 'src'), path.join(tmp, 'src'));
  writeFileSync(path.join(tmp, SOURCES_FILE), fingerprint);
  const old = `${dist}.old-${process.pid}`;
  try {
    renameSync(dist, old);
  } catch {
    // no dist/ yet
  }
  try {
    renameSync(tmp, dist);
  } catch {
    // Another build renamed its output into place first: it compiled the same sources.
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return status;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = build();
}
