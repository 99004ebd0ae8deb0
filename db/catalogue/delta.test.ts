/**
 * A delta applied to version N-1 gives version N: the same entries, FAQ and synonyms, the same
 * search results, a sound database — and a delta refuses a catalogue at another version,
 * changing nothing.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, readMigrations, type DB } from '../sqlite.js';
import { writeCatalogueFile } from './compile.js';
import { applyDelta, decodeDelta, diffCatalogues, encodeDelta, DeltaError } from './delta.js';
import { loadCatalogueSource, type CatalogueSource } from './load.js';
import { catalogueSourceDir, sourceMigrationsDir } from './source-dir.js';
import { Catalogue } from './store.js';
import type { Entry } from './schema.js';
import { generateEntries } from '../../build/bench/generate.js';

const migrations = readMigrations(sourceMigrationsDir('catalogue'));
const dir = mkdtempSync(join(tmpdir(), 'delta-'));

function build(name: string, src: CatalogueSource, hubVersion: number): string {
  const out = join(dir, name);
  writeCatalogueFile(src, { out, hash: name, migrations });
  const db = openDatabase(out, { journal: 'delete' });
  db.prepare("INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES ('hub_version', ?)").run(String(hubVersion));
  db.close();
  return out;
}

const rows = (db: DB) => db.prepare("SELECT id, data, source_file FROM entry ORDER BY id").all();
const table = (db: DB, sql: string) => db.prepare(sql).all();

/** Every table of a catalogue a delta was applied to holds what the newer version compiled afresh holds (row for row). */
function expectSameTables(db: DB, b: DB): void {
  for (const sql of [
    'SELECT * FROM entry ORDER BY id',
    'SELECT entry_id, stage, position FROM entry_stage ORDER BY stage, entry_id',
    'SELECT * FROM location ORDER BY id',
    'SELECT * FROM service_at_location ORDER BY service_id, location_id',
    'SELECT * FROM organization ORDER BY id',
    'SELECT id, question_ko, position, data FROM faq ORDER BY id',
    "SELECT key, value FROM catalogue_meta WHERE key IN ('version', 'hub_version', 'entries', 'faq', 'stats', 'source_hash') ORDER BY key",
  ])
    expect(table(db, sql), sql).toEqual(table(b, sql));
}

