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
import { createHash, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { privateDir } from '../../core/private-files.node.js';
import { resourcesFor } from '../../core/env.node.js';
import type { Logger } from '../../core/log.node.js';
import { readMigrations, type Migration } from '../../db/sqlite.js';
import type { HubLayout } from './layout.node.js';
import type { ApplicationRecord, ApplicationStatus, DeviceRecord, HubStore, NewApplication, PutOutcome, ReceiptRecord, VersionRecord } from './store.js';
import { MAX_SEALED_BYTES, parseReceipt, RECEIPT_BLOCK_SIZE, receiptBlockOf, receiptOf, SERVICE_ID } from '../protocol/intake.js';
import { LockError, takeLock, type Lock } from '../../core/lock.node.js';
import { writeFileAtomic } from '../protocol/files.node.js';
import { LATEST } from '../protocol/manifest.js';

export type HubStoreErrorCode = 'wrong_store' | 'in_use' | 'version_conflict' | 'bad_record' | 'schema_newer' | 'schema_edited' | 'unreachable' | 'bad_url' | 'closed' | 'name_taken';

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

/** Query parameters of a PostgreSQL URL that hold a secret (node-postgres reads every parameter as a connection setting). */
const SECRET_PARAMS = ['password', 'sslpassword', 'sslkey'];

/** A database URL as it may be shown or logged: without its password, in the user part or in the query (?password=…). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of [...u.searchParams.keys()]) if (SECRET_PARAMS.includes(k.toLowerCase())) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Where a PostgreSQL store is, as DATA/store.json keeps it: user, host, port and database only (no password, no query). */
export function storeWhere(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
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
  const { PGlite } = await import('@electric-sql/pglite'); // loaded when a store opens (not by `cli hub key`)
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
  const { default: pgm } = await import('pg');
  const pool = new pgm.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, application_name: 'aichingu-hub' });
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

// ---- intake: devices, codes, applications ----

interface DeviceRow {
  id: string;
  name: string;
  public_key: string;
  enrolled_at: Date | string;
  revoked_at: Date | string | null;
}
const DEVICE_COLUMNS = 'id, name, public_key, enrolled_at, revoked_at';
const iso = (t: Date | string): string => new Date(t).toISOString();
const deviceOf = (r: DeviceRow): DeviceRecord => ({ id: r.id, name: r.name, public_key: r.public_key, enrolled_at: iso(r.enrolled_at), revoked_at: r.revoked_at === null ? null : iso(r.revoked_at) });

