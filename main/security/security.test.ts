/**
 * The Electron checklist (../shared/docs/SECURITY.md), item by item, as the main process
 * applies it: web preferences, navigation, window-open, permissions, IPC senders, shortcuts.
 */
import { describe, expect, it } from 'vitest';
import { kioskWebPreferences, REQUIRED_WEB_PREFERENCES, webPreferenceViolations } from './web-preferences.js';
import { APP_START_URL, isAppUrl, loggableUrl, navigationDecision, permissionDecision, windowOpenDecision } from './navigation.js';
import { ipcSenderVerdict } from './ipc-sender.js';
import { blockedShortcut, inputDecision, OPERATOR_CHORD, type KeyInput } from './shortcuts.js';

describe('web preferences', () => {
  const prefs = kioskWebPreferences({ preload: '/app/dist/main/preload.cjs', packaged: true });
  it('the page gets no Node, its own isolated, sandboxed renderer, the same-origin policy, nothing insecure or experimental, no <webview>', () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, contextIsolation: true, sandbox: true, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
    expect(webPreferenceViolations(prefs)).toEqual([]);
  });
  it('DevTools only in an unpackaged app', () => {
    expect(prefs.devTools).toBe(false);
    expect(kioskWebPreferences({ preload: 'p', packaged: false }).devTools).toBe(true);
  });
  it('the self-check names each setting a window would break', () => {
    for (const [k, v] of Object.entries(REQUIRED_WEB_PREFERENCES)) expect(webPreferenceViolations({ ...prefs, [k]: !v }), k).toEqual([`${k} must be ${v}`]);
    expect(webPreferenceViolations({ ...prefs, enableBlinkFeatures: 'CSSPseudoHas' })).toEqual(['enableBlinkFeatures must be unset']);
    expect(webPreferenceViolations({ ...prefs, preload: undefined })).toEqual(['preload must be set (the kiosk channel)']);
  });
});

describe('navigation, new windows, permissions', () => {
  it('the page stays on the app origin: URLs are parsed, not compared by their beginning', () => {
    for (const ok of [APP_START_URL, 'app://kiosk/index.html', 'app://kiosk/assets/x.js?v=1#top', 'app://KIOSK/']) expect(navigationDecision(ok), ok).toBe('allow');
    for (const bad of ['app://kiosk.evil.example/', 'app://kiosk@evil.example/', 'app://evil/kiosk', 'app://kiosk:8080/', 'app://user:pw@kiosk/', 'https://kiosk/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'about:blank', 'chrome://settings', 'devtools://devtools/bundled/inspector.html', 'app:kiosk', '', 'not a url'])
      expect(navigationDecision(bad), bad).toBe('deny');
    expect(isAppUrl(null)).toBe(false);
  });
  it('window.open and target=_blank never open anything', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
  it('every permission is refused, whoever asks', () => {
    const all = ['clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'hid', 'serial', 'usb', 'fileSystem'];
    for (const p of all) {
      expect(permissionDecision(p, { origin: 'app://kiosk', isMainFrame: true }), p).toBe(false);
      expect(permissionDecision(p, { origin: 'https://evil.example', isMainFrame: false }), p).toBe(false);
    }
  });
  it('logs name a URL by its origin only (a path or query could carry what was typed)', () => {
    expect(loggableUrl('https://evil.example/search?q=010-1234-5678')).toBe('https://evil.example');
    expect(loggableUrl('app://kiosk/x?phone=010')).toBe('app://kiosk');
    expect(loggableUrl('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(loggableUrl('%%')).toBe('(not a URL)');
  });
});

describe('IPC senders', () => {
  const kiosk = 7;
  it('only the kiosk window, its main frame, on the app origin', () => {
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: 'app://kiosk/', isMainFrame: true }, kiosk)).toBe('ok');
    expect(ipcSenderVerdict({ webContentsId: 8, frameUrl: 'app://kiosk/', isMainFrame: true }, kiosk)).toBe('other-window');
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: 'app://kiosk/', isMainFrame: true }, null)).toBe('other-window');
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: 'app://kiosk/print/sheet/x.pdf', isMainFrame: false }, kiosk)).toBe('sub-frame');
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, kiosk)).toBe('foreign-origin');
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: 'app://kiosk.evil/', isMainFrame: true }, kiosk)).toBe('foreign-origin');
    expect(ipcSenderVerdict({ webContentsId: 7, frameUrl: null, isMainFrame: true }, kiosk)).toBe('no-frame');
  });
});

