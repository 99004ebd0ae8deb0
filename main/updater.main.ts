/**
 * electron-updater, thin: every decision is main/updates.ts. The feed is the hub's /updates/
 * (the generic provider, sync/hub/updates.node.ts serves it); the kiosk's stable id — the UUID
 * electron-updater itself keeps in <userData>/.updaterId — places it in staged rollouts; a
 * downloaded update is installed only when installDecision says so (nobody using the kiosk).
 */
import { powerMonitor } from 'electron';
import electronUpdater from 'electron-updater';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../core/config/kiosk-config.js';
import type { Logger } from '../core/log.node.js';
import { writePrivateFile } from '../core/private-files.node.js';
import { inRollout, installDecision, isStableId, UPDATE_CHECK, type UpdaterSetup } from './updates.js';

export interface Updater {
  /** the version downloaded and waiting to be installed, if any */
  waiting(): string | null;
  /** the operator asked: install now */
  installNow(): void;
  stop(): void;
}

/** electron-updater's stable id for this install (made once, kept in the shell's folder). */
export function stableId(userData: string): string {
  const file = join(userData, '.updaterId');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (isStableId(id)) return id;
  } catch {
    // none yet
  }
  const id = randomUUID();
  writePrivateFile(file, id);
  return id;
}

export function startUpdater(o: { setup: UpdaterSetup; config: KioskConfig; userData: string; logger: Logger; beforeInstall: () => void }): Updater {
  const log = o.logger.child({ component: 'updater' });
  const none: Updater = { waiting: () => null, installNow: () => {}, stop: () => {} };
  if (!o.setup.enabled || !o.setup.feedUrl) {
    log.info({ event: 'update.off' }, `updates are off: ${o.setup.reason}`);
    return none;
  }
  const { autoUpdater } = electronUpdater;
  const id = stableId(o.userData);
  autoUpdater.logger = { info: (m?: unknown) => log.debug(String(m)), warn: (m?: unknown) => log.warn(String(m)), error: (m?: unknown) => log.error(String(m)) };
  autoUpdater.setFeedURL({ provider: 'generic', url: o.setup.feedUrl, channel: o.setup.channel });
  autoUpdater.autoDownload = o.setup.autoDownload;
  autoUpdater.autoInstallOnAppQuit = o.setup.autoInstallOnAppQuit;
  autoUpdater.allowDowngrade = o.setup.allowDowngrade;
  autoUpdater.isUserWithinRollout = (info) => inRollout(id, info.stagingPercentage);
  log.info({ event: 'update.on', feed: o.setup.feedUrl, channel: o.setup.channel, check_only: o.setup.checkOnly }, `updates: ${o.setup.reason}`);

  let waiting: string | null = null;
  autoUpdater.on('update-available', (info) => log.info({ event: 'update.available', version: info.version, staging: info.stagingPercentage ?? null }, o.setup.checkOnly ? `version ${info.version} is available (this kiosk only checks: install it with the package manager)` : `version ${info.version} is available: downloading`));
  autoUpdater.on('update-not-available', (info) => log.debug({ event: 'update.none', version: info.version }, 'no newer version for this kiosk'));
  autoUpdater.on('update-downloaded', (info) => {
    waiting = info.version;
    log.info({ event: 'update.downloaded', version: info.version }, `version ${info.version} is downloaded; it is installed when nobody uses the kiosk`);
  });
  autoUpdater.on('error', (e) => log.warn({ event: 'update.failed', err: e }, 'looking for or downloading an update failed; tried again later'));

  const check = () => void autoUpdater.checkForUpdates().catch((e: unknown) => log.warn({ event: 'update.failed', err: e }, 'the update check failed'));
  const install = () => {
    log.info({ event: 'update.install', version: waiting }, `installing version ${waiting}`);
    o.beforeInstall();
    autoUpdater.quitAndInstall(true, true);
  };
  const first = setTimeout(check, UPDATE_CHECK.firstMs);
  const every = setInterval(check, UPDATE_CHECK.everyMs);
  const poll = setInterval(() => {
    if (!waiting) return;
    const d = installDecision({ setup: o.setup, downloaded: true, config: o.config, idleSeconds: powerMonitor.getSystemIdleTime(), now: new Date() });
    if (d.install) install();
  }, UPDATE_CHECK.installPollMs);
  return {
    waiting: () => waiting,
    installNow: () => waiting && install(),
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
      clearInterval(poll);
    },
  };
}
