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
import { documentGrams, GramExtractor, searchDocWriter } from './build.js';

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
  const byGram = new Map<string, { docs: number[]; weights: number[] }>();
  const extractor = new GramExtractor(); // one for all: the documents' shared texts are read once
  docs.forEach((d, i) => {
    for (const [g, w] of documentGrams(d, extractor)) {
      let p = byGram.get(g);
      if (!p) byGram.set(g, (p = { docs: [], weights: [] }));
      p.docs.push(i);
      p.weights.push(w);
    }
  });
  const grams = [...byGram.keys()].sort();
  const out = new ByteWriter();
  const utf8 = new TextEncoder();
  out.byte(MAGIC_S);
  out.byte(MAGIC_G);
  out.byte(SEGMENT_FORMAT);
  out.varint(docs.length);
  out.varint(grams.length);
  for (const g of grams) {
    const p = byGram.get(g)!; // every key of byGram has its entry
    const name = utf8.encode(g);
    out.varint(name.length);
    out.bytes(name);
    out.varint(p.docs.length);
    let prev = 0;
    for (const d of p.docs) {
      out.varint(d - prev); // ascending: documents were visited in order
      prev = d;
    }
    out.bytes(Uint8Array.from(p.weights));
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
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const out = new Map<string, SegmentPosting>();
  let prevGram: string | undefined;
  for (let i = 0; i < grams; i++) {
    const gram = utf8.decode(r.bytes(r.varint()));
    if (prevGram !== undefined && !(prevGram < gram)) r.fail(`gram ${gram} out of order`);
    prevGram = gram;
    const n = r.varint();
    if (n === 0 || n > size) r.fail(`gram ${gram} has ${n} documents of ${size}`);
    const docs = new Uint32Array(n);
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

/** What a catalogue delta changes in the search index. */
export interface SearchChange {
  /** entry ids removed from the catalogue (unknown ids are ignored) */
  removed: string[];
  /** new and replaced entries' documents (an entry already indexed is replaced: its old document is masked as dead) */
  added: SearchDocument[];
  /** the added documents' segment, when the publisher computed it (encodeSegment(added)); else computed here */
  segment?: Uint8Array;
}

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
      const list = JSON.stringify(dead);
      db.prepare('INSERT OR IGNORE INTO search_dead (doc) SELECT value FROM json_each(?)').run(list);
      db.prepare('DELETE FROM search_doc_stage WHERE doc IN (SELECT value FROM json_each(?))').run(list);
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
