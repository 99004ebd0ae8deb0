/**
 * The BUILT Electron main process (dist/main/main.mjs), run under Node with a stand-in for the
 * `electron` module (main/testing/fake-electron.mjs) — the Electron binary cannot be downloaded
 * here. It proves the glue wires the tested decisions to Electron as intended: the scheme
 * registered before ready, the sandbox, one instance, no menu, permissions refused, app://
 * serving the built UI with its CSP, the kiosk channel answering from a real core and refusing
 * a sub-frame, navigation and new windows refused, keys swallowed, a crashed page reloaded.
 * What it cannot prove is Electron's own behaviour. Run `npm run build` first (`npm test` does).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir, ROOT } from '../tests/env.node.js';

const MAIN = join(ROOT, 'dist', 'main', 'main.mjs');
const RUN = join(ROOT, 'main', 'testing', 'run-shell.mjs');

function runShell(o: { second?: boolean; kioskJson?: unknown; urls?: string[]; printerFails?: string; printerHangs?: boolean; env?: Record<string, string> } = {}) {
  const data = freshDir('shell-data-');
  if (o.kioskJson !== undefined) writeFileSync(join(data, 'kiosk.json'), JSON.stringify(o.kioskJson));
  const r = spawnSync(process.execPath, [RUN, MAIN], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, AICHINGU_DATA: data, AICHINGU_SYNC_MINUTES: '0', FAKE_ELECTRON_APP_PATH: ROOT, FAKE_ELECTRON_SECOND: o.second ? '1' : '0', FAKE_ELECTRON_URLS: JSON.stringify(o.urls ?? []), ...(o.printerFails ? { FAKE_ELECTRON_PRINTER_FAILS: o.printerFails } : {}), ...(o.printerHangs ? { FAKE_ELECTRON_PRINTER_HANGS: 'first' } : {}), ...o.env },
  });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`the shell printed no report (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { report: report as never as Report, log: r.stderr, data };
}

interface Report {
  beforeReady: string[];
  calls: [string, ...unknown[]][];
  window: { options: Record<string, unknown> & { webPreferences: Record<string, unknown> } };
  permissions: { request: boolean[]; check: boolean; device: boolean };
  protocol: Record<string, { status: number; type: string | null; csp: string | null; body: string; pageSettings: string | null }>;
  ipc: Record<string, { ok: boolean; value?: unknown; error?: { code: string } }>;
  guards: { navigation: [string, boolean][]; windowOpen: unknown; webviewPrevented: boolean };
  keys: [string, boolean][];
  reloadsAfterCrash: number;
  windows?: number;
  printOut: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  printAgain?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  printWindows?: boolean[];
  settings: { ok: boolean; value?: { printing: string } };
  printWindow: { options: { show: boolean; webPreferences: Record<string, unknown> }; loaded: { status: number; body: string; hasSheet: boolean; links: [string, number, string | null][]; elsewhere: number }; destroyed: boolean } | null;
  pdfWindow: { options: { show: boolean; width: number; useContentSize: boolean; webPreferences: Record<string, unknown> }; loaded: { status: number; body: string; links: [string, number, string | null][]; elsewhere: number }; destroyed: boolean } | null;
}

describe('the built Electron main process (Electron played by a stand-in)', () => {
  it('wires every checklist decision to Electron', () => {
    expect(existsSync(MAIN), 'run npm run build first').toBe(true);
    const asset = readdirSync(join(ROOT, 'dist', 'renderer', 'assets')).find((f) => f.endsWith('.js'))!;
    const { report, data } = runShell({ urls: ['app://kiosk/', `app://kiosk/assets/${asset}`, 'app://kiosk/..%2F..%2Fpackage.json', 'app://kiosk/assets/missing.js', 'app://evil/'] });
    const names = report.calls.map((c) => c[0]);

    // before ready: app:// as a secure standard scheme, the sandbox, the shell's folder inside the data folder, one instance
    const scheme = report.calls.find((c) => c[0] === 'protocol.registerSchemesAsPrivileged')!;
    expect(scheme[1]).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(scheme[2]).toEqual({ ready: false });
    expect(report.beforeReady).toEqual(expect.arrayContaining(['app.enableSandbox', 'app.requestSingleInstanceLock']));
    expect(report.calls).toContainEqual(['app.setPath', 'userData', join(data, 'shell')]);

    // when ready: no menu, the display kept awake, one window on app://, with the checked web preferences and a preload that exists
    expect(report.calls).toContainEqual(['Menu.setApplicationMenu', null]);
    expect(report.calls).toContainEqual(['powerSaveBlocker.start', 'prevent-display-sleep']);
    expect(report.calls).toContainEqual(['win.loadURL', 'app://kiosk/']);
    expect(report.calls).toContainEqual(['wc.setVisualZoomLevelLimits', 1, 1]);
    const prefs = report.window.options.webPreferences;
    expect(prefs).toMatchObject({ nodeIntegration: false, contextIsolation: true, sandbox: true, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, experimentalFeatures: false });
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(report.window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(names).toContain('ipcMain.handle');

    // permissions: refused, every way they can be asked
    expect(report.permissions).toEqual({ request: [false], check: false, device: false });

    // app:// serves the built UI with the CSP, and nothing outside it
    expect(report.protocol['app://kiosk/']).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(report.protocol['app://kiosk/']!.body).toMatch(/^<!doctype html>\s*<html lang="ko">/);
    expect(report.protocol['app://kiosk/']!.csp).toMatch(/script-src 'self';/);
    // the page carries the kiosk's settings (as the web host's does): the first screen needs no call over the preload
    expect(JSON.parse(report.protocol['app://kiosk/']!.pageSettings ?? 'null')).toEqual(report.settings.value);
    expect(report.protocol[`app://kiosk/assets/${asset}`]).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(report.protocol['app://kiosk/..%2F..%2Fpackage.json']!.status).toBe(400);
    expect(report.protocol['app://kiosk/assets/missing.js']!.status).toBe(404);
    expect(report.protocol['app://evil/']!.status).toBe(404);

    // the kiosk channel answers the page from the real core; a sub-frame and an unknown method are refused
    expect(report.ipc.info).toMatchObject({ ok: true, value: { entries: expect.any(Number), version: expect.any(String) } });
    expect(report.ipc.subFrame).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(report.ipc.unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // guards, keys, crash
    expect(report.guards).toEqual({ navigation: [['https://evil.example/', true], ['app://kiosk/index.html', false]], windowOpen: { action: 'deny' }, webviewPrevented: true });
    expect(report.keys).toEqual([['Ctrl+r', true], ['a', false]]);
    expect(report.reloadsAfterCrash).toBe(1);
  });

  it('a bad kiosk.json: the shell starts on the defaults and logs each problem by its field; a display that is not there: the primary one, said', () => {
    const { report, log } = runShell({ kioskJson: { profile: 'admin', updates: { nightHour: 99 }, display: 3 } });
    const lines = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event?: string; field?: string; msg: string });
    expect(lines.filter((l) => l.event === 'config.problem').map((l) => l.field)).toEqual(['profile', 'updates.nightHour']);
    expect(lines.find((l) => l.event === 'window.display')?.msg).toMatch(/display 3 is not connected/);
    expect(report.window.options).toMatchObject({ kiosk: true, width: 1080, height: 1920 }); // profile: the safe default; the primary display
  });

  it('makes a sheet\'s PDF with Electron\'s own Chromium (a packed app has no system Chromium to launch): a hidden, locked-down window of its own session, as wide as the printed page, with the shipped fonts (Chinese: Noto Sans SC too), printed to PDF on A4', () => {
    const url = 'app://kiosk/print/sheet/gj-grandparent-caregiver.pdf?lang=zh';
    const { report, log } = runShell({ urls: [url] });
    expect(report.protocol[url]).toMatchObject({ status: 200, type: 'application/pdf', body: expect.stringMatching(/^%PDF-/) });
    expect(report.calls).toContainEqual(['wc.printToPDF', { pageSize: 'A4', printBackground: true, preferCSSPageSize: true }]);
    expect(report.calls).toContainEqual(['wc.insertCSS', expect.stringMatching(/scrollbar-width: none/)]); // the page measured at its printed width
    const w = report.pdfWindow!;
    expect(w.options.show).toBe(false);
    expect(w.options).toMatchObject({ width: 688, useContentSize: true }); // A4 less 14 mm margins, at 96 px per inch
    expect(w.options.webPreferences).toMatchObject({ partition: 'print-pdf', sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(w.options.webPreferences).not.toHaveProperty('preload');
    expect(w.loaded).toMatchObject({ status: 200, elsewhere: 403 });
    expect(w.loaded.body).toMatch(/^<!doctype html><html lang="zh">/);
    expect(w.loaded.links).toEqual([
      ['http://print.invalid/fonts/noto-sans-sc/400.css', 200, 'text/css'],
      ['http://print.invalid/fonts/noto-sans-sc/700.css', 200, 'text/css'],
      ['http://print.invalid/fonts/noto-sans-kr/400.css', 200, 'text/css'],
      ['http://print.invalid/fonts/noto-sans-kr/700.css', 200, 'text/css'],
    ]);
    expect(w.destroyed).toBe(true);
    expect(log).not.toMatch(/printer\.started|Chromium\) ready/); // no system Chromium launched
    expect(log).toMatch(/"event":"printer\.pdf"/);
  });

  it('prints a sheet straight to the printer kiosk.json names: a hidden, locked-down window of its own session lays it out with the shipped fonts, then prints it silently on A4', () => {
    const { report } = runShell({ kioskJson: { printer: { name: 'Kiosk_Printer', copies: 1 } }, urls: ['app://kiosk/'] });
    expect(report.settings).toMatchObject({ ok: true, value: { printing: 'direct' } });
    expect(JSON.parse(report.protocol['app://kiosk/']!.pageSettings ?? 'null')).toMatchObject({ printing: 'direct' });
    expect(report.printOut).toEqual({ ok: true, value: { printer: 'Kiosk_Printer' } });
    const w = report.printWindow!;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({ partition: 'print', sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(w.options.webPreferences).not.toHaveProperty('preload');
    expect(w.loaded).toMatchObject({ status: 200, hasSheet: true, elsewhere: 403 });
    expect(w.loaded.body).toMatch(/^<!doctype html><html lang="ko">/);
    expect(w.loaded.links).toEqual([
      ['http://print.invalid/fonts/noto-sans-kr/400.css', 200, 'text/css'],
      ['http://print.invalid/fonts/noto-sans-kr/700.css', 200, 'text/css'],
    ]);
    expect(report.calls).toContainEqual(['wc.print', expect.objectContaining({ silent: true, deviceName: 'Kiosk_Printer', pageSize: 'A4', copies: 1 })]);
    expect(w.destroyed).toBe(true);
  });

  it('a printer that refuses the job: the page is told why, in words; a laptop without a named printer prints through the dialog', () => {
    const refused = runShell({ kioskJson: { printer: { name: 'Gone_Printer' } }, printerFails: 'Invalid deviceName provided' });
    expect(refused.report.printOut).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/printer\.name.*not installed/) } });
    expect(refused.report.printWindow!.destroyed).toBe(true);
    const laptop = runShell({ kioskJson: { profile: 'counsellor' } });
    expect(laptop.report.settings).toMatchObject({ ok: true, value: { printing: 'dialog' } });
    expect(laptop.report.printOut).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(laptop.report.calls.map((c) => c[0])).not.toContain('wc.print');
  });

  it('a printer that never answers is given up after AICHINGU_PRINT_TIMEOUT_SECONDS (its window destroyed, the page told), and the next print is not held by it', () => {
    const { report, log } = runShell({ kioskJson: { printer: { name: 'Kiosk_Printer' } }, printerHangs: true, env: { AICHINGU_PRINT_TIMEOUT_SECONDS: '1' } });
    expect(report.printOut).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/did not finish within 1 s/) } });
    expect(report.printAgain).toEqual({ ok: true, value: { printer: 'Kiosk_Printer' } });
    expect(report.printWindows).toEqual([true, true]); // the hung print's window and the next one's, both gone
    expect(log).toMatch(/"event":"printer\.given_up"/);
  });

  it('a second start hands over to the first and opens nothing', () => {
    const { report } = runShell({ second: true });
    expect(report.calls.map((c) => c[0])).toContain('app.quit');
    expect(report.windows).toBe(0);
  });
});
