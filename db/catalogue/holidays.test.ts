/**
 * The public-holiday calendar (entries/holidays.yaml): the source validates and a bad one names
 * its field; the compiled catalogue holds exactly what the source says; and a delta carries a
 * changed calendar to a kiosk's catalogue (real SQLite files, applied and read back).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, readMigrations } from '../sqlite.js';
import { compileCatalogue, writeCatalogueFile } from './compile.js';
import { applyDelta, decodeDelta, diffCatalogues, encodeDelta } from './delta.js';
import { CatalogueSourceError, loadCatalogueSource, type CatalogueSource } from './load.js';
import { catalogueSourceDir, sourceMigrationsDir } from './source-dir.js';
import { Catalogue } from './store.js';
import type { HolidayCalendar } from './schema.js';

const migrations = readMigrations(sourceMigrationsDir('catalogue'));
const src = loadCatalogueSource(catalogueSourceDir());
const calendar = src.holidays!;

/** A copy of the catalogue source whose holidays.yaml is edited as text. */
function sourceWithHolidays(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hol-src-'));
  cpSync(catalogueSourceDir(), dir, { recursive: true, filter: (p) => !p.endsWith('.ts') });
  const f = join(dir, 'entries', 'holidays.yaml');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return dir;
}
const problemsOf = (dir: string) => {
  try {
    loadCatalogueSource(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueSourceError);
    return (e as CatalogueSourceError).problems;
  }
  throw new Error('the source was accepted');
};

describe('the public-holiday calendar source', () => {
  it('validates, lists 2026 and 2027 in order, each day named in four languages with its sources', () => {
    expect(calendar.known_until).toBe('2027-12-31');
    expect(calendar.last_verified).toBe('2026-12-03');
    expect(calendar.translated).toEqual(['en', 'vi', 'zh']);
    const dates = calendar.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.filter((d) => d.startsWith('2026'))).toHaveLength(22);
    expect(dates.filter((d) => d.startsWith('2027'))).toHaveLength(24);
    for (const d of calendar.days) {
      expect(d.name.en && d.name.vi && d.name.zh, d.date).toBeTruthy();
      expect(d.sources.length, d.date).toBeGreaterThan(0);
      for (const s of d.sources) expect(s, d.date).toMatchObject({ url: expect.stringMatching(/^https:\/\//), title: expect.any(String), publisher: expect.any(String), accessed: '2026-12-03' });
    }
    // 추석 2026, 설날 2027 and its 대체공휴일, the local elections
    expect(calendar.days.find((d) => d.date === '2026-09-25')?.name.ko).toBe('추석');
    expect(calendar.days.find((d) => d.date === '2027-02-09')).toMatchObject({ substitute: true, substitute_for: '2027-02-07' });
    expect(calendar.days.find((d) => d.date === '2026-06-03')?.name.ko).toBe('전국동시지방선거일');
  });

  it('names the field of a day that is not a day of the calendar, and of a wrong form', () => {
    const p = problemsOf(sourceWithHolidays((y) => y.replace('- date: 2026-09-25', '- date: 2026-09-31').replace('- date: 2027-03-01', '- date: 2027-3-1')));
    expect(p).toContainEqual({ file: 'entries/holidays.yaml', entry: 'holidays', field: 'days.16.date', reason: 'is not a day of the calendar' });
    expect(p).toContainEqual({ file: 'entries/holidays.yaml', entry: 'holidays', field: 'days.27.date', reason: 'use YYYY-MM-DD' });
  });

  it('refuses a day twice, a day past known_until, an unknown source and a substitute without its holiday', () => {
    const p = problemsOf(
      sourceWithHolidays((y) =>
        y
          .replace('known_until: 2027-12-31', 'known_until: 2027-12-26')
          .replace('- date: 2026-09-26', '- date: 2026-09-25')
          .replace('sources: [almanac-2027, holidays-kr-2027]\n    - date: 2027-03-01', 'sources: [no-such-source]\n    - date: 2027-03-01')
          .replace('substitute_for: 2026-10-03', 'substitute_for: 2026-10-04'),
      ),
    );
    const fields = p.map((x) => `${x.field}: ${x.reason}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^days\.17\.date: 2026-09-25 is listed twice/),
        expect.stringMatching(/^days\.45\.date: 2027-12-27 is after known_until/),
        expect.stringMatching(/^days\.26\.sources\.0: unknown source id "no-such-source"/),
        expect.stringMatching(/^days\.19\.substitute_for: 2026-10-04 is not a holiday/),
      ]),
    );
  });

  it('is required: a source without it does not compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hol-none-'));
    cpSync(catalogueSourceDir(), dir, { recursive: true, filter: (p) => !p.endsWith('.ts') && !p.endsWith('holidays.yaml') });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ entry: 'holidays', field: 'holidays', reason: expect.stringMatching(/no public-holiday calendar/) }));
  });
});

describe('the compiled calendar', () => {
  it('is what the source says, day for day, with each day’s sources written out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hol-cat-')), 'c.sqlite');
    compileCatalogue({ out, sourceDir: catalogueSourceDir(), migrations });
    const cat = Catalogue.open(out, migrations, { search: false });
    try {
      expect(cat.holidays()).toEqual(JSON.parse(JSON.stringify(calendar)));
      expect(cat.holidays()!.days.find((d) => d.date === '2026-09-25')!.sources.map((s) => s.publisher)).toContain('다음뉴스');
    } finally {
      cat.close();
    }
  });
});

describe('a delta carries a changed calendar', () => {
  it('applied to a kiosk’s catalogue in SQLite, the calendar read back is the newer one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hol-delta-'));
    const build = (name: string, s: CatalogueSource, hubVersion: number) => {
      const out = join(dir, name);
      writeCatalogueFile(s, { out, hash: name, migrations });
      const db = openDatabase(out, { journal: 'delete' });
      db.prepare("INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES ('hub_version', ?)").run(String(hubVersion));
      db.close();
      return out;
    };
    // the newer version: a temporary holiday designated (as the government may any year), nothing else changed
    const temporary = { date: '2027-06-04', name: { ko: '임시공휴일', en: 'Temporary public holiday', vi: 'Ngày nghỉ lễ tạm thời', zh: '临时公休日' }, substitute: false, sources: calendar.days[0]!.sources };
    const newer: HolidayCalendar = { ...calendar, days: [...calendar.days, temporary].sort((a, b) => (a.date < b.date ? -1 : 1)) };
    const v1 = build('v1.sqlite', src, 1);
    const v2 = build('v2.sqlite', { ...src, holidays: newer }, 2);
    const a = openDatabase(v1, { readonly: true });
    const b = openDatabase(v2, { readonly: true });
    const delta = decodeDelta(encodeDelta(diffCatalogues(a, b, 1, 2)));
    a.close();
    b.close();
    expect(delta.body.put).toHaveLength(0); // no entry changed: only the calendar
    expect(JSON.parse(delta.body.meta.holidays!)).toEqual(JSON.parse(JSON.stringify(newer)));
    const device = join(dir, 'device.sqlite');
    cpSync(v1, device);
    const db = openDatabase(device, { journal: 'delete' });
    applyDelta(db, delta);
    db.close();
    const cat = Catalogue.open(device, migrations, { search: false });
    try {
      expect(cat.holidays()!.days.find((d) => d.date === '2027-06-04')?.name.ko).toBe('임시공휴일');
      expect(cat.holidays()).toEqual(JSON.parse(JSON.stringify(newer)));
    } finally {
      cat.close();
    }
  });
});
