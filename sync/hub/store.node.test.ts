/**
 * The hub store's tests, run twice: against the embedded PGlite and against a real PostgreSQL
 * server this file starts itself (tests/postgres.node.ts; missing PostgreSQL fails, never skips).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir } from '../../tests/env.node.js';
import { postgresBin } from '../../tests/postgres.node.js';
import { memoryLogger } from '../../core/log.node.js';
import type { Migration } from '../../db/sqlite.js';
import { hubLayout } from './layout.node.js';
import { freshHubLayout, hubStoreBackends, refusal } from './testing.node.js';
import { HubStoreError, hubMigrations, openHubStore, safeUrl, storeWhere } from './store.node.js';
import type { VersionRecord } from './store.js';
import { ensureHubKeys } from './hub-keys.node.js';
import { publish } from './publish.node.js';
import { catalogueMigrations } from '../../tests/env.node.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';

const rec = (version: number, o: Partial<VersionRecord> = {}): VersionRecord => ({
  version,
  created_at: new Date(Date.UTC(2026, 11, 1, 10, 0, version)).toISOString(),
  catalogue_version: `2026-12-01+${'a'.repeat(8)}${version}`,
  entries: 100 + version,
  envelope: JSON.stringify({ payload: Buffer.from(`m${version}`).toString('base64'), signature: 'c2ln', key_id: 'k' }),
  files: version === 1 ? [`snapshot-${version}.sqlite.br`] : [`snapshot-${version}.sqlite.br`, `delta-${version - 1}-${version}.bin.br`],
  ...o,
});


/** A pid that was alive a moment ago and no longer is. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const { backends, server } = hubStoreBackends();

describe.each(backends)('the hub store on $name', ({ url }) => {
  async function open(o: { dir?: string; databaseUrl?: string; migrations?: Migration[] } = {}) {
    const databaseUrl = 'databaseUrl' in o ? o.databaseUrl : await url();
    const layout = o.dir ? hubLayout(o.dir) : databaseUrl ? hubLayout(freshDir('hub-store-')) : await freshHubLayout('hub-store-');
    const { logger, lines } = memoryLogger('hub');
    const store = await openHubStore({ layout, databaseUrl, logger, migrations: o.migrations });
    return { store, layout, databaseUrl, lines };
  }

  it('starts empty, records versions 1, 2, 3 and reads them back as they were given', async () => {
    const { store } = await open();
    try {
      expect(await store.latest()).toBeNull();
      expect(await store.list()).toEqual([]);
      expect(await store.get(1)).toBeNull();
      for (const v of [1, 2, 3]) await store.insert(rec(v));
      expect(await store.list()).toEqual([rec(1), rec(2), rec(3)]);
      expect(await store.latest()).toEqual(rec(3));
      expect(await store.get(2)).toEqual(rec(2));
      expect(await store.get(4)).toBeNull();
      expect(await store.get(0)).toBeNull();
      expect(await store.get(1.5)).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('refuses a version that exists or is not the next one, and records nothing then', async () => {
    const { store } = await open();
    try {
      expect((await refusal(store.insert(rec(2)))).message).toBe('version 2 cannot follow version none: the next one is 1');
      await store.insert(rec(1));
      const again = await refusal(store.insert(rec(1, { entries: 7 })));
      expect(again.code).toBe('version_conflict');
      expect(again.message).toBe('version 1 is already published (the latest is 1); the next one is 2');
      expect((await refusal(store.insert(rec(3)))).message).toBe('version 3 cannot follow version 1: the next one is 2');
      expect(await store.list()).toEqual([rec(1)]);
    } finally {
      await store.close();
    }
  });

  it('of two writers racing for the same next version, exactly one records it', async () => {
    const { store } = await open();
    try {
      await store.insert(rec(1));
      const results = await Promise.allSettled([store.insert(rec(2, { entries: 1 })), store.insert(rec(2, { entries: 2 })), store.insert(rec(2, { entries: 3 }))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as HubStoreError).code).toBe('version_conflict');
      expect((await store.list()).map((r) => r.version)).toEqual([1, 2]);
    } finally {
      await store.close();
    }
  });

  it('refuses a malformed record naming its field', async () => {
    const { store } = await open();
    try {
      const bad = async (o: Partial<VersionRecord>) => (await refusal(store.insert({ ...rec(1), ...o } as VersionRecord))).message;
      expect(await bad({ version: 0 })).toMatch(/field "version"/);
      expect(await bad({ created_at: 'yesterday' })).toMatch(/field "created_at"/);
      expect(await bad({ catalogue_version: '' })).toMatch(/field "catalogue_version"/);
      expect(await bad({ entries: -1 })).toMatch(/field "entries"/);
      expect(await bad({ envelope: '' })).toMatch(/field "envelope"/);
      expect(await bad({ files: ['../etc/passwd'] })).toMatch(/field "files"/);
      expect(await bad({ files: [] })).toMatch(/field "files"/);
      expect(await store.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('keeps its versions across a close and a new open', async () => {
    const first = await open();
    await first.store.insert(rec(1));
    await first.store.insert(rec(2));
    await first.store.close();
    await expect(first.store.latest()).rejects.toThrow('the hub store is closed');
    const second = await open({ dir: first.layout.dataDir, databaseUrl: first.databaseUrl });
    try {
      expect(await second.store.list()).toEqual([rec(1), rec(2)]);
    } finally {
      await second.store.close();
    }
  });

  it('applies its migrations once, refuses edited history and a database from a newer app, and applies a new migration', async () => {
    const migrations = hubMigrations();
    expect(migrations.map((m) => m.name)).toEqual(['001_versions.sql', '002_intake.sql', '003_decision.sql', '004_receipt_blocks.sql']);
    const first = await open();
    expect(first.lines().find((l) => l.msg === 'hub store opened')?.migrations_applied).toEqual(['001_versions.sql', '002_intake.sql', '003_decision.sql', '004_receipt_blocks.sql']);
    await first.store.insert(rec(1));
    await first.store.close();
    const again = (o: { migrations: Migration[] }) => open({ dir: first.layout.dataDir, databaseUrl: first.databaseUrl, ...o });

    const edited = await refusal(again({ migrations: [{ ...migrations[0]!, sql: `${migrations[0]!.sql}\n-- edited`, checksum: 'f'.repeat(64) }, migrations[1]!] }));
    expect(edited.code).toBe('schema_edited');
    expect(edited.message).toBe('hub migration 001_versions.sql was changed after it was applied; add a new migration instead of editing an old one');
    const newer = await refusal(again({ migrations: [] }));
    expect(newer.code).toBe('schema_newer');
    expect(newer.message).toBe('the hub database is at schema version 4, newer than this app (0); update the hub instead of opening this database with it');

    const sql = 'ALTER TABLE catalogue_version ADD COLUMN note text;';
    const next = await again({ migrations: [...migrations, { version: 5, name: '005_note.sql', sql, checksum: 'b'.repeat(64) }] });
    try {
      expect(next.lines().find((l) => l.msg === 'hub store opened')?.migrations_applied).toEqual(['005_note.sql']);
      expect(await next.store.list()).toEqual([rec(1)]);
    } finally {
      await next.store.close();
    }
  });

  it('admits one process per data folder: a second open is refused with the holder\'s pid until the first closes; a dead holder\'s lock is taken over', async () => {
    const first = await open();
    expect(readFileSync(first.layout.lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
    const second = await refusal(open({ dir: first.layout.dataDir, databaseUrl: first.databaseUrl }));
    expect(second.code).toBe('in_use');
    expect(second.message).toBe(`the hub store ${first.layout.dataDir} is in use by process ${process.pid} (a running hub?)`);
    await first.store.close();
    expect(existsSync(first.layout.lock)).toBe(false);

    const dead = deadPid();
    writeFileSync(first.layout.lock, `${dead}\n`);
    const third = await open({ dir: first.layout.dataDir, databaseUrl: first.databaseUrl });
    try {
      expect(readFileSync(first.layout.lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
      expect(third.lines().find((l) => l.msg === 'took over the lock of a hub store whose process is gone')?.stale_pid).toBe(dead);
    } finally {
      await third.store.close();
    }
  });

  it('keeps its data folder private (0700) and releases the lock when opening fails', async () => {
    const { store, layout, databaseUrl } = await open();
    await store.close();
    expect(statSync(layout.dataDir).mode & 0o777).toBe(0o700);
    if (!databaseUrl) expect(statSync(layout.pglite).mode & 0o777).toBe(0o700);
    await refusal(open({ dir: layout.dataDir, databaseUrl, migrations: [] }));
    expect(existsSync(layout.lock)).toBe(false);
  });
});

describe('the PostgreSQL the tests need', () => {
  it('missing, fails the test with the command that installs it (never skips)', () => {
    expect(() => postgresBin(freshDir('no-postgresql-'))).toThrow(/PostgreSQL is not installed .*\n {2}apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql\n/);
    expect(postgresBin().bin).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });
});

describe('the hub store on a PostgreSQL server it cannot use', () => {
  it('says which server (without its password) and why, and leaves the data folder unlocked', async () => {
    const layout = hubLayout(freshDir('hub-store-'));
    const { logger, lines } = memoryLogger('hub');
    const wrong = server().url.replace(/:[^:@/]+@/, ':not-the-password@');
    const e = await refusal(openHubStore({ layout, databaseUrl: wrong, logger }));
    expect(e.code).toBe('unreachable');
    expect(e.message).toContain(`cannot use the hub database postgres://hub:***@127.0.0.1:${server().port}/postgres`);
    expect(e.message).toMatch(/password authentication failed/);
    expect(e.message).not.toContain('not-the-password');
    expect(JSON.stringify(lines())).not.toContain('not-the-password');
    expect(existsSync(layout.lock)).toBe(false);
  });

  it('refuses a URL that is not a PostgreSQL one', async () => {
    const layout = hubLayout(freshDir('hub-store-'));
    const { logger } = memoryLogger('hub');
    expect((await refusal(openHubStore({ layout, databaseUrl: 'mysql://root:secret@db/hub', logger }))).message).toBe(
      'mysql://root:***@db/hub is not a PostgreSQL URL; it starts with postgres:// (e.g. postgres://hub@127.0.0.1:5432/hub)',
    );
    expect((await refusal(openHubStore({ layout, databaseUrl: 'not a url', logger }))).code).toBe('bad_url');
    expect(safeUrl('postgres://u:pw@h:1/d')).toBe('postgres://u:***@h:1/d');
    expect(safeUrl('postgres://u@h:1/d?password=s3cret&sslmode=require&SSLPassword=k3y')).toBe('postgres://u@h:1/d?password=***&sslmode=require&SSLPassword=***');
    expect(storeWhere('postgres://u:p%40ss@h:1/d?password=s3cret')).toBe('postgres://u@h:1/d');
    expect(storeWhere('postgresql://h/d')).toBe('postgresql://h/d');
    expect(existsSync(join(layout.dataDir, 'store.lock'))).toBe(false);
  });
});

describe('one data folder, one store: a folder is never opened with the other store (it would publish version 1 again over what kiosks have)', () => {
  const quiet = () => memoryLogger('hub');

  it('a PostgreSQL hub\'s folder opened without --database-url is refused, naming the server (no password) and what to give; nothing is opened or made', async () => {
    const layout = hubLayout(freshDir('hub-kind-'));
    const databaseUrl = await server().newDatabase();
    const store = await openHubStore({ layout, databaseUrl, logger: quiet().logger });
    await store.insert(rec(1));
    await store.close();
    const kind = JSON.parse(readFileSync(layout.storeKind, 'utf8')) as { backend: string; where: string };
    const u = new URL(databaseUrl);
    expect(kind).toEqual({ backend: 'postgres', where: `postgres://${u.username}@${u.host}${u.pathname}` });
    mkdirSync(layout.files, { recursive: true });
    writeFileSync(join(layout.files, 'latest.json'), '{}'); // as if it had published
    expect(statSync(layout.storeKind).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.storeKind, 'utf8')).not.toContain(new URL(databaseUrl).password || '\u0000');
    const e = await refusal(openHubStore({ layout, logger: quiet().logger }));
    expect(e.code).toBe('wrong_store');
    expect(e.message).toBe(`the hub data folder ${layout.dataDir} keeps its versions in PostgreSQL (${kind.where}): give --database-url with that server (without it an empty embedded store would be opened, and publishing would start again at version 1); nothing was opened`);
    expect(existsSync(layout.pglite)).toBe(false);
    expect(existsSync(layout.lock)).toBe(false);
    // with the server, it opens as before
    const again = await openHubStore({ layout, databaseUrl, logger: quiet().logger });
    expect((await again.latest())?.version).toBe(1);
    await again.close();
  });

  it('an embedded hub\'s folder that has published, opened with --database-url, is refused (one that has published nothing may change its store); so are folders from before store.json that look like the other store\'s', async () => {
    const layout = await freshHubLayout('hub-kind-');
    const store = await openHubStore({ layout, logger: quiet().logger });
    await store.close();
    expect(JSON.parse(readFileSync(layout.storeKind, 'utf8'))).toEqual({ backend: 'pglite' });
    // nothing published yet: a PostgreSQL server may still be chosen
    const moved = await openHubStore({ layout, databaseUrl: await server().newDatabase(), logger: quiet().logger });
    await moved.close();
    expect(JSON.parse(readFileSync(layout.storeKind, 'utf8'))).toMatchObject({ backend: 'postgres' });

    const published = await freshHubLayout('hub-kind-');
    await (await openHubStore({ layout: published, logger: quiet().logger })).close();
    mkdirSync(published.files, { recursive: true });
    writeFileSync(join(published.files, 'latest.json'), '{}');
    const e = await refusal(openHubStore({ layout: published, databaseUrl: await server().newDatabase(), logger: quiet().logger }));
    expect(e.code).toBe('wrong_store');
    expect(e.message).toMatch(/keeps its versions in its embedded store .*pglite\): leave out --database-url/);

    // from before store.json: published files and an embedded store, opened with --database-url — says how to tell
    const before = await freshHubLayout('hub-kind-');
    mkdirSync(before.files, { recursive: true });
    writeFileSync(join(before.files, 'latest.json'), '{}');
    expect((await refusal(openHubStore({ layout: before, databaseUrl: await server().newDatabase(), logger: quiet().logger }))).message).toMatch(
      /has published versions and an embedded store .*: if they are its, leave out --database-url; if it was always a PostgreSQL hub .* move \S+pglite aside and run again/,
    );

    const old = hubLayout(freshDir('hub-kind-'));
    mkdirSync(old.files, { recursive: true });
    writeFileSync(join(old.files, 'latest.json'), '{}');
    const legacy = await refusal(openHubStore({ layout: old, logger: quiet().logger }));
    expect(legacy.message).toMatch(/has published versions .*latest\.json\) but no embedded store: it is a PostgreSQL hub's folder — give --database-url/);
    expect(existsSync(old.pglite)).toBe(false);
  });

  it('publishing on a store with fewer versions than the folder already announces (another, empty database given) is refused, and nothing is written', async () => {
    const layout = hubLayout(freshDir('hub-kind-'));
    const { logger, lines } = quiet();
    const { keys } = ensureHubKeys(layout, logger);
    const first = await openHubStore({ layout, databaseUrl: await server().newDatabase(), logger });
    const ctx = { layout, keys, logger, migrations: catalogueMigrations() };
    try {
      expect((await publish({ ...ctx, store: first }, { sourceDir: catalogueSourceDir() })).version).toBe(1);
    } finally {
      await first.close();
    }
    const files = readdirSync(layout.files).sort();
    const announced = readFileSync(join(layout.files, 'latest.json'), 'utf8');
    const recorded = readFileSync(layout.storeKind, 'utf8');
    const other = await openHubStore({ layout, databaseUrl: await server().newDatabase(), logger });
    try {
      expect(lines().find((l) => l.event === 'hub.store_moved')).toMatchObject({ versions: 0 });
      expect(readFileSync(layout.storeKind, 'utf8')).toBe(recorded); // an empty server is not recorded in place of the one with the versions
      const e = await refusal(publish({ ...ctx, store: other }, { sourceDir: catalogueSourceDir() }));
      expect(e.message).toBe(`${join(layout.files, 'latest.json')} announces version 1 to kiosks, but the hub's store holds no version: the store is not the one this folder was published with (a PostgreSQL hub: give --database-url with its server); nothing was published`);
      expect(await other.latest()).toBeNull();
    } finally {
      await other.close();
    }
    expect(readdirSync(layout.files).sort()).toEqual(files);
    expect(readFileSync(join(layout.files, 'latest.json'), 'utf8')).toBe(announced);
  }, 120_000);
});
