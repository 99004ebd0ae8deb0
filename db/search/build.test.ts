/**
 * The full build is fast (interned grams, cached texts and words, postings by counting: see
 * build.ts) and must write exactly what the plain definition gives: here that definition is
 * written out as the first builder had it — each document's grams from fieldGrams,
 * vietnameseGrams and chineseGrams, the best field weight per gram, one growing list per gram —
 * and the database is compared with it row by row (postings: gram, df, docs and weights bytes;
 * documents: every column), on the real catalogue, on generated records, and on documents with
 * more than 65,536 grams (the build keeps gram ids in 16 bits until then).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogueSource } from '../catalogue/load.js';
import { catalogueSourceDir, sourceMigrationsDir } from '../catalogue/source-dir.js';
import { toSearchDocument } from '../catalogue/write.js';
import { openDatabase, readMigrations, type DB } from '../sqlite.js';
import { generateDocuments, rng } from '../../build/bench/generate.js';
import { buildSearchIndex, documentGrams, GramExtractor, key } from './build.js';
import { FIELD_WEIGHT, WEIGHT_SCALE, type SearchDocument } from './document.js';
import { chineseGrams, fieldGrams, vietnameseGrams } from './grams.js';
import { chosung, scriptRuns } from './hangul.js';

const dir = mkdtempSync(join(tmpdir(), 'build-'));
const migrations = readMigrations(sourceMigrationsDir('catalogue'));
const src = loadCatalogueSource(catalogueSourceDir());
const opened: DB[] = [];
afterAll(() => opened.forEach((db) => db.close()));

/** The plain definition: a document's grams with the best weight of the fields they are in, in order of first sight. */
function plainGrams(d: SearchDocument): Map<string, number> {
  const best = new Map<string, number>();
  const add = (text: string, weight: number, grams: Set<string>) => {
    if (!text) return;
    for (const g of grams) if (!((best.get(g) ?? -1) >= weight)) best.set(g, weight);
  };
  add(d.title, FIELD_WEIGHT.title, fieldGrams(d.title, true));
  for (const s of d.names) add(s, FIELD_WEIGHT.names, fieldGrams(s, true));
  for (const s of d.keywords) add(s, FIELD_WEIGHT.keywords, fieldGrams(s, true));
  add(d.summary, FIELD_WEIGHT.summary, fieldGrams(d.summary, false));
  add(d.body, FIELD_WEIGHT.body, fieldGrams(d.body, false));
  add(d.titleEn, FIELD_WEIGHT.titleEn, fieldGrams(d.titleEn, false));
  add(d.bodyEn, FIELD_WEIGHT.bodyEn, fieldGrams(d.bodyEn, false));
  add(d.titleVi, FIELD_WEIGHT.titleVi, vietnameseGrams(d.titleVi));
  add(d.bodyVi, FIELD_WEIGHT.bodyVi, vietnameseGrams(d.bodyVi));
  add(d.titleZh, FIELD_WEIGHT.titleZh, chineseGrams(d.titleZh, true));
  add(d.bodyZh, FIELD_WEIGHT.bodyZh, chineseGrams(d.bodyZh, false));
  return new Map([...best].map(([g, w]) => [g, Math.round(w * WEIGHT_SCALE)]));
}

/** The plain definition of the posting rows: gram → little-endian uint32 doc numbers 1..N and one weight byte each. */
function plainPostings(docs: SearchDocument[]): Map<string, { df: number; docs: Buffer; weights: Buffer }> {
  const lists = new Map<string, { docs: number[]; weights: number[] }>();
  docs.forEach((d, i) => {
    for (const [g, w] of plainGrams(d)) {
      let l = lists.get(g);
      if (!l) lists.set(g, (l = { docs: [], weights: [] }));
      l.docs.push(i + 1);
      l.weights.push(w);
    }
  });
  // doc numbers as gap varints (index format 3): the first, then each one's distance from the last, 7 bits a byte
  const gaps = (docs: number[]): Buffer => {
    const out: number[] = [];
    docs.forEach((d, i) => {
      let v = d - (i ? docs[i - 1]! : 0);
      for (; v >= 128; v = Math.floor(v / 128)) out.push((v % 128) + 128);
      out.push(v);
    });
    return Buffer.from(out);
  };
  return new Map([...lists].map(([g, l]) => [g, { df: l.docs.length, docs: gaps(l.docs), weights: Buffer.from(l.weights) }]));
}

