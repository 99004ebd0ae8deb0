/**
 * For the hub's tests: a fresh hub data folder whose embedded store starts from a copy of an
 * empty PGlite cluster made once per test run (PGlite's initdb, in WebAssembly, takes seconds —
 * tens of seconds on a busy machine; a copy takes a fraction of one). The template lives in the
 * run's temporary folder (tests/global-setup.node.ts removes it) and is renamed into place
 * whole, so test files running at once share it safely. The copy is what PGlite itself would
 * have made; the hub's migrations still run on it when the store opens.
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect } from 'vitest';
import { startPostgres, type PostgresServer } from '../../tests/postgres.node.js';
import { hubLayout, type HubLayout } from './layout.node.js';
import { HubStoreError } from './store.node.js';

let template: Promise<string> | undefined;

async function makeTemplate(): Promise<string> {
  const target = join(tmpdir(), 'hub-pglite-template');
  if (existsSync(join(target, 'PG_VERSION'))) return target;
  const work = mkdtempSync(join(tmpdir(), 'hub-pglite-template-'));
  const db = await PGlite.create(join(work, 'pglite'));
  await db.close();
  try {
    renameSync(join(work, 'pglite'), target);
  } catch (e) {
    if (!existsSync(join(target, 'PG_VERSION'))) throw e; // another test file made it first
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

export async function freshHubLayout(prefix = 'hub-data-'): Promise<HubLayout> {
  return seedEmbeddedStore(mkdtempSync(join(tmpdir(), prefix)));
}

/**
 * A hub data folder (made, or not yet) given the empty embedded store: for journeys whose hub
 * starts on it (the built hub's first start is then not an initdb; the first-start journey
 * itself, sync/hub/main.node.test.ts, still starts on a folder with nothing in it).
 */
export async function seedEmbeddedStore(dataDir: string): Promise<HubLayout> {
  const layout = hubLayout(dataDir);
  cpSync(await (template ??= makeTemplate()), layout.pglite, { recursive: true });
  return layout;
}

/**
 * The two stores every hub store test runs on, for `describe.each`: the embedded PGlite, and a
 * PostgreSQL server started for the calling test file (beforeAll/afterAll registered here;
 * missing PostgreSQL fails, never skips — tests/postgres.node.ts). Each `url()` is a fresh
 * database on that server (undefined: the embedded store); `server()` is the server itself.
 */
export function hubStoreBackends(): { backends: { name: string; url: () => Promise<string | undefined> }[]; server: () => PostgresServer } {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return {
    backends: [
      { name: 'PGlite (embedded)', url: async () => undefined },
      { name: 'PostgreSQL server', url: async () => server!.newDatabase() },
    ],
    server: () => server!,
  };
}

/** The HubStoreError a promise is refused with (a test fails when it is not refused that way). */
export async function refusal(p: Promise<unknown>): Promise<HubStoreError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(HubStoreError);
  return e as HubStoreError;
}
