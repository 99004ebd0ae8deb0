/**
 * How `npm start` runs the kiosk on this machine — a pure decision, tested: the Electron app
 * where its binary exists; otherwise the web host, opened in Chromium's kiosk/app mode when a
 * Chromium is installed, or just printed as a URL.
 */
export type Launch =
  | { kind: 'electron'; electronPath: string }
  | { kind: 'web'; browser: { path: string; args: (url: string, profileDir: string) => string[] } | null; notice: string };

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chooseLaunch(env: { electronPath: string | null; exists: (p: string) => boolean; kiosk: boolean }): Launch {
  if (env.electronPath && env.exists(env.electronPath)) return { kind: 'electron', electronPath: env.electronPath };
  const chromium = CHROMIUM_CANDIDATES.find((p) => env.exists(p));
  const notice = 'The Electron app is not available on this machine (its binary was not downloaded); starting the kiosk in the browser instead.';
  if (!chromium) return { kind: 'web', browser: null, notice };
  return {
    kind: 'web',
    notice,
    browser: {
      path: chromium,
      args: (url, profileDir) => [
        env.kiosk ? '--kiosk' : '--start-maximized',
        `--app=${url}`,
        `--user-data-dir=${profileDir}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-translate',
        '--disable-features=Translate',
        '--overscroll-history-navigation=0',
      ],
    },
  };
}
