/**
 * Read side of the local catalogue: one object the core services use (CLI, web host, Electron).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type DB } from '../sqlite.js';
import { Searcher, type SearchFilters, type SearchHit } from '../search/searcher.js';
import { compileCatalogue, EMBEDDED_CATALOGUE } from './compile.js';
import { STAGE_IDS, STAGES, type Entry, type Faq, type StageId } from './schema.js';

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

export class Catalogue {
  readonly searcher: Searcher;
  constructor(readonly db: DB, readonly file: string) {
    this.searcher = new Searcher(db);
  }

  meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }

  search(query: string, opts: { filters?: SearchFilters; limit?: number } = {}): SearchHit[] {
    return this.searcher.search(query, opts);
  }

  entry(id: string): Entry | null {
    const data = this.db.prepare('SELECT data FROM entry WHERE id = ?').pluck().get(id) as string | undefined;
    return data ? (JSON.parse(data) as Entry) : null;
  }

  entries(filter: { stage?: StageId; category?: string; kind?: string } = {}): Entry[] {
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
    const sql = `SELECT data FROM entry ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY status = 'discontinued', title_ko`;
    return (this.db.prepare(sql).pluck().all(...args) as string[]).map((d) => JSON.parse(d) as Entry);
  }

  faq(): Faq[] {
    return (this.db.prepare('SELECT data FROM faq ORDER BY position').pluck().all() as string[]).map((d) => JSON.parse(d) as Faq);
  }

  stats(): CatalogueStats {
    const count = (sql: string) => Object.fromEntries((this.db.prepare(sql).raw().all() as [string, number][]).map(([k, v]) => [k, v]));
    const byStage = count('SELECT stage, COUNT(*) FROM entry_stage GROUP BY stage');
    return {
      version: this.meta('version') ?? 'unknown',
      built_at: this.meta('built_at') ?? 'unknown',
      total: this.db.prepare('SELECT COUNT(*) FROM entry').pluck().get() as number,
      by_kind: count('SELECT kind, COUNT(*) FROM entry GROUP BY kind ORDER BY kind'),
      by_stage: Object.fromEntries(STAGE_IDS.map((s) => [s, byStage[s] ?? 0])),
      by_category: count('SELECT category, COUNT(*) FROM entry GROUP BY category ORDER BY category'),
      faq: this.db.prepare('SELECT COUNT(*) FROM faq').pluck().get() as number,
      verify_before_use: this.db.prepare('SELECT COUNT(*) FROM entry WHERE verify_before_use = 1').pluck().get() as number,
    };
  }

  close(): void {
    this.db.close();
  }
}

/** Accepts a stage id (infant) or its Korean label (영유아). */
export function parseStage(s: string): StageId | null {
  if ((STAGE_IDS as string[]).includes(s)) return s as StageId;
  const hit = STAGE_IDS.find((id) => STAGES[id] === s || STAGES[id].replace('·', '') === s.replace(/[·\s]/g, ''));
  return hit ?? null;
}

export const CATALOGUE_FILE = 'catalogue.sqlite';

/**
 * Opens the catalogue: from a data folder (the device's synced copy, seeded from the
 * embedded default the first time) or, without one, the embedded default itself
 * (compiled from source if this checkout has not built it yet).
 */
export function openCatalogue(opts: { dataDir?: string } = {}): Catalogue {
  if (!existsSync(EMBEDDED_CATALOGUE) && (!opts.dataDir || !existsSync(join(opts.dataDir, CATALOGUE_FILE)))) compileCatalogue();
  if (!opts.dataDir) return new Catalogue(openDatabase(EMBEDDED_CATALOGUE, { readonly: true }), EMBEDDED_CATALOGUE);
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, CATALOGUE_FILE);
  if (!existsSync(file)) copyFileSync(EMBEDDED_CATALOGUE, file);
  return new Catalogue(openDatabase(file, { readonly: true }), file);
}
