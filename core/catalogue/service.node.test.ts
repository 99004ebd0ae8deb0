/** The catalogue service on real SQLite files: opening with version checks, replacing while in use, imports that survive a newer catalogue. */
import { describe, expect, it } from 'vitest';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Emitter, type EventMap } from '../contract/events.js';
import { memoryLogger } from '../log.node.js';
import { CatalogueService, CatalogueFileError } from './service.node.js';
import type { Entry } from '../../db/catalogue/schema.js';
import { SEARCH_FORMAT } from '../../db/search/document.js';
import { freshDir, resources, ROOT } from '../../tests/env.node.js';

function service(dataDir = freshDir(), embedded = resources().embeddedCatalogue) {
  const events = new Emitter();
  const changed: EventMap['catalogue.changed'][] = [];
  events.on('catalogue.changed', (e) => changed.push(e));
  const log = memoryLogger();
  const s = new CatalogueService({ dataDir, embeddedCatalogue: embedded, migrationsDir: join(resources().migrations, 'catalogue'), logger: log.logger, events });
  return { s, changed, dataDir, logLines: log.lines };
}

/** A copy of the embedded catalogue, changed by `edit` (opened writable). */
function variant(edit: (db: Database.Database) => void): string {
  const file = join(freshDir('variant-'), 'catalogue.sqlite');
  copyFileSync(resources().embeddedCatalogue, file);
  const db = new Database(file);
  edit(db);
  db.close();
  return file;
}

const facility = (id: string, name: string): Entry => {
  const s = service();
  const base = s.s.open().entry('fac-gj-emergency-childcare-center')!;
  s.s.close();
  return { ...base, id, title: { ko: name, en: name, vi: name, zh: name }, official_title: undefined, summary: { ko: `${name} — 운영자가 들여온 시설`, en: 'An imported facility' }, services: [] };
};

