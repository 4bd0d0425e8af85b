import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, withStoreLock } from './store-lock.js';

const storeDir = () => mkdtempSync(path.join(tmpdir(), 'store-lock-'));

/** A process that lives until killed, and one that has ended (its id free). */
function sleeper() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('the report store writer lock', () => {
  it('waits while another live process holds it, and takes it when that process ends', async () => {
    const dir = storeDir();
    const other = sleeper();
    writeFileSync(path.join(dir, LOCK_FILE), String(other.pid));
    const events: string[] = [];
    const done = withStoreLock(
      dir,
      async () => {
        events.push('work');
        expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
      },
      {
        pollMs: 20,
        onWait: (pid) => {
          if (events.length === 0) {
            events.push(`waited for ${pid}`);
            other.kill();
          }
        },
      },
    );
    await done;
    expect(events).toEqual([`waited for ${other.pid}`, 'work']);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process that is gone, or of an earlier process with the same id', async () => {
    for (const stale of [await endedPid(), process.pid]) {
      const dir = storeDir();
      writeFileSync(path.join(dir, LOCK_FILE), String(stale));
      const waits: unknown[] = [];
      await withStoreLock(dir, async () => undefined, { pollMs: 20, onWait: (pid) => waits.push(pid) });
      expect(waits).toEqual([]);
    }
  });

  it('runs the writers of one process one after the other, and releases the lock when work throws', async () => {
    const dir = storeDir();
    let active = 0;
    let most = 0;
    const work = async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 10));
      active--;
    };
    await Promise.all([withStoreLock(dir, work), withStoreLock(dir, work), withStoreLock(dir, work)]);
    expect(most).toBe(1);
    await expect(withStoreLock(dir, async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    await withStoreLock(dir, async () => undefined);
  });
});
