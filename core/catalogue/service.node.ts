/**
 * The catalogue service: the one place that opens, checks, replaces and closes the device's
 * catalogue. Handlers never hold a catalogue: each call leases the current one, so a
 * replacement takes effect at the next call while calls in flight finish on the old file
 * (closed when its last lease ends).
 *
 * The device keeps its copy in DATA/catalogue.sqlite. It is created from the embedded
 * catalogue the first time, replaced when the app brings a newer embedded catalogue (or, with
 * the sync issue, the hub a newer one), and written when an operator imports open data.
 * Every write builds a complete new file beside it and renames it over the old one (atomic on
 * one file system): a crash leaves the previous catalogue whole. Entries an operator imported
 * are carried into every newer catalogue. A file from a newer app is refused with a message
 * saying to update the app; one from an older app is migrated (on the copy, never in place).
 */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readSync, renameSync, rmSync, statSync, unwatchFile, watchFile, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, readMigrations, type DB, type Migration } from '../../db/sqlite.js';
import { Catalogue, CatalogueFileError, CATALOGUE_FILE } from '../../db/catalogue/store.js';
import { ensureSearchIndexCurrent, upsertEntries } from '../../db/catalogue/write.js';
import type { Entry } from '../../db/catalogue/schema.js';
import type { Emitter } from '../contract/events.js';
import { KioskApiError } from '../contract/result.js';
import type { Logger } from '../log.node.js';
import { LockError, takeLock, type Lock } from '../lock.node.js';
import { privateDir } from '../private-files.node.js';

export { CatalogueFileError };

export interface CatalogueLease {
  catalogue: Catalogue;
  release: () => void;
}

interface Held {
  catalogue: Catalogue;
  leases: number;
  retired: boolean;
  /** identity of the file it was opened from (a rename over it changes the inode) */
  stamp: string | null;
}

/** The identity of a file (a rename over it changes the inode), or null when there is none. */
/** Whether a rollback journal starts with SQLite's journal magic (a hot journal); a zeroed or empty one holds nothing to roll back. */
function isJournalHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(8);
    return readSync(fd, b, 0, 8, 0) === 8 && b.equals(Buffer.from('d9d505f920a163d7', 'hex'));
  } finally {
    closeSync(fd);
  }
}

function flushFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const stampOf = (file: string): string | null => {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : null;
};

/** SQLite's own word that a file is damaged (or not a database at all). */
export function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown }).code ?? (e as { cause?: { code?: unknown } }).cause?.code;
  if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) return true;
  return e instanceof CatalogueFileError && e.reason === 'unreadable' && /malformed|not a database|corrupt/i.test(e.message);
}

/** Which of two catalogues is newer: by the time it was built (ISO timestamps sort as text). */
export const isNewer = (a: { builtAt: string }, b: { builtAt: string }): boolean => a.builtAt > b.builtAt;

export interface CatalogueServiceOptions {
  dataDir: string;
  embeddedCatalogue: string;
  /** the folder of this store's migrations (resources/migrations/catalogue) */
  migrationsDir: string;
  logger: Logger;
  events: Emitter;
  /** how long a change waits for another process's change of the same catalogue (an import, a sync) before it gives up (default 30 s) */
  lockWaitMs?: number;
}

/** How long a host serving a screen waits for another process's change of the catalogue: the wait blocks its answers (its sync gives up and tries again at the next one). */
export const SCREEN_LOCK_WAIT_MS = 2_000;

