/**
 * Incremental search index (segment.ts): an index built from entries A, then changed by deltas
 * (entries removed, retitled, added; one delta inside the caller's transaction, one with the
 * publisher's own segment), answers as a full build of the final entries does — on the real
 * catalogue plus generated records, in real SQLite. Doc numbers differ between the two (dead
 * ones are never reused), so results may differ only in the order of equal scores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileCatalogue } from '../catalogue/compile.js';
import { loadCatalogueSource } from '../catalogue/load.js';
import { catalogueSourceDir, sourceMigrationsDir } from '../catalogue/source-dir.js';
import { Catalogue } from '../catalogue/store.js';
import { toSearchDocument, upsertEntries } from '../catalogue/write.js';
import { openDatabase, readMigrations, type DB } from '../sqlite.js';
import { generateEntries, QUERY_CLASSES } from '../../build/bench/generate.js';
import { buildSearchIndex, documentGrams } from './build.js';
import type { SearchDocument } from './document.js';
import { applySearchChanges, decodeSegment, encodeSegment, SEGMENT_FORMAT, SegmentReader, segmentDocs } from './segment.js';
import { Searcher, type SearchFilters } from './searcher.js';

const migrations = readMigrations(sourceMigrationsDir('catalogue'));
const dir = mkdtempSync(join(tmpdir(), 'segment-'));
let files = 0;
const freshDb = (): DB => openDatabase(join(dir, `s${files++}.sqlite`), { migrations });

const src = loadCatalogueSource(catalogueSourceDir());
const synonyms = src.synonyms.groups;
const real = src.entries.map(toSearchDocument);
const generated = generateEntries(400, 7).map(toSearchDocument);
const fresh = generateEntries(150, 99).map((d) => toSearchDocument({ ...d, id: `new-${d.id}` }));
const byId = (entryId: string): SearchDocument => {
  const d = [...real, ...generated, ...fresh].find((x) => x.entryId === entryId);
  if (!d) throw new Error(`no document ${entryId}`);
  return d;
};
const id = (list: SearchDocument[], i: number): string => list[i]!.entryId;
const retitle = (d: SearchDocument, ko: string, en: string): SearchDocument => ({ ...d, title: ko, titleEn: en, titleVi: '', titleZh: '' });

// In A one entry has a title word no other document has (고래섬), so "not found by its old title" means something.
const whale = retitle(byId('shared-childcare-space'), '고래섬 공동육아나눔터', 'Whale island shared childcare');
const A = [...real.map((d) => (d.entryId === whale.entryId ? whale : d)), ...generated];

// Delta 1: base documents removed and retitled, 100 new ones.
const delta1 = {
  removed: ['child-allowance', 'gj-emergency-childcare', 'fac-namgu-toy-library-aisarang', id(generated, 4), id(generated, 10), generated.find((d) => d.entryId.startsWith('gen-p-'))!.entryId, 'no-such-entry'],
  added: [
    retitle(whale, '반딧불 이웃 육아방', 'Firefly neighbourhood playroom'),
    retitle(byId('low-income-diaper-formula'), '기저귀 분유 꾸러미', 'Nappy and formula bundle'),
    retitle(generated[20]!, '도토리숲 어린이집', 'Daycare centre Acorn forest'),
    ...fresh.slice(0, 100),
  ],
};
// Delta 2: documents of delta 1's segment removed and retitled again, base ones too, 50 new ones.
const delta2 = {
  removed: [id(fresh, 1), id(fresh, 2), 'gj-1279-counselling', id(generated, 30)],
  added: [retitle(whale, '반딧불 이웃 육아방 2호', 'Firefly neighbourhood playroom 2'), retitle(fresh[5]!, '별똥별 장난감도서관', 'Shooting star toy library'), ...fresh.slice(100)],
};
const removedIds = [...delta1.removed, ...delta2.removed];

/** The final entries: A with both deltas applied (a replaced entry keeps its place; order changes only doc numbers). */
function finalDocs(): SearchDocument[] {
  const m = new Map(A.map((d) => [d.entryId, d]));
  for (const delta of [delta1, delta2]) {
    for (const id of delta.removed) m.delete(id);
    for (const d of delta.added) m.set(d.entryId, d);
  }
  return [...m.values()];
}

