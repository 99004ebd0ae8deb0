/**
 * The searcher: reads posting lists for the query's grams from SQLite, scores documents in
 * typed arrays, keeps the best few hundred, and re-ranks those with exact-match evidence.
 * Ready as soon as the database is open: nothing is loaded up front.
 */
import type { DB } from '../sqlite.js';
import { FIELD_WEIGHT, MAX_WEIGHT, SEARCH_FORMAT, WEIGHT_SCALE } from './document.js';
import { MAX_PREFIX } from './grams.js';
import { parseQuery, SynonymTable, type QueryGroup } from './query.js';
import type { Synonym } from './build.js';
import { Lru } from './lru.js';
import { readGaps } from './gaps.js';
import { SegmentReader } from './segment.js';

type Posting = { df: number; docs: Uint32Array; weights: Uint8Array };

const utf8 = new TextEncoder();

/**
 * What deltas applied since the last full build add to the base postings (segment.ts): the
 * segments (each opened once: a reader that finds a gram's postings in it) and the dead
 * documents. Read once per Searcher, on its first query.
 */
interface Overlay {
  /** dead[doc] = 1 for a removed or replaced document */
  dead: Uint8Array;
  /** documents alive: the N of idf, as a full build of the same entries would have it */
  live: number;
  /** the segments in order, each with its first doc number */
  segments: { first: number; reader: SegmentReader }[];
}

/** One segment's documents for a gram: doc numbers relative to the segment's first (`first`), as decoded. */
type SegmentPart = { first: number; docs: Uint32Array; weights: Uint8Array };

export interface SearchFilters {
  /** life-stage id: pregnancy | infant | school | youth */
  stage?: string;
  category?: string;
  /** 자치구: keeps that district's entries plus city-wide and national ones (facilities: that district only) */
  district?: string;
  /** a child's age in months: keeps entries whose stated age range includes it */
  childAgeMonths?: number;
  kinds?: string[];
}

export interface SearchHit {
  id: string;
  kind: string;
  title: string;
  titleEn: string;
  stage: string;
  score: number;
}

export interface SearchPage {
  hits: SearchHit[];
  /** every match ranked, of which `hits` is one page */
  total: number;
  /** the searcher ranks at most a pool of candidates: true when that pool was full (there may be more matches than `total`) */
  atLeast: boolean;
}

interface DocRow {
  doc: number;
  entry_id: string;
  kind: string;
  status: string;
  title: string;
  title_en: string;
  title_key: string;
  names_key: string;
  title_cho: string;
  names_cho: string;
  primary_stage: string;
  /** the Vietnamese title folded (words apart), and the Chinese title normalised without spaces */
  title_vi: string;
  title_zh: string;
}

const CANDIDATES = 200;

/** Fixed-size min-heap of (score, doc): keeps the best K of many candidates in O(n log K). */
function topK(scores: Float64Array, docs: Int32Array, count: number, k: number, mask: Uint8Array | null): number[] {
  const hs = new Float64Array(k);
  const hd = new Int32Array(k);
  let size = 0;
  // Heap slots read are below size ≤ k (the heaps' length), and doc ids below scores.length:
  // every `!` read here is in bounds.
  const swap = (i: number, j: number) => {
    const s = hs[i]!;
    hs[i] = hs[j]!;
    hs[j] = s;
    const d = hd[i]!;
    hd[i] = hd[j]!;
    hd[j] = d;
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && hs[l]! < hs[m]!) m = l;
      if (r < size && hs[r]! < hs[m]!) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const d of docs.subarray(0, count)) {
    if (mask && !mask[d]) continue;
    const s = scores[d]!;
    if (size < k) {
      let j = size++;
      hs[j] = s;
      hd[j] = d;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (hs[p]! <= hs[j]!) break;
        swap(p, j);
        j = p;
      }
    } else if (s > hs[0]!) {
      hs[0] = s;
      hd[0] = d;
      siftDown(0);
    }
  }
  return Array.from(hd.subarray(0, size));
}

