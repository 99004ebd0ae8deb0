/**
 * USB bundles, end to end in one process: a real hub store (PGlite) publishes the catalogue
 * source, exports a bundle; a kiosk core imports it — and refuses a bundle with a flipped byte,
 * one signed by another hub, one older than what it has, and a first import with no key.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { catalogueMigrations, catalogueSourceWith, freshDir, testCore } from '../../tests/env.node.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { openHubStore } from '../hub/store.node.js';
import { ensureHubKeys } from '../hub/hub-keys.node.js';
import { exportBundle, publish } from '../hub/publish.node.js';
import type { HubStore } from '../hub/store.js';
import { generateHubKeys, loadHubKeys } from '../protocol/keys.node.js';
import { listTar } from '../protocol/bundle.node.js';
import { SyncError } from '../protocol/manifest.js';
import { freshHubLayout } from '../hub/testing.node.js';

const { logger } = memoryLogger('hub');
const layout = await freshHubLayout('hub-');
let store: HubStore;
let key: string;
const bundles: Record<number, string> = {};

beforeAll(async () => {
  store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  key = keys.publicKey;
  const ctx = { layout, store, keys, logger, migrations: catalogueMigrations() };
  for (const [v, src] of [[1, catalogueSourceDir()], [2, catalogueSourceWith('번들둘째판')]] as const) {
    const r = await publish(ctx, { sourceDir: src });
    expect(r.version).toBe(v);
    bundles[v] = join(freshDir('usb-'), `catalogue-${v}.a1279`);
    await exportBundle({ layout, store }, bundles[v]!);
  }
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('USB bundles', () => {
  it('is a plain tar of the signed manifest and the snapshot', () => {
    expect(listTar(bundles[2]!).map((e) => e.name)).toEqual(['manifest.json', 'snapshot-2.sqlite.br']);
  });

  it('imports a bundle, pins the key, and then refuses an older one', async () => {
    const { core } = testCore();
    try {
      expect(core.catalogue.hubVersion()).toBe(0);
      const seen: { phase: string; done: number; total: number }[] = [];
      const r = await core.sync.importBundle(bundles[2]!, { key, progress: ({ phase, done, total }) => void seen.push({ phase, done, total }) });
      expect(r).toMatchObject({ version: 2, applied: 'snapshot' });
      // the steps a sync reports, the bundle's parts counted as they are copied out and checked
      const size = listTar(bundles[2]!).find((e) => e.name.startsWith('snapshot'))!.size;
      expect(seen).toEqual([
        { phase: 'checking', done: 0, total: 0 },
        { phase: 'downloading', done: 0, total: size },
        { phase: 'downloading', done: size, total: size },
        { phase: 'applying', done: 0, total: 1 },
        { phase: 'done', done: 1, total: 1 },
      ]);
      expect(core.catalogue.hubVersion()).toBe(2);
      expect(core.catalogue.current().search('번들둘째판')[0]).toBeDefined();
      expect(core.sync.status().keyFingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
      // the key is pinned: the next import needs none
      await expect(core.sync.importBundle(bundles[2]!)).resolves.toMatchObject({ applied: 'none' });
      await expect(core.sync.importBundle(bundles[1]!)).rejects.toThrow(/version 1 is older than the version installed here \(2\)/);
      expect(core.catalogue.hubVersion()).toBe(2);
    } finally {
      await core.close();
    }
  });

  it('refuses none pinned and none given, another hub\'s key, a file that is not a bundle, a flipped byte — applying nothing', async () => {
    const { core } = testCore();
    try {
      const before = core.catalogue.current().version;
      await expect(core.sync.importBundle(bundles[1]!)).rejects.toThrow(SyncError);
      await expect(core.sync.importBundle(bundles[1]!)).rejects.toThrow(/no hub key is pinned/);
      // a bundle signed by this hub, checked against another hub's key
      const other = loadHubKeys(generateHubKeys().privatePem).publicKey;
      await expect(core.sync.importBundle(bundles[1]!, { key: other })).rejects.toThrow(/not by the hub key given \(nothing is pinned on this device yet\)/);
      expect(core.sync.status().keyFingerprint).toBeNull();
      await expect(core.sync.importBundle(join(freshDir(), 'none.a1279'), { key })).rejects.toThrow(/does not exist/);
      const notTar = join(freshDir(), 'x.a1279');
      writeFileSync(notTar, Buffer.alloc(2048, 1));
      await expect(core.sync.importBundle(notTar, { key })).rejects.toThrow(/not a catalogue bundle/);
      const flipped = join(freshDir('usb-'), 'flipped.a1279');
      copyFileSync(bundles[1]!, flipped);
      const bytes = readFileSync(flipped);
      const snap = listTar(flipped).find((e) => e.name.startsWith('snapshot'))!;
      bytes[snap.offset + Math.floor(snap.size / 2)]! ^= 0x01;
      writeFileSync(flipped, bytes);
      const seen: { phase: string; reason?: string }[] = [];
      await expect(core.sync.importBundle(flipped, { key, progress: (p) => void seen.push({ phase: p.phase, ...(p.error?.reason ? { reason: p.error.reason } : {}) }) })).rejects.toThrow(/not the file its signed manifest describes/);
      expect(seen.map((p) => p.phase)).toEqual(['checking', 'downloading', 'failed']);
      expect(seen.at(-1)).toEqual({ phase: 'failed', reason: 'bad_file' });
      expect(core.catalogue.hubVersion()).toBe(0);
      expect(core.catalogue.current().version).toBe(before);
      // its manifest was signed with the key given, so the key is pinned (the hub proved it holds it); the file was not applied
      expect(core.sync.status().keyFingerprint).not.toBeNull();
    } finally {
      await core.close();
    }
  });
});
