/**
 * The app:// protocol (SECURITY.md: load the app from a custom protocol, not file://): which
 * request gets which answer, as pure decisions. app://kiosk/… serves the built UI
 * (dist/renderer) and the print preview's PDFs, with the same security headers and strict CSP
 * as the web host (core/host/web-policy.node.ts: script-src 'self', no eval, no inline script).
 *
 * A path is split into its segments and each one decoded on its own; a segment that is `.`,
 * `..`, hidden (`.x`), or holds a slash, a backslash (a separator on Windows), a colon (a
 * drive or an alternate data stream) or a NUL is refused — the file is then resolved inside
 * the UI's folder and checked to still be there.
 */
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { SETTINGS_IN_PAGE_ID } from '../core/contract/channel.js';
import type { Output } from '../core/contract/kiosk-api.js';
import { isLang, type Lang } from '../core/contract/lists.js';
import { contentType, SECURITY_HEADERS, withJsonInHead } from '../core/host/web-policy.node.js';
import { APP_HOST, APP_SCHEME } from './security/navigation.js';

export type AppRoute =
  /** a file of the UI; `route`: a path of the single-page app (no extension), answered with index.html when no such file exists */
  | { kind: 'file'; segments: string[]; route: boolean }
  | { kind: 'sheet'; id: string; lang: Lang; large: boolean }
  | { kind: 'booklet'; job: string }
  | { kind: 'refused'; status: 400 | 404 | 405; why: string };

/** The privileges app:// is registered with (before the app is ready): a standard, secure origin of its own, fetch for the page, nothing more. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } as const;

const BAD_SEGMENT = /[/\\:\0]|^\.|^$/;

export function appRoute(rawUrl: string, method: string): AppRoute {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refused', status: 405, why: 'app:// answers GET only' };
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 400, why: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port || url.username || url.password) return { kind: 'refused', status: 404, why: 'not the app' };
  const raw = url.pathname === '/' ? ['index.html'] : url.pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const s of raw) {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      return { kind: 'refused', status: 400, why: 'a path segment is not valid percent-encoding' };
    }
    if (BAD_SEGMENT.test(d)) return { kind: 'refused', status: 400, why: 'a path segment is not allowed' };
    segments.push(d);
  }
  if (segments[0] === 'print') {
    const sheet = segments.length === 3 && segments[1] === 'sheet' ? /^([a-z0-9-]{1,100})\.pdf$/.exec(segments[2]!) : null;
    const job = segments.length === 3 && segments[1] === 'jobs' ? /^([0-9a-f-]{36})\.pdf$/.exec(segments[2]!) : null;
    if (job) return { kind: 'booklet', job: job[1]! };
    if (!sheet) return { kind: 'refused', status: 404, why: 'no such print path' };
    const lang = url.searchParams.get('lang') ?? 'ko';
    if (!isLang(lang)) return { kind: 'refused', status: 400, why: 'lang must be ko, en, vi or zh' };
    return { kind: 'sheet', id: sheet[1]!, lang, large: url.searchParams.get('large') === '1' };
  }
  return { kind: 'file', segments, route: !segments.at(-1)!.includes('.') };
}

/** The file for a route's segments inside `root`, or null when it would lie outside (the check after the check). `path`: node:path's functions (path.win32 in a test). */
export function fileInside(root: string, segments: string[], path: { resolve: typeof resolve; relative: typeof relative; isAbsolute: typeof isAbsolute; sep: string } = { resolve, relative, isAbsolute, sep }): string | null {
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const rel = path.relative(base, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

/** The answer's headers: the web host's security headers (CSP and all), the file's type, and caching for the hashed assets. A PDF may be framed by the app's own page (the preview), and nowhere else. */
export function appHeaders(what: { file: string } | { pdf: true }): Record<string, string> {
  if ('pdf' in what) return { ...SECURITY_HEADERS, 'Content-Type': 'application/pdf', 'Content-Security-Policy': "frame-ancestors 'self'", 'Cache-Control': 'no-store' };
  const immutable = /[/\\]assets[/\\][^/\\]+$/.test(what.file);
  return { ...SECURITY_HEADERS, 'Content-Type': contentType(what.file), 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
}

/**
 * The body app:// answers for a file of the UI: the page (index.html) carries the kiosk's
 * settings — the `settings` call's answer — as the web host's page does (SETTINGS_IN_PAGE_ID),
 * so the first screen is drawn without a call over the preload; every other file as it is.
 * Without settings (they could not be read: the shell logs why) the page as built, and the UI
 * asks over the channel.
 */
export function appBody(file: string, bytes: Uint8Array<ArrayBuffer>, settings: Output<'settings'> | undefined): Uint8Array<ArrayBuffer> {
  if (!settings || basename(file) !== 'index.html') return bytes;
  return new TextEncoder().encode(withJsonInHead(new TextDecoder().decode(bytes), SETTINGS_IN_PAGE_ID, settings));
}

/** An answer without a body (refused, missing). */
export function refusalHeaders(): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
}