export class Searcher {
  readonly docCount: number;
  private readonly synonyms: SynonymTable;
  private readonly getPosting;
  private readonly getDocs;
  private readonly maskCache = new Map<string, Uint8Array>();
  private total!: Float64Array;
  private group!: Float64Array;
  private alt!: Float64Array;
  private touched!: Int32Array;
  private altList!: Int32Array;
  private groupList!: Int32Array;
  private seen!: Uint8Array;
  /** per document: how many of the query's word groups in Latin letters (Vietnamese, English) it matched */
  private latinHits!: Uint8Array;

  constructor(private readonly db: DB) {
    const meta = new Map((db.prepare('SELECT key, value FROM search_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (!meta.has('docs')) throw new Error('this database has no search index; rebuild the catalogue (npm run catalogue:build)');
    if (meta.get('format') !== SEARCH_FORMAT) throw new Error(`this database's search index is in format ${meta.get('format') ?? '1'}; this app reads format ${SEARCH_FORMAT}: rebuild the catalogue (npm run catalogue:build)`);
    this.docCount = Number(meta.get('docs'));
    this.synonyms = new SynonymTable(JSON.parse(meta.get('synonyms') ?? '[]') as Synonym[]);
    this.getPosting = db.prepare('SELECT df, docs, weights FROM search_posting WHERE gram = ?');
    this.getDocs = db.prepare(
      'SELECT doc, entry_id, kind, status, title, title_en, title_key, names_key, title_cho, names_cho, primary_stage, title_vi, title_zh FROM search_doc WHERE doc IN (SELECT value FROM json_each(?))',
    );
  }

  private ensureArrays(): void {
    if (this.total) return;
    const n = this.docCount + 1;
    this.total = new Float64Array(n);
    this.group = new Float64Array(n);
    this.alt = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.altList = new Int32Array(n);
    this.groupList = new Int32Array(n);
    this.seen = new Uint8Array(n);
    this.latinHits = new Uint8Array(n);
  }

  /** Decoded posting lists of recently used grams, kept up to 24 MB (people type the same common words). */
  private readonly recent = new Lru<string, Posting | null>(24 << 20, (p) => (p ? p.df * 5 : 16));

  private posting(gram: string): Posting | null {
    const hit = this.recent.get(gram);
    if (hit !== undefined) return hit;
    const row = this.getPosting.get(gram) as { df: number; docs: Buffer; weights: Buffer } | undefined;
    let p: Posting | null = null;
    if (row) {
      const docs = readGaps(row.docs, 0, row.docs.length, row.df, this.docCount + 1);
      if (typeof docs === 'string' || row.weights.length !== row.df) throw new Error(`the search index's list of '${gram}' is damaged (${typeof docs === 'string' ? docs : 'weights'}); rebuild the catalogue`);
      p = { df: row.df, docs, weights: row.weights };
    }
    // a catalogue as built (no delta applied since) has no overlay: the base posting as it is
    const o = this.overlay();
    if (o) {
      const parts: SegmentPart[] = [];
      if (o.segments.length) {
        const key = utf8.encode(gram);
        for (const s of o.segments) {
          const sp = s.reader.get(key);
          if (sp) parts.push({ first: s.first, ...sp });
        }
      }
      p = withOverlay(p, parts, o.dead);
    }
    this.recent.set(gram, p);
    return p;
  }

  /** undefined: not read yet; null: nothing applied since the full build. */
  private overlayRead: Overlay | null | undefined;

  /** The segments and dead documents of applied deltas, read on first use (a kiosk opens its catalogue at start: nothing is read then). */
  private overlay(): Overlay | null {
    if (this.overlayRead !== undefined) return this.overlayRead;
    const db = this.db;
    // a file from before migration 006 (opened directly, not through the catalogue service) has neither table
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('search_segment', 'search_dead')").pluck().get() as number;
    const deadDocs = tables === 2 ? (db.prepare('SELECT doc FROM search_dead').pluck().all() as number[]) : [];
    const segs = tables === 2 ? (db.prepare('SELECT first_doc, docs, postings FROM search_segment ORDER BY seg').all() as { first_doc: number; docs: number; postings: Uint8Array }[]) : [];
    if (!deadDocs.length && !segs.length) return (this.overlayRead = null);
    const dead = new Uint8Array(this.docCount + 1);
    for (const d of deadDocs) dead[d] = 1;
    const segments = segs.map((s) => {
      if (s.first_doc <= 0 || s.first_doc + s.docs - 1 > this.docCount)
        throw new Error(`search segment at doc ${s.first_doc} (${s.docs} docs) lies outside the index's ${this.docCount} documents; rebuild the catalogue`);
      // read lazily: a query decodes only the postings of its own grams
      return { first: s.first_doc, reader: new SegmentReader(s.postings) };
    });
    return (this.overlayRead = { dead, live: this.docCount - deadDocs.length, segments });
  }

  /**
   * The re-ranking fields of the candidates. Rows of recent candidates are kept (a few thousand,
   * about a megabyte): each keystroke of a word asks again for mostly the same documents.
   */
  private readonly rowCache = new Lru<number, DocRow>(4000);

  private docRows(docs: number[]): DocRow[] {
    const found = new Map<number, DocRow>();
    const missing: number[] = [];
    for (const d of docs) {
      const r = this.rowCache.get(d);
      if (r) found.set(d, r);
      else missing.push(d);
    }
    if (missing.length)
      for (const r of this.getDocs.all(JSON.stringify(missing)) as DocRow[]) {
        this.rowCache.set(r.doc, r);
        found.set(r.doc, r);
      }
    return docs.flatMap((d) => found.get(d) ?? []);
  }

  /** Which documents pass the filters (cached per filter combination). */
  private mask(f: SearchFilters): Uint8Array | null {
    // An empty list of kinds restricts nothing (and adds no condition: `WHERE` alone is an SQL error).
    // Stryker disable next-line StringLiteral: equivalent, no two lists of the catalogue's kinds (policy, service, facility) join into the same key without the comma
    const keyParts = [f.stage, f.category, f.district, f.childAgeMonths, f.kinds?.length ? f.kinds.join(',') : undefined];
    if (keyParts.every((p) => p === undefined)) return null;
    const cacheKey = JSON.stringify(keyParts);
    const cached = this.maskCache.get(cacheKey);
    // Stryker disable next-line ConditionalExpression: never using the cache is equivalent (the same mask, computed again); always using it is killed, but ignored with it
    if (cached) return cached;
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (f.stage) {
      where.push('doc IN (SELECT doc FROM search_doc_stage WHERE stage = ?)');
      args.push(f.stage);
    }
    if (f.category) {
      where.push('category = ?');
      args.push(f.category);
    }
    if (f.district) {
      where.push("(district = ? OR (district IS NULL AND kind <> 'facility'))");
      args.push(f.district);
    }
    if (f.childAgeMonths !== undefined) {
      where.push('(min_age_months IS NULL OR min_age_months <= ?) AND (max_age_months IS NULL OR max_age_months >= ?)');
      args.push(f.childAgeMonths, f.childAgeMonths);
    }
    if (f.kinds?.length) {
      where.push(`kind IN (${f.kinds.map(() => '?').join(',')})`);
      args.push(...f.kinds);
    }
    const m = new Uint8Array(this.docCount + 1);
    for (const r of this.db.prepare(`SELECT doc FROM search_doc WHERE ${where.join(' AND ')}`).pluck().iterate(...args)) m[r as number] = 1;
    // Stryker disable next-line all: the cache's bound changes memory use, not results
    if (this.maskCache.size > 32) this.maskCache.clear();
    this.maskCache.set(cacheKey, m);
    return m;
  }

  search(query: string, opts: { filters?: SearchFilters; limit?: number } = {}): SearchHit[] {
    return this.searchPage(query, opts).hits;
  }

  /**
   * One page of the ranked matches, and how many there are in all: `total` counts every match
   * ranked (above the score threshold); `atLeast` says the candidates were cut at the searcher's
   * pool (more documents matched some gram than it ranks), so there may be more than `total`.
   */
  searchPage(query: string, opts: { filters?: SearchFilters; limit?: number; offset?: number } = {}): SearchPage {
    const none: SearchPage = { hits: [], total: 0, atLeast: false };
    const groups = parseQuery(query, this.synonyms);
    if (!groups.length) return none;
    // Before the scores: a filter that fails must not leave the per-document arrays dirty (every later search would find nothing).
    const mask = this.mask(opts.filters ?? {});
    this.ensureArrays();
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 100));
    const { total, group, alt, touched, seen, altList, groupList, latinHits } = this;
    let nTouched = 0;
    const latinGroups = groups.filter(inLatinLetters).length;
    // idf counts the documents alive (dead ones stay numbered): what a full build of the same entries gives
    const N = this.overlay()?.live ?? this.docCount;
    // Doc ids (from posting lists, and the lists of touched ones) are below docCount + 1, the
    // length of every per-document array here: each `!` read of one by doc id is in bounds.

    for (const grp of groups) {
      const latin = inLatinLetters(grp);
      let nGroup = 0;
      let bestText = 0;
      for (const a of grp.alternatives) {
        // The jamo comparison is only for words not found whole: skip it when the word's own grams all matched a name.
        if (a.mode === 'jamo' && bestText >= 0.95 * (a.factor / 0.8) * (FIELD_WEIGHT.keywords / MAX_WEIGHT)) continue;
        let norm = 0;
        let nAlt = 0;
        for (const g of a.grams) {
          const p = this.posting(g);
          const idf = Math.log(1 + N / (p ? p.df : 1));
          norm += idf;
          if (!p) continue;
          // A synonym's gram found in over a quarter of all records tells nothing apart: skip its long list.
          if (a.factor < 1 && p.df * 4 > N) continue;
          const { docs, weights } = p;
          // A posting's weights run beside its docs (both df long): i < docs.length indexes both.
          for (let i = 0, n = docs.length; i < n; i++) {
            const d = docs[i]!;
            if (alt[d] === 0) altList[nAlt++] = d;
            alt[d]! += idf * weights[i]!;
          }
        }
        // A Vietnamese word of one or two letters counts by how rare it is (idf against that of a
        // word found once), here and in the re-ranking: em and be (in trẻ em, em bé) tell less than tã.
        const rarity = a.short ? (a.rarity = norm / Math.log(1 + N)) : 1;
        const scale = (a.factor * rarity) / (norm * MAX_WEIGHT * WEIGHT_SCALE);
        for (const d of altList.subarray(0, nAlt)) {
          const v = alt[d]! * scale;
          alt[d] = 0;
          if (group[d] === 0) groupList[nGroup++] = d;
          if (v > group[d]!) group[d] = v;
          if (a.mode === 'text' && v > bestText) bestText = v;
        }
      }
      for (const d of groupList.subarray(0, nGroup)) {
        if (!seen[d]) {
          seen[d] = 1;
          touched[nTouched++] = d;
        }
        total[d]! += group[d]!;
        group[d] = 0;
        if (latin) latinHits[d]!++;
      }
    }

    const best = topK(total, touched, nTouched, CANDIDATES, mask);
    const base = new Map(best.map((d) => [d, total[d]!]));
    const latinMatched = new Map(best.map((d) => [d, latinHits[d]!]));
    for (const d of touched.subarray(0, nTouched)) {
      total[d] = 0;
      seen[d] = 0;
      latinHits[d] = 0;
    }
    if (!best.length) return none;

    const rows = this.docRows(best);
    const scored = rows
      .map((r) => ({ r, s: rerank(base.get(r.doc)!, r, groups) }))
      .filter((x) => x.s > 0);
    scored.sort((a, b) => b.s - a.s || a.r.title.length - b.r.title.length || a.r.doc - b.r.doc);
    const top = scored[0];
    if (top === undefined) return none;
    // Several words in Latin letters (tiêm chủng, child allowance): when the best match has them
    // all, a document missing one of them is not what was asked for (marks folded, chủng is also
    // chung in 공동육아나눔터's "nuôi dạy con chung"). Korean words keep the wider net (synonyms, slips).
    const complete = groups.length > 1 && latinGroups > 0 && latinMatched.get(top.r.doc) === latinGroups;
    const matches = scored.filter((x) => x.s >= Math.max(0.15, top.s * 0.2) && (!complete || latinMatched.get(x.r.doc) === latinGroups));
    const offset = Math.max(0, opts.offset ?? 0);
    return {
      hits: matches
        .slice(offset, offset + limit)
        .map(({ r, s }) => ({ id: r.entry_id, kind: r.kind, title: r.title, titleEn: r.title_en, stage: r.primary_stage, score: Math.round(s * 1000) / 1000 })),
      total: matches.length,
      atLeast: best.length >= CANDIDATES,
    };
  }
}

/**
 * A base posting list with the segments' documents for the same gram appended (all numbered
 * above the base's, segments in order: still ascending) and the dead documents left out; null
 * when no document alive has the gram (as a full build would have no row for it).
 */
function withOverlay(base: Posting | null, segments: SegmentPart[], dead: Uint8Array): Posting | null {
  const parts: SegmentPart[] = base ? [{ first: 0, docs: base.docs, weights: base.weights }, ...segments] : segments;
  let n = 0;
  for (const p of parts) n += p.docs.length;
  const docs = new Uint32Array(n);
  const weights = new Uint8Array(n);
  let df = 0;
  for (const p of parts)
    for (let i = 0; i < p.docs.length; i++) {
      const d = p.docs[i]! + p.first; // i < docs.length, the length of weights too
      if (dead[d]) continue;
      docs[df] = d;
      weights[df++] = p.weights[i]!;
    }
  return df ? { df, docs: docs.subarray(0, df), weights: weights.subarray(0, df) } : null;
}

/** A word group typed in Latin letters only (Vietnamese or English): every alternative's grams are Latin words. */
function inLatinLetters(g: QueryGroup): boolean {
  return g.alternatives.length > 0 && g.alternatives.every((a) => a.mode === 'text' && a.grams.every((x) => x.startsWith('e:') || x.startsWith('v:')));
}

/** The Korean rule for a word whole in a title: more the more of the title it is, a little more at its start; 0 when absent. */
function inTitle(key: string, title: string): number {
  const at = title.indexOf(key);
  return at < 0 ? 0 : 0.5 + 0.5 * (key.length / title.length) + (at === 0 ? 0.1 : 0);
}

/**
 * Re-ranking with evidence the gram scores cannot see: the words appear whole in the title
 * (short titles that are mostly the query win), 초성 that really spell out the title, and
 * discontinued entries last.
 */
export function rerank(base: number, r: DocRow, groups: QueryGroup[]): number {
  let s = base;
  let names: string[] | undefined;
  let namesCho: string[] | undefined;
  for (const g of groups) {
    let bonus = 0;
    for (const a of g.alternatives) {
      let b = 0;
      if (a.mode === 'chosung') {
        const inTitle = r.title_cho.indexOf(a.key);
        if (inTitle >= 0) b = 1 + 0.5 * (a.key.length / r.title_cho.length) + (inTitle === 0 ? 0.3 : 0);
        else if ((namesCho ??= r.names_cho.split('|')).some((n) => n.includes(a.key))) b = 0.8;
        else return 0; // 초성 must spell out a name, or it is not a match
      } else if (a.mode === 'text' && a.key) {
        // the word whole in the Korean title (or, for Chinese characters, the Chinese one): short titles that are mostly the query win
        b = Math.max(inTitle(a.key, r.title_key), a.han ? inTitle(a.key, r.title_zh) : 0);
        if (b === 0 && (names ??= r.names_key.split('|')).some((n) => n.includes(a.key))) b = 0.35;
        // Latin words: found in the English title, or as a word (or a word's start) of the Vietnamese title
        const en = r.title_en.toLowerCase();
        const vi = ` ${r.title_vi} `;
        for (const w of a.latin) {
          const found = /^[a-z]{1,2}$/.test(w) ? vi.includes(` ${w} `) : en.includes(w.slice(0, MAX_PREFIX)) || vi.includes(` ${w.slice(0, MAX_PREFIX)}`);
          if (found) b += 0.3 / a.latin.length;
        }
      }
      bonus = Math.max(bonus, b * a.factor * (a.rarity ?? 1));
    }
    s += bonus;
  }
  if (r.status === 'discontinued') s *= 0.5;
  return s;
}