/** The catalogue lock files this process holds: a change inside a change (install → writeDeviceCopy) goes on under the outer one's lock. */
const holding = new Set<string>();
/** Waits without spinning, in code that is synchronous as SQLite's calls are. */
const pause = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export class CatalogueService {
  private held: Held | null = null;
  private readonly migrations: Migration[];
  readonly file: string;
  /** the device catalogue before the last write: what a damaged one is replaced by */
  readonly previous: string;
  private watching = false;

  constructor(private readonly o: CatalogueServiceOptions) {
    this.migrations = readMigrations(o.migrationsDir);
    this.file = join(o.dataDir, CATALOGUE_FILE);
    this.previous = join(o.dataDir, 'catalogue.previous.sqlite');
    this.lockFile = resolve(o.dataDir, 'catalogue.lock');
  }

  /** DATA/catalogue.lock: held by whoever changes the device's catalogue (see exclusive) */
  private readonly lockFile: string;

  /**
   * Runs a change of the device's catalogue holding DATA/catalogue.lock, so that two processes
   * (the kiosk syncing, an operator importing with the CLI) never change it at once: each change
   * reads the catalogue as the one before it left it, and none is lost to the other's rename. A
   * change another process is making is waited for (up to lockWaitMs, then refused — nothing
   * changed — with the holder's pid); a lock whose process is gone is taken over.
   */
  private exclusive<T>(change: () => T): T {
    if (holding.has(this.lockFile)) return change();
    privateDir(this.o.dataDir);
    const waitMs = this.o.lockWaitMs ?? 30_000;
    const until = Date.now() + waitMs;
    let lock: Lock | undefined;
    let waited = false;
    while (!lock) {
      try {
        lock = takeLock(this.lockFile, `the catalogue in ${this.o.dataDir}`, (pid) => this.o.logger.warn({ event: 'catalogue.lock_taken_over', stalePid: pid }, 'took over the lock of a catalogue change whose process is gone'), 'an import or a sync');
      } catch (e) {
        if (!(e instanceof LockError)) throw e;
        if (Date.now() >= until)
          throw new KioskApiError({ code: 'unavailable', message: `${e.message}, and it has not finished in ${Math.round(waitMs / 1000)} s; nothing was changed — try again when it has finished` });
        if (!waited) this.o.logger.info({ event: 'catalogue.lock_wait', pid: e.pid }, `${e.message}; waiting for it to finish`);
        waited = true;
        pause(50);
      }
    }
    holding.add(this.lockFile);
    try {
      return change();
    } finally {
      holding.delete(this.lockFile);
      lock.release();
    }
  }

  /**
   * Opens the device's catalogue, making or upgrading it first: created from the embedded one
   * the first time; replaced by the embedded one when that is newer (imports carried over);
   * migrated when it comes from an older app. Throws CatalogueFileError when it cannot be used.
   */
  open(): Catalogue {
    if (this.held) return this.held.catalogue;
    if (!existsSync(this.o.embeddedCatalogue) && !existsSync(this.file))
      throw new CatalogueFileError(`the embedded catalogue is not built yet (${this.o.embeddedCatalogue}); run: npm run catalogue:build`, 'unreadable');
    privateDir(this.o.dataDir);
    this.recoverJournal();
    // the embedded catalogue is checked like any other (one from a newer app is refused, not
    // copied), but only peeked at: its version and build time, without a searcher (start-up time)
    const embedded = existsSync(this.o.embeddedCatalogue) ? Catalogue.peek(this.o.embeddedCatalogue, this.migrations) : null;
    let catalogue: Catalogue | null = null;
    if (!existsSync(this.file)) {
      this.o.logger.info({ event: 'catalogue.created', from: this.o.embeddedCatalogue }, 'device catalogue created from the embedded one');
      this.exclusive(() => existsSync(this.file) || this.writeDeviceCopy(this.o.embeddedCatalogue, []));
    } else {
      let device: Catalogue;
      try {
        device = this.openChecked(this.file);
      } catch (e) {
        if (!isDamage(e)) throw e;
        this.recoverDamaged(e);
        device = this.openChecked(this.file);
      }
      // a catalogue from the hub (it has a hub version) is replaced only by the hub's next one,
      // never by the app's embedded catalogue: the hub is the authority once a kiosk syncs
      const fromHub = device.meta('hub_version') !== undefined;
      const carried = embedded && !fromHub && isNewer(embedded, device) ? device.importedEntries() : null;
      if (embedded && carried) {
        this.o.logger.info({ event: 'catalogue.upgraded', from: device.version, to: embedded.version, imported: carried.length }, 'a newer embedded catalogue replaces the device copy');
        device.close();
        // the imports read again under the lock: one made meanwhile by another process is carried too
        this.exclusive(() => this.writeDeviceCopy(this.o.embeddedCatalogue, this.withFile(this.file, (c) => c.importedEntries())));
      } else catalogue = device; // the copy we checked is the one we serve
    }
    catalogue ??= this.openChecked(this.file);
    this.held = { catalogue, leases: 0, retired: false, stamp: stampOf(this.file) };
    this.o.logger.info({ event: 'catalogue.opened', version: catalogue.version, builtAt: catalogue.builtAt, file: this.file }, 'catalogue open');
    return catalogue;
  }

  /** The catalogue schema this app reads: the number of the catalogue store's migrations. */
  get schema(): number {
    return this.migrations.length;
  }

  /** The hub version of the catalogue in use (0: not from the hub — the app's embedded catalogue). */
  hubVersion(): number {
    return Number(this.open().meta('hub_version') ?? '0');
  }

  /** The search segments the catalogue in use has gathered from deltas (sync takes the snapshot when they are many). */
  searchSegments(): number {
    return this.open().searchSegments();
  }

  /** The catalogue in use now (for a moment's read; calls that wait on anything lease it). */
  current(): Catalogue {
    if (!this.held) throw new KioskApiError({ code: 'unavailable', message: 'the catalogue is not open yet' });
    return this.held.catalogue;
  }

  lease(): CatalogueLease {
    // a file replaced by another process (the CLI importing) serves this very call: one stat
    this.reload();
    const h = this.held;
    if (!h) throw new KioskApiError({ code: 'unavailable', message: 'the catalogue is not open yet' });
    h.leases++;
    let done = false;
    return {
      catalogue: h.catalogue,
      release: () => {
        if (done) return;
        done = true;
        h.leases--;
        if (h.retired && h.leases === 0) h.catalogue.close();
      },
    };
  }

  /**
   * Replaces the device's catalogue with a newer one (a file built by the compiler or, later,
   * a verified synced version): a new device copy is written beside the old one with the
   * operator's imports carried over, then renamed over it; the service switches to it and
   * announces `catalogue.changed`.
   */
  install(file: string): Catalogue {
    const incoming = this.openChecked(file);
    incoming.close();
    this.exclusive(() => {
      const carried = existsSync(this.file) ? this.withFile(this.file, (c) => c.importedEntries()) : [];
      this.writeDeviceCopy(file, carried);
    });
    this.reload();
    return this.current();
  }

  /**
   * Installs a complete, verified catalogue file (a synced or USB snapshot, already
   * decompressed and checked against its signed manifest): renamed into place when nothing
   * needs carrying over (no imports, same schema) — the file is not copied, nothing is rebuilt —
   * else written as a new device copy with the imports carried. The file is consumed.
   */
  installSnapshot(file: string): Catalogue {
    this.open();
    let incoming: Catalogue;
    try {
      incoming = Catalogue.open(file, this.migrations, { search: false });
    } catch (e) {
      if (e instanceof CatalogueFileError && e.reason === 'needs_migration') return this.install(file);
      throw e;
    }
    incoming.close();
    this.exclusive(() => {
      const carried = this.withFile(this.file, (c) => c.importedEntries());
      if (carried.length) {
        this.writeDeviceCopy(file, carried);
        rmSync(file, { force: true });
      } else {
        chmodSync(file, 0o600);
        this.swapIn(file);
      }
    });
    this.reload();
    return this.current();
  }

  /**
   * Changes the device's catalogue in place, in the one transaction `change` runs (a delta):
   * SQLite's rollback journal makes it all or nothing, and a crash leaves a journal that the
   * next opening rolls back (see recoverJournal). The service switches to the result.
   */
  changeInPlace(change: (db: DB) => void): Catalogue {
    this.open();
    this.exclusive(() => {
      this.recoverJournal();
      const db = openDatabase(this.file, { journal: 'delete' });
      try {
        db.pragma('synchronous = FULL');
        change(db);
      } finally {
        db.close();
      }
    });
    this.reload();
    return this.current();
  }

  /**
   * A writer killed in the middle of a change in place leaves a journal beside the catalogue.
   * A hot one (its header valid: the database was being written) is rolled back by SQLite as
   * soon as a connection that may write reads the file (readers, opened read-only, cannot); one
   * from a writer killed before it wrote the database is stale, and SQLite ignores it — it is
   * removed here, but only while this connection holds the write lock (no other writer is
   * busy with it). Returns whether a change was rolled back.
   */
  recoverJournal(): boolean {
    const journal = `${this.file}-journal`;
    if (!existsSync(journal) || !existsSync(this.file)) return false;
    const hot = isJournalHeader(journal);
    const db = openDatabase(this.file, { journal: 'delete' });
    try {
      try {
        db.prepare('BEGIN IMMEDIATE').run(); // rolls a hot journal back first, then holds the write lock
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) return false; // another writer is at work: its journal is not ours to touch
        throw e;
      }
      try {
        if (existsSync(journal)) rmSync(journal, { force: true });
      } finally {
        db.prepare('ROLLBACK').run();
      }
    } finally {
      db.close();
    }
    if (hot) this.o.logger.warn({ event: 'catalogue.journal_rolled_back', file: this.file }, 'an interrupted change of the catalogue was rolled back');
    else this.o.logger.info({ event: 'catalogue.journal_removed', file: this.file }, 'removed the journal of a change interrupted before it wrote anything');
    return hot;
  }

  /** Adds (or replaces by id) entries an operator imported from official open data, then switches to the result. */
  importEntries(entries: Entry[], origin: string): void {
    this.open();
    this.writeDeviceCopy(this.file, [{ origin, entries }]); // the catalogue as it is now, under the lock: another process's change made meanwhile is kept
    this.reload();
  }

  /**
   * Opens the device file again when it was replaced (by this service, or by another process
   * such as the CLI importing while the kiosk runs): the new catalogue serves the next call,
   * the old one closes when its last call ends. Returns whether it changed.
   */
  reload(): boolean {
    const stamp = stampOf(this.file);
    if (!this.held || stamp === null || stamp === this.held.stamp) return false;
    let next: Catalogue;
    try {
      next = this.openChecked(this.file);
    } catch (e) {
      // keep serving the catalogue we have; the operator sees why in the log
      this.o.logger.error({ event: 'catalogue.reload_failed', err: e, file: this.file }, 'the replaced catalogue cannot be used; still serving the previous one');
      return false;
    }
    const old = this.held;
    this.held = { catalogue: next, leases: 0, retired: false, stamp };
    old.retired = true;
    if (old.leases === 0) old.catalogue.close();
    this.o.logger.info({ event: 'catalogue.changed', from: old.catalogue.version, to: next.version }, 'catalogue replaced');
    this.o.events.emit('catalogue.changed', { version: next.version, builtAt: next.builtAt });
    return true;
  }

  /** Notices a catalogue replaced by another process (checks the file's identity every `intervalMs`). */
  watch(intervalMs = 1000): void {
    if (this.watching) return;
    this.watching = true;
    watchFile(this.file, { interval: intervalMs, persistent: false }, () => {
      try {
        this.reload();
      } catch (e) {
        this.o.logger.error({ event: 'catalogue.watch_failed', err: e }, 'checking the catalogue file failed');
      }
    });
  }

  close(): void {
    if (this.watching) unwatchFile(this.file);
    this.watching = false;
    const h = this.held;
    this.held = null;
    if (h) {
      h.retired = true;
      if (h.leases === 0) h.catalogue.close();
    }
  }

  /**
   * A call failed: when SQLite says the device catalogue is damaged, it is set aside and
   * replaced by the last good copy (or the embedded catalogue), and the next call uses that.
   */
  reportFailure(e: unknown): void {
    const code = (e as { code?: unknown }).code;
    if (this.held && typeof code === 'string' && code.startsWith('SQLITE_READONLY_ROLLBACK')) {
      this.recoverJournal();
      this.reload();
      return;
    }
    if (!this.held || !isDamage(e)) return;
    this.recoverDamaged(e);
    this.reload();
  }

  /**
   * Sets a damaged device catalogue aside (renamed, kept for whoever looks into it) and writes a
   * new one from the last good copy — with the imports it holds — or, without one, from the
   * embedded catalogue. The log names both files.
   */
  private recoverDamaged(cause: unknown): void {
    this.exclusive(() => this.setDamagedAside(cause));
  }

  private setDamagedAside(cause: unknown): void {
    const aside = join(this.o.dataDir, `catalogue.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
    renameSync(this.file, aside);
    for (const f of [`${this.file}-wal`, `${this.file}-shm`]) rmSync(f, { force: true });
    let from = this.o.embeddedCatalogue;
    if (existsSync(this.previous)) {
      try {
        Catalogue.open(this.previous, this.migrations).close();
        from = this.previous;
      } catch (e) {
        this.o.logger.error({ event: 'catalogue.previous_unusable', file: this.previous, err: e }, 'the last good copy cannot be used either');
      }
    }
    this.o.logger.error(
      { event: 'catalogue.damaged', file: this.file, setAside: aside, restoredFrom: from, err: cause },
      `the device catalogue is damaged: set aside as ${aside}, replaced from ${from}`,
    );
    this.writeDeviceCopy(from, []);
  }

  /** Opens a file, migrating a copy of it first when it comes from an older app. */
  private openChecked(file: string): Catalogue {
    try {
      return Catalogue.open(file, this.migrations);
    } catch (e) {
      if (!(e instanceof CatalogueFileError) || e.reason !== 'needs_migration' || file !== this.file) throw e;
      this.o.logger.info({ event: 'catalogue.migrating', file }, 'migrating the device catalogue to this app\'s schema');
      this.writeDeviceCopy(file, []);
      return Catalogue.open(file, this.migrations);
    }
  }

  private withFile<T>(file: string, f: (c: Catalogue) => T): T {
    const c = this.openChecked(file);
    try {
      return f(c);
    } finally {
      c.close();
    }
  }

  /**
   * Writes a new device catalogue from `base` plus imported entries: a complete, self-contained
   * file (VACUUM INTO copies the base whole, WAL included; migrations and imports applied; no
   * journal left beside it), flushed to disk, then renamed over the device file.
   */
  private writeDeviceCopy(base: string, imports: ({ origin: string; entry: Entry } | { origin: string; entries: Entry[] })[]): void {
    this.exclusive(() => this.writeDeviceCopyHeld(base, imports));
  }

  private writeDeviceCopyHeld(base: string, imports: ({ origin: string; entry: Entry } | { origin: string; entries: Entry[] })[]): void {
    const tmp = `${this.file}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
    const clean = () => {
      for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    };
    clean();
    try {
      const src = openDatabase(base, { readonly: true });
      try {
        src.prepare('VACUUM INTO ?').run(tmp);
      } finally {
        src.close();
      }
      const db = openDatabase(tmp, { migrations: this.migrations });
      try {
        const byOrigin = new Map<string, Entry[]>();
        for (const i of imports) {
          const list = byOrigin.get(i.origin) ?? [];
          if ('entry' in i) list.push(i.entry);
          else list.push(...i.entries);
          byOrigin.set(i.origin, list);
        }
        for (const [origin, entries] of byOrigin) upsertEntries(db, entries, origin);
        // a file from an older app: its search index is built again in this app's format
        ensureSearchIndexCurrent(db);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.pragma('journal_mode = DELETE');
      } finally {
        db.close();
      }
      flushFile(tmp);
      chmodSync(tmp, 0o600);
      this.swapIn(tmp);
    } finally {
      clean();
    }
  }

  /** Renames a complete, flushed file over the device's catalogue, keeping the replaced one as the last good copy. */
  private swapIn(file: string): void {
    // the file being replaced was good (it opened and passed its checks): keep it as the last
    // good copy, for a device catalogue found damaged later (a hard link: no copy, no gap)
    if (existsSync(this.file)) {
      const link = `${this.previous}.new-${process.pid}`;
      rmSync(link, { force: true });
      linkSync(this.file, link);
      renameSync(link, this.previous);
    }
    renameSync(file, this.file);
    // a write-ahead log or journal of the replaced file must not be replayed into the new one
    for (const f of [`${this.file}-wal`, `${this.file}-shm`, `${this.file}-journal`]) rmSync(f, { force: true });
  }
}
