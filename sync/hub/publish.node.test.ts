/**
 * Publishing after a crash (a real PGlite store, the real catalogue source): the store records a
 * version (the commit point) before the working copy and latest.json move forward, so a publish
 * killed between the two is finished by the next one; a working copy that is lost makes the next
 * version a snapshot without a delta. Either way kiosks are told of every version the store holds.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { catalogueMigrations, catalogueSourceWith, freshDir } from '../../tests/env.node.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { openDatabase } from '../../db/sqlite.js';
import { openEnvelope } from '../protocol/keys.node.js';
import { LATEST, manifestName } from '../protocol/manifest.js';
import { ensureHubKeys } from './hub-keys.node.js';
import { publish, type PublishContext } from './publish.node.js';
import { openHubStore } from './store.node.js';
import type { HubStore } from './store.js';
import { freshHubLayout } from './testing.node.js';

const layout = await freshHubLayout('hub-publish-');
const { logger, lines } = memoryLogger('hub');
let store: HubStore;
let ctx: PublishContext;

const hubVersionOf = (file: string) => {
  const db = openDatabase(file, { readonly: true });
  try {
    return Number(db.prepare("SELECT value FROM catalogue_meta WHERE key = 'hub_version'").pluck().get());
  } finally {
    db.close();
  }
};
const announced = () => openEnvelope(JSON.parse(readFileSync(join(layout.files, LATEST), 'utf8')), ctx.keys.publicKey);
const events = () => lines().map((l) => l.event);

beforeAll(async () => {
  store = await openHubStore({ layout, logger });
  ctx = { layout, store, keys: ensureHubKeys(layout, logger).keys, logger, migrations: catalogueMigrations() };
  expect((await publish(ctx, { sourceDir: catalogueSourceDir() })).version).toBe(1);
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('publishing after a crash', () => {
  it('killed after the store recorded version 2 but before the working copy and latest.json moved: the next publish finishes it, and kiosks are told of 2', async () => {
    const v1Copy = join(freshDir('v1-'), 'current.sqlite');
    copyFileSync(layout.current, v1Copy);
    const v1Latest = readFileSync(join(layout.files, LATEST));
    const source = catalogueSourceWith('두루미');
    expect((await publish(ctx, { sourceDir: source })).version).toBe(2);
    // put the folder back as the crash left it: the new catalogue still beside the working copy, latest.json at 1
    renameSync(layout.current, join(layout.work, 'next-2.sqlite'));
    copyFileSync(v1Copy, layout.current);
    writeFileSync(join(layout.files, LATEST), v1Latest);
    expect(announced().version).toBe(1);

    const again = await publish(ctx, { sourceDir: source });
    expect(again).toMatchObject({ version: 2, unchanged: true, files: [] }); // nothing new: the same source
    expect(events()).toContain('hub.publish_recovered');
    expect(hubVersionOf(layout.current)).toBe(2);
    expect(existsSync(join(layout.work, 'next-2.sqlite'))).toBe(false);
    expect(readFileSync(join(layout.files, LATEST), 'utf8')).toBe(readFileSync(join(layout.files, manifestName(2)), 'utf8'));
    expect(announced().version).toBe(2);
  }, 120_000);

  it('the working copy lost: the next version is published whole, without a delta, and said in the log', async () => {
    rmSync(layout.current);
    const r = await publish(ctx, { sourceDir: catalogueSourceWith('부엉이') });
    expect(r.version).toBe(3);
    expect(r.changes).toBeNull();
    expect(r.files.map((f) => f.name).some((n) => n.startsWith('delta-'))).toBe(false);
    expect(lines().find((l) => l.event === 'hub.working_copy_missing')).toMatchObject({ version: 2, have: 0 });
    const m = announced();
    expect(m.version).toBe(3);
    expect(m.files.map((f) => f.kind)).not.toContain('delta');
    expect(hubVersionOf(layout.current)).toBe(3);
    // and the version after it has its delta again
    const next = await publish(ctx, { sourceDir: catalogueSourceWith('따오기') });
    expect(next.version).toBe(4);
    expect(next.files.map((f) => f.name)).toContain('delta-3-4.bin.br');
  }, 120_000);
});