let incremental: DB;
let full: DB;
let inc: Searcher;
let ref: Searcher;
beforeAll(() => {
  incremental = freshDb();
  incremental.transaction(() => buildSearchIndex(incremental, A, synonyms))();
  // delta 1 inside the caller's transaction (as the catalogue's delta writes its rows), delta 2 on its own with a given segment
  incremental.transaction(() => applySearchChanges(incremental, delta1))();
  applySearchChanges(incremental, { ...delta2, segment: encodeSegment(delta2.added) });
  full = freshDb();
  full.transaction(() => buildSearchIndex(full, finalDocs(), synonyms))();
  inc = new Searcher(incremental);
  ref = new Searcher(full);
});
afterAll(() => {
  incremental.close();
  full.close();
});

/** Every match of a query (all pages), as "id score". */
function everyMatch(s: Searcher, q: string, filters?: SearchFilters) {
  const first = s.searchPage(q, { filters, limit: 100 });
  const hits = [...first.hits];
  while (hits.length < first.total) hits.push(...s.searchPage(q, { filters, limit: 100, offset: hits.length }).hits);
  return { total: first.total, atLeast: first.atLeast, hits };
}

/**
 * The fair comparison: scores are computed from the same grams, weights, document frequencies
 * and document count, so they are equal; only the order of equal scores follows doc numbers. When
 * every match fits the candidate pool, the matches are the same (id and score); when the pool is
 * full, which of many equally scored documents enter it follows doc numbers too, so the first
 * ten scores are the same, and so are the ids scoring above the tenth.
 */
function expectSameResults(q: string, filters?: SearchFilters) {
  const a = everyMatch(inc, q, filters);
  const b = everyMatch(ref, q, filters);
  const label = `${q} ${JSON.stringify(filters ?? {})}`;
  expect(a.atLeast, label).toBe(b.atLeast);
  const pairs = (x: typeof a) => x.hits.map((h) => `${h.id} ${h.score}`).sort();
  if (!b.atLeast) {
    expect(pairs(a), label).toEqual(pairs(b));
  } else {
    expect(a.hits.slice(0, 10).map((h) => h.score), label).toEqual(b.hits.slice(0, 10).map((h) => h.score));
    const tenth = b.hits[9]?.score ?? -1;
    const above = (x: typeof a) => x.hits.filter((h) => h.score > tenth).map((h) => h.id).sort();
    expect(above(a), label).toEqual(above(b));
  }
  for (const id of removedIds) expect(a.hits.map((h) => h.id), label).not.toContain(id);
  return a;
}

const targeted = ['고래섬', '반딧불', '반딧뿔 육아방', 'ㅂㄷㅂ', '기저귀 분유', '꾸러미', '도토리숲', '별똥별', '아동수당', '긴급아이돌봄', '장난감도서관 아이사랑', 'firefly', 'whale', 'nappy'];

