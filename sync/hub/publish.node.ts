/**
 * Publishing: the catalogue source compiled into a new version — an immutable snapshot (the
 * whole catalogue database, search index included, brotli-compressed: a kiosk renames it into
 * place and rebuilds nothing) plus a delta from the previous version (entries put and deleted,
 * FAQ, synonyms, and the search index of the changed entries), described by a manifest signed
 * with the hub's ed25519 key. The files go to the hub's files/ folder, where any static server
 * (or the hub) serves them; the store records the version.
 *
 * Order, so that a crash at any moment leaves a hub that publishes correctly next time: the
 * files of version N are written (each atomically) first; then the store records N (the
 * commit point); then latest.json and the hub's working copy (catalogue/current.sqlite, what
 * the next delta is computed from and what the Open API reads) are moved forward. A publish
 * that finds the working copy behind the store (a crash after the commit) finishes that step
 * first, from catalogue/next-N.sqlite; if that is gone too, the next version has no delta
 * (kiosks take its snapshot).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileCatalogue, writeCatalogueFile } from '../../db/catalogue/compile.js';
import { diffCatalogues, encodeDelta } from '../../db/catalogue/delta.js';
import type { CatalogueSource } from '../../db/catalogue/load.js';
import { sourceHash } from '../../db/catalogue/compile.js';
import { openDatabase, type DB, type Migration } from '../../db/sqlite.js';
import type { Logger } from '../../core/log.node.js';
import { deltaName, filesOf, LATEST, manifestName, MANIFEST_FORMAT, snapshotName, type FileRef, type Manifest } from '../protocol/manifest.js';
import { openEnvelope, signManifest, type HubKeys } from '../protocol/keys.node.js';
import { HubStoreError } from './store.node.js';
import { compressBytes, compressFileInParts, writeFileAtomic } from '../protocol/files.node.js';
import { BUNDLE_MANIFEST, writeTar } from '../protocol/bundle.node.js';
import type { HubLayout } from './layout.node.js';
import type { HubStore, VersionRecord } from './store.js';

export interface PublishContext {
  layout: HubLayout;
  store: HubStore;
  keys: HubKeys;
  logger: Logger;
  /** the catalogue store's migrations (resources/migrations/catalogue) */
  migrations: Migration[];
  now?: () => Date;
  /** the raw size of a snapshot part (default PART_BYTES; tests make parts of small catalogues) */
  partBytes?: number;
}

export interface PublishResult {
  version: number;
  created_at: string;
  catalogue_version: string;
  entries: number;
  /** the source is the same as the newest version's: nothing was published */
  unchanged: boolean;
  changes: { put: number; deleted: number } | null;
  files: { name: string; size: number }[];
  ms: number;
}

export type PublishSource = { sourceDir: string } | { source: CatalogueSource; hash: string };

const meta = (db: DB, key: string): string | undefined => db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(key) as string | undefined;

