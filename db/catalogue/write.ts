/**
 * Writing entries into a catalogue database: the rows, their locations, and the search index —
 * shared by the compiler (YAML source → the embedded catalogue) and by the device's imports.
 * No YAML here: a host that only imports open data or carries imports over does not load the parser.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { DB } from '../sqlite.js';
import { buildSearchIndex } from '../search/build.js';
import { applySearchChanges } from '../search/segment.js';
import { SEARCH_FORMAT, type SearchDocument } from '../search/document.js';
import type { CatalogueSource } from './load.js';
import { computeStats, HOLIDAYS_META } from './store.js';
import { CATEGORIES, STAGES, type Entry, type LocalText } from './schema.js';

function all(t: LocalText | undefined): string {
  return t ? t.ko : '';
}

/** An entry's text in one language other than Korean, title aside: the same fields for English, Vietnamese and Chinese. */
function otherText(e: Entry, lang: 'en' | 'vi' | 'zh'): string {
  return [e.official_title?.[lang], e.summary[lang], e.who?.[lang], e.what?.[lang], e.amount?.text[lang], e.how_to_apply?.[lang]].filter(Boolean).join(' ');
}

/** What search needs to know about an entry. */
export function toSearchDocument(e: Entry): SearchDocument {
  const stageWords = e.stages.map((s) => STAGES[s]);
  return {
    entryId: e.id,
    kind: e.kind,
    status: e.status,
    title: e.title.ko,
    titleEn: e.title.en,
    names: [...(e.official_title ? [e.official_title.ko] : []), ...e.alt_names],
    keywords: [...e.keywords, CATEGORIES[e.category], ...stageWords],
    summary: e.summary.ko,
    body: [all(e.who), all(e.what), e.amount?.text.ko ?? '', all(e.how_to_apply), all(e.where), e.location?.address.ko ?? '', e.organization?.name.ko ?? '', e.eligibility?.description.ko ?? '']
      .filter(Boolean)
      .join(' '),
    bodyEn: otherText(e, 'en'),
    titleVi: e.title.vi ?? '',
    bodyVi: otherText(e, 'vi'),
    titleZh: e.title.zh ?? '',
    bodyZh: otherText(e, 'zh'),
    stages: e.stages,
    category: e.category,
    district: e.district ?? e.location?.district ?? null,
    minAgeMonths: e.eligibility?.min_age_months ?? null,
    maxAgeMonths: e.eligibility?.max_age_months ?? null,
  };
}

export function statements(db: DB) {
  return {
    org: db.prepare('INSERT OR IGNORE INTO organization (id, name_ko, name, url) VALUES (?, ?, ?, ?)'),
    entry: db.prepare(`INSERT INTO entry (id, kind, scope, status, category, district, organization_id, title_ko, title_en, amount_year, online_url,
      min_age_months, max_age_months, applicant_min_age, applicant_max_age, last_verified, verify_before_use, source_file, data)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`),
    stage: db.prepare('INSERT INTO entry_stage (entry_id, stage, position) VALUES (?, ?, ?)'),
    location: db.prepare('INSERT INTO location (id, entry_id, address_ko, district, dong, lat, lon, geo_precision) VALUES (?,?,?,?,?,?,?,?)'),
    sal: db.prepare('INSERT OR IGNORE INTO service_at_location (service_id, location_id) VALUES (?, ?)'),
    faq: db.prepare('INSERT INTO faq (id, question_ko, position, last_verified, data) VALUES (?,?,?,?,?)'),
    meta: db.prepare('INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES (?, ?)'),
    rules: db.prepare('UPDATE entry SET rules_stated = 1 WHERE id = ?'),
  };
}
export type Statements = ReturnType<typeof statements>;

type Row = (string | number | null)[];

/** entry's columns in the order entryRows gives them (and statements().entry inserts them) */
const ENTRY_COLUMNS = ['id', 'kind', 'scope', 'status', 'category', 'district', 'organization_id', 'title_ko', 'title_en', 'amount_year', 'online_url', 'min_age_months', 'max_age_months', 'applicant_min_age', 'applicant_max_age', 'last_verified', 'verify_before_use', 'source_file', 'data'] as const;

