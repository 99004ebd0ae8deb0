import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, posix, win32 } from 'node:path';
import { appBody, appHeaders, appRoute, fileInside } from './app-protocol.js';
import { ROOT } from '../tests/env.node.js';

/** The CSP's directives as a map: directive → its sources. */
const csp = (h: Record<string, string>) => new Map((h['Content-Security-Policy'] ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name!, v]));

describe('app:// — which request gets what', () => {
  it('the UI’s files by their path, / as index.html', () => {
    expect(appRoute('app://kiosk/', 'GET')).toEqual({ kind: 'file', segments: ['index.html'], route: false });
    expect(appRoute('app://kiosk/assets/index-Ca98swZ7.js', 'GET')).toEqual({ kind: 'file', segments: ['assets', 'index-Ca98swZ7.js'], route: false });
    expect(appRoute('app://kiosk/assets/%ED%95%9C.css?x=1#y', 'HEAD')).toEqual({ kind: 'file', segments: ['assets', '한.css'], route: false });
    expect(appRoute('app://kiosk/search', 'GET')).toMatchObject({ kind: 'file', route: true });
  });

  it('no way out of the UI’s folder: dot segments, encoded separators, backslashes (Windows), drives, NUL, hidden files', () => {
    for (const url of [
      'app://kiosk/..%2F..%2Fetc%2Fpasswd',
      'app://kiosk/assets/..%5C..%5Cresources%5Capp.asar',
      'app://kiosk/%5C%5Cserver%5Cshare',
      'app://kiosk/C%3A%5CWindows%5Cwin.ini',
      'app://kiosk/index.html%00.png',
      'app://kiosk/.env',
      'app://kiosk/assets/%2e%2e%2fx',
      'app://kiosk/a//b',
      'app://kiosk/%E0%A4%A',
    ])
      expect(appRoute(url, 'GET'), url).toMatchObject({ kind: 'refused', status: 400 });
    // dot segments the URL parser itself resolves never leave the root either
    expect(appRoute('app://kiosk/assets/../../../etc/passwd', 'GET')).toMatchObject({ kind: 'file', segments: ['etc', 'passwd'] });
    expect(appRoute('app://kiosk/%2e%2e/%2e%2e/etc/passwd', 'GET')).toMatchObject({ kind: 'file', segments: ['etc', 'passwd'] });
  });

  it('the file is resolved inside the root, or not at all (POSIX and Windows paths)', () => {
    expect(fileInside('/app/dist/renderer', ['assets', 'a.js'], posix)).toBe('/app/dist/renderer/assets/a.js');
    expect(fileInside('/app/dist/renderer', ['..', 'x'], posix)).toBeNull();
    expect(fileInside('/app/dist/renderer', ['/etc/passwd'], posix)).toBeNull();
    expect(fileInside('C:\\app\\renderer', ['assets', 'a.js'], win32)).toBe('C:\\app\\renderer\\assets\\a.js');
    expect(fileInside('C:\\app\\renderer', ['..\\..\\Windows'], win32)).toBeNull();
    expect(fileInside('C:\\app\\renderer', ['D:\\x'], win32)).toBeNull();
  });

  it('other hosts, ports, users and methods are refused', () => {
    expect(appRoute('app://other/index.html', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
    expect(appRoute('app://kiosk:99/index.html', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
    expect(appRoute('app://u@kiosk/index.html', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
    expect(appRoute('app://kiosk/index.html', 'POST')).toMatchObject({ kind: 'refused', status: 405 });
  });

  it('the print preview’s PDFs, as the web host names them', () => {
    expect(appRoute('app://kiosk/print/sheet/gj-grandparent-caregiver.pdf?lang=vi&large=1', 'GET')).toEqual({ kind: 'sheet', id: 'gj-grandparent-caregiver', lang: 'vi', large: true });
    expect(appRoute('app://kiosk/print/sheet/child-care-service.pdf', 'GET')).toEqual({ kind: 'sheet', id: 'child-care-service', lang: 'ko', large: false });
    expect(appRoute('app://kiosk/print/jobs/0f8fad5b-d9cb-469f-a165-70867728950e.pdf', 'GET')).toEqual({ kind: 'booklet', job: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(appRoute('app://kiosk/print/sheet/x.pdf?lang=fr', 'GET')).toMatchObject({ kind: 'refused', status: 400 });
    expect(appRoute('app://kiosk/print/sheet/X_Y.pdf', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
    expect(appRoute('app://kiosk/print/other', 'GET')).toMatchObject({ kind: 'refused', status: 404 });
  });
});

describe('app:// — headers', () => {
  it('a strict CSP on every page: scripts from the app only, no eval, no inline script, no plugins’ objects, no framing', () => {
    const d = csp(appHeaders({ file: '/r/index.html' }));
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect([...d.values()].flat()).not.toContain("'unsafe-eval'");
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(appHeaders({ file: '/r/index.html' })['X-Content-Type-Options']).toBe('nosniff');
  });

  it('every file the build makes gets its real type (ES modules load only as JavaScript); hashed assets are cached for good', () => {
    const dir = join(ROOT, 'dist', 'renderer');
    const all = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? all(join(d, f)) : [join(d, f)]));
    const files = all(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(appHeaders({ file: f })['Content-Type'], f).not.toBe('application/octet-stream');
    expect(appHeaders({ file: '/r/assets/index-1.js' })).toMatchObject({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' });
    expect(appHeaders({ file: '/r/index.html' })).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  });

  it('a PDF may be framed by the app’s own preview, and nowhere else', () => {
    const h = appHeaders({ pdf: true });
    expect(h['Content-Type']).toBe('application/pdf');
    expect(csp(h).get('frame-ancestors')).toEqual(["'self'"]);
  });
});

describe('app:// — the page carries the kiosk’s settings', () => {
  const page = new TextEncoder().encode('<!doctype html>\n<html lang="ko"><head><title>아이친구</title>\n</head><body><div id="root"></div></body></html>');
  const settings = { profile: 'kiosk', language: 'vi', idleSeconds: 120, printing: 'direct' } as const;
  const block = (bytes: Uint8Array) => /<script type="application\/json" id="kiosk-settings">([^<]*)<\/script>/.exec(new TextDecoder().decode(bytes))?.[1];

  it('index.html gets the settings as they are, for the UI to read (its first screen needs no call over the preload)', () => {
    const out = appBody('/opt/app/dist/renderer/index.html', page, settings);
    expect(JSON.parse(block(out) ?? 'null')).toEqual(settings);
    expect(new TextDecoder().decode(out)).toMatch(/<\/script>\n<\/head><body><div id="root"><\/div>/);
  });

  it('every other file, and the page when the settings could not be read, as built', () => {
    expect(appBody('/opt/app/dist/renderer/assets/index-1.js', page, settings)).toBe(page);
    expect(appBody('/opt/app/dist/renderer/index.html', page, undefined)).toBe(page);
  });
});
