/**
 * Builds the search index inside the catalogue database (tables from migration 002).
 * Called by the catalogue compiler in the same transaction as the catalogue rows, and by
 * the benchmark with generated records — one builder for both. Deltas add to it in place
 * (segment.ts), through the same per-document code (GramExtractor, searchDocWriter).
 *
 * Speed (100,000 generated records: 37 s before this design, see README "Search"): grams are
 * interned to integers and each document's weights kept in a typed array; the gram ids of each
 * field text and of each word of a text field are computed once (records repeat them); the
 * postings are made at the end by counting, from compact chunks, not grown gram by gram; and
 * rows go into the tables in key order. The rows are byte for byte those of the plain
 * definition (build.test.ts compares them).
 */
import type { DB } from '../sqlite.js';
import { FIELD_WEIGHT, SEARCH_FORMAT, WEIGHT_SCALE, type SearchDocument } from './document.js';
import { chosung, normalize, scriptRuns } from './hangul.js';
import { chineseGrams, fieldGrams, forEachTextWord, textWordGrams, vietnameseGrams } from './grams.js';
import { ByteWriter } from './gaps.js';

export interface Synonym {
  words: string[];
  means: string[];
}

/** Entries per chunk of Occurrences: 1 Mi (3 MB narrow, 5 MB wide). */
const CHUNK = 1 << 20;

/**
 * Every (gram id, weight) of every document, document after document — 20 million of them for
 * 100,000 records: the postings are made from them at the end in one counting pass, far
 * cheaper than growing a list per gram. Kept small, because fresh memory is slow to touch (a
 * page fault per 4 KB: about 3.5 ms per MB on the 2-core bench machine, as much as the rest of
 * the work on it): fixed-size chunks (nothing copied as it grows) and gram ids in 16 bits while
 * there are at most 65,536 grams (then in 32 bits from the next chunk on).
 */
class Occurrences {
  readonly chunks: { ids: Uint16Array | Int32Array; weights: Uint8Array; length: number }[] = [];
  length = 0;
  private wide = false;
  private last: { ids: Uint16Array | Int32Array; weights: Uint8Array; length: number } | undefined;

  push(ids: Int32Array, weights: Uint8Array, k: number, grams: number): void {
    for (let i = 0; i < k; ) {
      let c = this.last;
      if (!c || c.length === CHUNK || (grams > 0x10000 && !this.wide)) {
        this.wide ||= grams > 0x10000;
        c = this.last = { ids: this.wide ? new Int32Array(CHUNK) : new Uint16Array(CHUNK), weights: new Uint8Array(CHUNK), length: 0 };
        this.chunks.push(c);
      }
      const n = Math.min(k - i, CHUNK - c.length);
      const to = c.ids;
      const tw = c.weights;
      for (let j = c.length, end = c.length + n; j < end; j++, i++) {
        to[j] = ids[i]!; // i < k ≤ the document's arrays' length; j < CHUNK
        tw[j] = weights[i]!;
      }
      c.length += n;
      this.length += n;
    }
  }
}

export const key = (s: string): string => normalize(s).replace(/\s+/g, '');

/** Which gram function a field's text goes through (an index into GramExtractor's caches). */
const NAME = 0; // fieldGrams(text, true): title, other names, keywords
const TEXT = 1; // fieldGrams(text, false): summary, body, English — the union of its words' grams (textWordGrams)
const VI = 2; // vietnameseGrams
const ZH_TITLE = 3; // chineseGrams(text, true)
const ZH_TEXT = 4; // chineseGrams(text, false)
type FieldKind = typeof NAME | typeof TEXT | typeof VI | typeof ZH_TITLE | typeof ZH_TEXT;

/** A field's one-byte weight (field weight × WEIGHT_SCALE: every field weight × 20 is a whole number, and above 0 — GramExtractor's mark for "not in this document"). */
const byteWeight = (w: number): number => Math.round(w * WEIGHT_SCALE);
const W = Object.fromEntries(Object.entries(FIELD_WEIGHT).map(([k, v]) => [k, byteWeight(v)])) as Record<keyof typeof FIELD_WEIGHT, number>;

/** Gram ids kept in the caches of field texts and words at most: a 100,000-record build stays within a few tens of MB. */
const CACHE_IDS = 2_000_000;

/**
 * What documents put into the index: each document's grams, each with the one-byte weight of the
 * best field it is in. The one definition of it — the full build, documentGrams and the
 * segments of a delta (segment.ts) all go through `document`, so a document added later is found
 * exactly as if it had been in the full build.
 *
 * Built for speed over many documents (a full build of 100,000 records): grams are interned to
 * small integers (ids, in order of first sight), so a document's weights are a typed array
 * indexed by id instead of a Map of strings; each field text's gram ids are computed once and
 * kept, and so are each word's in text fields — records repeat the same texts and words
 * (keywords, category and stage words, organisations, provinces, districts and dongs, a type's
 * words in every language). A kept list may name a gram twice (two words with the same
 * bigram): a document counts it once, with its best weight, as fieldGrams' Set does.
 */
