/**
 * Kiosk sync over real HTTP on 127.0.0.1 against the real hub server (PGlite store): the first
 * sync takes the snapshot and pins the key; the next takes the delta; a kiosk two versions
 * behind takes the chain of deltas in one transaction; an interrupted download resumes with a
 * Range request; progress is reported; a different key and a missing key are refused.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { catalogueMigrations, catalogueSourceWith, freshDir, testCore } from '../../tests/env.node.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import type { EventMap } from '../../core/contract/events.js';
import { openHubStore } from '../hub/store.node.js';
import { ensureHubKeys } from '../hub/hub-keys.node.js';
import { publish, type PublishContext } from '../hub/publish.node.js';
import { createHubServer } from '../hub/server.node.js';
import type { HubStore } from '../hub/store.js';
import { generateHubKeys, loadHubKeys } from '../protocol/keys.node.js';
import { snapshotName } from '../protocol/manifest.js';
import { encodeSegment } from '../../db/search/segment.js';
import { openDatabase } from '../../db/sqlite.js';
import { deltasWorthTrying, MAX_SEGMENTS } from './sync.node.js';
import { freshHubLayout } from '../hub/testing.node.js';

const { logger } = memoryLogger('hub');
const layout = await freshHubLayout('hub-');
let store: HubStore;
let app: FastifyInstance;
let hubUrl: string;
let key: string;
let ctx: PublishContext;
const requests: { url: string; range?: string }[] = [];

beforeAll(async () => {
  store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  key = keys.publicKey;
  // parts of 1 MB: the catalogue's snapshot comes in several parts, decompressed side by side
  ctx = { layout, store, keys, logger, migrations: catalogueMigrations(), partBytes: 1 << 20 };
  app = await createHubServer({ layout, store, keys, logger });
  app.addHook('onRequest', async (req) => {
    requests.push({ url: req.url, range: req.headers.range });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  hubUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  expect((await publish(ctx, { sourceDir: catalogueSourceDir() })).version).toBe(1);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

/** Search segments in the device's catalogue as deltas leave them (empty ones: a delta that added nothing searchable), written as a delta writes. */
function addSegments(file: string, n: number): void {
  const db = openDatabase(file, { journal: 'delete' });
  try {
    const ins = db.prepare('INSERT INTO search_segment (first_doc, docs, postings) VALUES (1, 0, ?)');
    db.transaction(() => {
      for (let i = 0; i < n; i++) ins.run(encodeSegment([]));
    })();
  } finally {
    db.close();
  }
}