interface ApplicationRow {
  client_id: string;
  device_id: string;
  service: string;
  created_at: string;
  received_at: Date | string;
  size: number;
  sealed: Uint8Array;
  digest: string;
  receipt: string;
  status: ApplicationStatus;
  status_at: Date | string | null;
  status_reason: string | null;
}
const APPLICATION_COLUMNS = 'client_id, device_id, service, created_at, received_at, size, sealed, digest, receipt, status, status_at, status_reason';
const applicationOf = (r: ApplicationRow): ApplicationRecord => ({
  client_id: r.client_id,
  device_id: r.device_id,
  service: r.service,
  created_at: r.created_at,
  received_at: iso(r.received_at),
  size: Number(r.size),
  sealed: Buffer.from(r.sealed),
  digest: r.digest,
  receipt: r.receipt,
  status: r.status,
  status_at: r.status_at === null ? null : iso(r.status_at),
  status_reason: r.status_reason,
});
interface ReceiptRow {
  receipt: string;
  service: string;
  status: ApplicationStatus;
  received_at: Date | string;
  status_at: Date | string | null;
  status_reason: string | null;
}
const RECEIPT_COLUMNS = 'receipt, service, status, received_at, status_at, status_reason';
const receiptRecordOf = (r: ReceiptRow): ReceiptRecord => ({
  receipt: r.receipt,
  service: r.service,
  status: r.status,
  received_at: iso(r.received_at),
  status_at: r.status_at === null ? null : iso(r.status_at),
  reason: r.status_reason,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEVICE_ID = /^dev_[0-9a-f]{32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY_LINE = /^ed25519:[A-Za-z0-9+/]{43}=$/;
const badIntake = (what: string, field: string, how: string) => new HubStoreError('bad_record', `${what} field "${field}": ${how}`);
const checkName = (name: unknown, what: string) => {
  if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 64) throw badIntake(what, 'name', 'must be 1 to 64 characters');
};
function checkApplication(a: NewApplication): void {
  const bad = (f: string, how: string) => badIntake('application', f, how);
  if (typeof a?.client_id !== 'string' || !UUID.test(a.client_id)) throw bad('client_id', 'must be a UUID in lower case');
  if (typeof a.device_id !== 'string' || !DEVICE_ID.test(a.device_id)) throw bad('device_id', 'must be a device id (dev_ and 32 hex digits)');
  if (typeof a.service !== 'string' || !SERVICE_ID.test(a.service)) throw bad('service', 'must be a service id (a-z, 0-9 and dashes)');
  if (typeof a.created_at !== 'string' || Number.isNaN(Date.parse(a.created_at))) throw bad('created_at', 'must be an ISO time');
  if (!(a.sealed instanceof Uint8Array) || a.sealed.length < 1 || a.sealed.length > MAX_SEALED_BYTES) throw bad('sealed', `must be 1 to ${MAX_SEALED_BYTES} bytes`);
  if (a.receipt !== undefined && (typeof a.receipt !== 'string' || parseReceipt(a.receipt) !== a.receipt)) throw bad('receipt', 'must be a receipt number NNNN-NNNN-C whose last digit checks the others');
}

const sha256hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';
/** rows per INSERT: 8 parameters each, far under PostgreSQL's 65,535 */
const PUT_CHUNK = 500;
const RECEIPT_TRIES = 8;
/** from this try on, a number the hub draws comes from a block of its own given just now (its older blocks are getting full) */
const FRESH_BLOCK_TRY = 2;
/** blocks a device may hold from which the hub has received nothing yet (giveReceiptBlock) */
export const MAX_UNUSED_BLOCKS = 2;

/**
 * Gives a free prefix (0001 … 9999, drawn at random: one block's prefix does not tell how many
 * others there are) to the device, or to the hub itself (null). Two hub processes drawing the
 * same prefix at once: one gets it, the other draws again. null when none is free.
 */
async function allocateBlock(q: Sql, deviceId: string | null): Promise<string | null> {
  for (let i = 0; i < RECEIPT_TRIES; i++) {
    const [free] = await q.query<{ prefix: string }>(
      `SELECT lpad(p::text, 4, '0') AS prefix FROM generate_series(1, 9999) AS p
       WHERE NOT EXISTS (SELECT 1 FROM receipt_block b WHERE b.prefix = lpad(p::text, 4, '0')) ORDER BY random() LIMIT 1`,
    );
    if (!free) return null;
    const [got] = await q.query<{ prefix: string }>('INSERT INTO receipt_block (prefix, device_id) VALUES ($1, $2) ON CONFLICT (prefix) DO NOTHING RETURNING prefix', [free.prefix, deviceId]);
    if (got) return got.prefix;
  }
  throw new Error(`no receipt block could be given after ${RECEIPT_TRIES} tries: other hub processes took each one drawn`);
}

/** The intake's half of the store, over either backend (one SQL). */
function intakeStore(open: () => Backend): Omit<HubStore, 'latest' | 'get' | 'list' | 'insert' | 'close'> {
  const nameTaken = (name: string) =>
    new HubStoreError('name_taken', `a device named "${name}" is enrolled and not revoked; revoke it first (cli hub revoke-device "${name}") or choose another name`);

  /** Some of the hub's own blocks to draw numbers from, at random; a block given now when `fresh` or when it has none. */
  async function hubBlocks(fresh: boolean): Promise<string[]> {
    if (!fresh) {
      const rows = await open().query<{ prefix: string }>('SELECT prefix FROM receipt_block WHERE device_id IS NULL ORDER BY random() LIMIT 64');
      if (rows.length) return rows.map((r) => r.prefix);
    }
    const p = await allocateBlock(open(), null);
    if (p === null) throw new Error('no free receipt block is left for the hub: every prefix 0001 … 9999 is given');
    return [p];
  }

  /**
   * `count` different numbers from the hub's own blocks, at random, none held by a stored
   * application (so a batch is stored in one statement, in its order; only another hub process
   * drawing the same number at the same moment makes one try again). When the blocks drawn
   * from are getting full (numbers drawn twice in a row were taken), a new block of the hub's own.
   */
  async function drawHubReceipts(count: number, fresh: boolean): Promise<string[]> {
    let blocks = await hubBlocks(fresh);
    const chosen = new Set<string>();
    for (let round = 0; chosen.size < count; round++) {
      if (round === RECEIPT_TRIES) break; // the insert's tries go on with what there is
      if (round >= FRESH_BLOCK_TRY) blocks = await hubBlocks(true);
      const drawn: string[] = [];
      while (chosen.size + drawn.length < count) {
        const r = receiptOf(blocks[randomInt(0, blocks.length)]!, randomInt(0, RECEIPT_BLOCK_SIZE));
        if (!chosen.has(r) && !drawn.includes(r)) drawn.push(r);
      }
      const taken = new Set(
        (await open().query<{ receipt: string }>(`SELECT receipt FROM application WHERE receipt IN (${drawn.map((_, k) => `$${k + 1}`).join(', ')})`, drawn)).map((x) => x.receipt),
      );
      for (const r of drawn) if (!taken.has(r)) chosen.add(r);
      if (!taken.size) break;
    }
    // (should the rounds run out, the numbers still missing are drawn without the check: the insert tries again)
    const out = [...chosen];
    while (out.length < count) out.push(receiptOf(blocks[randomInt(0, blocks.length)]!, randomInt(0, RECEIPT_BLOCK_SIZE)));
    return out;
  }

  async function putChunk(list: NewApplication[]): Promise<PutOutcome[]> {
    const rows = list.map((a) => ({ ...a, digest: sha256hex(a.sealed), given: a.receipt !== undefined, receipt: a.receipt ?? '' }));
    const results: (PutOutcome | undefined)[] = new Array<PutOutcome | undefined>(rows.length);
    // a device's own number is taken only from a block of that device
    const prefixes = [...new Set(rows.filter((r) => r.given).map((r) => receiptBlockOf(r.receipt)))];
    if (prefixes.length) {
      const owners = new Map(
        (await open().query<{ prefix: string; device_id: string | null }>(`SELECT prefix, device_id FROM receipt_block WHERE prefix IN (${prefixes.map((_, k) => `$${k + 1}`).join(', ')})`, prefixes)).map((o) => [
          o.prefix,
          o.device_id,
        ]),
      );
      rows.forEach((r, i) => {
        if (r.given && owners.get(receiptBlockOf(r.receipt)) !== r.device_id) results[i] = { outcome: 'conflict', receipt: 'not_own' };
      });
    }
    let pending = rows.map((_, i) => i).filter((i) => !results[i]);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === RECEIPT_TRIES) throw new Error(`no free receipt number after ${RECEIPT_TRIES} tries: the receipt numbers are nearly used up`);
      const drawn = pending.filter((i) => !rows[i]!.given);
      if (drawn.length) {
        const numbers = await drawHubReceipts(drawn.length, attempt >= FRESH_BLOCK_TRY);
        drawn.forEach((i, k) => (rows[i]!.receipt = numbers[k]!));
      }
      const params: unknown[] = [];
      const values = pending.map((i) => {
        const r = rows[i]!;
        const n = params.push(r.client_id, r.device_id, r.service, r.created_at, r.sealed.length, Buffer.from(r.sealed.buffer, r.sealed.byteOffset, r.sealed.byteLength), r.digest, r.receipt);
        return `(${[8, 7, 6, 5, 4, 3, 2, 1].map((k) => `$${n - k + 1}`).join(', ')})`;
      });
      // ON CONFLICT DO NOTHING: a row already there under the client id (or the receipt number)
      // is left alone; one another hub process is inserting at this moment is waited for
      // (PostgreSQL's speculative insertion), so the lookup below sees it.
      const inserted = await open().query<{ client_id: string; receipt: string; received_at: Date | string }>(
        `INSERT INTO application (client_id, device_id, service, created_at, size, sealed, digest, receipt) VALUES ${values.join(', ')}
         ON CONFLICT DO NOTHING RETURNING client_id, receipt, received_at`,
        params,
      );
      const stored = new Map(inserted.map((r) => [`${r.client_id} ${r.receipt}`, iso(r.received_at)]));
      const left = pending.filter((i) => {
        const key = `${rows[i]!.client_id} ${rows[i]!.receipt}`;
        const at = stored.get(key);
        if (at === undefined) return true;
        stored.delete(key); // one row per client id and receipt, even should the batch hold it twice
        results[i] = { outcome: 'created', receipt: rows[i]!.receipt, received_at: at };
        return false;
      });
      if (!left.length) break;
      const ids = [...new Set(left.map((i) => rows[i]!.client_id))];
      const found = await open().query<{ client_id: string; digest: string; receipt: string; received_at: Date | string }>(
        `SELECT client_id, digest, receipt, received_at FROM application WHERE client_id IN (${ids.map((_, k) => `$${k + 1}`).join(', ')})`,
        ids,
      );
      const byId = new Map(found.map((f) => [f.client_id, f]));
      pending = left.filter((i) => {
        const f = byId.get(rows[i]!.client_id);
        if (f) {
          results[i] = f.digest === rows[i]!.digest ? { outcome: 'same', receipt: f.receipt, received_at: iso(f.received_at) } : { outcome: 'conflict' };
          return false;
        }
        // the device's number is another application's: refused; a number the hub drew was taken: again with other digits
        if (rows[i]!.given) {
          results[i] = { outcome: 'conflict', receipt: 'taken' };
          return false;
        }
        return true;
      });
    }
    return results as PutOutcome[];
  }

  return {
    createCode: async (c) => {
      checkName(c?.name, 'enrolment code');
      if (typeof c.code_sha256 !== 'string' || !SHA256_HEX.test(c.code_sha256)) throw badIntake('enrolment code', 'code_sha256', 'must be a SHA-256 in hex');
      if (typeof c.expires_at !== 'string' || Number.isNaN(Date.parse(c.expires_at))) throw badIntake('enrolment code', 'expires_at', 'must be an ISO time');
      await open().transaction(async (tx) => {
        const active = await tx.query('SELECT 1 FROM device WHERE name = $1 AND revoked_at IS NULL', [c.name]);
        if (active.length) throw nameTaken(c.name);
        // the newest code for a name is the one that counts
        await tx.query('UPDATE enrolment_code SET expires_at = now() WHERE name = $1 AND used_at IS NULL AND expires_at > now()', [c.name]);
        await tx.query('INSERT INTO enrolment_code (code_sha256, name, expires_at) VALUES ($1, $2, $3)', [c.code_sha256, c.name, c.expires_at]);
      });
    },
    enrol: async (e) => {
      if (typeof e?.code_sha256 !== 'string' || !SHA256_HEX.test(e.code_sha256)) return null;
      if (typeof e.device_id !== 'string' || !DEVICE_ID.test(e.device_id)) throw badIntake('device', 'id', 'must be dev_ and 32 hex digits');
      if (typeof e.public_key !== 'string' || !KEY_LINE.test(e.public_key)) throw badIntake('device', 'public_key', 'must be an ed25519 key line');
      return open().transaction(async (tx) => {
        // the row lock makes a second use of the code (another hub process, at once) wait, then find it used
        const [code] = await tx.query<{ name: string }>(
          'UPDATE enrolment_code SET used_at = now() WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > now() RETURNING name',
          [e.code_sha256],
        );
        if (!code) return null;
        let row: DeviceRow | undefined;
        try {
          [row] = await tx.query<DeviceRow>(`INSERT INTO device (id, name, public_key) VALUES ($1, $2, $3) RETURNING ${DEVICE_COLUMNS}`, [e.device_id, code.name, e.public_key]);
        } catch (err) {
          if (isUniqueViolation(err)) throw nameTaken(code.name);
          throw err;
        }
        await tx.query('UPDATE enrolment_code SET device_id = $1 WHERE code_sha256 = $2', [e.device_id, e.code_sha256]);
        return deviceOf(row!);
      });
    },
    device: async (id) => {
      if (typeof id !== 'string' || !DEVICE_ID.test(id)) return null;
      const [r] = await open().query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM device WHERE id = $1`, [id]);
      return r ? deviceOf(r) : null;
    },
    revokeDevice: async (name) => {
      checkName(name, 'device');
      return open().transaction(async (tx) => {
        const [d] = await tx.query<{ revoked_at: Date | string }>('UPDATE device SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING revoked_at', [name]);
        const codes = await tx.query<{ at: Date | string }>('UPDATE enrolment_code SET expires_at = now() WHERE name = $1 AND used_at IS NULL AND expires_at > now() RETURNING now() AS at', [name]);
        if (d) return { name, revoked_at: iso(d.revoked_at) };
        if (codes[0]) return { name, revoked_at: iso(codes[0].at) };
        // revoked before: the same answer again
        const [before] = await tx.query<{ at: Date | string | null }>('SELECT max(revoked_at) AS at FROM device WHERE name = $1', [name]);
        return before?.at ? { name, revoked_at: iso(before.at) } : null;
      });
    },
    devices: async () => (await open().query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM device ORDER BY enrolled_at, id`)).map(deviceOf),
    putApplications: async (list) => {
      if (!Array.isArray(list)) throw badIntake('applications', 'list', 'must be a list');
      list.forEach(checkApplication);
      const out: PutOutcome[] = [];
      for (let i = 0; i < list.length; i += PUT_CHUNK) out.push(...(await putChunk(list.slice(i, i + PUT_CHUNK))));
      return out;
    },
    receipt: async (receipt) => {
      if (typeof receipt !== 'string' || !/^\d{4}-\d{4}-\d$/.test(receipt)) return null;
      const [r] = await open().query<ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM application WHERE receipt = $1`, [receipt]);
      return r ? receiptRecordOf(r) : null;
    },
    applicationByReceipt: async (receipt) => {
      if (typeof receipt !== 'string' || !/^\d{4}-\d{4}-\d$/.test(receipt)) return null;
      const [r] = await open().query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM application WHERE receipt = $1`, [receipt]);
      return r ? applicationOf(r) : null;
    },
    giveReceiptBlock: async (deviceId) => {
      if (typeof deviceId !== 'string' || !DEVICE_ID.test(deviceId)) throw badIntake('receipt block', 'device_id', 'must be a device id (dev_ and 32 hex digits)');
      return open().transaction(async (tx) => {
        // one request of a device at a time (the row lock): two at once do not both take a block
        const [d] = await tx.query<{ id: string }>('SELECT id FROM device WHERE id = $1 FOR UPDATE', [deviceId]);
        if (!d) throw badIntake('receipt block', 'device_id', 'is not a device of this hub');
        const unused = await tx.query<{ prefix: string }>(
          `SELECT b.prefix FROM receipt_block b WHERE b.device_id = $1
             AND NOT EXISTS (SELECT 1 FROM application a WHERE a.device_id = $1 AND left(a.receipt, 4) = b.prefix)
           ORDER BY b.issued_at DESC, b.prefix DESC`,
          [deviceId],
        );
        if (unused.length >= MAX_UNUSED_BLOCKS) return { prefix: unused[0]!.prefix, fresh: false };
        const prefix = await allocateBlock(tx, deviceId);
        return prefix === null ? null : { prefix, fresh: true };
      });
    },
    receiptBlocks: async (deviceId) => {
      const rows =
        deviceId === null
          ? await open().query<{ prefix: string }>('SELECT prefix FROM receipt_block WHERE device_id IS NULL ORDER BY issued_at, prefix')
          : await open().query<{ prefix: string }>('SELECT prefix FROM receipt_block WHERE device_id = $1 ORDER BY issued_at, prefix', [deviceId]);
      return rows.map((r) => r.prefix);
    },
    decide: async (d) => {
      if (typeof d?.receipt !== 'string' || !/^\d{4}-\d{4}-\d$/.test(d.receipt)) throw badIntake('decision', 'receipt', 'must be a receipt number NNNN-NNNN-C');
      if (d.status !== 'confirmed' && d.status !== 'declined') throw badIntake('decision', 'status', 'must be confirmed or declined');
      const reason = d.status === 'declined' ? d.reason : null;
      if (d.status === 'declined' && (typeof reason !== 'string' || [...reason].length < 1 || [...reason].length > 100)) throw badIntake('decision', 'reason', 'a decline needs a reason of 1 to 100 characters');
      const [changed] = await open().query<ReceiptRow>(
        `UPDATE application SET status = $2, status_at = now(), status_reason = $3 WHERE receipt = $1 AND status = 'received' RETURNING ${RECEIPT_COLUMNS}`,
        [d.receipt, d.status, reason],
      );
      if (changed) return { outcome: 'decided', record: receiptRecordOf(changed) };
      const [now] = await open().query<ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM application WHERE receipt = $1`, [d.receipt]);
      if (!now) return { outcome: 'not_found' };
      const record = receiptRecordOf(now);
      return record.status === d.status && record.reason === reason ? { outcome: 'same', record } : { outcome: 'already', record };
    },
    applications: async () => (await open().query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM application ORDER BY received_at, seq`)).map(applicationOf),
    purgeApplications: async (before) => {
      if (typeof before !== 'string' || Number.isNaN(Date.parse(before))) throw badIntake('retention', 'before', 'must be an ISO time');
      const [r] = await open().query<{ n: number | string }>('WITH gone AS (DELETE FROM application WHERE received_at < $1 RETURNING 1) SELECT count(*) AS n FROM gone', [before]);
      return Number(r?.n ?? 0);
    },
  };
}