function withDb<T>(file: string, f: (db: DB) => T, opts: { readonly?: boolean } = { readonly: true }): T {
  const db = openDatabase(file, opts.readonly ? { readonly: true } : { journal: 'delete' });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

const nextFile = (layout: HubLayout, v: number) => join(layout.work, `next-${v}.sqlite`);

/** Brings the working copy up to the store's newest version after a crash (see the header). */
function recover(ctx: PublishContext, latest: VersionRecord | null): number | null {
  const { layout } = ctx;
  if (!latest) return null;
  const at = existsSync(layout.current) ? Number(withDb(layout.current, (db) => meta(db, 'hub_version') ?? '0')) : 0;
  if (at === latest.version) return at;
  const next = nextFile(layout, latest.version);
  if (existsSync(next)) {
    renameSync(next, layout.current);
    writeFileAtomic(join(layout.files, LATEST), latest.envelope);
    ctx.logger.warn({ event: 'hub.publish_recovered', version: latest.version }, `finished publishing version ${latest.version} (interrupted before)`);
    return latest.version;
  }
  ctx.logger.warn({ event: 'hub.working_copy_missing', version: latest.version, have: at }, `the working copy of version ${latest.version} is missing: the next version is published without a delta`);
  return null;
}

/**
 * The version the folder's latest.json announces to kiosks, checked against the store's newest: a
 * store that has fewer versions than the files already published (a PostgreSQL hub's database
 * emptied or swapped) would publish numbers kiosks already have, with other contents — and every
 * kiosk that has them refuses the new ones as a rollback. Refused, nothing written.
 */
function checkAnnounced(ctx: PublishContext, latest: VersionRecord | null): void {
  const file = join(ctx.layout.files, LATEST);
  if (!existsSync(file)) return;
  let announced: number;
  try {
    announced = openEnvelope(JSON.parse(readFileSync(file, 'utf8')), ctx.keys.publicKey).version;
  } catch (e) {
    throw new HubStoreError('wrong_store', `${file} is not a manifest this hub signed (${(e as Error).message}); move the folder's files/ aside if it is not this hub's; nothing was published`, { cause: e });
  }
  const have = latest?.version ?? 0;
  if (announced > have)
    throw new HubStoreError(
      'wrong_store',
      `${file} announces version ${announced} to kiosks, but the hub's store holds ${have ? `versions up to ${have}` : 'no version'}: the store is not the one this folder was published with (a PostgreSQL hub: give --database-url with its server); nothing was published`,
    );
}

export async function publish(ctx: PublishContext, from: PublishSource): Promise<PublishResult> {
  const t0 = performance.now();
  const { layout, store, logger } = ctx;
  for (const d of [layout.files, layout.work]) mkdirSync(d, { recursive: true });
  const latest = await store.latest();
  checkAnnounced(ctx, latest);
  const base = recover(ctx, latest);
  const hash = 'sourceDir' in from ? sourceHash(from.sourceDir) : from.hash;
  if (latest && base === latest.version && withDb(layout.current, (db) => meta(db, 'source_hash')) === hash) {
    logger.info({ event: 'hub.publish_unchanged', version: latest.version }, `the catalogue source is unchanged since version ${latest.version}: nothing published`);
    return { version: latest.version, created_at: latest.created_at, catalogue_version: latest.catalogue_version, entries: latest.entries, unchanged: true, changes: null, files: [], ms: Math.round(performance.now() - t0) };
  }
  const version = (latest?.version ?? 0) + 1;
  const createdAt = (ctx.now?.() ?? new Date()).toISOString();
  const built = nextFile(layout, version);
  rmSync(built, { force: true });
  const compiled =
    'sourceDir' in from
      ? compileCatalogue({ sourceDir: from.sourceDir, out: built, migrations: ctx.migrations })
      : writeCatalogueFile(from.source, { out: built, hash: from.hash, migrations: ctx.migrations });
  withDb(
    built,
    (db) => {
      const set = db.prepare('INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES (?, ?)');
      set.run('hub_version', String(version));
      set.run('hub_created_at', createdAt);
    },
    { readonly: false },
  );

  const files: FileRef[] = (await compressFileInParts(built, layout.files, (part) => snapshotName(version, part), ctx.partBytes)).map((p) => ({ ...p, kind: 'snapshot' as const, encoding: 'br' as const }));
  let changes: PublishResult['changes'] = null;
  if (base !== null && latest) {
    const delta = withDb(layout.current, (prev) => withDb(built, (next) => diffCatalogues(prev, next, latest.version, version)));
    changes = { put: delta.body.put.length, deleted: delta.body.deleted.length };
    const { bytes, ref } = await compressBytes(encodeDelta(delta));
    const name = deltaName(latest.version, version);
    writeFileAtomic(join(layout.files, name), bytes);
    files.push({ name, kind: 'delta', from: latest.version, encoding: 'br', ...ref });
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version,
    created_at: createdAt,
    catalogue_version: compiled.version,
    schema: ctx.migrations.length,
    entries: compiled.entries,
    previous: latest?.version ?? null,
    key_id: ctx.keys.keyId,
    files,
  };
  const envelope = JSON.stringify(signManifest(manifest, ctx.keys));
  writeFileAtomic(join(layout.files, manifestName(version)), envelope);
  // the commit point: the store records the version
  await store.insert({ version, created_at: createdAt, catalogue_version: compiled.version, entries: compiled.entries, envelope, files: files.map((f) => f.name) });
  renameSync(built, layout.current);
  writeFileAtomic(join(layout.files, LATEST), envelope);
  const result: PublishResult = {
    version,
    created_at: createdAt,
    catalogue_version: compiled.version,
    entries: compiled.entries,
    unchanged: false,
    changes,
    files: files.map((f) => ({ name: f.name, size: f.size })),
    ms: Math.round(performance.now() - t0),
  };
  logger.info({ event: 'hub.published', ...result }, `published catalogue version ${version}`);
  return result;
}

/**
 * A USB bundle of the newest version: its signed manifest and its snapshot (all its parts) in one tar file
 * (written beside the target and renamed into place).
 */
export async function exportBundle(ctx: { layout: HubLayout; store: HubStore }, file: string): Promise<{ version: number; file: string; size: number }> {
  const latest = await ctx.store.latest();
  if (!latest) throw new Error('nothing has been published yet: run `cli hub publish` first');
  const m = JSON.parse(Buffer.from((JSON.parse(latest.envelope) as { payload: string }).payload, 'base64').toString('utf8')) as Manifest;
  const parts = filesOf(m).snapshot.map((f) => ({ name: f.name, path: join(ctx.layout.files, f.name) }));
  for (const p of parts) if (!existsSync(p.path)) throw new Error(`${p.name} of version ${latest.version} is missing from ${ctx.layout.files}`);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await writeTar(tmp, [{ name: BUNDLE_MANIFEST, data: Buffer.from(latest.envelope) }, ...parts]);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { version: latest.version, file, size: statSync(file).size };
}

/** The signed envelope of a version, as served. */
export const envelopeOf = (layout: HubLayout, version: number): string => readFileSync(join(layout.files, manifestName(version)), 'utf8');
