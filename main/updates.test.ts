import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { DEFAULT_KIOSK_CONFIG, type KioskConfig } from '../core/config/kiosk-config.js';
import { feedUrl, inRollout, installDecision, packageKind, rolloutPosition, seoulHour, updaterSetup, type UpdaterSetup } from './updates.js';

const require = createRequire(import.meta.url);
const HUB = { url: 'http://hub.gwangju.example:8790', key: `ed25519:${Buffer.alloc(32, 1).toString('base64')}` };
const config = (o: Partial<KioskConfig> = {}): KioskConfig => ({ ...DEFAULT_KIOSK_CONFIG, hub: HUB, ...o });

/** electron-updater's own rule, run as it is (AppUpdater.prototype.isStagingMatch), for a kiosk with this id. */
async function electronUpdaterSays(id: string, stagingPercentage: unknown): Promise<boolean> {
  const { AppUpdater } = require('electron-updater/out/AppUpdater.js') as { AppUpdater: { prototype: { isStagingMatch(info: unknown): Promise<boolean> } } };
  const self = { stagingUserIdPromise: { value: Promise.resolve(id) }, _logger: { info() {}, warn() {} } };
  return AppUpdater.prototype.isStagingMatch.call(self, { version: '1.0.0', stagingPercentage });
}

describe('which install updates itself', () => {
  it('an AppImage and a Windows (NSIS) install update themselves; a .deb, anything else and an unpackaged app only check', () => {
    expect(packageKind({ packaged: true, platform: 'linux', appImage: '/opt/a.AppImage' })).toBe('appimage');
    expect(packageKind({ packaged: true, platform: 'linux', packageTypeFile: 'deb\n' })).toBe('deb');
    expect(packageKind({ packaged: true, platform: 'linux', packageTypeFile: 'rpm' })).toBe('other');
    expect(packageKind({ packaged: true, platform: 'win32' })).toBe('nsis');
    expect(packageKind({ packaged: false, platform: 'linux', appImage: '/x' })).toBe('unpackaged');
  });

  it('the feed is the hub’s /updates/, on the configured channel; downloads only where the app installs itself', () => {
    const appimage = updaterSetup(config({ updates: { channel: 'beta', checkOnly: false, nightHour: 3 } }), 'appimage');
    expect(appimage).toMatchObject({ enabled: true, feedUrl: 'http://hub.gwangju.example:8790/updates/', channel: 'beta', checkOnly: false, autoDownload: true, autoInstallOnAppQuit: true, allowDowngrade: false });
    expect(updaterSetup(config(), 'nsis')).toMatchObject({ enabled: true, autoDownload: true });
    for (const s of [updaterSetup(config(), 'deb'), updaterSetup(config(), 'other'), updaterSetup(config({ updates: { ...DEFAULT_KIOSK_CONFIG.updates, checkOnly: true } }), 'appimage')])
      expect(s).toMatchObject({ enabled: true, checkOnly: true, autoDownload: false, autoInstallOnAppQuit: false });
    expect(updaterSetup(config(), 'deb').reason).toMatch(/package manager/);
    expect(updaterSetup(config({ hub: null }), 'appimage')).toMatchObject({ enabled: false, reason: expect.stringMatching(/no hub/) });
    expect(updaterSetup(config(), 'unpackaged').enabled).toBe(false);
    expect(feedUrl('https://hub.example/aichingu')).toBe('https://hub.example/aichingu/updates/');
    expect(feedUrl('http://hub:8790/')).toBe('http://hub:8790/updates/');
  });
});