/**
 * The rows an entry is stored as, table by table: what insertEntry and insertLocation write, and
 * what updateEntry compares (an entry's rows are a function of its JSON and its source file).
 */
export function entryRows(e: Entry, file: string) {
  const org = e.organization ? [createHash('sha1').update(e.organization.name.ko).digest('hex').slice(0, 12), e.organization.name.ko, JSON.stringify(e.organization.name), e.organization.url ?? null] : null;
  const el = e.eligibility;
  const l = e.location;
  return {
    org,
    entry: [
      e.id, e.kind, e.scope, e.status, e.category, e.district ?? l?.district ?? null, org?.[0] ?? null, e.title.ko, e.title.en,
      e.amount?.year ?? null, e.online_url ?? null, el?.min_age_months ?? null, el?.max_age_months ?? null,
      el?.applicant_min_age ?? null, el?.applicant_max_age ?? null, e.last_verified, e.verify_before_use ? 1 : 0,
      file, JSON.stringify(e),
    ] as Row,
    rules: e.eligibility_rules?.stated ? 1 : 0,
    stages: e.stages.map((st, i): Row => [st, i]),
    location: l ? ([l.address.ko, l.district ?? e.district ?? null, l.dong ?? null, l.lat ?? null, l.lon ?? null, l.geo_precision] as Row) : null,
    services: l ? e.services : [],
  };
}
type EntryRows = ReturnType<typeof entryRows>;

/** Writes one entry into every table it touches (locations last, once all entries exist: see writeEntries). */
export function insertEntry(ins: Statements, e: Entry, file: string): void {
  const r = entryRows(e, file);
  if (r.org) ins.org.run(...r.org);
  ins.entry.run(...r.entry);
  if (r.rules) ins.rules.run(e.id);
  for (const st of r.stages) ins.stage.run(e.id, ...st);
}

export function insertLocation(ins: Statements, e: Entry): void {
  const r = entryRows(e, '');
  if (!r.location) return;
  ins.location.run(e.id, e.id, ...r.location);
  for (const sv of r.services) ins.sal.run(sv, e.id);
}

