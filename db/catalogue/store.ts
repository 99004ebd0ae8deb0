/**
 * Read side of one catalogue file: what the core's services read (through the catalogue
 * service, which opens, checks, replaces and closes these). The database handle stays inside:
 * every query the app needs is a method here, so no SQL lives above db/.
 */
import { openDatabase, schemaState, MigrationError, type DB, type Migration } from '../sqlite.js';
import { Searcher, type SearchFilters, type SearchHit, type SearchPage } from '../search/searcher.js';
import { CATEGORIES, STAGE_IDS, STAGES, type CategoryId, type Entry, type Faq, type HolidayCalendar, type Kind, type LocalText, type StageId } from './schema.js';

/** The catalogue_meta key of the public-holiday calendar (JSON: HolidayCalendar, each day with its sources). */
export const HOLIDAYS_META = 'holidays';

/** The order of categories in a life-stage list: money first (allowances and vouchers, birth support), then as the schema lists them. */
export const CATEGORY_ORDER: readonly CategoryId[] = ['allowance', 'birth-support', ...(Object.keys(CATEGORIES) as CategoryId[]).filter((c) => c !== 'allowance' && c !== 'birth-support')];
/** SQL: a category's place in CATEGORY_ORDER (unknown ones last). */
const CATEGORY_RANK = `COALESCE(NULLIF(instr('${CATEGORY_ORDER.map((c) => `,${c},`).join('')}', ',' || category || ','), 0), 1e9)`;

export interface CatalogueStats {
  version: string;
  built_at: string;
  total: number;
  by_kind: Record<string, number>;
  by_stage: Record<string, number>;
  by_category: Record<string, number>;
  faq: number;
  verify_before_use: number;
}

/** A catalogue file this app cannot use as it is, with what to do about it. */
/** What the Open API's lists select entries by: every condition given must hold. */
export interface EntryListFilter {
  kinds?: readonly Kind[];
  stage?: StageId;
  category?: string;
  /**
   * A day (YYYY-MM-DD): entries whose `last_verified` day is on or after it; an entry verified
   * in a month without a day written (YYYY-MM) counts as verified on that month's last day.
   */
  verifiedOnOrAfter?: string;
}

/** An organization as the catalogue holds it (id: derived from its Korean name when the catalogue is written). */
export interface OrganizationRow {
  id: string;
  name: LocalText;
  url: string | null;
}

/** A facility's location row (id = the facility entry's id). lat/lon are null unless a source gives them. */
export interface LocationRow {
  id: string;
  entryId: string;
  addressKo: string;
  district: string | null;
  dong: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: 'exact' | 'dong' | 'district' | 'unknown';
}

const LOCATION_COLUMNS = 'id, entry_id AS entryId, address_ko AS addressKo, district, dong, lat, lon, geo_precision AS geoPrecision';

export class CatalogueFileError extends Error {
  constructor(
    message: string,
    readonly reason: 'newer_schema' | 'needs_migration' | 'unreadable',
  ) {
    super(message);
    this.name = 'CatalogueFileError';
  }
}

export class Catalogue {
  /** The searcher and its caches belong to this one file (one catalogue version): a replaced catalogue starts with empty caches. */
  private readonly searcher: Searcher | null;
  readonly version: string;
  readonly builtAt: string;
  private constructor(
    private readonly db: DB,
    readonly file: string,
    search: boolean,
  ) {
    this.searcher = search ? new Searcher(db) : null;
    this.version = this.meta('version') ?? 'unknown';
    this.builtAt = this.meta('built_at') ?? 'unknown';
  }

  /**
   * Opens a catalogue file read-only after checking its schema against this app's migrations:
   * a newer schema is refused (update the app); an older one is refused here too, with
   * reason `needs_migration` — the catalogue service migrates a copy and opens that.
   */
  static open(file: string, migrations: Migration[], opts: { search?: boolean } = {}): Catalogue {
    let db: DB;
    try {
      db = openDatabase(file, { readonly: true });
    } catch (e) {
      throw new CatalogueFileError(`cannot open the catalogue ${file}: ${(e as Error).message}`, 'unreadable');
    }
    try {
      const s = schemaState(db, migrations);
      if (s.version === 0) throw new CatalogueFileError(`${file} is not a catalogue (it has no schema version); rebuild it with: npm run catalogue:build`, 'unreadable');
      if (s.pending > 0) throw new CatalogueFileError(`${file} is at catalogue schema ${s.version}; this app uses ${s.latest}: it must be migrated first`, 'needs_migration');
      return new Catalogue(db, file, opts.search ?? true);
    } catch (e) {
      db.close();
      if (e instanceof MigrationError) throw new CatalogueFileError(`${file}: ${e.message}`, 'newer_schema');
      throw e;
    }
  }

