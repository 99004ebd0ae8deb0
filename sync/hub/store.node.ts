/**
 * The hub's store (store.ts: HubStore) with PostgreSQL semantics: embedded PGlite in the data
 * folder by default (no setup), or a PostgreSQL server with `--database-url postgres://…`
 * (node-postgres). Both run the same SQL, the same migrations (db/migrations/hub/*.sql,
 * recorded by name and SHA-256 in schema_migration, as db/sqlite.ts does for SQLite) and the
 * same tests (store.node.test.ts).
 *
 * PGlite has no lock of its own: whoever opens the store first takes the data folder's lock
 * (lock.node.ts; O_EXCL, holding the pid) and keeps it until close(). The lock is taken with a
 * PostgreSQL server too: the data folder also holds the published files, which one hub writes.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { privateDir } from '../../core/private-files.node.js';
import { resourcesFor } from '../../core/env.node.js';
import type { Logger } from '../../core/log.node.js';
import { readMigrations, type Migration } from '../../db/sqlite.js';
import type { HubLayout } from './layout.node.js';
import type { HubStore, VersionRecord } from './store.js';
import { LockError, takeLock, type Lock } from './lock.node.js';

export type HubStoreErrorCode = 'in_use' | 'version_conflict' | 'bad_record' | 'schema_newer' | 'schema_edited' | 'unreachable' | 'bad_url' | 'closed';

/** What went wrong with the hub's store, in words an operator can act on. */
export class HubStoreError extends Error {
  constructor(
    readonly code: HubStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HubStoreError';
  }
}

export interface OpenHubStoreOptions {
  layout: HubLayout;
  /** postgres://user:password@host:port/database — a PostgreSQL server instead of the embedded PGlite */
  databaseUrl?: string;
  logger: Logger;
  /** the hub store's migrations (default: migrations/hub of the app's resources, found from where this program lies) */
  migrations?: Migration[];
}

/** The hub store's migrations among the app's resources (dist/resources beside a bundle, the source tree under tsx). */
export const hubMigrations = (moduleUrl: string = import.meta.url): Migration[] => readMigrations(join(resourcesFor(moduleUrl).migrations, 'hub'));

/** A database URL as it may be shown or logged: without its password. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Checks a --database-url: a postgres:// or postgresql:// URL naming a host; throws HubStoreError('bad_url') saying what is wrong. */
export function checkDatabaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HubStoreError('bad_url', `"${url.slice(0, 80).replace(/:[^:@/]*@/, ':***@')}" is not a URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new HubStoreError('bad_url', `${safeUrl(url)} is not a PostgreSQL URL; it starts with postgres:// (e.g. postgres://hub@127.0.0.1:5432/hub)`);
}

/** One connection's worth of SQL: what the store and the migrations need of either backend. */
interface Sql {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** several statements, no parameters */
  exec(sql: string): Promise<void>;
}
interface Backend extends Sql {
  kind: 'pglite' | 'postgres';
  /** runs fn in one transaction: committed when it resolves, rolled back when it throws */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function pgliteBackend(dir: string): Promise<Backend> {
  const db = await PGlite.create(dir);
  const sql = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    query: async <T>(s: string, p?: unknown[]) => (await q.query<T>(s, p)).rows,
    exec: async (s: string) => void (await q.exec(s)),
  });
  return {
    kind: 'pglite',
    ...sql(db),
    // inside the callback only `tx` may be used: the outer db waits for the commit (REFERENCE.md §1)
    transaction: (fn) => db.transaction((tx) => fn(sql(tx))),
    close: () => db.close(),
  };
}