describe('catalogue deltas', () => {
  const base = loadCatalogueSource(catalogueSourceDir());
  const extra = generateEntries(300, 7);
  const v1src: CatalogueSource = { ...base, entries: [...base.entries, ...extra.slice(0, 200)] };
  const dropped = base.entries[3]!;
  const retitled = base.entries.find((e) => e.kind !== 'facility' && e.id !== dropped.id)!;
  const v2entries = [
    ...base.entries
      .filter((e) => e.id !== dropped.id)
      .map((e) => (e.id === retitled.id ? { ...e, title: { ...e.title, ko: '새이름쿵쾅돌봄지원', en: 'Renamed zebra support' } } : e)),
    ...extra.slice(100, 300), // 100 removed, 100 kept, 100 new
  ];
  const v2src: CatalogueSource = { ...base, entries: v2entries, faq: base.faq.slice(1) };
  const f1 = build('v1.sqlite', v1src, 1);
  const f2 = build('v2.sqlite', v2src, 2);

  it('turns version 1 into version 2', () => {
    const a = openDatabase(f1, { readonly: true });
    const b = openDatabase(f2, { readonly: true });
    const delta = diffCatalogues(a, b, 1, 2);
    a.close();
    expect(delta.body.deleted.sort()).toEqual([dropped.id, ...extra.slice(0, 100).map((e) => e.id)].sort());
    // the changed one and the 100 new ones: nothing else is sent
    expect(delta.body.put.map((p) => p.entry.id).sort()).toEqual([retitled.id, ...extra.slice(200, 300).map((e) => e.id)].sort());
    expect(delta.body.faq).toHaveLength(base.faq.length - 1);
    expect(delta.body.synonyms).toBeNull();

    const target = join(dir, 'device.sqlite');
    copyFileSync(f1, target);
    const db = openDatabase(target, { journal: 'delete' });
    applyDelta(db, decodeDelta(encodeDelta(delta)));
    expect(rows(db)).toEqual(rows(b));
    expectSameTables(db, b);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    b.close();

    // search: the renamed entry by its new name, not by the old; a deleted one never
    const got = Catalogue.open(target, migrations);
    const want = Catalogue.open(f2, migrations);
    expect(got.search('새이름쿵쾅돌봄지원')[0]?.id).toBe(retitled.id);
    expect(got.search('zebra')[0]?.id).toBe(retitled.id);
    for (const q of [dropped.title.ko, extra[5]!.title.ko, '아이돌봄', '손자녀 돌보미', 'ㅇㅇㄷㅂ', 'childcare', 'tã em bé', '尿布']) {
      expect(got.search(q, { limit: 50 }).map((h) => h.id), q).not.toContain(dropped.id);
      expect(got.search(q, { limit: 50 }).map((h) => h.id), q).not.toContain(extra[5]!.id);
      expect(new Set(got.search(q, { limit: 5 }).map((h) => h.id)), q).toEqual(new Set(want.search(q, { limit: 5 }).map((h) => h.id)));
    }
    expect(got.stats()).toEqual(want.stats());
    got.close();
    want.close();
  });

  it('changes an entry in place, whatever part of it changed: the same rows as version 2 compiled afresh', () => {
    // real entries changed in every part a source edit can touch
    const facility = base.entries.find((e) => e.kind === 'facility' && e.location && e.services.length >= 2 && e.schedules.length)!;
    const other = base.entries.find((e) => e.kind === 'facility' && e.location && e.id !== facility.id && e.services.length >= 1)!;
    const policy = base.entries.find((e) => e.kind === 'policy' && e.phones.length && e.sources.length >= 2 && e.who?.en && e.stages.length >= 1)!;
    const service = base.entries.find((e) => e.kind === 'service' && e.id !== policy.id && !facility.services.includes(e.id) && !e.eligibility_rules?.stated)!;
    const ruled = base.entries.find((e) => e.eligibility_rules?.stated && e.id !== policy.id)!;
    const changed = new Map<string, Entry>([
      [facility.id, { ...facility, location: { ...facility.location!, address: { ...facility.location!.address, ko: `${facility.location!.address.ko} 2층` }, dong: '새동' }, services: [...facility.services.slice(1), service.id], schedules: facility.schedules.slice(0, 1).map((sc) => ({ ...sc, opens_at: '07:30' })) }],
      [other.id, { ...other, location: undefined, services: [] }],
      [policy.id, { ...policy, phones: [...policy.phones, { number: '062-613-1279' }], sources: policy.sources.slice(1), stages: [...policy.stages].reverse(), who: { ko: policy.who!.ko }, title: { ...policy.title, vi: 'Tên mới' }, summary: { ...policy.summary, ko: `${policy.summary.ko} 바뀐 요약.` } }],
      [ruled.id, { ...ruled, eligibility_rules: { stated: false, reason: { ko: '규칙을 다시 확인하고 있어요', en: 'The rule is being checked again' } } } as Entry],
    ]);
    const v2: CatalogueSource = { ...base, entries: base.entries.map((e) => changed.get(e.id) ?? e) };
    const g1 = build('inplace-1.sqlite', base, 1);
    const g2 = build('inplace-2.sqlite', v2, 2);
    const a = openDatabase(g1, { readonly: true });
    const b = openDatabase(g2, { readonly: true });
    const delta = diffCatalogues(a, b, 1, 2);
    a.close();
    expect(delta.body.put.map((p) => p.entry.id).sort()).toEqual([...changed.keys()].sort());
    const target = join(dir, 'inplace-device.sqlite');
    copyFileSync(g1, target);
    const db = openDatabase(target, { journal: 'delete' });
    applyDelta(db, decodeDelta(encodeDelta(delta)));
    expectSameTables(db, b);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    b.close();
    const got = Catalogue.open(target, migrations);
    expect(got.search('바뀐 요약')[0]?.id).toBe(policy.id);
    got.close();
  });

  it('refuses a catalogue at another version and changes nothing', () => {
    const a = openDatabase(f1, { readonly: true });
    const b = openDatabase(f2, { readonly: true });
    const delta = diffCatalogues(a, b, 1, 2);
    a.close();
    b.close();
    const target = join(dir, 'other.sqlite');
    copyFileSync(f2, target); // already at version 2
    const db = openDatabase(target, { journal: 'delete' });
    const before = rows(db);
    expect(() => applyDelta(db, delta)).toThrow(DeltaError);
    expect(() => applyDelta(db, delta)).toThrow(/applies to version 1; this catalogue is at version 2/);
    expect(rows(db)).toEqual(before);
    db.close();
  });

  it('refuses bytes that are not a delta', () => {
    expect(() => decodeDelta(Buffer.from('<html>login</html>'))).toThrow(/not a catalogue delta/);
    const a = openDatabase(f1, { readonly: true });
    const bytes = encodeDelta(diffCatalogues(a, a, 1, 2));
    a.close();
    expect(() => decodeDelta(bytes.subarray(0, 30))).toThrow(/cut short/);
  });
});
