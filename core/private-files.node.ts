/**
 * The device's data folder is private (../shared/docs/SECURITY.md): the folder and every folder
 * in it 0700, its files 0600. Every write into it goes through these two.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { migrate, openDatabase, readMigrations, type DB } from '../db/sqlite.js';

/**
 * The data folder, or a folder inside it, created private (0700) — or made private when it
 * already exists more open (an older app, an operator's mkdir): it holds the device's
 * catalogue, imports and, next, the outbox, readable by the kiosk's user only.
 */
export function privateDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a file where the folder (or one of the folders above it) should be: say so, not "EEXIST: mkdir"
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new Error(`${dir} cannot be made a folder: it, or a folder above it, is a file (or a broken link); choose another data folder, or move the file away`, { cause: e });
    throw e;
  }
  chmodSync(dir, 0o700);
  return dir;
}

/** A file in the data folder, written whole (a temporary file renamed over it) and private (0600). */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600); // a .tmp left by a crash keeps its old mode when overwritten
  renameSync(tmp, path);
}

/**
 * A store of what must stay private on the device (the outbox's sealed applications, the
 * counsellors' verifiers and drafts) in the data folder: the folder 0700; the file created
 * 0600 before SQLite opens it (its -wal and -shm inherit the mode; leftovers made private);
 * `secure_delete` on — refused without it — so deleted rows leave no readable trace in free
 * pages; every commit flushed (synchronous FULL: what a person was told is kept survives a
 * power cut); a busy timeout (the kiosk host and a CLI may write at once); its migrations run.
 * Returns the database and a statement cache (statements prepared once and kept).
 */
export function openPrivateStore(dataDir: string, file: string, migrationsDir: string, what: string): { db: DB; sql: (text: string) => Statement } {
  privateDir(dataDir);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  const db = openDatabase(file);
  try {
    db.pragma('secure_delete = ON');
    if (db.pragma('secure_delete', { simple: true }) !== 1) throw new Error(`SQLite refused secure_delete; ${what} is not opened without it`);
    db.pragma('busy_timeout = 10000');
    db.pragma('synchronous = FULL');
    migrate(db, readMigrations(migrationsDir));
  } catch (e) {
    db.close();
    throw e;
  }
  const statements = new Map<string, Statement>();
  return {
    db,
    sql: (text) => {
      let st = statements.get(text);
      if (!st) statements.set(text, (st = db.prepare(text)));
      return st;
    },
  };
}

/** A private store (openPrivateStore) as a class the device's stores extend: its database, its statement cache, and how it lets go of deleted bytes. */
export class PrivateStore {
  readonly db: DB;
  /** a statement prepared once and kept */
  protected readonly sql: (text: string) => Statement;
  constructor(dataDir: string, file: string, migrationsDir: string, what: string) {
    ({ db: this.db, sql: this.sql } = openPrivateStore(dataDir, file, migrationsDir, what));
  }

  /** Removes the WAL's old frames: after a delete, none keeps the deleted bytes (secure_delete zeroes the pages). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.checkpoint();
    } catch {
      // another connection holds the database; closing still ends ours
    }
    this.db.close();
  }
}
