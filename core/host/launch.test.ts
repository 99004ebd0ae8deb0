import { describe, expect, it } from 'vitest';
import { chooseLaunch, parseHostUrl, tokenCookieFor } from './launch.js';
import { TOKEN_COOKIE } from './web-policy.node.js';

describe('npm start launch decision', () => {
  it('runs Electron where its binary exists', () => {
    expect(chooseLaunch({ electronPath: '/x/electron', exists: () => true, kiosk: true })).toEqual({ kind: 'electron', electronPath: '/x/electron' });
  });
  it('falls back to the web host in Chromium kiosk mode, saying so', () => {
    const l = chooseLaunch({ electronPath: '/x/electron', exists: (p) => p === '/usr/bin/chromium', kiosk: true });
    expect(l.kind).toBe('web');
    if (l.kind !== 'web') return;
    expect(l.notice).toMatch(/browser instead/);
    expect(l.browser!.path).toBe('/usr/bin/chromium');
    const args = l.browser!.args('/tmp/p');
    expect(args).toEqual(expect.arrayContaining(['--kiosk', '--remote-debugging-pipe', '--app=about:blank', '--user-data-dir=/tmp/p']));
    expect(args).not.toContain('--no-sandbox');
    expect(args).not.toContain('--headless');
  });
  it('never puts a URL of the host, let alone its token, in the command line; never a debugging port', () => {
    const l = chooseLaunch({ electronPath: null, exists: () => true, kiosk: false, headless: true, root: true });
    if (l.kind !== 'web') throw new Error('expected the web launch');
    const args = l.browser!.args('/tmp/p');
    expect(args.join(' ')).not.toMatch(/token|127\.0\.0\.1|localhost|remote-debugging-port/);
  });
  it('a normal window with --no-kiosk; headless (no display) and --no-sandbox (as root) only when asked for', () => {
    const l = chooseLaunch({ electronPath: null, exists: () => true, kiosk: false, headless: true, root: true });
    if (l.kind !== 'web') throw new Error('expected the web launch');
    const args = l.browser!.args('/tmp/p');
    expect(args).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu']));
    expect(args).not.toContain('--kiosk');
    const windowed = chooseLaunch({ electronPath: null, exists: () => true, kiosk: false });
    if (windowed.kind !== 'web') throw new Error('expected the web launch');
    expect(windowed.browser!.args('/p')).toContain('--start-maximized');
    expect(windowed.browser!.args('/p')).not.toContain('--kiosk');
  });
  it('prints the URL when no browser is installed', () => {
    const l = chooseLaunch({ electronPath: null, exists: () => false, kiosk: true });
    expect(l).toMatchObject({ kind: 'web', browser: null });
  });
});

describe("the host's URL line and the cookie made from it", () => {
  it('reads the origin and the token from the line the host prints', () => {
    expect(parseHostUrl('아이친구 1279 kiosk: open http://127.0.0.1:43117/?token=Ab-_9x')).toEqual({ origin: 'http://127.0.0.1:43117', token: 'Ab-_9x' });
    expect(parseHostUrl('{"level":30,"msg":"ready"}')).toBeNull();
    expect(parseHostUrl('open http://evil.example:80/?token=x')).toBeNull();
    expect(parseHostUrl('open http://127.0.0.1:80/?token=')).toBeNull();
  });
  it('the cookie is the one the host checks: kiosk_token, HttpOnly, SameSite=Strict, for that origin only', () => {
    expect(tokenCookieFor('http://127.0.0.1:5', 'tok').name).toBe(TOKEN_COOKIE);
    expect(tokenCookieFor('http://127.0.0.1:5', 'tok')).toEqual({ name: 'kiosk_token', value: 'tok', url: 'http://127.0.0.1:5/', httpOnly: true, sameSite: 'Strict' });
  });
});
