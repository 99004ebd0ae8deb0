/**
 * Incremental changes to the search index, as Lucene does it: a catalogue delta (the hub's next
 * version: a thousand changed entries of a hundred thousand) appends one segment — a small
 * inverted index of just the added documents — and masks the documents it removes or replaces
 * as dead, in the caller's transaction, instead of building the whole index again (37 s on the
 * 100,000-record bench catalogue). The searcher reads the base postings, the segments and the
 * dead documents together (searcher.ts); the next full build folds everything back into one.
 *
 * Pure: no Node modules (the hub may encode segments where there is no Buffer); SQLite only
 * through the DB handle it is given.
 *
 * Segment bytes (all integers unsigned LEB128 varints, so they stay small and byte-for-byte the
 * same for the same documents):
 *
 *   'S' 'G' format(1 byte)  docs  grams
 *   per gram, grams in ascending order (JavaScript string order):
 *     byteLength  UTF-8 bytes of the gram
 *     n           documents of this segment that have the gram (1..docs)
 *     n doc numbers relative to the segment's first (0..docs-1): the first, then each gap
 *     n weights, one byte each (as search_posting's: field weight × WEIGHT_SCALE)
 */
import type { DB } from '../sqlite.js';
import type { SearchDocument } from './document.js';
import { GramExtractor, searchDocWriter } from './build.js';

/** The version of the segment bytes (the byte after 'SG'); a reader refuses any other. */
export const SEGMENT_FORMAT = 1;
const MAGIC_S = 0x53;
const MAGIC_G = 0x47;

/** One gram's documents in one segment: doc numbers relative to the segment's first, ascending, and their weights. */
export interface SegmentPosting {
  docs: Uint32Array;
  weights: Uint8Array;
}

/** A growable byte buffer with varint writes. */
class ByteWriter {
  private buf = new Uint8Array(1 << 12);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }
  byte(v: number): void {
    this.room(1);
    this.buf[this.length++] = v;
  }
  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * The segment of these documents: their grams with each document's weight, exactly as the full
 * build computes them (documentGrams), inverted, doc numbers relative to the first (0..n-1).
 * Deterministic: the same documents in the same order give the same bytes.
 */
export function encodeSegment(docs: SearchDocument[]): Uint8Array {
  // each document's grams through the one definition (GramExtractor.document, as the full build),
  // then inverted by counting: gram id → its documents, ascending
  const x = new GramExtractor(); // one for all: the documents' shared texts are read once
  const ids: number[] = [];
  const weights: number[] = [];
  const ends: number[] = [];
  for (const d of docs) {
    const k = x.document(d);
    for (let i = 0; i < k; i++) {
      ids.push(x.docGrams[i]!); // i < k: set by document()
      weights.push(x.weights[i]!);
    }
    ends.push(ids.length);
  }
  const start = new Int32Array(x.grams.length + 1);
  for (const id of ids) start[id + 1]!++;
  for (let g = 0; g < x.grams.length; g++) start[g + 1]! += start[g]!;
  const at = start.slice(0, x.grams.length);
  const postDocs = new Uint32Array(ids.length);
  const postWeights = new Uint8Array(ids.length);
  for (let doc = 0, i = 0; doc < docs.length; doc++)
    for (const end = ends[doc]!; i < end; i++) {
      const o = at[ids[i]!]!++;
      postDocs[o] = doc;
      postWeights[o] = weights[i]!;
    }

  const order = Array.from(x.grams.keys()).sort((a, b) => (x.grams[a]! < x.grams[b]! ? -1 : 1)); // grams are distinct
  const out = new ByteWriter();
  const utf8 = new TextEncoder();
  out.byte(MAGIC_S);
  out.byte(MAGIC_G);
  out.byte(SEGMENT_FORMAT);
  out.varint(docs.length);
  out.varint(order.length);
  for (const id of order) {
    const name = utf8.encode(x.grams[id]!);
    out.varint(name.length);
    out.bytes(name);
    const from = start[id]!;
    const to = start[id + 1]!;
    out.varint(to - from);
    let prev = 0;
    for (let i = from; i < to; i++) {
      out.varint(postDocs[i]! - prev); // ascending: documents were counted in order
      prev = postDocs[i]!;
    }
    out.bytes(postWeights.subarray(from, to));
  }
  return out.done();
}

