/**
 * A lock between processes: a file created with O_EXCL that holds the holder's pid. The hub's
 * data folder has one (PGlite has no lock of its own: a second process opening the same folder
 * silently loses rows), and so has a device's catalogue (two processes replacing it at once
 * would lose one's change: core/catalogue/service.node.ts). A lock whose process is gone (a
 * crash, a kill -9), or that was taken before the machine last started (a power cut: its pid may
 * be another process's now), is taken over; a live one is refused with the holder's pid.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { uptime } from 'node:os';

export class LockError extends Error {
  constructor(
    message: string,
    readonly pid: number,
  ) {
    super(message);
    this.name = 'LockError';
  }
}

/** Is a process with this pid alive (EPERM: alive, but another user's)? */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The locks this process holds (a lock file naming our own pid that we do not hold is stale: a previous life of a container that reuses pids). */
const held = new Set<string>();

/**
 * This boot of the machine (Linux: the kernel's boot id; elsewhere null). A lock written in an
 * earlier boot is stale whatever its pid: after a power cut the pid it names may belong to another
 * process now, which would otherwise hold the lock for as long as that process lives.
 */
export function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}
const BOOT = bootId();
/** how much earlier than the machine's start a lock without a boot id must be written to count as left by an earlier boot */
const BOOT_MARGIN_MS = 10 * 60_000;

/** A lock file's holder: its pid (NaN: not written yet, or not a pid), and the boot it was taken in (null: not said). */
function readLock(file: string): { pid: number; boot: string | null } | null {
  try {
    const [first = '', second] = readFileSync(file, 'utf8').split('\n');
    const t = first.trim();
    return { pid: /^\d+$/.test(t) ? Number(t) : NaN, boot: second?.trim() || null };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
const readPid = (file: string): number | null => readLock(file)?.pid ?? null;

const FRESH_MS = 10_000;
const mtimeOf = (file: string): number => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0; // gone: the next attempt sees it
  }
};

export interface Lock {
  file: string;
  release(): void;
}

/**
 * Takes the lock `file` for this process. `what` names the thing locked in the refusal, and
 * `holder` who is likely to hold it: "the hub store /srv/hub is in use by process 4242 (a
 * running hub?)".
 */
export function takeLock(file: string, what: string, onTakeover?: (stalePid: number) => void, holder = 'another process'): Lock {
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the lock ${file}: ${(e as Error).message}`, { cause: e });
      const lock = readLock(file);
      if (lock === null) continue; // released meanwhile: try again
      const pid = lock.pid;
      // taken before this boot: by the boot id where the lock and the machine say one (Linux), else
      // by its time — written more than BOOT_MARGIN_MS before the machine started (a clock set
      // right after boot moves by less)
      const earlierBoot = lock.boot !== null && BOOT !== null ? lock.boot !== BOOT : mtimeOf(file) < Date.now() - uptime() * 1000 - BOOT_MARGIN_MS;
      // a lock just created and not yet written (its holder is between open and write) is not stale
      if (Number.isNaN(pid) && Date.now() - mtimeOf(file) < FRESH_MS) throw new LockError(`${what} is being opened by another process; try again`, 0);
      // our own pid in a lock we do not hold: left by an earlier life of this pid (a container restarted)
      const staleOwn = pid === process.pid && !held.has(file);
      if (!Number.isNaN(pid) && !staleOwn && !earlierBoot && pidAlive(pid)) throw new LockError(`${what} is in use by process ${pid} (${holder})`, pid);
      // Stale (its process is gone, or the file holds no pid): set it aside with one atomic
      // rename, then check that what was set aside is the stale lock read above — if another
      // process took the stale lock over in between, its fresh lock is put back.
      const aside = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, aside);
      } catch (re) {
        if ((re as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new Error(`cannot take over the stale lock ${file}: ${(re as Error).message}`, { cause: re });
      }
      const moved = readPid(aside);
      if (moved !== pid && !(Number.isNaN(moved) && Number.isNaN(pid))) {
        try {
          linkSync(aside, file);
        } catch (le) {
          rmSync(aside, { force: true });
          throw new Error(`cannot take the lock ${file}: two processes are taking it over at once; try again`, { cause: le });
        }
        rmSync(aside, { force: true });
        continue;
      }
      rmSync(aside, { force: true });
      onTakeover?.(pid);
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n${BOOT ? `${BOOT}\n` : ''}`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    held.add(file);
    let released = false;
    return {
      file,
      release: () => {
        if (released) return;
        released = true;
        held.delete(file);
        // only our own lock is removed (never one another process took over meanwhile)
        if (readPid(file) === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw new Error(`cannot take the lock ${file}: it keeps changing hands; is ${holder} starting?`);
}
