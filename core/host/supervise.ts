/**
 * The kiosk launcher as a supervisor — pure decisions, tested (supervise.test.ts); the
 * launcher (launcher.node.ts) only carries them out. The web host and the kiosk browser are
 * two child processes:
 *
 * - the host exits (crash, kill, restart) → start it again, after a backoff that grows with
 *   failures in a row; when its new URL is out, the open window is given the new token and
 *   sent to it (or a window is opened);
 * - the browser exits (window closed, browser crashed) → open it again, with its own backoff;
 *   a page that crashes inside a live browser is reloaded;
 * - a process that stayed up for STABLE_MS has its failure count reset.
 */
export const STABLE_MS = 30_000;
const DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** How long to wait before starting a process again after `failures` failures in a row (1, 2, …). */
export function restartDelay(failures: number): number {
  if (failures <= 0) return 0;
  return DELAYS_MS[Math.min(failures, DELAYS_MS.length) - 1]!;
}

/** Failures in a row after an exit: one more, or a fresh count of one when the process had been up long enough. */
export function failuresAfterExit(failures: number, upForMs: number): number {
  return upForMs >= STABLE_MS ? 1 : failures + 1;
}

export interface Proc {
  state: 'down' | 'starting' | 'up';
  /** when it came up (ms) */
  since: number;
  failures: number;
}

export interface SupState {
  stopping: boolean;
  host: Proc & { origin: string | null; token: string | null };
  browser: Proc;
}

export type SupEvent =
  | { e: 'start'; at: number }
  | { e: 'host-up'; at: number; origin: string; token: string }
  | { e: 'host-exit'; at: number; code: number | null }
  | { e: 'browser-up'; at: number }
  | { e: 'browser-exit'; at: number }
  | { e: 'page-crashed'; at: number }
  | { e: 'stop'; at: number };

export type SupAction =
  | { a: 'start-host'; delay: number }
  | { a: 'open-browser'; delay: number }
  /** give the window the host's token and open the kiosk's page on its origin */
  | { a: 'show'; origin: string; token: string }
  | { a: 'stop-all' };

export const initialState = (): SupState => ({
  stopping: false,
  host: { state: 'down', since: 0, failures: 0, origin: null, token: null },
  browser: { state: 'down', since: 0, failures: 0 },
});

/** The next state and what to do, given an event. `withBrowser`: a browser is installed and wanted. */
export function supervise(s: SupState, ev: SupEvent, withBrowser: boolean): [SupState, SupAction[]] {
  if (s.stopping) return [s, []];
  const openBrowser = (b: Proc): SupAction[] => (withBrowser && b.state === 'down' ? [{ a: 'open-browser', delay: restartDelay(b.failures) }] : []);
  switch (ev.e) {
    case 'start':
      // the window opens at once, on the starting page, while the host starts beside it
      if (withBrowser && s.browser.state === 'down')
        return [{ ...s, host: { ...s.host, state: 'starting' }, browser: { ...s.browser, state: 'starting' } }, [{ a: 'start-host', delay: 0 }, { a: 'open-browser', delay: 0 }]];
      return [{ ...s, host: { ...s.host, state: 'starting' } }, [{ a: 'start-host', delay: 0 }]];
    case 'host-up': {
      const host = { ...s.host, state: 'up' as const, since: ev.at, origin: ev.origin, token: ev.token };
      if (s.browser.state === 'up') return [{ ...s, host }, [{ a: 'show', origin: ev.origin, token: ev.token }]];
      const browser = withBrowser && s.browser.state === 'down' ? { ...s.browser, state: 'starting' as const } : s.browser;
      return [{ ...s, host, browser }, openBrowser(s.browser)];
    }
    case 'host-exit': {
      const failures = failuresAfterExit(s.host.failures, s.host.state === 'up' ? ev.at - s.host.since : 0);
      return [{ ...s, host: { state: 'starting', since: 0, failures, origin: null, token: null } }, [{ a: 'start-host', delay: restartDelay(failures) }]];
    }
    case 'browser-up': {
      const browser = { ...s.browser, state: 'up' as const, since: ev.at };
      const { origin, token } = s.host;
      return [{ ...s, browser }, s.host.state === 'up' && origin && token ? [{ a: 'show', origin, token }] : []];
    }
    case 'browser-exit': {
      const failures = failuresAfterExit(s.browser.failures, s.browser.state === 'up' ? ev.at - s.browser.since : 0);
      const down = { state: 'down' as const, since: 0, failures };
      // with the host up, the window comes back now (after the backoff); otherwise when the host is up again
      if (s.host.state !== 'up') return [{ ...s, browser: down }, []];
      return [{ ...s, browser: withBrowser ? { ...down, state: 'starting' } : down }, openBrowser(down)];
    }
    case 'page-crashed': {
      const { origin, token } = s.host;
      return [s, s.browser.state === 'up' && s.host.state === 'up' && origin && token ? [{ a: 'show', origin, token }] : []];
    }
    case 'stop':
      return [{ ...s, stopping: true }, [{ a: 'stop-all' }]];
  }
}
