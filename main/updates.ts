/**
 * App updates (electron-updater, generic provider, the hub's /updates/ feed) as pure decisions;
 * main/updater.main.ts only carries them out.
 *
 * - Whether and how: the feed is the hub's (kiosk.json `hub.url` + /updates/), on the configured
 *   channel. A .deb kiosk only checks and logs (its package manager installs, as root); so does
 *   `updates.checkOnly`. An AppImage or Windows (NSIS) install downloads by itself.
 * - Who: a staged rollout (`stagingPercentage` in the feed) takes the kiosks whose stable id
 *   falls below the percentage — the very rule electron-updater applies (AppUpdater.isStagingMatch:
 *   the UUID's bytes 12–15 as a big-endian uint32, over 0xffffffff), so the shell and the
 *   updater can never disagree, and a kiosk keeps its place in the rollout across updates.
 * - When: never while someone uses the kiosk. A downloaded update is installed once the kiosk
 *   has reset itself for being idle (nobody has touched it since) — and, when a night hour is
 *   set, only during that hour (Korea time); a counsellor's laptop installs when it is quit.
 *   Any app also installs a downloaded update when it quits (a kiosk switched off at night).
 */
import type { KioskConfig } from '../core/config/kiosk-config.js';

export type PackageKind = 'appimage' | 'deb' | 'nsis' | 'other' | 'unpackaged';

/**
 * How this copy was installed: electron-builder writes `resources/package-type` (deb, rpm, …)
 * into Linux packages, and an AppImage runs with APPIMAGE set (what electron-updater reads too).
 */
export function packageKind(o: { packaged: boolean; platform: NodeJS.Platform; appImage?: string; packageTypeFile?: string | null }): PackageKind {
  if (!o.packaged) return 'unpackaged';
  if (o.platform === 'win32') return 'nsis';
  if (o.platform !== 'linux') return 'other';
  if (o.appImage) return 'appimage';
  if (o.packageTypeFile?.trim() === 'deb') return 'deb';
  return 'other';
}

export interface UpdaterSetup {
  enabled: boolean;
  /** why, in a log line */
  reason: string;
  /** the generic provider's URL: the hub's /updates/ */
  feedUrl?: string;
  channel: string;
  /** only look, and log what is there */
  checkOnly: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  /** never: a rollback is a release with a higher version */
  allowDowngrade: false;
}

/** The hub's update feed: HUB/updates/ (the hub serves it: sync/hub/updates.node.ts). */
export function feedUrl(hubUrl: string): string {
  const base = new URL(hubUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('updates/', base).toString();
}

export function updaterSetup(config: Pick<KioskConfig, 'hub' | 'updates'>, kind: PackageKind): UpdaterSetup {
  const channel = config.updates.channel;
  const off = (reason: string): UpdaterSetup => ({ enabled: false, reason, channel, checkOnly: true, autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
  if (kind === 'unpackaged') return off('not a packaged app: updates come with the checkout');
  if (!config.hub) return off('no hub is set in kiosk.json: updates come from the hub');
  const checkOnly = config.updates.checkOnly || kind === 'deb' || kind === 'other';
  const reason =
    kind === 'deb' ? 'a .deb install: the package manager installs updates; the kiosk only checks' : config.updates.checkOnly ? 'updates.checkOnly is set: the kiosk only checks' : kind === 'other' ? 'this kind of install cannot update itself; the kiosk only checks' : 'downloads by itself, installs when nobody uses the kiosk';
  return { enabled: true, reason, feedUrl: feedUrl(config.hub.url), channel, checkOnly, autoDownload: !checkOnly, autoInstallOnAppQuit: !checkOnly, allowDowngrade: false };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isStableId = (id: string): boolean => UUID.test(id);

/** Where a kiosk stands in every rollout, from 0 to 1: its stable id's bytes 12–15 (big-endian) over 0xffffffff. */
export function rolloutPosition(stableId: string): number {
  if (!isStableId(stableId)) throw new Error(`"${stableId}" is not a UUID`);
  const hex = stableId.replace(/-/g, '');
  return parseInt(hex.slice(24, 32), 16) / 0xffffffff;
}

/** Is this kiosk in a release's rollout? No percentage (or an unreadable one): everyone, as electron-updater reads it. */
export function inRollout(stableId: string, stagingPercentage: unknown): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const pct = parseInt(String(stagingPercentage), 10);
  if (Number.isNaN(pct)) return true;
  return rolloutPosition(stableId) < pct / 100;
}

/** The renderer's own warning before its idle reset (renderer/src/lib/idle.ts: 30 s). */
export const IDLE_WARNING_SECONDS = 30;
/** The renderer resets after at least this long untouched (its own default, 120 s, is the floor: a shorter setting never hurries an update). */
export const RENDERER_IDLE_SECONDS = 120;
/** how often the shell looks at the feed, and how soon after it starts */
export const UPDATE_CHECK = { firstMs: 5 * 60_000, everyMs: 4 * 60 * 60_000, installPollMs: 60_000 } as const;

/** The hour (0–23) in Korea, where every kiosk stands. */
export function seoulHour(d: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', hour: '2-digit', hourCycle: 'h23' }).format(d));
}

export type InstallDecision = { install: true } | { install: false; why: 'nothing-downloaded' | 'check-only' | 'counsellor-installs-on-quit' | 'in-use' | 'not-night-hour' };

/**
 * Whether to install the downloaded update now (autoUpdater.quitAndInstall). `idleSeconds`: how
 * long since anyone touched the machine (powerMonitor.getSystemIdleTime()).
 */
export function installDecision(o: { setup: UpdaterSetup; downloaded: boolean; config: Pick<KioskConfig, 'profile' | 'idleSeconds' | 'updates'>; idleSeconds: number; now: Date }): InstallDecision {
  if (!o.downloaded) return { install: false, why: 'nothing-downloaded' };
  if (o.setup.checkOnly) return { install: false, why: 'check-only' };
  if (o.config.profile === 'counsellor') return { install: false, why: 'counsellor-installs-on-quit' };
  if (o.idleSeconds < Math.max(o.config.idleSeconds, RENDERER_IDLE_SECONDS) + IDLE_WARNING_SECONDS) return { install: false, why: 'in-use' };
  if (o.config.updates.nightHour !== null && seoulHour(o.now) !== o.config.updates.nightHour) return { install: false, why: 'not-night-hour' };
  return { install: true };
}
