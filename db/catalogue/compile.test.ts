import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { compileCatalogue } from './compile.js';
import { CatalogueSourceError, loadCatalogueSource } from './load.js';
import { Entry } from './schema.js';
import { catalogueSourceDir, sourceMigrationsDir } from './source-dir.js';
import { readMigrations } from '../sqlite.js';

const migrations = () => readMigrations(sourceMigrationsDir('catalogue'));

/** A copy of the real catalogue source in a temp folder, with one extra file of our own. */
function sourceWith(extra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cat-'));
  cpSync(catalogueSourceDir(), dir, { recursive: true, filter: (p) => !p.endsWith('.ts') });
  writeFileSync(join(dir, 'entries', 'zz-test.yaml'), extra);
  return dir;
}

const good = loadCatalogueSource(catalogueSourceDir()).entries.find((e) => e.id === 'gj-grandparent-caregiver')!;
const variant = (patch: Record<string, unknown>) => stringify({ entries: [{ ...good, id: 'zz-variant', ...patch }] });

function problemsOf(extra: string) {
  const dir = sourceWith(extra);
  const out = join(dir, 'out.sqlite');
  writeFileSync(out, 'previous catalogue');
  try {
    compileCatalogue({ sourceDir: dir, out, migrations: migrations() });
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueSourceError);
    // nothing written: the previous file is untouched and no temp file is left behind
    expect(readFileSync(out, 'utf8')).toBe('previous catalogue');
    return (e as CatalogueSourceError).problems;
  }
  throw new Error('compiler accepted a bad entry');
}

describe('catalogue compiler', () => {
  it('compiles the real catalogue into a fresh file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cat-')), 'c.sqlite');
    const r = compileCatalogue({ out, sourceDir: catalogueSourceDir(), migrations: migrations() });
    expect(existsSync(out)).toBe(true);
    expect(r.entries).toBeGreaterThan(60);
    expect(r.version).toMatch(/^\d{8}-[0-9a-f]{12}$/);
  });

  it('names file, entry, field and reason for a missing English summary', () => {
    const { en: _en, ...summary } = good.summary;
    const p = problemsOf(variant({ summary }));
    expect(p).toContainEqual({ file: 'entries/zz-test.yaml', entry: 'zz-variant', field: 'summary.en', reason: expect.any(String) });
  });

  it('rejects a malformed phone number, a bad year and a bad id, all at once', () => {
    const p = problemsOf(variant({ id: 'Bad Id', phones: [{ number: '62-1279' }], amount: { text: { ko: '월 20만원' }, year: '올해' } }));
    const fields = p.map((x) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'phones.0.number', 'amount.year']));
    expect(p.find((x) => x.field === 'phones.0.number')!.reason).toMatch(/062-222-1279/);
  });

  it('rejects an entry without sources, a duplicate id and a link to an unknown service', () => {
    expect(problemsOf(variant({ sources: [] }))[0]).toMatchObject({ field: 'sources', reason: expect.stringMatching(/source/) });
    expect(problemsOf(stringify({ entries: [good] }))[0]).toMatchObject({ entry: good.id, field: 'id', reason: expect.stringMatching(/duplicate/) });
    expect(problemsOf(variant({ services: ['no-such-service'] }))[0]).toMatchObject({ field: 'services.0', reason: expect.stringMatching(/unknown entry/) });
  });

  it('refuses invented precision: "exact" geo without coordinates, and one coordinate alone', () => {
    const location = { address: { ko: '광주 북구' }, geo_precision: 'exact' };
    expect(problemsOf(variant({ kind: 'facility', location }))[0]).toMatchObject({ field: 'location.geo_precision' });
    expect(problemsOf(variant({ kind: 'facility', location: { ...location, geo_precision: 'dong', lat: 35.1 } }))[0]).toMatchObject({ field: 'location' });
  });

  it('reports broken YAML with its line', () => {
    expect(problemsOf('entries:\n  - id: [unclosed\n')[0]).toMatchObject({ file: 'entries/zz-test.yaml', field: '(yaml)', reason: expect.stringMatching(/line/) });
  });

  it('never throws anything but a structured error for random junk (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const r = Entry.safeParse(junk);
        return r.success || r.error.issues.every((i) => typeof i.message === 'string');
      }),
      { numRuns: 300 },
    );
  });
});