/** Reads segment bytes, refusing anything malformed (a damaged or foreign blob must not reach the searcher). */
class ByteReader {
  at = 0;
  constructor(private readonly b: Uint8Array) {}
  fail(why: string): never {
    throw new Error(`search segment: ${why} (at byte ${this.at} of ${this.b.length})`);
  }
  byte(): number {
    const v = this.b[this.at++];
    if (v === undefined) this.fail('ends too early');
    return v;
  }
  varint(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const x = this.byte();
      v += (x & 0x7f) * 2 ** shift;
      if (x < 0x80) {
        if (v > 0xffffffff) this.fail('number out of range');
        return v;
      }
    }
    return this.fail('number too long');
  }
  bytes(n: number): Uint8Array {
    if (this.at + n > this.b.length) this.fail('ends too early');
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  get done(): boolean {
    return this.at === this.b.length;
  }
}

function readHeader(r: ByteReader): { docs: number; grams: number } {
  if (r.byte() !== MAGIC_S || r.byte() !== MAGIC_G) r.fail('not a search segment');
  const format = r.byte();
  if (format !== SEGMENT_FORMAT) r.fail(`format ${format}; this app reads format ${SEGMENT_FORMAT}`);
  return { docs: r.varint(), grams: r.varint() };
}

/** How many documents a segment holds (from its header). */
export function segmentDocs(bytes: Uint8Array): number {
  return readHeader(new ByteReader(bytes)).docs;
}

/**
 * The postings of a segment, by gram: doc numbers relative to the segment's first document
 * (0..docs-1, ascending) and their one-byte weights. Throws on malformed bytes.
 */
export function decodeSegment(bytes: Uint8Array): Map<string, SegmentPosting> {
  const r = new ByteReader(bytes);
  const { docs: size, grams } = readHeader(r);
  const out = new Map<string, SegmentPosting>();
  // every doc number of the segment in one array (each takes at least a byte, so the bytes bound
  // their count), handed out as views: no allocation per gram (a kiosk checks a hub's segment
  // within the delta's transaction, and the searcher decodes them all on its first query)
  const all = new Uint32Array(bytes.length - r.at);
  let used = 0;
  let prevGram: string | undefined;
  for (let i = 0; i < grams; i++) {
    const gram = utf8(r.bytes(r.varint()), r);
    if (prevGram !== undefined && !(prevGram < gram)) r.fail(`gram ${gram} out of order`);
    prevGram = gram;
    const n = r.varint();
    if (n === 0 || n > size) r.fail(`gram ${gram} has ${n} documents of ${size}`);
    const docs = all.subarray(used, used + n);
    used += n;
    let d = -1;
    for (let j = 0; j < n; j++) {
      const gap = r.varint();
      if (j > 0 && gap === 0) r.fail(`gram ${gram}: doc numbers not ascending`);
      d = j === 0 ? gap : d + gap;
      if (d >= size) r.fail(`gram ${gram}: doc ${d} of a segment of ${size}`);
      docs[j] = d;
    }
    out.set(gram, { docs, weights: r.bytes(n) });
  }
  if (!r.done) r.fail('bytes after the last gram');
  return out;
}

let strictUtf8: TextDecoder | undefined;

/**
 * A gram's UTF-8 bytes as a string: ASCII and three-byte characters (Hangul, jamo, most Chinese)
 * decoded here, anything else (and anything malformed, refused) by a strict TextDecoder — a
 * TextDecoder call per gram costs more than decoding a few bytes.
 */
function utf8(b: Uint8Array, r: ByteReader): string {
  let s = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i]!; // i < length
    if (c < 0x80) {
      s += String.fromCharCode(c);
      i++;
      continue;
    }
    const c1 = b[i + 1];
    const c2 = b[i + 2];
    if (c >= 0xe0 && c < 0xf0 && c1 !== undefined && c2 !== undefined && (c1 & 0xc0) === 0x80 && (c2 & 0xc0) === 0x80) {
      const code = ((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f);
      if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) {
        s += String.fromCharCode(code);
        i += 3;
        continue;
      }
    }
    try {
      return (strictUtf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(b);
    } catch {
      return r.fail('a gram is not UTF-8');
    }
  }
  return s;
}

