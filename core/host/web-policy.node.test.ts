/** The web host's trust decisions, one by one: each must refuse what it exists to refuse. */
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, apiCallAllowed, contentType, fetchSiteAllowed, isAllowedHost, parseCookies, readAllowed, refusalStatus, staticPath, tokenCookie, tokenMatches, withJsonInHead } from './web-policy.node.js';

const TOKEN = 'kq0d8oY9nqYJ2zPqZkq0d8oY9nqYJ2zP';
const cookie = `kiosk_token=${TOKEN}`;

describe('web host trust decisions', () => {
  it('a token matches only itself: not a prefix, not a longer one, not empty, not another of the same length', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN + 'x', TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.slice(0, -1) + 'X', TOKEN)).toBe(false);
  });

  it('only our own host names, on our port (DNS rebinding sends a foreign name)', () => {
    expect(isAllowedHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedHost('localhost:8080', 8080)).toBe(true);
    expect(isAllowedHost('127.0.0.1:8081', 8080)).toBe(false);
    expect(isAllowedHost('evil.example:8080', 8080)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 8080)).toBe(false);
    expect(isAllowedHost(undefined, 8080)).toBe(false);
  });

  it('no path leaves the UI folder: .. in any form, encoded or not, and NUL are refused', () => {
    expect(staticPath('/')).toBe('/index.html');
    expect(staticPath('/assets/app.js')).toBe('/assets/app.js');
    expect(staticPath('/assets/app.js?v=1')).toBe('/assets/app.js');
    expect(staticPath('/../etc/passwd')).toBeNull();
    expect(staticPath('/assets/../../etc/passwd')).toBeNull();
    expect(staticPath('/%2e%2e/etc/passwd')).toBeNull();
    expect(staticPath('/assets/%2E%2E/%2E%2E/x')).toBeNull();
    expect(staticPath('/a%00b')).toBeNull();
    expect(staticPath('/%E0%A4%A')).toBeNull(); // malformed encoding
    expect(staticPath('/..hidden/x')).toBe('/..hidden/x'); // a name that only starts with dots stays inside
  });

  it('cookies: read when well-formed; a malformed header is told apart from a missing token', () => {
    expect(parseCookies('a=1; kiosk_token=abc')).toEqual({ a: '1', kiosk_token: 'abc' });
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('kiosk_token=%E0%A4%A')).toBeNull();
    expect(tokenCookie(cookie)).toBe(TOKEN);
    expect(tokenCookie('other=1')).toBeUndefined();
    expect(tokenCookie('kiosk_token=%zz')).toBe('malformed');
    // a script's hand-written header: spaces around name and value are not part of the token
    expect(tokenCookie(`a=1;  kiosk_token = ${TOKEN} `)).toBe(TOKEN);
    expect(readAllowed({ cookie: `kiosk_token= ${TOKEN} ` }, TOKEN)).toBe('ok');
    // a cookie without a name is not any cookie (and cannot stand in for the token's)
    expect(parseCookies(`=${TOKEN}; a=1`)).toEqual({ a: '1' });
  });

  it('only the kiosk\'s own pages (or no browser at all) may call: same-site pages on another local port may not', () => {
    expect(fetchSiteAllowed('same-origin')).toBe(true);
    expect(fetchSiteAllowed('none')).toBe(true);
    expect(fetchSiteAllowed(undefined)).toBe(true);
    expect(fetchSiteAllowed('same-site')).toBe(false);
    expect(fetchSiteAllowed('cross-site')).toBe(false);
  });

  it('an API call needs POST, a JSON body, the right token, from our own pages — each refusal has its own status', () => {
    const ok = { method: 'POST', contentType: 'application/json', cookie, fetchSite: 'same-origin' };
    expect(apiCallAllowed(ok, TOKEN)).toBe('ok');
    expect(apiCallAllowed({ ...ok, contentType: 'application/json; charset=utf-8' }, TOKEN)).toBe('ok');
    expect(apiCallAllowed({ ...ok, method: 'GET' }, TOKEN)).toBe('method');
    expect(apiCallAllowed({ ...ok, contentType: 'text/plain' }, TOKEN)).toBe('content-type');
    expect(apiCallAllowed({ ...ok, contentType: undefined }, TOKEN)).toBe('content-type');
    expect(apiCallAllowed({ ...ok, cookie: 'kiosk_token=wrong' }, TOKEN)).toBe('token');
    expect(apiCallAllowed({ ...ok, cookie: undefined }, TOKEN)).toBe('token');
    expect(apiCallAllowed({ ...ok, cookie: 'kiosk_token=%E0%A4%A' }, TOKEN)).toBe('cookie');
    expect(apiCallAllowed({ ...ok, fetchSite: 'same-site' }, TOKEN)).toBe('site');
    expect(readAllowed({ cookie, fetchSite: 'none' }, TOKEN)).toBe('ok');
    expect(readAllowed({ cookie: 'kiosk_token=' + TOKEN.toLowerCase() }, TOKEN)).toBe('token');
    expect(refusalStatus('token')).toBe(401);
    expect(refusalStatus('cookie')).toBe(400);
    expect(refusalStatus('site')).toBe(403);
    expect(refusalStatus('method')).toBe(405);
    expect(refusalStatus('content-type')).toBe(415);
  });

  it('every response tells the browser to run only the kiosk\'s own code: no inline or foreign scripts, no framing, no sniffing, no referrer, no devices', () => {
    const csp = Object.fromEntries(SECURITY_HEADERS['Content-Security-Policy']!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(SECURITY_HEADERS).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    for (const device of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(SECURITY_HEADERS['Permissions-Policy']).toContain(`${device}=()`);
  });

  it('each file of the UI is served with its own type (with nosniff, a wrong one stops a script or a font); anything else as bytes', () => {
    expect(
      ['/index.html', '/assets/app.js', '/assets/app.css', '/locales/ko.json', '/icon.svg', '/logo.png', '/f.woff2', '/f.woff', '/f.ttf', '/f.otf', '/favicon.ico'].map(contentType),
    ).toEqual([
      'text/html; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/css; charset=utf-8',
      'application/json; charset=utf-8',
      'image/svg+xml',
      'image/png',
      'font/woff2',
      'font/woff',
      'font/ttf',
      'font/otf',
      'image/x-icon',
    ]);
    expect(contentType('/catalogue.sqlite')).toBe('application/octet-stream');
    expect(contentType('/README')).toBe('application/octet-stream');
    expect(contentType('/assets.js/data')).toBe('application/octet-stream'); // the type comes from the file's own extension
  });

  it('a value put into the page is a JSON data block before </head> whose text holds no "<" (nothing in it can end the element or open a comment) and reads back unchanged', () => {
    const page = '<!doctype html>\n<html lang="ko">\n  <head>\n    <title>t</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n';
    const hostile = { profile: 'kiosk', language: 'ko', note: '</script><script>alert(1)</script><!-- & --> </SCRIPT >', sep: 'a\u2028b\u2029c', n: 120 };
    const out = withJsonInHead(page, 'kiosk-settings', hostile);
    const m = out.match(/^([\s\S]*)<script type="application\/json" id="kiosk-settings">([^]*?)<\/script>\n<\/head>([\s\S]*)$/);
    expect(m, out).not.toBeNull();
    const [, before, text, after] = m!;
    expect(before + '</head>' + after).toBe(page); // nothing else changed
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text!)).toEqual(hostile);
    expect(out.match(/<\/script/gi)).toHaveLength(1); // only the block's own end tag
    // a page without a head is served as it is; an id that could break out of its attribute is refused
    expect(withJsonInHead('<p>no head</p>', 'kiosk-settings', hostile)).toBe('<p>no head</p>');
    expect(() => withJsonInHead(page, 'x" onload="alert(1)', {})).toThrow(/not an element id/);
  });
});
