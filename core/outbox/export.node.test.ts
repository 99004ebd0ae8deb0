/**
 * The KioskApi's outboxExport (issue 14) through the core's channel, on a real device outbox
 * (SQLite) enrolled with a real hub over HTTP: it writes only onto a USB stick the device found
 * itself (a mount point under its removable roots) — with none, or a `media` that is not one,
 * not_found naming the field and nothing written; a device not enrolled cannot sign (unavailable);
 * with nothing pending there is nothing to carry (bad_request). Onto a mounted file system
 * (/dev/shm stands for a stick: it is a mount point under /dev) it writes the pending
 * applications, 0600, and they stay pending.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../log.node.js';
import { freshDir, resources, sourceFormCatalogue, testCore } from '../../tests/env.node.js';
import { createChannel, type CoreChannel } from '../registry.node.js';
import { SyncService } from '../sync/service.node.js';
import { mountedMedia } from '../sync/media.node.js';
import type { Core } from '../core.node.js';
import { enrol } from './enrol.node.js';
import { ensureHubKeys, ensureSealingKeys } from '../../sync/hub/hub-keys.node.js';
import { registerIntake } from '../../sync/hub/intake.node.js';
import { ensureOperatorToken, localOperations, type HubOperations, type Publisher } from '../../sync/hub/operator.node.js';
import { startHub, type RunningHub } from '../../sync/hub/server.node.js';
import { openHubStore } from '../../sync/hub/store.node.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';
import { listTar } from '../../sync/protocol/bundle.node.js';
import { EXPORT_MANIFEST, OUTBOX_EXPORT_EXT, recordName } from '../../sync/protocol/outbox-export.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };

let hub: RunningHub;
let ops: HubOperations;
const cores: Core[] = [];

beforeAll(async () => {
  const layout = await freshHubLayout('export-hub-');
  const { logger } = memoryLogger('hub');
  const store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const { keys: sealing } = ensureSealingKeys(layout, logger);
  ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
  hub = await startHub({ layout, store, keys, logger, host: '127.0.0.1', port: 0, operations: ops, operatorToken: ensureOperatorToken(layout, logger), extensions: [(a) => registerIntake(a, { store, keys, sealing, formCatalogue: sourceFormCatalogue })] });
}, 180_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await hub?.close();
});

/** A device's core, enrolled with the hub or not, and its channel with USB sticks looked for under `roots`. */
async function device(roots: string[], enrolled: boolean): Promise<{ core: Core; channel: CoreChannel }> {
  const { core } = testCore({ dataDir: freshDir('export-device-') });
  cores.push(core);
  if (enrolled) {
    const { code } = await ops.enrolDevice({ name: `laptop-${cores.length}` });
    await enrol({ dataDir: core.env.dataDir, hubUrl: hub.url, code });
  }
  const sync = new SyncService({ dataDir: core.env.dataDir, catalogue: core.catalogue, events: core.events, logger: core.env.logger, removableRoots: roots });
  const channel = createChannel({
    catalogue: core.catalogue,
    events: core.events,
    logger: core.env.logger,
    services: { print: core.print, sync, outbox: core.outbox, counsellor: core.counsellor, layers: () => core.layers(), whereabouts: () => ({ now: core.env.clock(), holidays: [] }), now: core.env.clock, settings: () => ({ profile: 'kiosk', language: 'ko', idleSeconds: 120, printing: 'dialog' }) },
  });
  return { core, channel };
}


const callback = { name: '김서현', phone: '010-2345-6789', topic: '아이돌봄 서비스 신청 방법', preferred_time: 'weekday_morning', consent: true };

describe('outboxExport through the channel', () => {
  it('no USB stick: not_found "no USB stick found", naming media; a folder that is not a mounted stick: not_found naming media; nothing written', async () => {
    const root = freshDir('media-root-');
    const plain = join(root, 'kiosk', 'NOT-A-STICK');
    mkdirSync(plain, { recursive: true });
    expect(mountedMedia([root])).toEqual([]);
    const { core, channel } = await device([root], true);
    core.outbox.submit({ service: 'consultation-callback', form: callback });
    const none = await channel.call('outboxExport', {});
    expect(none).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found', field: 'media', message: expect.stringMatching(/^no USB stick found/) }) });
    for (const media of [plain, root, '/tmp', core.env.dataDir]) {
      const r = await channel.call('outboxExport', { media });
      expect(r, media).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found', field: 'media' }) });
    }
    expect(readdirSync(plain)).toEqual([]);
    expect(readdirSync(core.env.dataDir).filter((f) => f.endsWith(OUTBOX_EXPORT_EXT))).toEqual([]);
    expect(core.outbox.status().pending).toBe(1);
  }, 120_000);

  const shm = mountedMedia(['/dev']).includes('/dev/shm');
  it.skipIf(!shm)('onto a mounted stick (/dev/shm): the pending applications, 0600, left pending; not enrolled: unavailable; nothing pending: bad_request', async () => {
    const stranger = await device(['/dev'], false);
    const notEnrolled = await stranger.channel.call('outboxExport', { media: '/dev/shm' });
    expect(notEnrolled).toEqual({ ok: false, error: expect.objectContaining({ code: 'unavailable', reason: 'not_enrolled' }) });

    const { core, channel } = await device(['/dev'], true);
    const empty = await channel.call('outboxExport', { media: '/dev/shm' });
    expect(empty).toEqual({ ok: false, error: expect.objectContaining({ code: 'bad_request', reason: 'nothing_pending' }) });
    const ids = [1, 2].map(() => core.outbox.submit({ service: 'consultation-callback', form: callback }).client_id);
    const r = await channel.call('outboxExport', { media: '/dev/shm/' });
    let file = '';
    try {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const v = (r as { ok: true; value: { file: string; records: number; bytes: number } }).value;
      file = v.file;
      expect(file).toMatch(new RegExp(`^/dev/shm/aichingu-applications-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\${OUTBOX_EXPORT_EXT}$`));
      expect(v).toMatchObject({ records: 2, bytes: statSync(file).size });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(listTar(file).map((e) => e.name)).toEqual([EXPORT_MANIFEST, ...ids.map(recordName)]);
      expect(core.outbox.status()).toMatchObject({ pending: 2, sent: 0 });
    } finally {
      if (file) rmSync(file, { force: true });
    }
    expect(existsSync(file)).toBe(false);
  }, 120_000);
});