interface StoreKind {
  backend: 'pglite' | 'postgres';
  /** a PostgreSQL server's URL without its password */
  where?: string;
}

function readStoreKind(layout: HubLayout): StoreKind | null {
  if (!existsSync(layout.storeKind)) return null;
  try {
    const k = JSON.parse(readFileSync(layout.storeKind, 'utf8')) as StoreKind;
    if (k.backend === 'pglite' || k.backend === 'postgres') return k;
  } catch {
    // said below
  }
  throw new HubStoreError('wrong_store', `${layout.storeKind} does not say which store this hub keeps its versions in; it holds {"backend":"pglite"} or {"backend":"postgres","where":"postgres://…"} — restore it from a backup or write it by hand`);
}

/**
 * The hub's versions live in one store: the embedded one in DATA/pglite, or a PostgreSQL server.
 * A folder opened with the other (a PostgreSQL hub's folder without --database-url) would see no
 * versions, publish "version 1" again over the files kiosks already have, and every kiosk would
 * refuse it as a rollback: refused before anything is opened. DATA/store.json says which; a
 * folder from before it has published files but no embedded store only if it was a PostgreSQL hub.
 */
function checkStoreKind(layout: HubLayout, databaseUrl: string | undefined): void {
  const kind = readStoreKind(layout);
  const want = databaseUrl === undefined ? 'pglite' : 'postgres';
  const published = existsSync(join(layout.files, LATEST));
  // a folder that has published nothing may still change its store (nothing for kiosks to lose)
  if (kind && kind.backend !== want && published)
    throw new HubStoreError(
      'wrong_store',
      kind.backend === 'postgres'
        ? `the hub data folder ${layout.dataDir} keeps its versions in PostgreSQL (${kind.where ?? 'a server'}): give --database-url with that server (without it an empty embedded store would be opened, and publishing would start again at version 1); nothing was opened`
        : `the hub data folder ${layout.dataDir} keeps its versions in its embedded store (${layout.pglite}): leave out --database-url, or give a PostgreSQL hub a --data folder of its own; nothing was opened`,
    );
  if (!kind && published && want === 'pglite' && !existsSync(layout.pglite))
    throw new HubStoreError('wrong_store', `the hub data folder ${layout.dataDir} has published versions (${join(layout.files, LATEST)}) but no embedded store: it is a PostgreSQL hub's folder — give --database-url with its server; nothing was opened`);
  if (!kind && published && want === 'postgres' && existsSync(layout.pglite))
    throw new HubStoreError(
      'wrong_store',
      `the hub data folder ${layout.dataDir} has published versions and an embedded store (${layout.pglite}): if they are its, leave out --database-url; if it was always a PostgreSQL hub (the embedded store made by a command given without --database-url), move ${layout.pglite} aside and run again; nothing was opened`,
    );
}

