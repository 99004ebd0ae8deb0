/**
 * Builds the search index inside the catalogue database (tables from migration 002).
 * Called by the catalogue compiler in the same transaction as the catalogue rows, and by
 * the benchmark with generated records — one builder for both.
 */
import type { DB } from '../sqlite.js';
import { FIELD_WEIGHT, WEIGHT_SCALE, type SearchDocument } from './document.js';
import { chosung, normalize, scriptRuns } from './hangul.js';
import { chineseGrams, fieldGrams, vietnameseGrams } from './grams.js';

export interface Synonym {
  words: string[];
  means: string[];
}

/** Growable posting list: doc numbers (ascending, since docs are added in order) and weights. */
class Posting {
  docs = new Uint32Array(4);
  weights = new Uint8Array(4);
  n = 0;
  add(doc: number, w: number): void {
    if (this.n === this.docs.length) {
      const d = new Uint32Array(this.n * 2);
      d.set(this.docs);
      this.docs = d;
      const ws = new Uint8Array(this.n * 2);
      ws.set(this.weights);
      this.weights = ws;
    }
    this.docs[this.n] = doc;
    this.weights[this.n++] = w;
  }
}

export const key = (s: string): string => normalize(s).replace(/\s+/g, '');

/** The version of what the index holds (search_meta `format`): 2 added Vietnamese and Chinese text. */
export const SEARCH_FORMAT = '2';

/** The grams of a document field: Korean and Latin by default, or a language's own (Vietnamese, Chinese). */
type FieldGrams = (text: string, isName: boolean) => Set<string>;

/**
 * The grams of one document, each with the one-byte weight of the best field it is in
 * (field weight × WEIGHT_SCALE, rounded). The one definition of what a document puts into the
 * index: the full build and the segments of a delta (segment.ts) both call it, so a document
 * added later is found exactly as if it had been in the full build. Iteration order: each gram
 * where it first appears, fields in the order below.
 */
export function documentGrams(d: SearchDocument): Map<string, number> {
  const weights = new Map<string, number>();
  const addField = (text: string, weight: number, isName: boolean, grams: FieldGrams = fieldGrams) => {
    if (!text) return;
    for (const g of grams(text, isName)) {
      const prev = weights.get(g);
      if (prev === undefined || prev < weight) weights.set(g, weight);
    }
  };
  addField(d.title, FIELD_WEIGHT.title, true);
  for (const name of d.names) addField(name, FIELD_WEIGHT.names, true);
  for (const k of d.keywords) addField(k, FIELD_WEIGHT.keywords, true);
  addField(d.summary, FIELD_WEIGHT.summary, false);
  addField(d.body, FIELD_WEIGHT.body, false);
  addField(d.titleEn, FIELD_WEIGHT.titleEn, false);
  addField(d.bodyEn, FIELD_WEIGHT.bodyEn, false);
  addField(d.titleVi, FIELD_WEIGHT.titleVi, false, vietnameseGrams);
  addField(d.bodyVi, FIELD_WEIGHT.bodyVi, false, vietnameseGrams);
  addField(d.titleZh, FIELD_WEIGHT.titleZh, true, chineseGrams);
  addField(d.bodyZh, FIELD_WEIGHT.bodyZh, false, chineseGrams);
  for (const [g, w] of weights) weights.set(g, Math.round(w * WEIGHT_SCALE));
  return weights;
}

/**
 * Writes one document's search_doc row (the fields the re-ranking and the filters read) and its
 * life stages, as doc number `doc`. One writer for the full build and for applySearchChanges.
 */
export function searchDocWriter(db: DB): (doc: number, d: SearchDocument) => void {
  const insDoc = db.prepare(`INSERT INTO search_doc (doc, entry_id, kind, status, title, title_en, title_key, names_key, title_cho, names_cho,
      primary_stage, category, district, min_age_months, max_age_months, title_vi, title_zh) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insStage = db.prepare('INSERT INTO search_doc_stage (stage, doc) VALUES (?, ?)');
  return (doc, d) => {
    const names = [...d.names, ...d.keywords];
    insDoc.run(
      doc, d.entryId, d.kind, d.status, d.title, d.titleEn, key(d.title), names.map(key).join('|'),
      chosung(key(d.title)), names.map((s) => chosung(key(s))).join('|'),
      d.stages[0] ?? '', d.category, d.district ?? null, d.minAgeMonths ?? null, d.maxAgeMonths ?? null,
      scriptRuns(d.titleVi).latin.join(' '), scriptRuns(d.titleZh).han.length ? key(d.titleZh) : '',
    );
    for (const s of d.stages) insStage.run(s, doc);
  };
}

/**
 * A full build: replaces the whole index (base postings, documents, and the segments and dead
 * documents of earlier deltas — a full build holds every document itself).
 */
export function buildSearchIndex(db: DB, docs: Iterable<SearchDocument>, synonyms: Synonym[], extraMeta: Record<string, string> = {}): { docs: number; grams: number } {
  db.exec('DELETE FROM search_posting; DELETE FROM search_doc_stage; DELETE FROM search_doc; DELETE FROM search_meta; DELETE FROM search_segment; DELETE FROM search_dead;');
  const writeDoc = searchDocWriter(db);
  const postings = new Map<string, Posting>();
  let n = 0;

  for (const d of docs) {
    n++;
    for (const [g, w] of documentGrams(d)) {
      let p = postings.get(g);
      if (!p) postings.set(g, (p = new Posting()));
      p.add(n, w);
    }
    writeDoc(n, d);
  }

  const insPosting = db.prepare('INSERT INTO search_posting (gram, df, docs, weights) VALUES (?, ?, ?, ?)');
  for (const [g, p] of postings) {
    insPosting.run(g, p.n, Buffer.from(p.docs.buffer, 0, p.n * 4), Buffer.from(p.weights.buffer, 0, p.n));
  }
  const meta = db.prepare('INSERT INTO search_meta (key, value) VALUES (?, ?)');
  meta.run('docs', String(n));
  meta.run('grams', String(postings.size));
  meta.run('format', SEARCH_FORMAT);
  meta.run('synonyms', JSON.stringify(synonyms));
  meta.run('built_at', new Date().toISOString());
  for (const [k, v] of Object.entries(extraMeta)) meta.run(k, v);
  return { docs: n, grams: postings.size };
}
