/**
 * Opening the local databases and applying migrations.
 * Each store has its own migrations: the numbered *.sql files in db/migrations/<store>/
 * (catalogue/ now; the outbox next): forward-only, each applied in its own transaction and
 * recorded (version, name, checksum) in that database's schema_migration. The folder is
 * given by the caller (the core's resources), never computed here.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type DB = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  const list = readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { version: Number(f.slice(0, 3)), name: f, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name}: expected version ${i + 1}; versions must be consecutive from 001`);
  });
  return list;
}

export class MigrationError extends Error {}

/** Applies every migration newer than the database's; refuses a database from a newer app or with edited history. */
/**
 * Where a database stands against this app's migrations, read without writing: how many are
 * applied and how many wait. A database from a newer app, or with edited history, is refused
 * with a message that says what to do.
 */
export function schemaState(db: DB, migrations: Migration[]): { version: number; latest: number; pending: number } {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  const done = has
    ? (db.prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version').all() as { version: number; name: string; checksum: string }[])
    : [];
  const latest = migrations.length;
  for (const d of done) {
    const m = migrations[d.version - 1];
    if (!m)
      throw new MigrationError(`the database is at schema version ${done.length}, newer than this app (${latest}); update the app instead of opening this database with it`);
    if (m.checksum !== d.checksum) throw new MigrationError(`migration ${d.name} was changed after it was applied; add a new migration instead of editing an old one`);
  }
  return { version: done.length, latest, pending: latest - done.length };
}

export function migrate(db: DB, migrations: Migration[]): { applied: string[] } {
  const { version } = schemaState(db, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations.slice(version)) {
    // A migration that rebuilds a table others refer to (new table, copy, drop, rename) starts
    // with `-- foreign_keys: off`: keys are off while it runs (dropping the old table must not
    // cascade), and checked before it commits.
    const keysOff = m.sql.startsWith('-- foreign_keys: off');
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (keysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new MigrationError(`migration ${m.name} leaves ${broken.length} broken reference(s), e.g. ${JSON.stringify(broken[0])}; nothing was changed`);
        }
        record.run(m.version, m.name, m.checksum, new Date().toISOString());
      })();
    } finally {
      if (keysOff && keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.name);
  }
  return { applied };
}

export interface OpenOptions {
  readonly?: boolean;
  /** apply these pending migrations (writable databases only) */
  migrations?: Migration[];
  /**
   * A writable database's journal: WAL (the default) for files that are written while read;
   * `delete` (a rollback journal) for a self-contained file that is renamed into place or
   * changed in place in one transaction (a catalogue: no -wal file beside it to lose or replay).
   */
  journal?: 'wal' | 'delete';
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    if (!opts.readonly) {
      db.pragma(opts.journal === 'delete' ? 'journal_mode = DELETE' : 'journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (opts.migrations && !opts.readonly) migrate(db, opts.migrations);
    return db;
  } catch (e) {
    db.close(); // a database refused or failed half-way is not left open
    throw e;
  }
}