export class GramExtractor {
  /** every gram seen, by id */
  readonly grams: string[] = [];
  private readonly idOf = new Map<string, number>();
  private readonly texts: Map<string, number[]>[] = [new Map(), new Map(), new Map(), new Map(), new Map()];
  private readonly words = [new Map<string, number[]>(), new Map<string, number[]>()]; // Hangul, Latin
  private cachedIds = 0;
  /** the current document's best weight per gram id (0: not in it) */
  private weightOf = new Uint8Array(1 << 14);
  /** the current document's gram ids, in order of first sight, and (after `document`) their weights */
  docGrams = new Int32Array(1 << 10);
  weights = new Uint8Array(1 << 10);
  private n = 0;

  private intern(g: string): number {
    let id = this.idOf.get(g);
    if (id === undefined) {
      id = this.grams.length;
      this.grams.push(g);
      this.idOf.set(g, id);
      if (id >= this.weightOf.length) {
        const w = new Uint8Array(this.weightOf.length * 2);
        w.set(this.weightOf);
        this.weightOf = w;
      }
    }
    return id;
  }

  private internAll(grams: Set<string>): number[] {
    const ids: number[] = [];
    for (const g of grams) ids.push(this.intern(g));
    return ids;
  }

  private keep(cache: Map<string, number[]>, s: string, ids: number[]): number[] {
    if (this.cachedIds > CACHE_IDS) {
      for (const c of [...this.texts, ...this.words]) c.clear();
      this.cachedIds = 0;
    }
    cache.set(s, ids);
    this.cachedIds += ids.length + 8;
    return ids;
  }

  private wordIds(word: string, latin: boolean): number[] {
    const cache = this.words[latin ? 1 : 0]!; // two caches: 0 and 1
    const ids = cache.get(word);
    if (ids) return ids;
    const grams = new Set<string>();
    textWordGrams(word, latin, grams);
    return this.keep(cache, word, this.internAll(grams));
  }

  private fieldIds(text: string, kind: FieldKind): number[] {
    const cache = this.texts[kind]!; // kind is 0..4, the caches' indexes
    const ids = cache.get(text);
    if (ids) return ids;
    if (kind === TEXT) {
      const all: number[] = [];
      forEachTextWord(text, (w, latin) => {
        for (const id of this.wordIds(w, latin)) all.push(id);
      });
      return this.keep(cache, text, all);
    }
    const grams = kind === NAME ? fieldGrams(text, true) : kind === VI ? vietnameseGrams(text) : chineseGrams(text, kind === ZH_TITLE);
    return this.keep(cache, text, this.internAll(grams));
  }

  private field(text: string, weight: number, kind: FieldKind): void {
    if (!text) return;
    const ids = this.fieldIds(text, kind); // first: interning may grow weightOf
    const { weightOf } = this;
    for (const id of ids) {
      const prev = weightOf[id]!; // ids are below grams.length ≤ weightOf.length
      if (prev === 0) {
        if (this.n === this.docGrams.length) {
          const a = new Int32Array(this.n * 2);
          a.set(this.docGrams);
          this.docGrams = a;
          this.weights = new Uint8Array(this.n * 2);
        }
        this.docGrams[this.n++] = id;
        weightOf[id] = weight;
      } else if (prev < weight) weightOf[id] = weight;
    }
  }

  /**
   * The grams of one document: afterwards docGrams[0..n) are its gram ids (each once, in order of
   * first sight, fields in the order below) and weights[0..n) their one-byte weights. Returns n.
   */
  document(d: SearchDocument): number {
    this.n = 0;
    this.field(d.title, W.title, NAME);
    for (const name of d.names) this.field(name, W.names, NAME);
    for (const k of d.keywords) this.field(k, W.keywords, NAME);
    this.field(d.summary, W.summary, TEXT);
    this.field(d.body, W.body, TEXT);
    this.field(d.titleEn, W.titleEn, TEXT);
    this.field(d.bodyEn, W.bodyEn, TEXT);
    this.field(d.titleVi, W.titleVi, VI);
    this.field(d.bodyVi, W.bodyVi, VI);
    this.field(d.titleZh, W.titleZh, ZH_TITLE);
    this.field(d.bodyZh, W.bodyZh, ZH_TEXT);
    const { docGrams, weights, weightOf, n } = this;
    for (let i = 0; i < n; i++) {
      const id = docGrams[i]!; // i < n ≤ docGrams.length = weights.length
      weights[i] = weightOf[id]!;
      weightOf[id] = 0; // ready for the next document
    }
    return n;
  }
}

/**
 * The grams of one document, each with the one-byte weight of the best field it is in
 * (field weight × WEIGHT_SCALE), in order of first sight (GramExtractor.document). Pass one
 * extractor for many documents: it keeps what their texts share.
 */
export function documentGrams(d: SearchDocument, extractor = new GramExtractor()): Map<string, number> {
  const n = extractor.document(d);
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) out.set(extractor.grams[extractor.docGrams[i]!]!, extractor.weights[i]!); // i < n: set by document()
  return out;
}