async function postgresBackend(url: string, logger: Logger): Promise<Backend> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, application_name: 'aichingu-hub' });
  // an idle connection the server closes (a restart) must not crash the hub: logged, and the pool opens a new one
  pool.on('error', (e) => logger.error({ err: e }, 'a connection to the hub database failed while idle'));
  const sql = (q: pg.Pool | pg.PoolClient): Sql => ({
    query: async <T>(s: string, p?: unknown[]) => (await q.query(s, p)).rows as T[],
    exec: async (s: string) => void (await q.query(s)),
  });
  return {
    kind: 'postgres',
    ...sql(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const r = await fn(sql(client));
        await client.query('COMMIT');
        return r;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (re) {
          broken = re as Error; // this connection is not reused
          logger.error({ err: re }, 'the hub database could not roll a transaction back; its connection is dropped');
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

const MIGRATION_LOCK = 1_279_001; // pg_advisory_xact_lock key: two hubs migrating one database take turns

/**
 * Applies the pending migrations, one transaction each; refuses a database from a newer app
 * or with edited history (as db/sqlite.ts does). Returns the names applied.
 */
async function migrate(db: Backend, migrations: Migration[]): Promise<string[]> {
  const applied: string[] = [];
  for (;;) {
    const next = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await tx.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migration ORDER BY version');
      for (const d of done) {
        const m = migrations[d.version - 1];
        if (!m)
          throw new HubStoreError('schema_newer', `the hub database is at schema version ${done.length}, newer than this app (${migrations.length}); update the hub instead of opening this database with it`);
        if (m.checksum !== d.checksum) throw new HubStoreError('schema_edited', `hub migration ${d.name} was changed after it was applied; add a new migration instead of editing an old one`);
      }
      const m = migrations[done.length];
      if (!m) return null;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return m.name;
    });
    if (next === null) return applied;
    applied.push(next);
  }
}

interface Row {
  version: number;
  created_at: Date | string;
  catalogue_version: string;
  entries: number;
  envelope: string;
  files: string[];
}
const COLUMNS = 'version, created_at, catalogue_version, entries, envelope, files';
const record = (r: Row): VersionRecord => ({
  version: Number(r.version),
  created_at: new Date(r.created_at).toISOString(),
  catalogue_version: r.catalogue_version,
  entries: Number(r.entries),
  envelope: r.envelope,
  files: [...r.files],
});

const INT4_MAX = 2_147_483_647;
const isCount = (n: unknown, min: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= INT4_MAX;

/** A record the store accepts; throws HubStoreError('bad_record') naming the field. */
function checkRecord(r: VersionRecord): void {
  const bad = (field: string, what: string) => new HubStoreError('bad_record', `version record field "${field}": ${what}`);
  if (!isCount(r?.version, 1)) throw bad('version', 'must be a whole number from 1');
  if (typeof r.created_at !== 'string' || Number.isNaN(Date.parse(r.created_at))) throw bad('created_at', 'must be an ISO time');
  if (typeof r.catalogue_version !== 'string' || !r.catalogue_version) throw bad('catalogue_version', 'must be a non-empty string');
  if (!isCount(r.entries, 0)) throw bad('entries', 'must be a whole number from 0');
  if (typeof r.envelope !== 'string' || !r.envelope) throw bad('envelope', 'must be the signed envelope (non-empty text)');
  if (!Array.isArray(r.files) || !r.files.length || !r.files.every((f) => typeof f === 'string' && /^[a-z0-9][a-z0-9.-]*$/.test(f))) throw bad('files', 'must list the version\'s plain file names');
}

export async function openHubStore(o: OpenHubStoreOptions): Promise<HubStore> {
  const { layout, logger } = o;
  if (o.databaseUrl !== undefined) checkDatabaseUrl(o.databaseUrl);
  const migrations = o.migrations ?? hubMigrations();
  privateDir(layout.dataDir); // PGlite creates its files 0666: its parent must be private (REFERENCE.md §1)
  let lock: Lock;
  try {
    lock = takeLock(layout.lock, `the hub store ${layout.dataDir}`, (pid) => logger.warn({ lock: layout.lock, stale_pid: pid }, 'took over the lock of a hub store whose process is gone'));
  } catch (e) {
    if (e instanceof LockError) throw new HubStoreError('in_use', e.message, { cause: e });
    throw e;
  }
  let db: Backend | undefined;
  try {
    if (o.databaseUrl !== undefined) {
      db = await postgresBackend(o.databaseUrl, logger);
    } else {
      privateDir(layout.pglite);
      db = await pgliteBackend(layout.pglite);
    }
    let applied: string[];
    try {
      applied = await migrate(db, migrations);
    } catch (e) {
      if (e instanceof HubStoreError || o.databaseUrl === undefined) throw e;
      throw new HubStoreError('unreachable', `cannot use the hub database ${safeUrl(o.databaseUrl)}: ${(e as Error).message}`, { cause: e });
    }
    logger.info({ store: db.kind, where: db.kind === 'postgres' ? safeUrl(o.databaseUrl!) : layout.pglite, migrations_applied: applied }, 'hub store opened');
  } catch (e) {
    try {
      await db?.close();
    } catch (ce) {
      logger.error({ err: ce }, 'closing the hub store after it failed to open failed too');
    }
    lock.release();
    throw e;
  }
  const backend = db;
  let closed: Promise<void> | null = null;
  const open = () => {
    if (closed) throw new HubStoreError('closed', 'the hub store is closed');
    return backend;
  };
  const one = async (where: string, params: unknown[]): Promise<VersionRecord | null> => {
    const rows = await open().query<Row>(`SELECT ${COLUMNS} FROM catalogue_version ${where}`, params);
    return rows[0] ? record(rows[0]) : null;
  };
  return {
    latest: () => one('ORDER BY version DESC LIMIT 1', []),
    get: async (version) => (isCount(version, 1) ? one('WHERE version = $1', [version]) : null),
    list: async () => (await open().query<Row>(`SELECT ${COLUMNS} FROM catalogue_version ORDER BY version`)).map(record),
    insert: async (r) => {
      checkRecord(r);
      await open().transaction(async (tx) => {
        // one writer at a time (readers go on): the check and the insert see the same latest version
        await tx.exec('LOCK TABLE catalogue_version IN SHARE ROW EXCLUSIVE MODE');
        const [max] = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM catalogue_version');
        const latest = max?.v ?? 0;
        if (r.version !== latest + 1)
          throw new HubStoreError(
            'version_conflict',
            r.version <= latest
              ? `version ${r.version} is already published (the latest is ${latest}); the next one is ${latest + 1}`
              : `version ${r.version} cannot follow version ${latest || 'none'}: the next one is ${latest + 1}`,
          );
        await tx.query(`INSERT INTO catalogue_version (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [r.version, r.created_at, r.catalogue_version, r.entries, r.envelope, r.files]);
      });
    },
    close: () =>
      (closed ??= (async () => {
        try {
          await backend.close();
        } finally {
          lock.release();
          logger.info({ store: backend.kind }, 'hub store closed');
        }
      })()),
  };
}