describe('an index changed by deltas answers as a full build of the final entries', () => {
  it.each([...Object.values(QUERY_CLASSES).flat(), ...targeted])('%s', (q) => {
    expectSameResults(q);
  });

  it.each<SearchFilters>([{ stage: 'infant' }, { stage: 'pregnancy' }, { district: '광산구' }, { district: '남구' }, { category: 'care' }, { category: 'allowance' }, { childAgeMonths: 12 }, { kinds: ['facility'] }])(
    'with filters %j',
    (filters) => {
      for (const q of ['돌봄', '아동수당', '반딧불', '어린이집', '장난감', '기저귀', '긴급 돌봄', 'ㅇㅇㄷㅂ']) expectSameResults(q, filters);
    },
  );

  it('every gram lists the same documents with the same weights (doc numbers aside)', () => {
    const entryOf = (db: DB) => new Map(db.prepare('SELECT doc, entry_id FROM search_doc').raw().all() as [number, string][]);
    const incIds = entryOf(incremental);
    const refIds = entryOf(full);
    const grams = new Set(full.prepare('SELECT gram FROM search_posting').pluck().all() as string[]);
    for (const g of incremental.prepare('SELECT gram FROM search_posting').pluck().all() as string[]) grams.add(g);
    for (const p of incremental.prepare('SELECT postings FROM search_segment').pluck().all() as Uint8Array[]) for (const g of decodeSegment(p).keys()) grams.add(g);
    const listed = (s: Searcher, ids: Map<number, string>, g: string) => {
      const p = s['posting'](g);
      if (!p) return null;
      expect(p.df).toBe(p.docs.length);
      return Array.from(p.docs, (d, i) => `${ids.get(d) ?? `dead doc ${d}`} ${p.weights[i]}`).sort();
    };
    for (const g of grams) expect(listed(inc, incIds, g), g).toEqual(listed(ref, refIds, g));
  });

  it('a removed entry is found neither by its title nor through a filter', () => {
    for (const id of ['child-allowance', 'gj-emergency-childcare', delta2.removed[0]!]) {
      const d = byId(id);
      expect(inc.search(d.title, { limit: 100 }).map((h) => h.id), d.title).not.toContain(id);
      expect(inc.search(d.title, { limit: 100, filters: { category: d.category, stage: d.stages[0] } }).map((h) => h.id), d.title).not.toContain(id);
    }
    expect(incremental.prepare('SELECT count(*) FROM search_doc WHERE entry_id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(removedIds))).toBe(0);
  });

  it('a retitled entry is found by its new title, not by a word only its old title had', () => {
    const before = freshDb();
    before.transaction(() => buildSearchIndex(before, A, synonyms))();
    const old = new Searcher(before);
    expect(old.search('고래섬', { limit: 1 })[0]?.id).toBe('shared-childcare-space');
    expect(old.search('반딧불', { limit: 100 }).map((h) => h.id)).not.toContain('shared-childcare-space');
    before.close();

    expect(inc.search('반딧불 이웃 육아방', { limit: 1 })[0]?.id).toBe('shared-childcare-space');
    expect(inc.search('고래섬', { limit: 100 }).map((h) => h.id)).not.toContain('shared-childcare-space');
    expect(inc.search('whale', { limit: 100 }).map((h) => h.id)).not.toContain('shared-childcare-space');
    expect(inc.search('별똥별 장난감도서관', { limit: 1 })[0]?.id).toBe(id(fresh, 5));
    expect(inc.search('도토리숲', { limit: 1 })[0]?.id).toBe(id(generated, 20));
  });

  it('keeps every document number: new ones above all ever used, the replaced and removed ones dead', () => {
    const docs = (sql: string) => incremental.prepare(sql).pluck().all() as number[];
    const segs = incremental.prepare('SELECT seg, first_doc, docs FROM search_segment ORDER BY seg').all() as { seg: number; first_doc: number; docs: number }[];
    expect(segs.map((s) => [s.first_doc, s.docs])).toEqual([
      [A.length + 1, delta1.added.length],
      [A.length + delta1.added.length + 1, delta2.added.length],
    ]);
    const highest = A.length + delta1.added.length + delta2.added.length;
    expect(incremental.prepare("SELECT value FROM search_meta WHERE key = 'docs'").pluck().get()).toBe(String(highest));
    // dead: 6 known removed + 3 replaced (delta 1); 4 removed (two of them segment docs) + 2 replaced (both segment docs) (delta 2)
    expect(docs('SELECT doc FROM search_dead')).toHaveLength(6 + 3 + 4 + 2);
    expect(docs('SELECT doc FROM search_doc WHERE doc IN (SELECT doc FROM search_dead)')).toEqual([]);
    expect(docs('SELECT doc FROM search_doc_stage WHERE doc IN (SELECT doc FROM search_dead)')).toEqual([]);
    expect(incremental.prepare('SELECT count(*) FROM search_doc').pluck().get()).toBe(finalDocs().length);
    expect(highest - docs('SELECT doc FROM search_dead').length).toBe(finalDocs().length);
  });

  it('writes the same search_doc rows as a full build (doc numbers aside)', () => {
    const rows = (db: DB) => (db.prepare('SELECT * FROM search_doc ORDER BY entry_id').all() as Record<string, unknown>[]).map(({ doc: _doc, ...r }) => r);
    expect(rows(incremental)).toEqual(rows(full));
    const stages = (db: DB) => db.prepare('SELECT d.entry_id, s.stage FROM search_doc_stage s JOIN search_doc d USING (doc) ORDER BY 1, 2').raw().all();
    expect(stages(incremental)).toEqual(stages(full));
  });
});

describe('segments', () => {
  const docs = [...real.slice(0, 20), ...generated.slice(0, 30)];

  it('round-trip: every document with each of its grams and weights, numbered from 0', () => {
    const bytes = encodeSegment(docs);
    expect(bytes[2]).toBe(SEGMENT_FORMAT);
    expect(segmentDocs(bytes)).toBe(docs.length);
    const decoded = decodeSegment(bytes);
    const back = docs.map(() => new Map<string, number>());
    for (const [g, p] of decoded) {
      expect(p.docs.length).toBe(p.weights.length);
      p.docs.forEach((d, i) => back[d]!.set(g, p.weights[i]!));
      for (let i = 1; i < p.docs.length; i++) expect(p.docs[i]!).toBeGreaterThan(p.docs[i - 1]!);
    }
    docs.forEach((d, i) => expect(new Map([...back[i]!].sort()), d.entryId).toEqual(new Map([...documentGrams(d)].sort())));
  });

  it('round-trip of grams beyond three UTF-8 bytes (Chinese outside the BMP) and of two-byte ones', () => {
    const d = { ...docs[0]!, entryId: 'astral', titleZh: '𠀋𠀌儿童', bodyZh: '𠀋𠀌 尿布', summary: 'ß é' };
    const decoded = decodeSegment(encodeSegment([d]));
    expect(new Map([...decoded].map(([g, p]) => [g, p.weights[0]!]))).toEqual(documentGrams(d));
    expect(decoded.has('h:𠀋𠀌')).toBe(true);
  });

  it('refuses a gram that is not UTF-8', () => {
    // header (1 doc, 1 gram), the gram's name, 1 document, its doc number in 1 byte (0), its weight
    const segment = (gram: number[]) => Uint8Array.from([0x53, 0x47, SEGMENT_FORMAT, 1, 1, gram.length, ...gram, 1, 1, 0, 200]);
    expect(decodeSegment(segment([0x62, 0x3a, 0xec, 0x95, 0x84])).get('b:아')?.weights[0]).toBe(200);
    expect(() => decodeSegment(segment([0x62, 0x3a, 0xff]))).toThrow(/not UTF-8/);
    expect(() => decodeSegment(segment([0x62, 0x3a, 0xed, 0xa0, 0x80]))).toThrow(/not UTF-8/); // a surrogate, spelled in three bytes
    expect(() => decodeSegment(segment([0x62, 0x3a, 0xe0, 0x80, 0x80]))).toThrow(/not UTF-8/); // overlong
  });

  it('a reader finds a gram by its bytes and decodes only its postings; grams out of order or doc numbers that overrun are refused', () => {
    const bytes = encodeSegment(docs);
    const reader = new SegmentReader(bytes);
    const all = decodeSegment(bytes);
    expect(reader.grams).toBe(all.size);
    for (const [g, p] of all) expect(reader.get(g), g).toEqual(p);
    expect(reader.get('b:없는말')).toBeUndefined();
    expect(reader.get('')).toBeUndefined();
    const two = (a: number[], b: number[]) => Uint8Array.from([0x53, 0x47, SEGMENT_FORMAT, 1, 2, a.length, ...a, 1, 1, 0, 200, b.length, ...b, 1, 1, 0, 200]);
    expect(new SegmentReader(two([0x61], [0x62])).get('b')?.weights[0]).toBe(200);
    expect(() => new SegmentReader(two([0x62], [0x61]))).toThrow(/out of order/);
    expect(() => new SegmentReader(two([0x61], [0x61]))).toThrow(/out of order/);
    // a doc list said to take 1 byte that holds a 2-byte number
    expect(() => decodeSegment(Uint8Array.from([0x53, 0x47, SEGMENT_FORMAT, 1, 1, 1, 0x61, 1, 1, 0x80, 0x01, 200]))).toThrow();
  });

  it('the same documents give the same bytes', () => {
    expect(encodeSegment(docs)).toEqual(encodeSegment(docs.map((d) => ({ ...d }))));
    expect(decodeSegment(encodeSegment([])).size).toBe(0);
  });

  it('refuses malformed bytes: another format, cut short, trailing bytes, not a segment', () => {
    const bytes = encodeSegment(docs.slice(0, 3));
    const other = bytes.slice();
    other[2] = SEGMENT_FORMAT + 1;
    expect(() => decodeSegment(other)).toThrow(/format 3; this app reads format 2/);
    expect(() => decodeSegment(bytes.subarray(0, bytes.length - 1))).toThrow(/ends too early/);
    expect(() => decodeSegment(Uint8Array.from([...bytes, 0]))).toThrow(/bytes after the last gram/);
    expect(() => decodeSegment(new TextEncoder().encode('{"json": true}'))).toThrow(/not a search segment/);
  });

  it('a segment that does not hold exactly the added documents is refused, and nothing is written', () => {
    const db = freshDb();
    db.transaction(() => buildSearchIndex(db, real, synonyms))();
    const count = () => db.prepare('SELECT (SELECT count(*) FROM search_doc) || \'/\' || (SELECT count(*) FROM search_dead) || \'/\' || (SELECT count(*) FROM search_segment)').pluck().get();
    const before = count();
    const added = generated.slice(0, 3);
    expect(() => applySearchChanges(db, { removed: ['child-allowance'], added, segment: encodeSegment(added.slice(0, 2)) })).toThrow(
      /the segment holds 2 documents but 3 are added/,
    );
    expect(() => applySearchChanges(db, { removed: [], added: [added[0]!, added[0]!] })).toThrow(/added twice/);
    expect(count()).toBe(before);
    db.close();
  });

  it("inside the caller's transaction: rolled back with it", () => {
    const db = freshDb();
    db.transaction(() => buildSearchIndex(db, real, synonyms))();
    expect(() =>
      db.transaction(() => {
        applySearchChanges(db, { removed: ['child-allowance'], added: generated.slice(0, 5) });
        expect(db.prepare('SELECT count(*) FROM search_segment').pluck().get()).toBe(1);
        throw new Error('the caller fails');
      })(),
    ).toThrow('the caller fails');
    expect(db.prepare('SELECT count(*) FROM search_segment').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM search_dead').pluck().get()).toBe(0);
    expect(new Searcher(db).search('아동수당', { limit: 1 })[0]?.id).toBe('child-allowance');
    db.close();
  });

  it('a full build folds the segments and dead documents away', () => {
    const db = freshDb();
    db.transaction(() => buildSearchIndex(db, real, synonyms))();
    applySearchChanges(db, { removed: ['child-allowance'], added: generated.slice(0, 5) });
    db.transaction(() => buildSearchIndex(db, real, synonyms))();
    expect(db.prepare('SELECT (SELECT count(*) FROM search_segment) + (SELECT count(*) FROM search_dead)').pluck().get()).toBe(0);
    expect(db.prepare("SELECT value FROM search_meta WHERE key = 'docs'").pluck().get()).toBe(String(real.length));
    db.close();
  });
});

describe("an operator's import (upsertEntries) goes into a segment", () => {
  it('the imported entries are found, the replaced one by its new title only, without a full rebuild', () => {
    const file = join(dir, 'import.sqlite');
    compileCatalogue({ out: file, sourceDir: catalogueSourceDir(), migrations });
    const [imported] = generateEntries(1, 5).map((e) => ({ ...e, id: 'imported-1', title: { ...e.title, ko: '까치발 어린이집' } }));
    const care = src.entries.find((e) => e.id === 'child-care-service')!;
    const replaced = { ...care, title: { ...care.title, ko: '두루미 아이돌봄서비스' } };
    const db = openDatabase(file, { migrations });
    const postings = db.prepare('SELECT count(*) FROM search_posting').pluck().get();
    upsertEntries(db, [imported!, replaced], 'test-import');
    // the base postings are as built; the two documents are one segment, the replaced one's old document dead
    expect(db.prepare('SELECT count(*) FROM search_posting').pluck().get()).toBe(postings);
    expect(db.prepare('SELECT docs FROM search_segment').pluck().all()).toEqual([2]);
    expect(db.prepare('SELECT count(*) FROM search_dead').pluck().get()).toBe(1);
    expect(db.prepare("SELECT value FROM catalogue_meta WHERE key = 'entries'").pluck().get()).toBe(String(src.entries.length + 1));
    db.close();

    const cat = Catalogue.open(file, migrations);
    try {
      expect(cat.search('까치발 어린이집', { limit: 1 })[0]?.id).toBe('imported-1');
      expect(cat.search('두루미', { limit: 1 })[0]?.id).toBe('child-care-service');
      expect(cat.search('아이돌봄서비스', { limit: 100 }).filter((h) => h.id === 'child-care-service')).toHaveLength(1);
    } finally {
      cat.close();
    }
  });
});
