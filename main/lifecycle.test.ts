import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chooseDisplay, hubPinDecision, powerSaveDecision, relaunchOptions, secondInstanceActions, shellPaths, shellResources, singleInstanceDecision, windowOptions, type DisplayInfo } from './lifecycle.js';
import { kioskWebPreferences } from './security/web-preferences.js';
import { ROOT } from '../tests/env.node.js';

const display = (id: number, x: number): DisplayInfo => ({ id, bounds: { x, y: 0, width: 1080, height: 1920 }, workArea: { x, y: 0, width: 1080, height: 1880 } });
const prefs = kioskWebPreferences({ preload: 'p', packaged: true });

describe('the shell’s folders', () => {
  it('the device data folder the CLI uses (--data, AICHINGU_DATA, the user’s data folder), the shell’s own inside it', () => {
    expect(shellPaths({ argv: ['electron', '.', '--data', '/srv/kiosk'], env: {}, platform: 'linux', home: '/home/k' })).toEqual({ dataDir: '/srv/kiosk', userData: '/srv/kiosk/shell' });
    expect(shellPaths({ argv: ['app', '--data=/d'], env: { AICHINGU_DATA: '/e' }, platform: 'linux', home: '/home/k' }).dataDir).toBe('/d');
    expect(shellPaths({ argv: ['app'], env: { AICHINGU_DATA: '/e' }, platform: 'linux', home: '/home/k' }).dataDir).toBe('/e');
    expect(shellPaths({ argv: ['app'], env: {}, platform: 'linux', home: '/home/k' })).toEqual({ dataDir: '/home/k/.local/share/aichingu-1279', userData: '/home/k/.local/share/aichingu-1279/shell' });
  });

  it('packaged: the resources SQLite and Chromium read lie unpacked beside app.asar, the UI inside it', () => {
    const r = shellResources('/opt/aichingu/resources/app.asar');
    expect(r.migrations).toBe('/opt/aichingu/resources/app.asar.unpacked/dist/resources/migrations');
    expect(r.embeddedCatalogue).toBe('/opt/aichingu/resources/app.asar.unpacked/dist/resources/catalogue.sqlite');
    expect(r.fonts).toBe('/opt/aichingu/resources/app.asar.unpacked/dist/resources/fonts');
    expect(r.renderer).toBe('/opt/aichingu/resources/app.asar/dist/renderer');
  });

  it('unpackaged (`electron .` in a built checkout): every resource is where npm run build put it', () => {
    const r = shellResources(ROOT);
    for (const p of [r.embeddedCatalogue, join(r.migrations, 'catalogue'), join(r.locales, 'ko.json'), join(r.fonts, 'noto-sans-kr', '400.css'), join(r.fonts, 'noto-sans-sc', '400.css'), join(r.renderer, 'index.html')]) expect(existsSync(p), p).toBe(true);
  });
});

describe('the window', () => {
  it('fills the configured display; a display that is not there: the primary one, saying so', () => {
    const [a, b] = [display(1, 0), display(2, 1080)];
    expect(chooseDisplay([a, b], a, 1)).toEqual({ display: b });
    expect(chooseDisplay([a, b], a, 'primary')).toEqual({ display: a });
    const missing = chooseDisplay([a, b], a, 3);
    expect(missing.display).toBe(a);
    expect(missing.problem).toMatch(/display 3 is not connected \(2 displays: 0–1\)/);
  });

  it('a kiosk: fullscreen kiosk mode on that display, frameless, fixed, above everything; the checked web preferences', () => {
    const o = windowOptions('kiosk', display(2, 1080), prefs);
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false, resizable: false, movable: false, minimizable: false, alwaysOnTop: true, x: 1080, y: 0, width: 1080, height: 1920, show: false });
    expect(o.webPreferences).toBe(prefs);
  });

  it('a counsellor’s laptop: an ordinary window on the work area', () => {
    const o = windowOptions('counsellor', display(1, 0), prefs);
    expect(o).not.toHaveProperty('kiosk');
    expect(o.frame).toBeUndefined();
    expect(o).toMatchObject({ height: 1880, width: 1080, webPreferences: prefs });
  });
});

describe('one instance, awake', () => {
  it('a second start ends and brings the first to the front, reopening its window if it is gone', () => {
    expect(singleInstanceDecision(true)).toBe('run');
    expect(singleInstanceDecision(false)).toBe('quit');
    expect(secondInstanceActions({ exists: false, minimized: false, visible: false })).toEqual(['open']);
    expect(secondInstanceActions({ exists: true, minimized: true, visible: false })).toEqual(['restore', 'show', 'focus']);
    expect(secondInstanceActions({ exists: true, minimized: false, visible: true })).toEqual(['focus']);
  });
  it('a kiosk keeps its display awake; a laptop keeps its own power settings', () => {
    expect(powerSaveDecision('kiosk')).toBe('prevent-display-sleep');
    expect(powerSaveDecision('counsellor')).toBeNull();
  });
});

describe('the hub in kiosk.json and the key this device pinned', () => {
  const fp = (k: string) => `fp(${k})`;
  const hub = { url: 'http://hub:8790', key: 'ed25519:A' };
  it('no hub configured: nothing; nothing pinned yet: the first sync pins the configured key', () => {
    expect(hubPinDecision(null, { hubUrl: null, keyFingerprint: null }, fp)).toEqual({ action: 'none' });
    expect(hubPinDecision(hub, { hubUrl: null, keyFingerprint: null }, fp)).toEqual({ action: 'sync', hubUrl: 'http://hub:8790', key: 'ed25519:A' });
  });
  it('the same key: nothing to do, or a sync at the hub’s new address', () => {
    expect(hubPinDecision(hub, { hubUrl: 'http://hub:8790', keyFingerprint: 'fp(ed25519:A)' }, fp)).toEqual({ action: 'none' });
    expect(hubPinDecision(hub, { hubUrl: 'http://old-hub:8790', keyFingerprint: 'fp(ed25519:A)' }, fp)).toEqual({ action: 'sync', hubUrl: 'http://hub:8790', key: 'ed25519:A' });
  });
  it('another key is never taken: the pinned one stays, and the operator is told how to move the device', () => {
    const d = hubPinDecision(hub, { hubUrl: 'http://hub:8790', keyFingerprint: 'fp(ed25519:B)' }, fp);
    expect(d.action).toBe('mismatch');
    expect(d.action === 'mismatch' && d.message).toMatch(/pinned fp\(ed25519:B\).*removes sync\.json/);
  });
});

describe('starting the app again', () => {
  it('an AppImage from its own file (its running copy lies in a mount that goes away); otherwise as it was started', () => {
    expect(relaunchOptions({ APPIMAGE: '/opt/kiosk/aichingu-1279.AppImage' }, ['/tmp/.mount_x/aichingu', '--data', '/srv/k'])).toEqual({ execPath: '/opt/kiosk/aichingu-1279.AppImage', args: ['--data', '/srv/k'] });
    expect(relaunchOptions({}, ['C:\\Program Files\\aichingu\\aichingu.exe', '--data=D:\\k'])).toEqual({ args: ['--data=D:\\k'] });
  });
});