describe('keys the kiosk swallows', () => {
  const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, code, control: false, alt: false, shift: false, meta: false, ...mods });
  const ctrl = (k: string, code: string, mods: Partial<KeyInput> = {}) => key(k, code, { control: true, ...mods });
  const kiosk = (i: KeyInput) => inputDecision(i, { profile: 'kiosk' });

  it('reload, zoom, DevTools, print, close, quit and fullscreen are blocked', () => {
    const cases: [KeyInput, string][] = [
      [key('F5', 'F5'), 'reload'],
      [ctrl('r', 'KeyR'), 'reload'],
      [ctrl('R', 'KeyR', { shift: true }), 'reload'],
      [ctrl('F5', 'F5'), 'reload'],
      [key('BrowserRefresh', 'BrowserRefresh'), 'reload'],
      [ctrl('=', 'Equal'), 'zoom'],
      [ctrl('+', 'Equal', { shift: true }), 'zoom'],
      [ctrl('-', 'Minus'), 'zoom'],
      [ctrl('0', 'Digit0'), 'zoom'],
      [ctrl('+', 'NumpadAdd'), 'zoom'],
      [key('F12', 'F12'), 'devtools'],
      [ctrl('I', 'KeyI', { shift: true }), 'devtools'],
      [ctrl('J', 'KeyJ', { shift: true }), 'devtools'],
      [ctrl('C', 'KeyC', { shift: true }), 'devtools'],
      [key('i', 'KeyI', { meta: true, alt: true }), 'devtools'],
      [ctrl('p', 'KeyP'), 'print'],
      [ctrl('w', 'KeyW'), 'close'],
      [ctrl('q', 'KeyQ'), 'close'],
      [key('F4', 'F4', { alt: true }), 'close'],
      [ctrl('F4', 'F4'), 'close'],
      [key('F11', 'F11'), 'fullscreen'],
    ];
    for (const [i, why] of cases) {
      expect(blockedShortcut(i), JSON.stringify(i)).toBe(why);
      expect(kiosk(i), JSON.stringify(i)).toBe('block');
    }
  });

  it('with the Korean input method on, Ctrl+R arrives as ㄱ and is still a reload', () => {
    expect(kiosk(ctrl('ㄱ', 'KeyR'))).toBe('block');
    expect(kiosk(ctrl('ㅔ', 'KeyP'))).toBe('block');
  });

  it('typing, editing, Tab, Esc and Alt+← (the app’s own back) pass', () => {
    for (const i of [key('a', 'KeyA'), key('ㄱ', 'KeyR'), key('1', 'Digit1'), key('Enter', 'Enter'), key('Backspace', 'Backspace'), key('Tab', 'Tab'), key('Escape', 'Escape'), key('ArrowLeft', 'ArrowLeft', { alt: true }), ctrl('a', 'KeyA'), ctrl('c', 'KeyC'), ctrl('v', 'KeyV'), ctrl('x', 'KeyX'), ctrl('z', 'KeyZ'), key('HangulMode', 'Lang1'), key('R', 'KeyR', { shift: true })])
      expect(kiosk(i), JSON.stringify(i)).toBe('allow');
  });

  it('only key presses are judged (a key coming up changes nothing)', () => {
    expect(kiosk({ ...ctrl('r', 'KeyR'), type: 'keyUp' })).toBe('allow');
  });

  it('the hidden operator chord (Ctrl+Alt+Shift+O, by its physical key) opens the operator dialog once, not on auto-repeat', () => {
    const chord = ctrl('O', 'KeyO', { alt: true, shift: true });
    expect(OPERATOR_CHORD).toEqual({ code: 'KeyO', control: true, alt: true, shift: true });
    expect(kiosk(chord)).toBe('operator');
    expect(kiosk(ctrl('ㅐ', 'KeyO', { alt: true, shift: true }))).toBe('operator');
    expect(kiosk({ ...chord, isAutoRepeat: true })).toBe('block');
    expect(kiosk(ctrl('o', 'KeyO', { alt: true }))).toBe('block'); // not the chord: still a browser shortcut
    expect(kiosk({ ...chord, meta: true })).toBe('block');
    expect(inputDecision(ctrl('k', 'KeyK', { alt: true }), { profile: 'kiosk', chord: { code: 'KeyK', control: true, alt: true, shift: false } })).toBe('operator');
  });

  it('a counsellor’s laptop may close its window and leave fullscreen, but gets no reload, zoom, DevTools or print', () => {
    const counsellor = (i: KeyInput) => inputDecision(i, { profile: 'counsellor' });
    expect(counsellor(ctrl('w', 'KeyW'))).toBe('allow');
    expect(counsellor(key('F4', 'F4', { alt: true }))).toBe('allow');
    expect(counsellor(key('F11', 'F11'))).toBe('allow');
    for (const i of [key('F5', 'F5'), ctrl('=', 'Equal'), key('F12', 'F12'), ctrl('p', 'KeyP')]) expect(counsellor(i)).toBe('block');
  });
});
