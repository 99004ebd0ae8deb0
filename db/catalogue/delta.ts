/**
 * Catalogue deltas: what changed between two published versions of the catalogue, as the hub
 * computes it and as a kiosk applies it in place — one SQLite transaction on the device's
 * catalogue, so a crash at any moment leaves the previous version whole (SQLite rolls the
 * transaction back) and a 1,000-change delta on a 100,000-record catalogue takes a fraction of
 * a second: the changed entries' rows are written, and the search index gets a segment with
 * those entries' grams (computed by the hub, shipped in the delta: the kiosk does not compute
 * grams) while their old documents are masked as dead (db/search/segment.ts).
 *
 * The delta file (before compression): the magic `AICHINGU-DELTA-1\n`, a 4-byte little-endian
 * length, that many bytes of JSON (DeltaBody), then the search segment's bytes.
 */
import type { DB } from '../sqlite.js';
import { applySearchChanges, encodeSegment } from '../search/segment.js';
import { computeStats, HOLIDAYS_META } from './store.js';
import { insertEntry, insertLocation, statements, toSearchDocument, updateEntry, updateLocation, updateStatements } from './write.js';
import type { Entry, Faq } from './schema.js';

const MAGIC = Buffer.from('AICHINGU-DELTA-1\n');

/**
 * catalogue_meta keys a delta carries over from the newer version (stats and counts are computed
 * on the device: its imports count too). `holidays` is the public-holiday calendar, whole (a few
 * kilobytes): an app that predates it stores it as it stores any carried key, so the format stays 1.
 */
const CARRIED_META = ['version', 'built_at', 'source_hash', 'hub_version', 'hub_created_at', HOLIDAYS_META] as const;

export interface DeltaBody {
  format: 1;
  from: number;
  to: number;
  /** entries new or changed: the full entry and the source file it came from */
  put: { entry: Entry; file: string }[];
  /** ids of entries no longer in the catalogue */
  deleted: string[];
  /** the whole FAQ of the newer version (a few dozen items: sent whole when it changed, else null) */
  faq: Faq[] | null;
  /** the search synonyms of the newer version when they changed, else null */
  synonyms: unknown[] | null;
  meta: Partial<Record<(typeof CARRIED_META)[number], string>>;
}

export interface Delta {
  body: DeltaBody;
  /** the search segment of the put entries, in their order */
  segment: Uint8Array;
}

export class DeltaError extends Error {}

type Stats = ReturnType<typeof computeStats>;

/** The catalogue's stored counts (computed when it has none). */
function statsBefore(db: DB): Stats {
  const stored = metaOf(db, 'stats');
  return stored ? (JSON.parse(stored) as Stats) : computeStats(db);
}

/** Moves the counts by one entry leaving (-1) or coming (+1); a count that reaches 0 is dropped, as computeStats leaves it out (life stages stay, at 0). */
function count(s: Stats, e: { kind: string; category: string; verify: boolean; stages: string[] }, by: 1 | -1): void {
  const bump = (m: Record<string, number>, k: string, keep = false) => {
    const v = (m[k] ?? 0) + by;
    if (v === 0 && !keep) delete m[k];
    else m[k] = v;
  };
  s.total += by;
  bump(s.by_kind, e.kind);
  bump(s.by_category, e.category);
  for (const st of e.stages) bump(s.by_stage, st, true);
  if (e.verify) s.verify_before_use += by;
}

type Row = { id: string; data: string; file: string };
const hubRows = (db: DB): Map<string, Row> =>
  new Map(
    (db.prepare("SELECT id, data, source_file AS file FROM entry WHERE source_file NOT LIKE 'import:%'").all() as Row[]).map((r) => [r.id, r]),
  );
const faqJson = (db: DB): string => JSON.stringify(db.prepare('SELECT data FROM faq ORDER BY position').pluck().all());
const synonymsJson = (db: DB): string => (db.prepare("SELECT value FROM search_meta WHERE key = 'synonyms'").pluck().get() as string | undefined) ?? '[]';
const metaOf = (db: DB, key: string): string | undefined => db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(key) as string | undefined;

/** The changes that turn catalogue `prev` (version `from`) into `next` (version `to`). */
export function diffCatalogues(prev: DB, next: DB, from: number, to: number): Delta {
  const a = hubRows(prev);
  const b = hubRows(next);
  const put: DeltaBody['put'] = [];
  for (const [id, r] of b) {
    const old = a.get(id);
    if (!old || old.data !== r.data || old.file !== r.file) put.push({ entry: JSON.parse(r.data) as Entry, file: r.file });
  }
  const deleted = [...a.keys()].filter((id) => !b.has(id));
  const nextFaq = faqJson(next);
  const nextSyn = synonymsJson(next);
  const meta: DeltaBody['meta'] = {};
  for (const k of CARRIED_META) {
    const v = metaOf(next, k);
    if (v !== undefined) meta[k] = v;
  }
  return {
    body: {
      format: 1,
      from,
      to,
      put,
      deleted,
      faq: faqJson(prev) === nextFaq ? null : (JSON.parse(nextFaq) as string[]).map((d) => JSON.parse(d) as Faq),
      synonyms: synonymsJson(prev) === nextSyn ? null : (JSON.parse(nextSyn) as unknown[]),
      meta,
    },
    segment: encodeSegment(put.map((p) => toSearchDocument(p.entry))),
  };
}