const same = (a: readonly unknown[] | null, b: readonly unknown[] | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The statements updateEntry and updateLocation use besides insertEntry's. */
export function updateStatements(db: DB) {
  const bySet = new Map<string, Statement>();
  return {
    /** UPDATE entry SET only the columns given (an index is rewritten only when one of its columns is set) */
    entry: (columns: readonly string[]): Statement => {
      const key = columns.join(',');
      let st = bySet.get(key);
      if (!st) bySet.set(key, (st = db.prepare(`UPDATE entry SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)));
      return st;
    },
    delStages: db.prepare('DELETE FROM entry_stage WHERE entry_id = ?'),
    location: db.prepare('UPDATE location SET address_ko = ?, district = ?, dong = ?, lat = ?, lon = ?, geo_precision = ? WHERE id = ?'),
    delLocation: db.prepare('DELETE FROM location WHERE id = ?'),
    delService: db.prepare('DELETE FROM service_at_location WHERE service_id = ? AND location_id = ?'),
  };
}
export type UpdateStatements = ReturnType<typeof updateStatements>;

/**
 * Changes an entry stored from `before` (its source file `beforeFile`) into `e`, writing only
 * the rows that differ — a catalogue delta's updated entry: its title and summary changed, say,
 * rewrite the entry row, not its stages, location and links. The
 * result is the rows insertEntry would have written. Locations come after, in updateLocation.
 */
export function updateEntry(ins: Statements, upd: UpdateStatements, before: Entry, beforeFile: string, e: Entry, file: string): void {
  const a = entryRows(before, beforeFile);
  const b = entryRows(e, file);
  if (b.org) ins.org.run(...b.org);
  // the columns that differ, and only those (a new title rewrites entry_listing's index entry, not entry_kind's)
  const cols: string[] = [];
  const vals: (string | number | null)[] = [];
  ENTRY_COLUMNS.forEach((c, i) => {
    if (a.entry[i] === b.entry[i]) return;
    cols.push(c);
    vals.push(b.entry[i]!);
  });
  if (a.rules !== b.rules) {
    cols.push('rules_stated');
    vals.push(b.rules);
  }
  if (cols.length) upd.entry(cols).run(...vals, e.id);
  if (!same(a.stages, b.stages)) {
    upd.delStages.run(e.id);
    for (const st of b.stages) ins.stage.run(e.id, ...st);
  }
}

/** An updated entry's location and the services offered there (after every entry of the change is written: a link needs its service). */
export function updateLocation(ins: Statements, upd: UpdateStatements, before: Entry, e: Entry): void {
  const a: EntryRows = entryRows(before, '');
  const b: EntryRows = entryRows(e, '');
  if (!b.location) {
    if (a.location) upd.delLocation.run(e.id); // its links go with it
    return;
  }
  if (!a.location) ins.location.run(e.id, e.id, ...b.location);
  else if (!same(a.location, b.location)) upd.location.run(...b.location, e.id);
  const keep = new Set(b.services);
  for (const sv of a.services) if (!keep.has(sv)) upd.delService.run(sv, e.id);
  const had = new Set(a.location ? a.services : []);
  for (const sv of b.services) if (!had.has(sv)) ins.sal.run(sv, e.id);
}

export function writeCatalogue(db: DB, src: CatalogueSource, version: string): void {
  const ins = statements(db);
  for (const e of src.entries) insertEntry(ins, e, src.fileOf.get(e.id) ?? '(generated)');
  for (const e of src.entries) insertLocation(ins, e);
  src.faq.forEach((q, i) => {
    ins.faq.run(q.id, q.question.ko, i, q.last_verified, JSON.stringify(q));
  });
  ins.meta.run('version', version);
  ins.meta.run('built_at', new Date().toISOString());
  ins.meta.run('entries', String(src.entries.length));
  ins.meta.run('faq', String(src.faq.length));
  // the public-holiday calendar: one meta value (a few dozen days), carried whole by every snapshot and delta
  if (src.holidays) ins.meta.run(HOLIDAYS_META, JSON.stringify(src.holidays));
}

/**
 * Adds (or replaces, by id) entries in an existing catalogue database — the operator's
 * imports of official open data — and updates the search index, all in one transaction. The
 * index gets one segment of these entries (their earlier documents masked as dead) instead of a
 * full rebuild: an import of a few thousand entries into a large catalogue takes a fraction of a
 * second, not the whole build's time.
 */
export function upsertEntries(db: DB, entries: Entry[], origin: string): void {
  const ins = statements(db);
  const del = db.prepare('DELETE FROM entry WHERE id = ?');
  db.transaction(() => {
    for (const e of entries) {
      del.run(e.id);
      insertEntry(ins, e, origin);
    }
    for (const e of entries) insertLocation(ins, e);
    // an entry already in the catalogue is replaced: applySearchChanges masks its old document
    applySearchChanges(db, { removed: [], added: entries.map(toSearchDocument) });
    ins.meta.run('stats', JSON.stringify(computeStats(db)));
    ins.meta.run('entries', String(db.prepare('SELECT count(*) FROM entry').pluck().get() as number));
  })();
}

/** Builds the search index again from the entries in the database (its synonyms kept); returns how many entries. */
function rebuildSearchIndex(db: DB): number {
  const all = (db.prepare('SELECT data FROM entry ORDER BY id').pluck().all() as string[]).map((d) => JSON.parse(d) as Entry);
  const synonyms = JSON.parse((db.prepare("SELECT value FROM search_meta WHERE key = 'synonyms'").pluck().get() as string | undefined) ?? '[]');
  const version = (db.prepare("SELECT value FROM catalogue_meta WHERE key = 'version'").pluck().get() as string | undefined) ?? 'unknown';
  buildSearchIndex(db, all.map(toSearchDocument), synonyms, { catalogue_version: version });
  return all.length;
}

/**
 * A catalogue migrated from an older app holds a search index in an older format (format 1:
 * Korean and English only, before Vietnamese and Chinese): built again here, in one
 * transaction. Returns whether it was.
 */
export function ensureSearchIndexCurrent(db: DB): boolean {
  const format = (db.prepare("SELECT value FROM search_meta WHERE key = 'format'").pluck().get() as string | undefined) ?? '1';
  if (format === SEARCH_FORMAT) return false;
  db.transaction(() => rebuildSearchIndex(db))();
  return true;
}

