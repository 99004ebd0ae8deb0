/**
 * Where the kiosk's page may go, and what it may ask for (SECURITY.md, "Electron checklist"):
 * the app's own origin, app://kiosk, and nothing else — a URL is parsed, never compared by its
 * beginning (`app://kiosk.evil.example`, `app://kiosk@evil.example` start the same way); no new
 * windows; no permission of any kind; no <webview>.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads: the UI's index.html through the app:// protocol. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/** Is `url` a page of the app's own origin (app://kiosk/…, no user, no port)? */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Node parses app: as a non-special scheme and keeps the host's case; Chromium (a standard scheme) lowers it
  return u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** will-navigate / will-redirect of the kiosk's window: only within the app. */
export function navigationDecision(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** setWindowOpenHandler: the kiosk never opens a window (links to other sites are shown as text and QR codes, never opened). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The permissions the kiosk grants: none (geolocation, camera, notifications, clipboard, HID, serial, …). An allowlist, should one ever be needed. */
export const PERMISSION_ALLOWLIST: readonly string[] = [];

/** setPermissionRequestHandler / setPermissionCheckHandler: granted only when allowlisted, and only to the app's own main frame. */
export function permissionDecision(permission: string, from: { origin?: string; isMainFrame?: boolean }): boolean {
  return PERMISSION_ALLOWLIST.includes(permission) && from.isMainFrame === true && isAppUrl(from.origin ? `${from.origin}/` : undefined);
}

/** A URL as it may be logged: its origin only (a path or query could carry what someone typed). */
export function loggableUrl(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol;
  } catch {
    return '(not a URL)';
  }
}