/** The plain definition of a search_doc row. */
function plainRow(doc: number, d: SearchDocument) {
  const names = [...d.names, ...d.keywords];
  return {
    doc, entry_id: d.entryId, kind: d.kind, status: d.status, title: d.title, title_en: d.titleEn, title_key: key(d.title), names_key: names.map(key).join('|'),
    title_cho: chosung(key(d.title)), names_cho: names.map((s) => chosung(key(s))).join('|'), primary_stage: d.stages[0] ?? '', category: d.category,
    district: d.district ?? null, min_age_months: d.minAgeMonths ?? null, max_age_months: d.maxAgeMonths ?? null,
    title_vi: scriptRuns(d.titleVi).latin.join(' '), title_zh: scriptRuns(d.titleZh).han.length ? key(d.titleZh) : '',
  };
}

function build(docs: SearchDocument[]): DB {
  const db = openDatabase(join(dir, `b${opened.length}.sqlite`), { migrations });
  opened.push(db);
  db.transaction(() => buildSearchIndex(db, docs, src.synonyms.groups))();
  return db;
}

function expectPlainIndex(db: DB, docs: SearchDocument[]) {
  const want = plainPostings(docs);
  const rows = db.prepare('SELECT gram, df, docs, weights FROM search_posting').all() as { gram: string; df: number; docs: Buffer; weights: Buffer }[];
  expect(rows.length).toBe(want.size);
  // one assertion for all rows (an expect per row costs more than the build): the grams that differ
  const differ = rows.filter((r) => {
    const w = want.get(r.gram);
    return !w || r.df !== w.df || !r.docs.equals(w.docs) || !r.weights.equals(w.weights);
  });
  expect(differ.map((r) => r.gram)).toEqual([]);
  const docRows = db.prepare('SELECT doc, entry_id, kind, status, title, title_en, title_key, names_key, title_cho, names_cho, primary_stage, category, district, min_age_months, max_age_months, title_vi, title_zh FROM search_doc ORDER BY doc').all();
  expect(docRows).toEqual(docs.map((d, i) => plainRow(i + 1, d)));
  const stages = db.prepare('SELECT doc, stage FROM search_doc_stage ORDER BY doc, stage').raw().all();
  expect(stages).toEqual(docs.flatMap((d, i) => [...new Set(d.stages)].sort().map((s) => [i + 1, s])));
  expect(db.prepare("SELECT value FROM search_meta WHERE key = 'docs'").pluck().get()).toBe(String(docs.length));
  expect(db.prepare("SELECT value FROM search_meta WHERE key = 'grams'").pluck().get()).toBe(String(want.size));
}

describe('the full build writes exactly what the plain definition gives', () => {
  it('the real catalogue', () => {
    const docs = src.entries.map(toSearchDocument);
    expectPlainIndex(build(docs), docs);
  });

  it('2,000 generated records (their texts and words repeat, as the caches expect)', () => {
    const docs = generateDocuments(2000, 11);
    expectPlainIndex(build(docs), docs);
  });

  it('more than 65,536 grams (ids past 16 bits)', () => {
    // random Hangul words, Latin words and Chinese pairs: almost every bigram and prefix new
    const r = rng(65537);
    const syllables = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0xac00 + Math.floor(r() * 11172))).join('');
    const latin = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join('');
    const base = src.entries.map(toSearchDocument)[0]!;
    const docs: SearchDocument[] = Array.from({ length: 700 }, (_, i) => ({
      ...base,
      entryId: `many-${i}`,
      title: syllables(6),
      body: Array.from({ length: 8 }, () => syllables(8)).join(' '),
      bodyEn: Array.from({ length: 6 }, () => latin(9)).join(' '),
      bodyZh: Array.from({ length: 4 }, () => String.fromCodePoint(0x4e00 + Math.floor(r() * 20000), 0x4e00 + Math.floor(r() * 20000), 0x20000 + Math.floor(r() * 100))).join(' '),
    }));
    const db = build(docs);
    expect(Number(db.prepare("SELECT value FROM search_meta WHERE key = 'grams'").pluck().get())).toBeGreaterThan(0x10000);
    expectPlainIndex(db, docs);
  });

  it('documentGrams: the plain grams and weights, in order of first sight, with one extractor for many documents or a new one each', () => {
    const docs = [...src.entries.map(toSearchDocument), ...generateDocuments(300, 3)];
    const shared = new GramExtractor();
    const same = (a: Map<string, number>, b: Map<string, number>) => JSON.stringify([...a]) === JSON.stringify([...b]);
    const differ = docs.filter((d) => {
      const want = plainGrams(d);
      return !same(documentGrams(d, shared), want) || !same(documentGrams(d), want);
    });
    expect(differ.map((d) => d.entryId)).toEqual([]);
    expect([...documentGrams(docs[0]!)]).toEqual([...plainGrams(docs[0]!)]);
  });
});
