import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE } from './manifest.js';

/**
 * Replaces a folder as a whole: the new content is written into a sibling temporary folder,
 * which is renamed into place only when complete. A crash while writing leaves the old folder
 * serving (and a `.tmp-` folder that the next write clears); a crash between the two renames
 * leaves a `.old-` folder that `recoverFolder` renames back.
 *
 * @example
 * await replaceFolder('index/passages', async (tmp) => { await writeFile(path.join(tmp, 'a'), '…'); });
 */
export async function replaceFolder(dir: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  await clearLeftovers(dir);
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(tmp);
  try {
    await write(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = `${dir}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
  const hadOld = existsSync(dir);
  if (hadOld) await rename(dir, old);
  try {
    await rename(tmp, dir);
  } catch (err) {
    if (hadOld) await rename(old, dir);
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Puts back a folder whose replacement was interrupted between its two renames: when `dir` is
 * missing and a complete `.old-` sibling (one with a manifest) exists, that sibling is renamed
 * back.
 */
export async function recoverFolder(dir: string): Promise<void> {
  if (existsSync(dir)) return;
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}.old-`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  const old = names.find((n) => n.startsWith(prefix) && existsSync(path.join(parent, n, MANIFEST_FILE)));
  if (old) await rename(path.join(parent, old), dir);
}

/** Removes `.tmp-` and `.old-` siblings left by writers that are no longer running. */
async function clearLeftovers(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(`${base}.`) ? /^\.(?:tmp|old)-(\d+)-[0-9a-f]+$/.exec(name.slice(base.length)) : null;
    if (m && !isRunning(Number(m[1]))) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
