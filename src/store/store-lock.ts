/**
 * One writer at a time for the report store. Two writers appending to the same files would
 * each record where its reports lie without seeing the other's bytes, and a report would show
 * another's facts: the bot starting while `npm run index` runs must wait instead. The lock is a
 * file made with O_EXCL that holds the writer's process id; a lock whose process is gone is taken
 * over. Within one process, writers queue.
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE = 'writer.lock';

/** A lock file without a readable process id this old is a writer that died while making it. */
const UNREADABLE_GRACE_MS = 5000;

const queues = new Map<string, Promise<void>>();

export interface LockOptions {
  /** How often to look again while another process holds the lock. */
  pollMs?: number;
  /** Called each time the lock is found held by another live process. */
  onWait?: (pid: number | null) => void;
}

/** Runs `work` holding the store's writer lock, waiting for it as long as its holder lives. */
export async function withStoreLock<T>(dir: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const key = path.resolve(dir);
  const before = queues.get(key) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  queues.set(key, tail);
  await before;
  try {
    const file = await acquire(dir, opts);
    try {
      return await work();
    } finally {
      await rm(file, { force: true });
    }
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

async function acquire(dir: string, opts: LockOptions): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await holderOf(file);
    if (holder === 'gone') {
      await rm(file, { force: true });
      continue;
    }
    opts.onWait?.(holder);
    await sleep(opts.pollMs ?? 200);
  }
}

/** The live process holding the lock, null while it is still being made, or 'gone'. */
async function holderOf(file: string): Promise<number | null | 'gone'> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null; // removed in between: try again
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
    return age > UNREADABLE_GRACE_MS ? 'gone' : null;
  }
  // This process queues its own writers: a lock file with its id is left from an earlier
  // process that had the same id (a container restarted).
  if (pid === process.pid) return 'gone';
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : 'gone';
  }
}