describe('the catalogue service', () => {
  it('creates the device copy from the embedded catalogue the first time, private to this user', () => {
    const { s, dataDir } = service(join(freshDir(), 'new-folder'));
    const c = s.open();
    expect(c.stats().total).toBeGreaterThan(80);
    expect(statSync(join(dataDir, 'catalogue.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dataDir)).toEqual(['catalogue.sqlite']); // no temporary file or journal left beside it
    s.close();
  });

  it('refuses a catalogue from a newer app with a message that says to update the app', () => {
    const newer = variant((db) => db.prepare("INSERT INTO schema_migration VALUES (99, '099_future.sql', 'x', '2030-01-01')").run());
    const { s } = service(freshDir(), newer);
    expect(() => s.open()).toThrow(CatalogueFileError);
    expect(() => s.open()).toThrow(/newer than this app.*update the app/);
  });

  it('migrates a device copy from an older app (on a copy, then renamed over it)', () => {
    const dataDir = freshDir();
    const older = variant((db) => {
      // as an app with migrations 1–2 left it (before the eligibility column, the listing index
      // and Vietnamese and Chinese in the search index: its index has none of their grams)
      db.exec(`CREATE TABLE entry_text (entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE, field TEXT NOT NULL, lang TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (entry_id, field, lang)) WITHOUT ROWID;
        INSERT INTO entry_text SELECT id, 'title', 'ko', title_ko FROM entry;
        CREATE TABLE phone (id INTEGER PRIMARY KEY, entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE, number TEXT NOT NULL, label TEXT);
        CREATE TABLE schedule (id INTEGER PRIMARY KEY, entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE, rrule TEXT NOT NULL, byday TEXT NOT NULL, opens_at TEXT NOT NULL, closes_at TEXT NOT NULL, overnight INTEGER NOT NULL, closed_on_holidays INTEGER NOT NULL, note TEXT);
        CREATE TABLE source (id INTEGER PRIMARY KEY, entry_id TEXT NOT NULL, url TEXT, document TEXT, title TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL);
        CREATE INDEX source_entry ON source(entry_id); INSERT INTO phone (entry_id, number) SELECT id, '062-120' FROM entry; DELETE FROM schema_migration WHERE version = 9;
        DROP INDEX entry_stage_entry; DROP INDEX location_entry; DROP INDEX service_at_location_location; DELETE FROM schema_migration WHERE version = 8; DELETE FROM schema_migration WHERE version = 7; DROP TABLE search_segment; DROP TABLE search_dead; DELETE FROM schema_migration WHERE version = 6;
        ALTER TABLE search_doc DROP COLUMN title_vi; ALTER TABLE search_doc DROP COLUMN title_zh; DELETE FROM schema_migration WHERE version = 5;
        DELETE FROM search_posting WHERE gram LIKE 'h:%' OR gram LIKE 'v:%'; DELETE FROM search_meta WHERE key = 'format';
        DROP INDEX entry_listing; DELETE FROM schema_migration WHERE version = 4; DROP INDEX entry_rules; ALTER TABLE entry DROP COLUMN rules_stated; DELETE FROM schema_migration WHERE version = 3`);
    });
    copyFileSync(older, join(dataDir, 'catalogue.sqlite'));
    const { s, logLines } = service(dataDir);
    const c = s.open();
    expect(c.stats().total).toBeGreaterThan(80);
    const db = new Database(join(dataDir, 'catalogue.sqlite'), { readonly: true });
    expect(db.prepare('SELECT MAX(version) FROM schema_migration').pluck().get()).toBe(s.schema);
    expect(s.schema).toBeGreaterThanOrEqual(6);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'entry_listing'").pluck().get()).toBe(1);
    // the tables only ever written, never read, are gone (migration 009)
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('entry_text', 'phone', 'schedule', 'source')").pluck().get()).toBe(0);
    expect(db.prepare("SELECT value FROM search_meta WHERE key = 'format'").pluck().get()).toBe(SEARCH_FORMAT);
    db.close();
    // its search index was built again: Vietnamese without marks and Chinese find their entries
    expect(c.search('ta em be', { limit: 3 }).map((h) => h.id)).toContain('low-income-diaper-formula');
    expect(c.search('尿布', { limit: 3 }).map((h) => h.id)).toContain('low-income-diaper-formula');
    expect(logLines().some((l) => l.event === 'catalogue.migrating')).toBe(true);
    s.close();
  });

  it('replaces the catalogue under running calls: a call in flight keeps its catalogue, the next one sees the new, and a change is announced', () => {
    const { s, changed } = service();
    const before = s.open();
    const inFlight = s.lease();
    s.importEntries([facility('fac-test-new', '새빛 장난감도서관')], 'import:test.csv');
    // the new catalogue answers the next call, with its own (empty) search caches
    expect(s.current()).not.toBe(before);
    expect(s.current().search('새빛 장난감도서관', { limit: 1 })[0]?.id).toBe('fac-test-new');
    // the call that started before still reads the old file, which closes when it ends
    expect(inFlight.catalogue.entry('fac-test-new')).toBeNull();
    expect(inFlight.catalogue.stats().total).toBe(s.current().stats().total - 1);
    inFlight.release();
    expect(() => inFlight.catalogue.entry('x')).toThrow(/not open/);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.version).toBe(s.current().version);
    s.close();
  });

  it('notices a catalogue replaced by another process (the CLI importing while the kiosk runs)', () => {
    const { s: kiosk, changed, dataDir } = service();
    kiosk.open();
    const { s: cli } = service(dataDir);
    cli.importEntries([facility('fac-test-other', '다른 프로세스 놀이터')], 'import:other.csv');
    cli.close();
    expect(kiosk.reload()).toBe(true);
    expect(kiosk.current().entry('fac-test-other')?.title.ko).toBe('다른 프로세스 놀이터');
    expect(changed).toHaveLength(1);
    expect(kiosk.reload()).toBe(false); // nothing new since
    kiosk.close();
  });

  it('keeps what an operator imported when a newer embedded catalogue arrives', () => {
    const dataDir = freshDir();
    const first = service(dataDir);
    first.s.open();
    first.s.importEntries([facility('fac-test-kept', '오래 남는 어린이집')], 'import:kept.csv');
    const oldVersion = first.s.current().version;
    first.s.close();
    const newer = variant((db) => {
      db.prepare("UPDATE catalogue_meta SET value = '2099-01-01T00:00:00.000Z' WHERE key = 'built_at'").run();
      db.prepare("UPDATE catalogue_meta SET value = '20990101-newer' WHERE key = 'version'").run();
    });
    const second = service(dataDir, newer);
    const c = second.s.open();
    expect(c.version).toBe('20990101-newer');
    expect(c.version).not.toBe(oldVersion);
    expect(c.entry('fac-test-kept')?.title.ko).toBe('오래 남는 어린이집');
    expect(c.search('오래 남는 어린이집', { limit: 1 })[0]?.id).toBe('fac-test-kept');
    second.s.close();
  });

  it('keeps serving the catalogue it has when a replacement cannot be used, and says why in the log', () => {
    const { s, dataDir, logLines } = service();
    s.open();
    const version = s.current().version;
    copyFileSync(variant((db) => db.prepare("INSERT INTO schema_migration VALUES (99, '099_future.sql', 'x', '2030-01-01')").run()), join(dataDir, 'catalogue.sqlite'));
    expect(s.reload()).toBe(false);
    expect(s.current().version).toBe(version);
    expect(s.current().stats().total).toBeGreaterThan(80);
    expect(logLines().find((l) => l.event === 'catalogue.reload_failed')).toMatchObject({ level: 50, err: { type: 'CatalogueFileError', message: expect.stringMatching(/newer than this app/) } });
    s.close();
  });

  it('a damaged device catalogue is set aside and replaced by the last good copy, both files named in the log', () => {
    const dataDir = freshDir();
    const first = service(dataDir);
    first.s.open();
    first.s.importEntries([facility('fac-test-a', '첫째 놀이터')], 'import:a.csv');
    first.s.importEntries([facility('fac-test-b', '둘째 놀이터')], 'import:b.csv');
    first.s.close();
    // the disk damages the device file: its first pages are overwritten
    const file = join(dataDir, 'catalogue.sqlite');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 0);
    closeSync(fd);
    const again = service(dataDir);
    const c = again.s.open();
    // the last good copy (before the second import) serves, with the first import in it
    expect(c.entry('fac-test-a')?.title.ko).toBe('첫째 놀이터');
    expect(c.entry('fac-test-b')).toBeNull();
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('catalogue.damaged-'));
    expect(aside).toHaveLength(1);
    const line = again.logLines().find((l) => l.event === 'catalogue.damaged');
    expect(line).toMatchObject({ level: 50, file, setAside: join(dataDir, aside[0]!), restoredFrom: join(dataDir, 'catalogue.previous.sqlite') });
    again.s.close();
  });

  it('a failed write leaves the previous catalogue whole and no temporary file behind', () => {
    const { s, dataDir } = service();
    s.open();
    const before = statSync(join(dataDir, 'catalogue.sqlite')).ino;
    const broken = { ...facility('fac-test-broken', '깨진 항목'), stages: undefined } as unknown as Entry;
    expect(() => s.importEntries([broken], 'import:broken.csv')).toThrow();
    expect(statSync(join(dataDir, 'catalogue.sqlite')).ino).toBe(before);
    expect(readdirSync(dataDir)).toEqual(['catalogue.sqlite']);
    expect(s.current().entry('fac-test-broken')).toBeNull();
    expect(existsSync(join(dataDir, 'catalogue.sqlite-wal'))).toBe(false);
    s.close();
  });

  it('a change in place killed half-way (its pages already in the file) is rolled back at the next opening; a journal left before anything was written is removed, nothing rolled back', () => {
    const { s, dataDir } = service();
    const before = s.open().stats().total;
    s.close();
    const file = join(dataDir, 'catalogue.sqlite');
    // a writer killed outright in the middle of a big change: a tiny page cache makes SQLite write changed pages into the file before the commit
    const writer = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(file)});
      db.pragma('journal_mode = DELETE');
      db.pragma('cache_size = 1');
      db.exec('BEGIN');
      db.exec("DELETE FROM entry_stage; DELETE FROM service_at_location; DELETE FROM location; DELETE FROM entry");
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['-e', writer], { cwd: join(import.meta.dirname, '..', '..') });
    expect(r.signal).toBe('SIGKILL');
    // a hot journal: SQLite's header is in it, so the database file was already being written
    expect(readFileSync(`${file}-journal`).subarray(0, 8).toString('hex')).toBe('d9d505f920a163d7');
    const again = service(dataDir);
    expect(again.s.open().stats().total).toBe(before);
    expect(existsSync(`${file}-journal`)).toBe(false);
    expect(again.logLines().some((l) => l.event === 'catalogue.journal_rolled_back')).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    again.s.close();

    // a journal of a writer killed before it wrote the database (its header zeroed): removed, no rollback said
    writeFileSync(`${file}-journal`, Buffer.alloc(4096));
    const third = service(dataDir);
    expect(third.s.open().stats().total).toBe(before);
    expect(existsSync(`${file}-journal`)).toBe(false);
    expect(third.logLines().some((l) => l.event === 'catalogue.journal_rolled_back')).toBe(false);
    expect(third.logLines().some((l) => l.event === 'catalogue.journal_removed')).toBe(true);
    third.s.close();
  });

  it('two operators importing at the same moment (two processes of the built CLI): both imports are kept, one after the other', async () => {
    const cli = join(ROOT, 'dist', 'node', 'cli.mjs');
    expect(existsSync(cli), 'run npm run build first').toBe(true);
    const dataDir = freshDir('two-imports-');
    const header = '시도명,시군구명,어린이집명,어린이집유형구분,운영현황,우편번호,소재지도로명주소,어린이집전화번호,보육실수,정원수,현원수,위도,경도,통학차량운영여부,데이터기준일자\n';
    const csv = (name: string, n: number) => {
      const file = join(freshDir('csv-'), `${name}.csv`);
      writeFileSync(file, header + `광주광역시,북구,${name} 어린이집,국공립,정상,61186,광주광역시 북구 용봉로 ${n},062-123-456${n},5,40,35,35.1789,126.9123,N,2026-10-31\n`);
      return file;
    };
    const run = (file: string) =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const c = spawn(process.execPath, [cli, 'import', 'facilities', file, '--data', dataDir], { cwd: ROOT });
        let out = '';
        let err = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString()));
        c.stderr.on('data', (d: Buffer) => (err += d.toString()));
        c.on('close', (code) => done({ code, out, err }));
      });
    // started together: without the lock each copied the same catalogue and the later rename dropped the other's import
    const [a, b] = await Promise.all([run(csv('햇살', 1)), run(csv('무지개', 2))]);
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    const { s } = service(dataDir);
    const c = s.open();
    expect(c.importedEntries().map((i) => i.entry.title.ko).sort()).toEqual(['무지개 어린이집', '햇살 어린이집']);
    expect(readdirSync(dataDir)).not.toContain('catalogue.lock');
    s.close();
  }, 60_000);

  it('a change waits for the one another process is making, and gives up after a while saying who holds it — nothing changed; a lock whose process is gone is taken over', () => {
    const { s, dataDir, logLines } = service();
    s.open();
    const before = s.current().stats().total;
    const busy = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dataDir, 'catalogue.lock'), `${busy.pid}\n`);
      const waiting = new CatalogueService({ dataDir, embeddedCatalogue: resources().embeddedCatalogue, migrationsDir: join(resources().migrations, 'catalogue'), logger: memoryLogger().logger, events: new Emitter(), lockWaitMs: 300 });
      waiting.open();
      expect(() => waiting.importEntries([facility('fac-imported-waiting', '기다린 어린이집')], 'import:wait.csv')).toThrow(
        new RegExp(`the catalogue in .* is in use by process ${busy.pid} \\(an import or a sync\\), and it has not finished in 0 s; nothing was changed`),
      );
      waiting.close();
      expect(s.current().entry('fac-imported-waiting')).toBeNull();
      expect(readFileSync(join(dataDir, 'catalogue.lock'), 'utf8')).toBe(`${busy.pid}\n`); // not ours to take
    } finally {
      busy.kill('SIGKILL');
    }
    // the holder is gone (killed outright): its lock is taken over, the import made, the lock removed
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    writeFileSync(join(dataDir, 'catalogue.lock'), `${gone}\n`);
    s.importEntries([facility('fac-imported-after', '다음 어린이집')], 'import:after.csv');
    expect(s.current().entry('fac-imported-after')?.title.ko).toBe('다음 어린이집');
    expect(s.current().stats().total).toBe(before + 1);
    expect(logLines().find((l) => l.event === 'catalogue.lock_taken_over')).toMatchObject({ stalePid: Number(gone) });
    expect(readdirSync(dataDir)).not.toContain('catalogue.lock');
    s.close();
  });
});
