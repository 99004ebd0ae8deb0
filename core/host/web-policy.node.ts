/**
 * The web host's trust decisions, as pure functions (tested one by one).
 * The host serves the kiosk on 127.0.0.1 only; a per-launch token (given once in the URL,
 * then kept in a SameSite=Strict, HttpOnly cookie) guards the API against other pages in
 * the same browser and other local users; the Host check defeats DNS rebinding.
 */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'kiosk_token';

/** Only our own origin names are accepted as Host (DNS rebinding sends a foreign name). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  // A request without a Host header (undefined, or '') equals neither name.
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The cookies of a request, or null when the header is malformed (the host answers 400, not 500). */
export function parseCookies(header: string | undefined): Record<string, string> | null {
  const out: Record<string, string> = {};
  // Stryker disable next-line StringLiteral: equivalent, any other text without '=' also yields no cookies
  const all = header ?? '';
  for (const part of all.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      return null;
    }
  }
  return out;
}

/** The token cookie of a request: the value, none, or 'malformed'. */
export function tokenCookie(header: string | undefined): string | undefined | 'malformed' {
  const c = parseCookies(header);
  return c === null ? 'malformed' : c[TOKEN_COOKIE];
}

/**
 * Browsers say where a request comes from (Sec-Fetch-Site). The API, the events and print
 * accept only the kiosk's own pages (same-origin) or a person's own navigation (none); a page
 * on another local port counts as same-site and is refused. Programs that send no such header
 * (scripts with the token) are not browsers and cannot be made to send the cookie by a page.
 */
export function fetchSiteAllowed(secFetchSite: string | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An API call must carry the token cookie and a JSON body (which a cross-site form cannot send without a CORS preflight we never grant). */
export function apiCallAllowed(
  req: { method?: string; contentType?: string; cookie?: string; fetchSite?: string },
  token: string,
): 'ok' | 'method' | 'content-type' | 'token' | 'cookie' | 'site' {
  if (req.method !== 'POST') return 'method';
  // Stryker disable next-line StringLiteral: equivalent, a missing type is refused whatever non-JSON text stands in for it
  const type = req.contentType ?? '';
  if (!type.toLowerCase().startsWith('application/json')) return 'content-type';
  return readAllowed(req, token);
}

/** A GET of the kiosk's own data (events, print): the token cookie, from the kiosk's own pages. */
export function readAllowed(req: { cookie?: string; fetchSite?: string }, token: string): 'ok' | 'token' | 'cookie' | 'site' {
  if (!fetchSiteAllowed(req.fetchSite)) return 'site';
  const t = tokenCookie(req.cookie);
  if (t === 'malformed') return 'cookie';
  if (!tokenMatches(t, token)) return 'token';
  return 'ok';
}

/** The status for a refused request: 400 for a malformed cookie, 401 for a missing or wrong token, 403 for a foreign page, 405 for a wrong method, 415 for a body that is not JSON. */
export function refusalStatus(v: Exclude<ReturnType<typeof apiCallAllowed>, 'ok'>): number {
  return { method: 405, 'content-type': 415, token: 401, cookie: 400, site: 403 }[v];
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/**
 * `html` with `value` in a JSON data block (`<script type="application/json" id="…">`) just
 * before `</head>`, for the page's code to read as it starts. A data block is never run, so the
 * CSP (`script-src 'self'`) has nothing to allow. Its text is JSON with `<`, `>` and `&` (and the
 * line separators U+2028/2029) written as `\u` escapes: nothing in a value can end the element
 * (`</script>`), open a comment or be read as markup, and JSON.parse gives the value back
 * unchanged. `id` is the caller's constant (letters, digits, `-`). The page as it was when it has
 * no `</head>`.
 */
export function withJsonInHead(html: string, id: string, value: unknown): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(id)) throw new Error(`not an element id: ${id}`);
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${html.slice(0, at)}<script type="application/json" id="${id}">${json}</script>\n${html.slice(at)}`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ico': 'image/x-icon',
};
export const contentType = (path: string): string => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Maps a request path to a file inside the static root, or null when it would escape it. */
export function staticPath(urlPath: string): string | null {
  let p: string;
  try {
    const [beforeQuery] = urlPath.split('?');
    // Stryker disable next-line StringLiteral: unreachable, split() always returns at least one part (the ?? is for the type checker)
    p = decodeURIComponent(beforeQuery ?? '');
  } catch {
    return null;
  }
  if (p.includes('\0') || p.split('/').some((seg) => seg === '..')) return null;
  return p === '/' ? '/index.html' : p;
}