/**
 * A `cli hub …` command given --database-url that finds a hub running on the folder goes through
 * that hub, whose store is the one it opened: a URL naming another store would be silently
 * ignored, so it is refused, naming the store the running hub uses.
 */
export function checkRunningStore(layout: HubLayout, databaseUrl: string | undefined, pid: number): void {
  if (databaseUrl === undefined) return;
  const kind = readStoreKind(layout);
  if (kind?.backend === 'pglite')
    throw new HubStoreError('wrong_store', `the hub running on ${layout.dataDir} (process ${pid}) keeps its versions in its embedded store, not on --database-url's server: leave out --database-url (the command goes through the running hub)`);
  if (kind?.backend === 'postgres' && kind.where !== undefined && kind.where !== storeWhere(databaseUrl))
    throw new HubStoreError('wrong_store', `the hub running on ${layout.dataDir} (process ${pid}) uses ${kind.where}, not ${storeWhere(databaseUrl)}: leave out --database-url (the command goes through the running hub), or stop that hub first`);
}

/**
 * Records the store this folder was opened with. A PostgreSQL server at another address than the
 * one recorded is logged; it is recorded in its place only once it holds versions (a server moved
 * with its data) — an empty one is more likely a mistake, and the record keeps naming the right one.
 */
function recordStoreKind(layout: HubLayout, databaseUrl: string | undefined, logger: Logger, versions: number): void {
  const now: StoreKind = databaseUrl === undefined ? { backend: 'pglite' } : { backend: 'postgres', where: storeWhere(databaseUrl) };
  const was = readStoreKind(layout);
  if (was && was.backend === now.backend && was.where === now.where) return;
  if (was?.where && now.where) {
    logger.warn({ event: 'hub.store_moved', was: was.where, now: now.where, versions }, `the hub's PostgreSQL server is not the one it used before (${was.where})`);
    if (!versions) return;
  }
  writeFileAtomic(layout.storeKind, `${JSON.stringify(now)}\n`, 0o600);
}

export async function openHubStore(o: OpenHubStoreOptions): Promise<HubStore> {
  const { layout, logger } = o;
  if (o.databaseUrl !== undefined) checkDatabaseUrl(o.databaseUrl);
  const migrations = o.migrations ?? hubMigrations();
  privateDir(layout.dataDir); // PGlite creates its files 0666: its parent must be private (REFERENCE.md §1)
  let lock: Lock;
  try {
    lock = takeLock(layout.lock, `the hub store ${layout.dataDir}`, (pid) => logger.warn({ lock: layout.lock, stale_pid: pid }, 'took over the lock of a hub store whose process is gone'), 'a running hub?');
  } catch (e) {
    if (e instanceof LockError) throw new HubStoreError('in_use', e.message, { cause: e });
    throw e;
  }
  let db: Backend | undefined;
  try {
    checkStoreKind(layout, o.databaseUrl);
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
    const [counted] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM catalogue_version');
    recordStoreKind(layout, o.databaseUrl, logger, Number(counted?.n ?? 0));
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
    ...intakeStore(open),
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