describe('staged rollout: the same rule as electron-updater', () => {
  it('a kiosk’s place comes from its stable id’s bytes 12–15', () => {
    expect(rolloutPosition('00000000-0000-0000-0000-000000000000')).toBe(0);
    expect(rolloutPosition('00000000-0000-0000-0000-0000ffffffff')).toBe(1);
    expect(rolloutPosition('ffffffff-ffff-ffff-ffff-ffff80000000')).toBeCloseTo(0.5, 6);
    expect(() => rolloutPosition('not-a-uuid')).toThrow(/not a UUID/);
  });

  it('agrees with electron-updater’s isStagingMatch for 300 random kiosks at several percentages, and at the edges', async () => {
    const ids = [...Array.from({ length: 300 }, () => randomUUID()), '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '12345678-1234-4234-8234-123480000000'];
    for (const pct of [undefined, 0, 1, 10, 25, 50, 99, 100, '30', 'lots'])
      for (const id of ids) expect(inRollout(id, pct), `${id} at ${String(pct)}`).toBe(await electronUpdaterSays(id, pct));
  });

  it('about the percentage of kiosks asked for is in (and a kiosk in at 10 % stays in at 50 %)', () => {
    const ids = Array.from({ length: 4000 }, () => randomUUID());
    const share = (pct: number) => ids.filter((id) => inRollout(id, pct)).length / ids.length;
    expect(share(0)).toBe(0);
    expect(share(100)).toBe(1);
    expect(share(25)).toBeGreaterThan(0.2);
    expect(share(25)).toBeLessThan(0.3);
    expect(ids.filter((id) => inRollout(id, 10)).every((id) => inRollout(id, 50))).toBe(true);
  });
});

describe('never while someone uses the kiosk', () => {
  const setup: UpdaterSetup = updaterSetup(config(), 'appimage');
  // 2026-12-03 03:20 in Korea = 2026-12-02 18:20 UTC
  const night = new Date('2026-12-02T18:20:00Z');
  const day = new Date('2026-12-03T02:00:00Z'); // 11:00 in Korea
  const idleReset = 150; // the renderer's 120 s and its 30 s warning
  const decide = (o: { idle: number; now: Date; cfg?: KioskConfig; downloaded?: boolean; s?: UpdaterSetup }) =>
    installDecision({ setup: o.s ?? setup, downloaded: o.downloaded ?? true, config: o.cfg ?? config(), idleSeconds: o.idle, now: o.now });

  it('Korea time', () => {
    expect(seoulHour(night)).toBe(3);
    expect(seoulHour(day)).toBe(11);
  });

  it('at the night hour, only once the kiosk has reset itself for being idle', () => {
    expect(decide({ idle: idleReset, now: night })).toEqual({ install: true });
    expect(decide({ idle: idleReset - 1, now: night })).toEqual({ install: false, why: 'in-use' });
    expect(decide({ idle: 0, now: night })).toEqual({ install: false, why: 'in-use' });
    expect(decide({ idle: 3600, now: day })).toEqual({ install: false, why: 'not-night-hour' });
  });

  it('without a night hour: at the first idle reset, at any hour', () => {
    const anyHour = config({ updates: { channel: 'latest', checkOnly: false, nightHour: null } });
    expect(decide({ idle: idleReset, now: day, cfg: anyHour })).toEqual({ install: true });
    expect(decide({ idle: 100, now: day, cfg: anyHour })).toEqual({ install: false, why: 'in-use' });
  });

  it('a longer idle setting waits longer; a shorter one never hurries it past the screen’s own reset', () => {
    expect(decide({ idle: 200, now: night, cfg: config({ idleSeconds: 300 }) }).install).toBe(false);
    expect(decide({ idle: 330, now: night, cfg: config({ idleSeconds: 300 }) }).install).toBe(true);
    expect(decide({ idle: 100, now: night, cfg: config({ idleSeconds: 30 }) }).install).toBe(false);
  });

  it('nothing downloaded, check-only, or a counsellor’s laptop (it installs when quit): never now', () => {
    expect(decide({ idle: 9999, now: night, downloaded: false })).toEqual({ install: false, why: 'nothing-downloaded' });
    expect(decide({ idle: 9999, now: night, s: updaterSetup(config(), 'deb') })).toEqual({ install: false, why: 'check-only' });
    expect(decide({ idle: 9999, now: night, cfg: config({ profile: 'counsellor' }) })).toEqual({ install: false, why: 'counsellor-installs-on-quit' });
  });
});
