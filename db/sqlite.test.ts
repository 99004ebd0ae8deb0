import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationError, migrate, openDatabase, readMigrations } from './sqlite.js';
import { sourceMigrationsDir } from './catalogue/source-dir.js';

const MIGRATIONS_DIR = sourceMigrationsDir('catalogue');
const catalogueMigrations = () => readMigrations(MIGRATIONS_DIR);

const tmp = () => mkdtempSync(join(tmpdir(), 'mig-'));
const tables = (db: ReturnType<typeof openDatabase>) => db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all() as string[];

describe('migrations', () => {
  it('applies every migration once, in a WAL database, and records each', () => {
    const file = join(tmp(), 'a.sqlite');
    const db = openDatabase(file);
    const first = migrate(db, catalogueMigrations());
    expect(first.applied).toEqual(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db)).toEqual(expect.arrayContaining(['entry', 'location', 'service_at_location', 'search_posting', 'schema_migration']));
    expect(migrate(db, catalogueMigrations()).applied).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all()).toEqual(first.applied.map((_, i) => i + 1));
    db.close();
  });

  it('rolls back a failing migration completely and keeps the earlier ones', () => {
    const dir = tmp();
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    const n = readMigrations(dir).length;
    writeFileSync(join(dir, `${String(n + 1).padStart(3, '0')}_broken.sql`), 'CREATE TABLE half_done (x INTEGER);\nCREATE TABLE oops (;');
    const db = openDatabase(join(tmp(), 'b.sqlite'));
    expect(() => migrate(db, readMigrations(dir))).toThrow();
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare('SELECT COUNT(*) FROM schema_migration').pluck().get()).toBe(n);
    db.close();
  });

  it('refuses a database whose applied migration was edited, or that is newer than the app', () => {
    const db = openDatabase(join(tmp(), 'c.sqlite'));
    migrate(db, catalogueMigrations());
    const edited = catalogueMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'x' } : m));
    expect(() => migrate(db, edited)).toThrow(MigrationError);
    expect(() => migrate(db, catalogueMigrations().slice(0, 1))).toThrow(/newer than this app/);
    db.close();
  });
});
