/**
 * How `npm start` runs the kiosk on this machine — pure decisions, tested: the Electron app
 * where its binary exists; otherwise the web host, opened in Chromium's kiosk/app mode when a
 * Chromium is installed, or just printed as a URL.
 *
 * The browser gets no token in its command line (SECURITY.md: /proc/<pid>/cmdline is readable
 * by every local user): it starts on about:blank with `--remote-debugging-pipe`, a DevTools
 * connection over two file descriptors only the launcher holds, through which the launcher sets
 * the host's token cookie and then opens the kiosk's page.
 */
export interface BrowserLaunch {
  path: string;
  args: (profileDir: string) => string[];
}

export type Launch = { kind: 'electron'; electronPath: string } | { kind: 'web'; browser: BrowserLaunch | null; notice: string };

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chooseLaunch(env: {
  electronPath: string | null;
  exists: (p: string) => boolean;
  kiosk: boolean;
  /** no window: for machines without a display, and the launcher's journey test */
  headless?: boolean;
  /** running as root: Chromium refuses to start there without --no-sandbox */
  root?: boolean;
}): Launch {
  if (env.electronPath && env.exists(env.electronPath)) return { kind: 'electron', electronPath: env.electronPath };
  const chromium = CHROMIUM_CANDIDATES.find((p) => env.exists(p));
  const notice = 'The Electron app is not available on this machine (its binary was not downloaded); starting the kiosk in the browser instead.';
  if (!chromium) return { kind: 'web', browser: null, notice };
  return {
    kind: 'web',
    notice,
    browser: {
      path: chromium,
      args: (profileDir) => [
        ...(env.headless ? ['--headless', '--disable-gpu'] : [env.kiosk ? '--kiosk' : '--start-maximized']),
        ...(env.root ? ['--no-sandbox'] : []),
        '--remote-debugging-pipe',
        `--user-data-dir=${profileDir}`,
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-translate',
        '--disable-features=Translate',
        '--overscroll-history-navigation=0',
        '--app=about:blank',
      ],
    },
  };
}

/** The host's URL line (`아이친구 1279 kiosk: open http://127.0.0.1:PORT/?token=…`) → its origin and token. */
export function parseHostUrl(line: string): { origin: string; token: string } | null {
  const m = line.match(/open (http:\/\/127\.0\.0\.1:\d{1,5})\/\?token=([\w-]+)/);
  return m ? { origin: m[1]!, token: m[2]! } : null;
}

/** The cookie the launcher sets in the kiosk's browser: what the host's `/?token=` visit would set. */
export function tokenCookieFor(origin: string, token: string) {
  return { name: 'kiosk_token', value: token, url: `${origin}/`, httpOnly: true, sameSite: 'Strict' as const };
}