/** A memo of a pure string function, emptied when it grows large (it serves texts records repeat). */
function memo(f: (s: string) => string, max = 50_000): (s: string) => string {
  const m = new Map<string, string>();
  return (s) => {
    let v = m.get(s);
    if (v === undefined) {
      if (m.size >= max) m.clear();
      m.set(s, (v = f(s)));
    }
    return v;
  };
}

/**
 * Writes one document's search_doc row (the fields the re-ranking and the filters read) and its
 * life stages, as doc number `doc`. One writer for the full build and for applySearchChanges.
 */
export function searchDocWriter(db: DB): (doc: number, d: SearchDocument) => void {
  const insDoc = db.prepare(`INSERT INTO search_doc (doc, entry_id, kind, status, title, title_en, title_key, names_key, title_cho, names_cho,
      primary_stage, category, district, min_age_months, max_age_months, title_vi, title_zh) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const insStage = db.prepare('INSERT INTO search_doc_stage (stage, doc) VALUES (?, ?)');
  // names and keywords (category and stage words in every record) and titles repeat: normalised once each
  const keyOf = memo(key);
  const chosungOf = memo(chosung);
  const titleVi = memo((t) => scriptRuns(t).latin.join(' '));
  const titleZh = memo((t) => (scriptRuns(t).han.length ? key(t) : ''));
  return (doc, d) => {
    const titleKey = keyOf(d.title);
    let namesKey = '';
    let namesCho = '';
    let first = true;
    for (const list of [d.names, d.keywords])
      for (const s of list) {
        const k = keyOf(s);
        namesKey += first ? k : '|' + k;
        namesCho += first ? chosungOf(k) : '|' + chosungOf(k);
        first = false;
      }
    insDoc.run(
      doc, d.entryId, d.kind, d.status, d.title, d.titleEn, titleKey, namesKey, chosungOf(titleKey), namesCho,
      d.stages[0] ?? '', d.category, d.district ?? null, d.minAgeMonths ?? null, d.maxAgeMonths ?? null,
      titleVi(d.titleVi), titleZh(d.titleZh),
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
  const x = new GramExtractor();
  const all = new Occurrences();
  /** where each document's grams end in `all` (document n's are ends[n-1] .. ends[n]) */
  let ends = new Int32Array(1 << 12);
  let n = 0;
  for (const d of docs) {
    n++;
    const k = x.document(d); // first: it may replace docGrams and weights with larger arrays
    all.push(x.docGrams, x.weights, k, x.grams.length);
    if (n === ends.length) {
      const e = new Int32Array(n * 2);
      e.set(ends);
      ends = e;
    }
    ends[n] = all.length;
    writeDoc(n, d);
  }

  // Postings by counting: each gram's documents get one contiguous run of `docs` (and of
  // `weights`), filled in document order, so every list is ascending as the searcher reads it.
  const grams = x.grams.length;
  const start = new Int32Array(grams + 1);
  for (const c of all.chunks) {
    const { ids } = c;
    for (let j = 0; j < c.length; j++) start[ids[j]! + 1]!++; // ids are below grams; j < length ≤ CHUNK
  }
  for (let g = 0; g < grams; g++) start[g + 1]! += start[g]!;
  const at = start.slice(0, grams);
  const postDocs = new Uint32Array(all.length);
  const postWeights = new Uint8Array(all.length);
  let doc = 0;
  let end = 0; // where document `doc`'s occurrences end
  let i = 0;
  for (const c of all.chunks) {
    const { ids, weights } = c;
    for (let j = 0; j < c.length; j++, i++) {
      while (i >= end) end = ends[++doc]!; // a document with no gram has end = the previous one's
      const o = at[ids[j]!]!++;
      postDocs[o] = doc;
      postWeights[o] = weights[j]!;
    }
  }

  all.chunks.length = 0; // 3 bytes per occurrence no longer needed (60 MB for 100,000 records)

  const insPosting = db.prepare('INSERT INTO search_posting (gram, df, docs, weights) VALUES (?, ?, ?, ?)');
  // In gram order, the table's key: each B-tree page is filled once, not split and written to
  // the journal again and again as rows land all over the table (the rows are the same either way).
  const order = Array.from(x.grams.keys()).sort((a, b) => (x.grams[a]! < x.grams[b]! ? -1 : 1)); // ids are below grams.length; grams are distinct
  const list = new ByteWriter(1 << 16);
  for (const id of order) {
    const g = x.grams[id]!;
    const from = start[id]!;
    const df = start[id + 1]! - from;
    list.length = 0;
    list.gaps(postDocs, from, start[id + 1]!);
    // views, copied by SQLite when bound: the doc numbers as gap varints, one byte per weight
    insPosting.run(g, df, list.view(), Buffer.from(postWeights.buffer, from, df));
  }
  const meta = db.prepare('INSERT INTO search_meta (key, value) VALUES (?, ?)');
  meta.run('docs', String(n));
  meta.run('grams', String(x.grams.length));
  meta.run('format', SEARCH_FORMAT);
  meta.run('synonyms', JSON.stringify(synonyms));
  meta.run('built_at', new Date().toISOString());
  for (const [k, v] of Object.entries(extraMeta)) meta.run(k, v);
  return { docs: n, grams: x.grams.length };
}
