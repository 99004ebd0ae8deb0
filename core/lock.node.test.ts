/**
 * The lock between processes (core/lock.node.ts), with real processes: a live holder refuses; a
 * lock its process left behind is taken over; so is one taken before the machine last started,
 * even when its pid now names a live process (after a power cut, pids are handed out again).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootId, LockError, takeLock } from './lock.node.js';

const folder = () => mkdtempSync(join(tmpdir(), 'lock-'));

/** A process that lives until killed. */
function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

describe('a lock between processes', () => {
  it('holds its process\'s pid and this boot, and is removed when released', () => {
    const file = join(folder(), 'sync.lock');
    const lock = takeLock(file, 'the thing');
    const [pid, boot] = readFileSync(file, 'utf8').split('\n');
    expect(pid).toBe(String(process.pid));
    if (process.platform === 'linux') expect(boot).toBe(bootId());
    lock.release();
    lock.release(); // twice is harmless
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it('refuses while a live process of this boot holds it, naming its pid', () => {
    const file = join(folder(), 'sync.lock');
    const holder = liveProcess();
    try {
      writeFileSync(file, `${holder.pid}\n${bootId() ?? ''}\n`);
      let refused: unknown;
      try {
        takeLock(file, 'the catalogue update of this device', undefined, 'another update');
      } catch (e) {
        refused = e;
      }
      expect(refused).toBeInstanceOf(LockError);
      expect((refused as LockError).message).toBe(`the catalogue update of this device is in use by process ${holder.pid} (another update)`);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(holder.pid));
    } finally {
      holder.stop();
    }
  });

  it.runIf(process.platform === 'linux')('takes over a lock from an earlier boot even when its pid is a live process now (a power cut mid-download)', () => {
    const file = join(folder(), 'sync.lock');
    const other = liveProcess();
    try {
      writeFileSync(file, `${other.pid}\n00000000-0000-4000-8000-000000000000\n`);
      const taken: number[] = [];
      const lock = takeLock(file, 'the thing', (stale) => taken.push(stale));
      expect(taken).toEqual([other.pid]);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(process.pid));
      lock.release();
    } finally {
      other.stop();
    }
  });

  it('without a boot id in the lock (Windows; a lock from an older app): one written well before the machine started is taken over; a recent one of a live process is not', () => {
    const file = join(folder(), 'sync.lock');
    const other = liveProcess();
    try {
      writeFileSync(file, `${other.pid}\n`);
      expect(() => takeLock(file, 'the thing')).toThrow(LockError);
      const longAgo = new Date(Date.now() - uptime() * 1000 - 3_600_000); // an hour before this boot
      utimesSync(file, longAgo, longAgo);
      const taken: number[] = [];
      takeLock(file, 'the thing', (stale) => taken.push(stale)).release();
      expect(taken).toEqual([other.pid]);
    } finally {
      other.stop();
    }
  });
});