  /** How many search segments deltas have added since the catalogue's index was last built whole (db/search/segment.ts). */
  searchSegments(): number {
    return this.db.prepare('SELECT count(*) FROM search_segment').pluck().get() as number;
  }

  meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }

  private calendar: HolidayCalendar | null | undefined;
  /** The public-holiday calendar this catalogue ships (null: a catalogue built before it had one, or a generated one). */
  holidays(): HolidayCalendar | null {
    if (this.calendar === undefined) {
      const v = this.meta(HOLIDAYS_META);
      this.calendar = v ? (JSON.parse(v) as HolidayCalendar) : null;
    }
    return this.calendar;
  }

  search(query: string, opts: { filters?: SearchFilters; limit?: number } = {}): SearchHit[] {
    if (!this.searcher) throw new Error(`${this.file} was opened without its searcher (Catalogue.peek)`);
    return this.searcher.search(query, opts);
  }

  /** One page of the ranked matches and how many there are in all (see Searcher.searchPage). */
  searchPage(query: string, opts: { filters?: SearchFilters; limit?: number; offset?: number } = {}): SearchPage {
    if (!this.searcher) throw new Error(`${this.file} was opened without its searcher (Catalogue.peek)`);
    return this.searcher.searchPage(query, opts);
  }

  entry(id: string): Entry | null {
    const data = this.db.prepare('SELECT data FROM entry WHERE id = ?').pluck().get(id) as string | undefined;
    return data ? (JSON.parse(data) as Entry) : null;
  }

  /**
   * Titles and summaries of some entries, in Korean and one other language, taken out of the
   * entries' JSON by SQLite without handing whole entries to JavaScript (a search result list
   * needs only these, on every keystroke). Unknown ids are left out.
   */
  headlines(ids: string[], lang: string): Map<string, { title: LocalText; summary: LocalText }> {
    const out = new Map<string, { title: LocalText; summary: LocalText }>();
    if (!ids.length) return out;
    if (!/^[a-z]{2}$/.test(lang)) throw new Error(`headlines: '${lang}' is not a language code`);
    const rows = this.db
      .prepare(`SELECT id, data ->> '$.title.ko', data ->> ?, data ->> '$.summary.ko', data ->> ? FROM entry WHERE id IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(`$.title.${lang}`, `$.summary.${lang}`, JSON.stringify(ids)) as [string, string, string | null, string, string | null][];
    const text = (ko: string, other: string | null): LocalText => (other === null || lang === 'ko' ? { ko } : { ko, [lang]: other });
    for (const [id, tKo, t, sKo, s] of rows) out.set(id, { title: text(tKo, t), summary: text(sKo, s) });
    return out;
  }

  private where(filter: { stage?: StageId; category?: string; kind?: string }): { sql: string; args: string[] } {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.stage) {
      where.push('id IN (SELECT entry_id FROM entry_stage WHERE stage = ?)');
      args.push(filter.stage);
    }
    if (filter.category) {
      where.push('category = ?');
      args.push(filter.category);
    }
    if (filter.kind) {
      where.push('kind = ?');
      args.push(filter.kind);
    }
    return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
  }

  /**
   * Entries in display order (current first, then by Korean title), a page at a time; `byCategory`
   * groups them by category first, in CATEGORY_ORDER (a life-stage list: money first).
   */
  entries(filter: { stage?: StageId; category?: string; kind?: string } = {}, page: { limit?: number; offset?: number; byCategory?: boolean } = {}): Entry[] {
    const w = this.where(filter);
    const order = `${page.byCategory ? `${CATEGORY_RANK}, ` : ''}status = 'discontinued', title_ko`;
    // The page's ids in order from the listing index alone, then only their rows (a stage of a large catalogue holds tens of thousands).
    const ids = this.db.prepare(`SELECT id FROM entry INDEXED BY entry_listing ${w.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...w.args, page.limit ?? -1, page.offset ?? 0) as string[];
    if (!ids.length) return [];
    const rows = new Map((this.db.prepare('SELECT id, data FROM entry WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as [string, string][]).map(([id, d]) => [id, d]));
    return ids.flatMap((id) => {
      const d = rows.get(id);
      return d === undefined ? [] : [JSON.parse(d) as Entry];
    });
  }

  count(filter: { stage?: StageId; category?: string; kind?: string } = {}): number {
    if (filter.stage && !filter.category && !filter.kind) return this.db.prepare('SELECT COUNT(*) FROM entry_stage WHERE stage = ?').pluck().get(filter.stage) as number;
    const w = this.where(filter);
    return this.db.prepare(`SELECT COUNT(*) FROM entry INDEXED BY entry_listing ${w.sql}`).pluck().get(...w.args) as number;
  }

  /** How many entries each category holds (within a life stage, when given), in CATEGORY_ORDER. */
  categoryCounts(stage?: StageId): { id: string; count: number }[] {
    const w = this.where({ stage });
    return (this.db.prepare(`SELECT category AS id, COUNT(*) AS count FROM entry INDEXED BY entry_listing ${w.sql} GROUP BY category ORDER BY ${CATEGORY_RANK}, category`).all(...w.args) as { id: string; count: number }[]);
  }

  /** Active entries whose conditions are stated as rules (what the finder evaluates). */
  entriesWithRules(): Entry[] {
    return (this.db.prepare("SELECT data FROM entry WHERE rules_stated = 1 AND status = 'active' ORDER BY title_ko").pluck().all() as string[]).map((d) => JSON.parse(d) as Entry);
  }

  /**
   * A catalogue file's version and build time, after the same schema check as `open` (a newer
   * schema is refused) — without opening a searcher: for comparing catalogues quickly.
   */
  static peek(file: string, migrations: Migration[]): { version: string; builtAt: string } {
    const c = Catalogue.open(file, migrations, { search: false });
    try {
      return { version: c.version, builtAt: c.builtAt };
    } finally {
      c.close();
    }
  }

  /** The facility entries that offer a service (what the service forms read: core/forms/catalogue.ts FormCatalogue). */
  facilitiesFor(serviceId: string): Entry[] {
    return this.locationsOf(serviceId)
      .map((id) => this.entry(id))
      .filter((e): e is Entry => e?.kind === 'facility');
  }

  /** Facilities (locations) that offer a service, by id. */
  locationsOf(serviceId: string): string[] {
    return this.db.prepare('SELECT location_id FROM service_at_location WHERE service_id = ? ORDER BY location_id').pluck().all(serviceId) as string[];
  }

  /** Entries an operator imported on this device (official open data), with where each came from: they are carried over to a newer catalogue. */
  importedEntries(): { origin: string; entry: Entry }[] {
    return (this.db.prepare("SELECT source_file, data FROM entry WHERE source_file LIKE 'import:%' ORDER BY source_file, id").raw().all() as [string, string][]).map(([origin, data]) => ({
      origin,
      entry: JSON.parse(data) as Entry,
    }));
  }

  /**
   * What the pinyin keyboard's words are gathered from (core/catalogue/pinyin.ts): the JSON of
   * the entries and FAQ items that hold any Chinese text, and the search's synonym groups.
   */
  chineseSources(): { entries: string[]; faq: string[]; synonyms: unknown } {
    const synonyms = this.db.prepare("SELECT value FROM search_meta WHERE key = 'synonyms'").pluck().get() as string | undefined;
    return {
      entries: this.db.prepare(`SELECT data FROM entry WHERE data LIKE '%"zh":%'`).pluck().all() as string[],
      faq: this.db.prepare(`SELECT data FROM faq WHERE data LIKE '%"zh":%'`).pluck().all() as string[],
      synonyms: synonyms ? (JSON.parse(synonyms) as unknown) : [],
    };
  }

  faq(): Faq[] {
    return (this.db.prepare('SELECT data FROM faq ORDER BY position').pluck().all() as string[]).map((d) => JSON.parse(d) as Faq);
  }

  /** Counts by kind, stage and category: computed once when the catalogue is written, read in O(1). */
  stats(): CatalogueStats {
    const stored = this.meta('stats');
    const counts = stored ? (JSON.parse(stored) as Omit<CatalogueStats, 'version' | 'built_at'>) : computeStats(this.db);
    return { version: this.version, built_at: this.builtAt, ...counts };
  }

  /** Entries per life stage, in the stages' order. */
  stageCounts(): { id: StageId; count: number }[] {
    const by = this.stats().by_stage;
    return STAGE_IDS.map((id) => ({ id, count: by[id] ?? 0 }));
  }

  /* ---------- Read methods of the hub's Open API (sync/hub/openapi.node.ts): lists in id order, a page at a time ---------- */

  private listWhere(f: EntryListFilter): { sql: string; args: string[] } {
    const where: string[] = [];
    const args: string[] = [];
    if (f.kinds?.length) {
      where.push('kind IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(f.kinds));
    }
    if (f.stage) {
      where.push('id IN (SELECT entry_id FROM entry_stage WHERE stage = ?)');
      args.push(f.stage);
    }
    if (f.category) {
      where.push('category = ?');
      args.push(f.category);
    }
    if (f.verifiedOnOrAfter) {
      // A month without its day (YYYY-MM) may have been any day of it: compared as its last.
      where.push("(CASE WHEN length(last_verified) = 7 THEN last_verified || '-31' ELSE last_verified END) >= ?");
      args.push(f.verifiedOnOrAfter);
    }
    return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
  }

  /** Entries that pass the filter, in id order, a page at a time, and how many pass in all. */
  listEntries(filter: EntryListFilter = {}, page: { offset?: number; limit?: number } = {}): { entries: Entry[]; total: number } {
    const w = this.listWhere(filter);
    const total = this.db.prepare(`SELECT COUNT(*) FROM entry ${w.sql}`).pluck().get(...w.args) as number;
    const ids = this.db.prepare(`SELECT id FROM entry ${w.sql} ORDER BY id LIMIT ? OFFSET ?`).pluck().all(...w.args, page.limit ?? -1, page.offset ?? 0) as string[];
    return { entries: this.entriesById(ids), total };
  }

  /** Whole entries by id, in the order given; unknown ids are left out. */
  entriesById(ids: readonly string[]): Entry[] {
    if (!ids.length) return [];
    const rows = new Map(this.db.prepare('SELECT id, data FROM entry WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as [string, string][]);
    return ids.flatMap((id) => {
      const d = rows.get(id);
      return d === undefined ? [] : [JSON.parse(d) as Entry];
    });
  }

  /** Of some entry ids, those that pass the filter, in the order given (a ranked search result, filtered further). */
  entryIdsWhere(ids: readonly string[], filter: EntryListFilter): string[] {
    if (!ids.length) return [];
    const w = this.listWhere(filter);
    const cond = w.sql ? `${w.sql} AND` : 'WHERE';
    const pass = new Set(this.db.prepare(`SELECT id FROM entry ${cond} id IN (SELECT value FROM json_each(?))`).pluck().all(...w.args, JSON.stringify(ids)) as string[]);
    return ids.filter((id) => pass.has(id));
  }

  /** The organization of each of some entries (entries without one are left out). */
  organizationsOf(entryIds: readonly string[]): Map<string, OrganizationRow> {
    const out = new Map<string, OrganizationRow>();
    if (!entryIds.length) return out;
    const rows = this.db
      .prepare('SELECT e.id AS entryId, o.id, o.name, o.url FROM entry e JOIN organization o ON o.id = e.organization_id WHERE e.id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(entryIds)) as { entryId: string; id: string; name: string; url: string | null }[];
    for (const r of rows) out.set(r.entryId, { id: r.id, name: JSON.parse(r.name) as LocalText, url: r.url });
    return out;
  }

  /** Organizations in id order, a page at a time, and how many there are. */
  organizations(page: { offset?: number; limit?: number } = {}): { organizations: OrganizationRow[]; total: number } {
    const total = this.db.prepare('SELECT COUNT(*) FROM organization').pluck().get() as number;
    const rows = this.db.prepare('SELECT id, name, url FROM organization ORDER BY id LIMIT ? OFFSET ?').all(page.limit ?? -1, page.offset ?? 0) as { id: string; name: string; url: string | null }[];
    return { organizations: rows.map((r) => ({ id: r.id, name: JSON.parse(r.name) as LocalText, url: r.url })), total };
  }

  organization(id: string): OrganizationRow | null {
    const r = this.db.prepare('SELECT id, name, url FROM organization WHERE id = ?').get(id) as { id: string; name: string; url: string | null } | undefined;
    return r ? { id: r.id, name: JSON.parse(r.name) as LocalText, url: r.url } : null;
  }

  /** Facilities' locations in id order, a page at a time, and how many there are. */
  locations(page: { offset?: number; limit?: number } = {}): { locations: LocationRow[]; total: number } {
    const total = this.db.prepare('SELECT COUNT(*) FROM location').pluck().get() as number;
    const rows = this.db.prepare(`SELECT ${LOCATION_COLUMNS} FROM location ORDER BY id LIMIT ? OFFSET ?`).all(page.limit ?? -1, page.offset ?? 0) as LocationRow[];
    return { locations: rows, total };
  }

  location(id: string): LocationRow | null {
    return (this.db.prepare(`SELECT ${LOCATION_COLUMNS} FROM location WHERE id = ?`).get(id) as LocationRow | undefined) ?? null;
  }

  /** The catalogue services offered at each of some locations (services that are in this catalogue), in id order. */
  servicesAtLocations(locationIds: readonly string[]): Map<string, string[]> {
    return this.pairs('SELECT s.location_id, s.service_id FROM service_at_location s JOIN entry e ON e.id = s.service_id WHERE s.location_id IN (SELECT value FROM json_each(?)) ORDER BY s.location_id, s.service_id', locationIds);
  }

  /** The locations each of some services is offered at, in id order. */
  locationsOfServices(serviceIds: readonly string[]): Map<string, string[]> {
    return this.pairs('SELECT service_id, location_id FROM service_at_location WHERE service_id IN (SELECT value FROM json_each(?)) ORDER BY service_id, location_id', serviceIds);
  }

  private pairs(sql: string, keys: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (!keys.length) return out;
    for (const [k, v] of this.db.prepare(sql).raw().all(JSON.stringify(keys)) as [string, string][]) {
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    }
    return out;
  }

  /** Every id in the catalogue: entries (with their kind), locations, organizations — to map stable public ids back to them. */
  identifiers(): { entries: { id: string; kind: Kind }[]; locations: string[]; organizations: string[] } {
    return {
      entries: this.db.prepare('SELECT id, kind FROM entry').all() as { id: string; kind: Kind }[],
      locations: this.db.prepare('SELECT id FROM location').pluck().all() as string[],
      organizations: this.db.prepare('SELECT id FROM organization').pluck().all() as string[],
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function computeStats(db: DB): Omit<CatalogueStats, 'version' | 'built_at'> {
  const count = (sql: string) => Object.fromEntries((db.prepare(sql).raw().all() as [string, number][]).map(([k, v]) => [k, v]));
  const byStage = count('SELECT stage, COUNT(*) FROM entry_stage GROUP BY stage');
  return {
    total: db.prepare('SELECT COUNT(*) FROM entry').pluck().get() as number,
    by_kind: count('SELECT kind, COUNT(*) FROM entry GROUP BY kind ORDER BY kind'),
    by_stage: Object.fromEntries(STAGE_IDS.map((s) => [s, byStage[s] ?? 0])),
    by_category: count('SELECT category, COUNT(*) FROM entry GROUP BY category ORDER BY category'),
    faq: db.prepare('SELECT COUNT(*) FROM faq').pluck().get() as number,
    verify_before_use: db.prepare('SELECT COUNT(*) FROM entry WHERE verify_before_use = 1').pluck().get() as number,
  };
}

/** Accepts a stage id (infant) or its Korean label (영유아). */
export function parseStage(s: string): StageId | null {
  if ((STAGE_IDS as string[]).includes(s)) return s as StageId;
  const hit = STAGE_IDS.find((id) => STAGES[id] === s || STAGES[id].replace('·', '') === s.replace(/[·\s]/g, ''));
  return hit ?? null;
}

export const CATALOGUE_FILE = 'catalogue.sqlite';
