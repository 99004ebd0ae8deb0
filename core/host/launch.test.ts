import { describe, expect, it } from 'vitest';
import { chooseLaunch } from './launch.js';

describe('npm start launch decision', () => {
  it('runs Electron where its binary exists', () => {
    expect(chooseLaunch({ electronPath: '/x/electron', exists: () => true, kiosk: true })).toEqual({ kind: 'electron', electronPath: '/x/electron' });
  });
  it('falls back to the web host in Chromium kiosk mode, saying so', () => {
    const l = chooseLaunch({ electronPath: '/x/electron', exists: (p) => p === '/usr/bin/chromium', kiosk: true });
    expect(l.kind).toBe('web');
    if (l.kind !== 'web') return;
    expect(l.notice).toMatch(/browser instead/);
    expect(l.browser!.args('http://127.0.0.1:1/?token=t', '/tmp/p')).toEqual(expect.arrayContaining(['--kiosk', '--app=http://127.0.0.1:1/?token=t', '--user-data-dir=/tmp/p']));
  });
  it('prints the URL when no browser is installed', () => {
    const l = chooseLaunch({ electronPath: null, exists: () => false, kiosk: true });
    expect(l).toMatchObject({ kind: 'web', browser: null });
  });
});