export function encodeDelta(d: Delta): Buffer {
  const json = Buffer.from(JSON.stringify(d.body));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return Buffer.concat([MAGIC, len, json, d.segment]);
}

export function decodeDelta(bytes: Buffer): Delta {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new DeltaError('not a catalogue delta (its first bytes are not AICHINGU-DELTA-1)');
  const len = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + len > bytes.length) throw new DeltaError('the delta is cut short');
  let body: DeltaBody;
  try {
    body = JSON.parse(bytes.subarray(start, start + len).toString('utf8')) as DeltaBody;
  } catch {
    throw new DeltaError('the delta\'s description is not JSON');
  }
  if (body.format !== 1 || !Array.isArray(body.put) || !Array.isArray(body.deleted)) throw new DeltaError('the delta is in a format this app does not read; update the app');
  return { body, segment: bytes.subarray(start + len) };
}

/**
 * Applies a delta to a catalogue database in one transaction: entries deleted, added, and
 * changed in place (only the rows that differ; services' links from facilities kept), the FAQ and synonyms when they
 * changed, the search index (dead documents and one new segment), the version's meta, the
 * stats. Throws DeltaError (and changes nothing) when the database is not at the delta's
 * `from` version.
 */
export function applyDelta(db: DB, d: Delta): void {
  const { body } = d;
  db.transaction(() => {
    const at = Number(metaOf(db, 'hub_version') ?? '0');
    if (at !== body.from) throw new DeltaError(`the delta applies to version ${body.from}; this catalogue is at version ${at}`);
    const ins = statements(db);
    const upd = updateStatements(db);
    const changed = [...body.deleted, ...body.put.map((p) => p.entry.id)];
    // an entry the hub put that is here already, from the hub, is changed in place (only its rows
    // that differ are written); a new one, or one that replaces an operator's import, is inserted
    const stored = db.prepare('SELECT data, source_file AS file FROM entry WHERE id = ?');
    const updates: { before: Entry; beforeFile: string; p: DeltaBody['put'][number] }[] = [];
    const inserts: DeltaBody['put'] = [];
    for (const p of body.put) {
      const row = stored.get(p.entry.id) as { data: string; file: string } | undefined;
      if (row && !row.file.startsWith('import:')) updates.push({ before: JSON.parse(row.data) as Entry, beforeFile: row.file, p });
      else inserts.push(p);
    }
    const removed = [...body.deleted, ...inserts.map((p) => p.entry.id)];
    // a facility's link to a service (service_at_location) goes with the service's row: keep the links of facilities not in the delta
    const links = db
      .prepare('SELECT service_id, location_id FROM service_at_location WHERE service_id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(removed)) as [string, string][];
    // the counts move by what leaves and what comes (recounting 100,000 entries took 0.14 s of a 1,000-change delta)
    const stats = statsBefore(db);
    const leaving = db
      .prepare(
        "SELECT e.kind, e.category, e.verify_before_use, (SELECT json_group_array(stage) FROM entry_stage s WHERE s.entry_id = e.id) AS stages FROM entry e WHERE e.id IN (SELECT value FROM json_each(?))",
      )
      .all(JSON.stringify(changed)) as { kind: string; category: string; verify_before_use: number; stages: string }[];
    for (const r of leaving) count(stats, { kind: r.kind, category: r.category, verify: r.verify_before_use === 1, stages: JSON.parse(r.stages) as string[] }, -1);
    for (const p of body.put) count(stats, { kind: p.entry.kind, category: p.entry.category, verify: p.entry.verify_before_use, stages: p.entry.stages }, +1);
    const delEntry = db.prepare('DELETE FROM entry WHERE id = ?');
    // in key order: neighbouring rows share pages
    for (const id of [...removed].sort()) delEntry.run(id);
    updates.sort((x, y) => (x.p.entry.id < y.p.entry.id ? -1 : 1));
    for (const u of updates) updateEntry(ins, upd, u.before, u.beforeFile, u.p.entry, u.p.file);
    for (const p of inserts) insertEntry(ins, p.entry, p.file);
    for (const u of updates) updateLocation(ins, upd, u.before, u.p.entry);
    for (const p of inserts) insertLocation(ins, p.entry);
    const relink = db.prepare('INSERT OR IGNORE INTO service_at_location (service_id, location_id) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM entry WHERE id = ?) AND EXISTS (SELECT 1 FROM location WHERE id = ?)');
    for (const [sv, l] of links) relink.run(sv, l, sv, l);
    if (body.faq) {
      db.prepare('DELETE FROM faq').run();
      body.faq.forEach((q, i) => {
        ins.faq.run(q.id, q.question.ko, i, q.last_verified, JSON.stringify(q));
      });
    }
    if (body.synonyms) db.prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('synonyms', ?)").run(JSON.stringify(body.synonyms));
    applySearchChanges(db, { removed: body.deleted, added: body.put.map((p) => toSearchDocument(p.entry)), segment: d.segment });
    for (const [k, v] of Object.entries(body.meta)) ins.meta.run(k, v);
    ins.meta.run('hub_version', String(body.to));
    stats.faq = db.prepare('SELECT COUNT(*) FROM faq').pluck().get() as number;
    ins.meta.run('entries', String(stats.total));
    ins.meta.run('faq', String(stats.faq));
    ins.meta.run('stats', JSON.stringify(stats));
  })();
}
