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
 *   per gram, grams in ascending order of their UTF-8 bytes:
 *     byteLength  UTF-8 bytes of the gram
 *     n           documents of this segment that have the gram (1..docs)
 *     listBytes   how many bytes the doc numbers take (so a reader can step over them)
 *     n doc numbers relative to the segment's first (0..docs-1): the first, then each gap
 *     n weights, one byte each (as search_posting's: field weight × WEIGHT_SCALE)
 *
 * A reader (SegmentReader) steps from gram to gram once, keeping where each starts, and finds a
 * gram by binary search on its bytes, decoding only the postings a query asks for: a kiosk's
 * first search after start pays about a millisecond per segment, not the decoding of all of them.
 */
import type { DB } from '../sqlite.js';
import type { SearchDocument } from './document.js';
import { GramExtractor, searchDocWriter } from './build.js';
import { ByteWriter, readGaps } from './gaps.js';

/**
 * The version of the segment bytes (the byte after 'SG'); a reader refuses any other. 2: each
 * gram's doc list carries its byte length and grams ascend by their bytes (format 1, without
 * them, lived in the tree for an hour and was never published).
 */
export const SEGMENT_FORMAT = 2;
const MAGIC_S = 0x53;
const MAGIC_G = 0x47;

/** One gram's documents in one segment: doc numbers relative to the segment's first, ascending, and their weights. */
export interface SegmentPosting {
  docs: Uint32Array;
  weights: Uint8Array;
}

/** Byte order of two byte strings (a[af..at) against b[bf..bt)): negative, 0 or positive. */
function compareBytes(a: Uint8Array, af: number, at: number, b: Uint8Array, bf: number, bt: number): number {
  const n = Math.min(at - af, bt - bf);
  for (let i = 0; i < n; i++) {
    const d = a[af + i]! - b[bf + i]!; // i < both lengths
    if (d !== 0) return d;
  }
  return at - af - (bt - bf);
}

/**
 * The segment of these documents: their grams with each document's weight, exactly as the full
 * build computes them (GramExtractor.document), inverted, doc numbers relative to the first
 * (0..n-1). Deterministic: the same documents in the same order give the same bytes.
 */
export function encodeSegment(docs: SearchDocument[]): Uint8Array {
  // each document's grams through the one definition (as the full build), then inverted by
  // counting: gram id → its documents, ascending
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

  const utf8 = new TextEncoder();
  const names = x.grams.map((g) => utf8.encode(g));
  const order = Array.from(names.keys()).sort((a, b) => compareBytes(names[a]!, 0, names[a]!.length, names[b]!, 0, names[b]!.length)); // grams are distinct
  const out = new ByteWriter();
  const list = new ByteWriter();
  out.byte(MAGIC_S);
  out.byte(MAGIC_G);
  out.byte(SEGMENT_FORMAT);
  out.varint(docs.length);
  out.varint(order.length);
  for (const id of order) {
    const name = names[id]!;
    out.varint(name.length);
    out.bytes(name);
    const from = start[id]!;
    const to = start[id + 1]!;
    list.length = 0;
    list.gaps(postDocs, from, to); // ascending: documents were counted in order
    out.varint(to - from);
    out.varint(list.length);
    out.bytes(list.view());
    out.bytes(postWeights.subarray(from, to));
  }
  return out.done();
}

/** Reads segment bytes, refusing anything malformed (a damaged or foreign blob must not reach the searcher). */
class ByteReader {
  at = 0;
  constructor(readonly b: Uint8Array) {}
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
  skip(n: number): number {
    const from = this.at;
    if (from + n > this.b.length) this.fail('ends too early');
    this.at += n;
    return from;
  }
}

/**
 * One segment, read lazily: the constructor checks the header and steps over every gram once
 * (checking the framing and that grams ascend, so each is found by binary search and is there
 * once), keeping where each starts; `get` decodes one gram's postings, checking them.
 */
export class SegmentReader {
  /** how many documents the segment holds */
  readonly docs: number;
  /** per gram (in byte order): where its name starts, where its name ends (= where n starts) */
  private readonly nameAt: Int32Array;
  private readonly nameEnd: Int32Array;
  private readonly bytes: Uint8Array;

  constructor(blob: Uint8Array) {
    // a plain view: SQLite hands out Node Buffers, whose subarray is several times slower
    this.bytes = new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
    const r = new ByteReader(this.bytes);
    if (r.byte() !== MAGIC_S || r.byte() !== MAGIC_G) r.fail('not a search segment');
    const format = r.byte();
    if (format !== SEGMENT_FORMAT) r.fail(`format ${format}; this app reads format ${SEGMENT_FORMAT}`);
    this.docs = r.varint();
    const grams = r.varint();
    if (grams > this.bytes.length) r.fail(`${grams} grams in ${this.bytes.length} bytes`);
    this.nameAt = new Int32Array(grams);
    this.nameEnd = new Int32Array(grams);
    for (let i = 0; i < grams; i++) {
      const length = r.varint();
      const at = r.skip(length);
      if (i > 0 && compareBytes(this.bytes, this.nameAt[i - 1]!, this.nameEnd[i - 1]!, this.bytes, at, at + length) >= 0) r.fail('grams out of order');
      this.nameAt[i] = at;
      this.nameEnd[i] = at + length;
      const n = r.varint();
      if (n === 0 || n > this.docs) r.fail(`a gram has ${n} documents of ${this.docs}`);
      r.skip(r.varint()); // its doc numbers
      r.skip(n); // its weights
    }
    if (r.at !== this.bytes.length) r.fail('bytes after the last gram');
  }

  get grams(): number {
    return this.nameAt.length;
  }

  /** The postings of the i-th gram (in byte order), checked: ascending doc numbers below `docs`, exactly `n` of them. */
  private posting(i: number): SegmentPosting {
    const r = new ByteReader(this.bytes);
    r.at = this.nameEnd[i]!; // i < grams
    const n = r.varint();
    const listBytes = r.varint();
    const end = r.at + listBytes;
    if (end + n > this.bytes.length) r.fail('ends too early');
    const docs = readGaps(this.bytes, r.at, end, n, this.docs);
    if (typeof docs === 'string') return r.fail(docs);
    return { docs, weights: this.bytes.subarray(end, end + n) };
  }

  /** The i-th gram's name (in byte order). */
  gram(i: number, decoder = new TextDecoder('utf-8', { fatal: true })): string {
    try {
      return decoder.decode(this.bytes.subarray(this.nameAt[i]!, this.nameEnd[i]!)); // i < grams
    } catch {
      throw new Error(`search segment: gram ${i} is not UTF-8`);
    }
  }

  /** A gram's postings in this segment, or undefined when none of its documents has it. */
  get(gram: string | Uint8Array): SegmentPosting | undefined {
    const key = typeof gram === 'string' ? new TextEncoder().encode(gram) : gram;
    let lo = 0;
    let hi = this.nameAt.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareBytes(this.bytes, this.nameAt[mid]!, this.nameEnd[mid]!, key, 0, key.length); // lo ≤ mid ≤ hi < grams
      if (c === 0) return this.posting(mid);
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Checks every gram's postings (the names were checked for order in the constructor; a name that is not UTF-8 is never asked for). */
  check(): void {
    for (let i = 0; i < this.nameAt.length; i++) this.posting(i);
  }

  /** Every gram with its postings, checked throughout (names valid UTF-8). */
  *entries(): Generator<[string, SegmentPosting]> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i < this.nameAt.length; i++) yield [this.gram(i, decoder), this.posting(i)];
  }
}

/** How many documents a segment holds (from its header, the framing checked). */
export function segmentDocs(bytes: Uint8Array): number {
  return new SegmentReader(bytes).docs;
}

/**
 * The postings of a segment, by gram: doc numbers relative to the segment's first document
 * (0..docs-1, ascending) and their one-byte weights. Reads and checks every byte: throws on
 * anything malformed.
 */
export function decodeSegment(bytes: Uint8Array): Map<string, SegmentPosting> {
  return new Map(new SegmentReader(bytes).entries());
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
    // checked whole before anything is written: a malformed segment would break later searches
    const reader = new SegmentReader(segment);
    reader.check();
    const n = reader.docs;
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
