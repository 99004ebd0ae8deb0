/**
 * The shell's life as pure decisions: where its folders are, which display the kiosk fills,
 * the window it opens, one instance only, and the display kept awake.
 */
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import { join } from 'node:path';
import type { KioskConfig, Profile } from '../core/config/kiosk-config.js';
import { builtResources, defaultDataDir, type Resources } from '../core/env.node.js';

/**
 * The device's data folder — the same one the CLI and the web host use (--data DIR, else
 * AICHINGU_DATA, else the user's data folder), so an operator's `cli sync`, `cli counsellor add`
 * work on what the kiosk shows — and the shell's own folder inside it (Chromium's profile,
 * electron-updater's stable id, the crash state): one private folder to back up or wipe.
 */
export function shellPaths(o: { argv: string[]; env: NodeJS.ProcessEnv; platform: NodeJS.Platform; home: string }): { dataDir: string; userData: string } {
  const flag = o.argv.find((a) => a.startsWith('--data='));
  const at = o.argv.indexOf('--data');
  const given = flag ? flag.slice('--data='.length) : at >= 0 ? o.argv[at + 1] : undefined;
  const dataDir = given || defaultDataDir(o.env, o.platform, o.home);
  return { dataDir, userData: join(dataDir, 'shell') };
}

/**
 * The app's resources inside a packaged app (app.getAppPath() is …/resources/app.asar): the
 * UI is read through Electron's asar support, but migrations, locales, fonts and the embedded
 * catalogue lie unpacked beside it (electron-builder.yml asarUnpack) — SQLite and Chromium
 * cannot open a file inside an archive. Unpackaged (`electron .`), both are the checkout's dist/.
 */
export function shellResources(appPath: string): Resources {
  const unpacked = appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return { ...builtResources(join(unpacked, 'dist')), renderer: join(appPath, 'dist', 'renderer') };
}

export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
}

/** The display the kiosk fills: the configured one (its index as the OS lists them), else the primary one — saying so. */
export function chooseDisplay(displays: DisplayInfo[], primary: DisplayInfo, wanted: KioskConfig['display']): { display: DisplayInfo; problem?: string } {
  if (wanted === 'primary') return { display: primary };
  const d = displays[wanted];
  if (d) return { display: d };
  return { display: primary, problem: `display ${wanted} is not connected (${displays.length} display${displays.length === 1 ? '' : 's'}: 0–${displays.length - 1}); the kiosk opens on the primary display` };
}

export const APP_TITLE = '아이친구 1279';

/** The window: a kiosk fills its display, frameless and fixed; a counsellor's laptop gets an ordinary window on its work area. */
export function windowOptions(profile: Profile, display: DisplayInfo, webPreferences: WebPreferences): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = { title: APP_TITLE, show: false, backgroundColor: '#ffffff', autoHideMenuBar: true, webPreferences };
  if (profile === 'counsellor') return { ...common, ...display.workArea, minWidth: 1024, minHeight: 700 };
  return {
    ...common,
    ...display.bounds,
    kiosk: true,
    fullscreen: true,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: true,
    skipTaskbar: true,
    alwaysOnTop: true,
  };
}

/** app.requestSingleInstanceLock(): a second start hands over to the first and ends. */
export function singleInstanceDecision(gotLock: boolean): 'run' | 'quit' {
  return gotLock ? 'run' : 'quit';
}

/** What the first instance does when a second one starts: brings the kiosk back in front — opening it if it is gone. */
export function secondInstanceActions(w: { exists: boolean; minimized: boolean; visible: boolean }): ('open' | 'restore' | 'show' | 'focus')[] {
  if (!w.exists) return ['open'];
  return [...(w.minimized ? (['restore'] as const) : []), ...(w.visible ? [] : (['show'] as const)), 'focus'];
}

/** powerSaveBlocker: a kiosk's display never sleeps (it is the kiosk's whole face); a laptop keeps its own power settings. */
export function powerSaveDecision(profile: Profile): 'prevent-display-sleep' | null {
  return profile === 'kiosk' ? 'prevent-display-sleep' : null;
}

/**
 * kiosk.json's hub against the key this device has pinned (DATA/sync.json): a device with no key
 * pinned yet makes its first sync with the configured address and key (which pins it); the
 * same key at a new address syncs there; a different key is never taken — the pinned one stays
 * (SECURITY.md, catalogue integrity) and the operator is told how to move the device.
 */
export function hubPinDecision(
  wanted: KioskConfig['hub'],
  pinned: { hubUrl: string | null; keyFingerprint: string | null },
  fingerprintOf: (key: string) => string,
): { action: 'none' } | { action: 'sync'; hubUrl: string; key: string } | { action: 'mismatch'; message: string } {
  if (!wanted) return { action: 'none' };
  if (pinned.keyFingerprint === null) return { action: 'sync', hubUrl: wanted.url, key: wanted.key };
  if (pinned.keyFingerprint !== fingerprintOf(wanted.key))
    return { action: 'mismatch', message: `kiosk.json names the hub key ${fingerprintOf(wanted.key)}, but this device has pinned ${pinned.keyFingerprint}: the pinned key stays; to move this device to another hub, an operator removes sync.json from the data folder` };
  if (pinned.hubUrl !== wanted.url) return { action: 'sync', hubUrl: wanted.url, key: wanted.key };
  return { action: 'none' };
}

/** app.relaunch's options: an AppImage starts again from its own file (process.execPath lies in its temporary mount, gone once it exits). */
export function relaunchOptions(env: NodeJS.ProcessEnv, argv: string[]): { execPath?: string; args: string[] } {
  return env.APPIMAGE ? { execPath: env.APPIMAGE, args: argv.slice(1) } : { args: argv.slice(1) };
}