/** What a catalogue delta changes in the search index. */
export interface SearchChange {
  /** entry ids removed from the catalogue (unknown ids are ignored) */
  removed: string[];
  /** new and replaced entries' documents (an entry already indexed is replaced: its old document is masked as dead) */
  added: SearchDocument[];
  /** the added documents' segment, when the publisher computed it (encodeSegment(added)); else computed here */
  segment?: Uint8Array;
}

/** The distinct stages of search_doc_stage, each found through the key (a skip scan). */
const STAGES = `WITH RECURSIVE s(stage) AS (
  SELECT min(stage) FROM search_doc_stage
  UNION ALL SELECT (SELECT min(stage) FROM search_doc_stage WHERE stage > s.stage) FROM s WHERE s.stage IS NOT NULL
) SELECT stage FROM s WHERE stage IS NOT NULL`;

const highestDoc = (db: DB): number => {
  const meta = db.prepare("SELECT value FROM search_meta WHERE key = 'docs'").pluck().get() as string | undefined;
  if (meta === undefined) throw new Error('applySearchChanges: this database has no search index (no search_meta docs); build it first');
  const inUse = db.prepare('SELECT max(coalesce((SELECT max(doc) FROM search_doc), 0), coalesce((SELECT max(doc) FROM search_dead), 0))').pluck().get() as number;
  return Math.max(Number(meta), inUse);
};

/**
 * Applies a catalogue delta to the search index in place: every document of a removed entry or
 * of a replaced one (its id among the added) becomes dead and loses its search_doc rows; the
 * added documents get new doc numbers above every number ever used (so a Searcher's posting
 * lists stay ascending and no dead number comes back) and their segment. Runs inside the
 * caller's transaction when one is open (the catalogue rows and the index change together),
 * else in its own. Throws, writing nothing, on a segment that does not hold exactly the added
 * documents or on an entry added twice.
 */
export function applySearchChanges(db: DB, change: SearchChange): void {
  const { removed, added } = change;
  const addedIds = new Set<string>();
  for (const d of added) {
    if (addedIds.has(d.entryId)) throw new Error(`applySearchChanges: entry ${d.entryId} is added twice`);
    addedIds.add(d.entryId);
  }
  let segment = change.segment;
  if (segment) {
    // decoded whole before anything is written: a malformed segment would break every later search
    decodeSegment(segment);
    const n = segmentDocs(segment);
    if (n !== added.length) throw new Error(`applySearchChanges: the segment holds ${n} documents but ${added.length} are added; it must hold exactly the added documents, in order`);
  } else if (added.length) segment = encodeSegment(added);

  const run = () => {
    const last = highestDoc(db);
    const find = db.prepare('SELECT doc FROM search_doc WHERE entry_id = ?').pluck();
    const dead: number[] = [];
    for (const id of new Set([...removed, ...addedIds])) {
      const doc = find.get(id) as number | undefined;
      if (doc !== undefined) dead.push(doc);
    }
    if (dead.length) {
      const list = JSON.stringify(dead.sort((a, b) => a - b)); // in key order: neighbouring rows share pages
      db.prepare('INSERT OR IGNORE INTO search_dead (doc) SELECT value FROM json_each(?)').run(list);
      // search_doc_stage's key is (stage, doc): deleted by key for each stage the table holds (a
      // handful, found by skipping through its key), not by reading its 100,000 rows
      const stages = db.prepare(STAGES).pluck().all() as string[];
      db.prepare('DELETE FROM search_doc_stage WHERE (stage, doc) IN (SELECT s.value, d.value FROM json_each(?) s, json_each(?) d)').run(JSON.stringify(stages), list);
      db.prepare('DELETE FROM search_doc WHERE doc IN (SELECT value FROM json_each(?))').run(list);
    }
    if (!segment || !added.length) return;
    const first = last + 1;
    const writeDoc = searchDocWriter(db);
    added.forEach((d, i) => writeDoc(first + i, d));
    db.prepare('INSERT INTO search_segment (first_doc, docs, postings) VALUES (?, ?, ?)').run(first, added.length, segment);
    // the searcher sizes its per-document arrays by the highest doc number
    db.prepare("UPDATE search_meta SET value = ? WHERE key = 'docs'").run(String(first + added.length - 1));
  };
  if (db.inTransaction) run();
  else db.transaction(run)();
}