/** The address of a port on 127.0.0.1 nothing listens on (one just given up). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((res) => server.close(() => res()));
  return `http://127.0.0.1:${port}`;
}

describe('deltas or the snapshot', () => {
  const near = { at: 4, have: 4, latest: 6, latestSchema: 9, schema: 9, segments: 0 };
  it('deltas from a version this device synced, close behind, at its schema', () => {
    expect(deltasWorthTrying(near)).toBe(true);
    expect(deltasWorthTrying({ ...near, latest: 4 + MAX_SEGMENTS })).toBe(true);
  });
  it('the snapshot for the embedded catalogue, one not from this sync, one far behind, or another schema', () => {
    expect(deltasWorthTrying({ ...near, at: 0, have: 0 })).toBe(false);
    expect(deltasWorthTrying({ ...near, at: 3 })).toBe(false);
    expect(deltasWorthTrying({ ...near, latest: 4 + MAX_SEGMENTS + 1 })).toBe(false);
    expect(deltasWorthTrying({ ...near, latestSchema: 10 })).toBe(false);
  });
  it(`the snapshot when the chain would take the search segments past ${MAX_SEGMENTS}`, () => {
    expect(deltasWorthTrying({ ...near, segments: MAX_SEGMENTS - 2 })).toBe(true);
    expect(deltasWorthTrying({ ...near, segments: MAX_SEGMENTS - 1 })).toBe(false);
    expect(deltasWorthTrying({ ...near, latest: 5, segments: MAX_SEGMENTS - 1 })).toBe(true);
    expect(deltasWorthTrying({ ...near, latest: 5, segments: MAX_SEGMENTS })).toBe(false);
  });
});

describe('kiosk sync with the hub', () => {
  it('refuses a first sync with no key, and one with a malformed key', async () => {
    const { core } = testCore();
    try {
      await expect(core.sync.sync({ hubUrl })).rejects.toThrow(/no hub key is pinned on this device: give the hub's key/);
      await expect(core.sync.sync({ hubUrl, key: 'ed25519:short' })).rejects.toThrow(/is not a hub key/);
      expect(core.catalogue.hubVersion()).toBe(0);
    } finally {
      await core.close();
    }
  });

  it('takes the snapshot first, then deltas — a chain of two in one go — and reports progress', async () => {
    const dataDir = freshDir();
    const { core } = testCore({ dataDir });
    const events: EventMap['sync.progress'][] = [];
    core.events.on('sync.progress', (p) => events.push(p));
    const changed: string[] = [];
    core.events.on('catalogue.changed', (c) => changed.push(c.version));
    try {
      const first = await core.sync.sync({ hubUrl, key });
      expect(first).toMatchObject({ version: 1, applied: 'snapshot', from: 0 });
      expect(core.catalogue.hubVersion()).toBe(1);
      expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['checking', 'downloading', 'applying', 'done']));
      const downloads = events.filter((e) => e.phase === 'downloading');
      expect(downloads.at(-1)!.done).toBe(downloads.at(-1)!.total);
      expect(downloads.every((e, i) => i === 0 || e.done >= downloads[i - 1]!.done)).toBe(true);
      // the key is pinned now; the hub address remembered
      expect(core.sync.status()).toMatchObject({ hubUrl: `${hubUrl}/`, version: 1 });
      await expect(core.sync.sync()).resolves.toMatchObject({ version: 1, applied: 'none' });

      expect((await publish(ctx, { sourceDir: catalogueSourceWith('갈매기') })).version).toBe(2);
      const second = await core.sync.sync();
      expect(second).toMatchObject({ version: 2, applied: 'delta', deltas: 1 });
      const x = core.catalogue.current().search('갈매기')[0]!;
      expect(core.catalogue.current().entry(x.id)!.summary.ko).toMatch(/^갈매기/);

      expect((await publish(ctx, { sourceDir: catalogueSourceWith('두루미') })).version).toBe(3);
      expect((await publish(ctx, { sourceDir: catalogueSourceWith('부엉이') })).version).toBe(4);
      const chain = await core.sync.sync();
      expect(chain).toMatchObject({ version: 4, applied: 'delta', deltas: 2, from: 2 });
      const c = core.catalogue.current();
      expect(c.search('부엉이')[0]?.id).toBe(x.id);
      expect(c.entry(x.id)!.summary.ko).toMatch(/^부엉이/);
      // the entry's documents of the older versions are dead: their words no longer find it
      for (const old of ['갈매기', '두루미']) expect(c.search(old, { limit: 50 }).map((h) => h.id), old).not.toContain(x.id);
      expect(changed.length).toBeGreaterThanOrEqual(3);
      // nothing is left in the download folder
      expect(readdirSync(join(dataDir, 'sync'))).toEqual([]);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('resumes an interrupted download with a Range request', async () => {
    const dataDir = freshDir();
    const { core } = testCore({ dataDir });
    try {
      // the manifest names the snapshot and its hash; half of it was downloaded before the connection dropped
      const latest = JSON.parse(readFileSync(join(layout.files, 'latest.json'), 'utf8')) as { payload: string };
      const m = JSON.parse(Buffer.from(latest.payload, 'base64').toString()) as { version: number; files: { name: string; sha256: string; size: number }[] };
      const snap = m.files.find((f) => f.name === snapshotName(m.version, 2))!;
      expect(m.files.filter((f) => f.name.startsWith(`snapshot-${m.version}.`)).length).toBeGreaterThan(1);
      const whole = readFileSync(join(layout.files, snap.name));
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(dataDir, 'sync'), { recursive: true });
      writeFileSync(join(dataDir, 'sync', `${snap.sha256}.part`), whole.subarray(0, Math.floor(whole.length / 2)));
      requests.length = 0;
      await expect(core.sync.sync({ hubUrl, key })).resolves.toMatchObject({ version: m.version, applied: 'snapshot' });
      expect(requests.find((r) => r.url.endsWith(snap.name))?.range).toBe(`bytes=${Math.floor(whole.length / 2)}-`);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('a hub that cannot be reached while a person waits is said at once (tried twice); each look at the hub is kept for the status view', async () => {
    const { core } = testCore();
    try {
      expect(core.sync.status().lastCheck).toBeNull();
      await core.sync.sync({ hubUrl, key });
      expect(core.sync.status().lastCheck).toMatchObject({ ok: true, reason: null, failuresInARow: 0 });
      const closed = await closedPort();
      for (const n of [1, 2]) {
        await expect(core.sync.sync({ hubUrl: closed, waiting: true })).rejects.toThrow(/ECONNREFUSED \(tried 2 times\); the catalogue in use is unchanged/);
        expect(core.sync.status().lastCheck).toMatchObject({ ok: false, reason: 'unreachable', failuresInARow: n });
        expect(core.sync.status().lastCheck!.message).toMatch(/tried 2 times/);
      }
      // refusals before the hub is asked (one already running, an address that is not one) are not looks at the hub
      const failed = core.sync.status().lastCheck;
      const running = core.sync.sync({ hubUrl });
      expect(() => core.sync.sync({ hubUrl })).toThrow(/already running/);
      expect(() => core.sync.sync({ hubUrl: 'hub.example' })).toThrow(/is not an address/);
      expect(core.sync.status().lastCheck).toEqual(failed);
      await running;
      expect(core.sync.status().lastCheck).toMatchObject({ ok: true, failuresInARow: 0 });
    } finally {
      await core.close();
    }
  }, 60_000);

  it('refuses a hub whose key is not the pinned one, changing nothing', async () => {
    const { core } = testCore();
    try {
      await core.sync.sync({ hubUrl, key });
      const v = core.catalogue.hubVersion();
      const other = loadHubKeys(generateHubKeys().privatePem).publicKey;
      await expect(core.sync.sync({ key: other })).rejects.toThrow(/is not the hub key pinned on this device/);
      expect(core.catalogue.hubVersion()).toBe(v);
    } finally {
      await core.close();
    }
  }, 60_000);

  it(`once deltas have left ${MAX_SEGMENTS} search segments, the next update is the snapshot, whose index is whole`, async () => {
    const dataDir = freshDir();
    const { core, logLines } = testCore({ dataDir });
    try {
      const first = await core.sync.sync({ hubUrl, key });
      expect(first.applied).toBe('snapshot');
      expect(core.catalogue.searchSegments()).toBe(0);
      addSegments(core.catalogue.file, MAX_SEGMENTS - 1);
      expect(core.catalogue.searchSegments()).toBe(MAX_SEGMENTS - 1);
      // one more delta fits: it adds the segment of the entry it changes
      expect((await publish(ctx, { sourceDir: catalogueSourceWith('황새') })).version).toBe(first.version + 1);
      await expect(core.sync.sync()).resolves.toMatchObject({ version: first.version + 1, applied: 'delta' });
      expect(core.catalogue.searchSegments()).toBe(MAX_SEGMENTS);
      // the next would pass the bound: the snapshot instead, and no segment is left
      expect((await publish(ctx, { sourceDir: catalogueSourceWith('따오기') })).version).toBe(first.version + 2);
      await expect(core.sync.sync()).resolves.toMatchObject({ version: first.version + 2, applied: 'snapshot' });
      expect(core.catalogue.searchSegments()).toBe(0);
      const hit = core.catalogue.current().search('따오기')[0]!;
      expect(core.catalogue.current().entry(hit.id)!.summary.ko).toMatch(/^따오기/);
      expect(core.catalogue.current().search('황새', { limit: 50 }).map((h) => h.id)).not.toContain(hit.id);
      expect(logLines().filter((l) => l.event === 'sync.snapshot_for_segments')).toMatchObject([{ segments: MAX_SEGMENTS, max: MAX_SEGMENTS }]);
    } finally {
      await core.close();
    }
  }, 120_000);
});
