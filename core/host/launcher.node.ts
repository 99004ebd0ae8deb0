/**
 * `npm start` on a machine without Electron: the launcher starts the built web host
 * (web-host.mjs beside it) and the kiosk browser as two child processes and keeps both
 * running — the decisions are supervise.ts's (pure, tested); this file only carries them out.
 * After a host restart the window is given the new token and opened on the new URL; a closed
 * or crashed browser is opened again. Lines for the operator go to standard output (the token
 * never: the browser gets it over its DevTools pipe); the host's log passes through on
 * standard error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { initialState, restartDelay, supervise, type SupAction, type SupEvent } from './supervise.js';
import { parseHostUrl, type BrowserLaunch } from './launch.js';
import { openKioskBrowser, type KioskBrowser } from './kiosk-browser.node.js';
import { startingPageUrl } from './starting-page.js';
import { LANGS } from '../contract/lists.js';
import { createTranslator } from '../print/i18n.node.js';

export interface LauncherOptions {
  /** the built web host (dist/node/web-host.mjs) */
  hostScript: string;
  hostArgs: string[];
  browser: BrowserLaunch | null;
  /** what the window shows while the host starts, or starts again (starting-page.ts; none: a blank window) */
  startingPage?: string;
  say?: (line: string) => void;
}

/** The starting page in the app's languages (the locales resource, as the print service reads it), or none when they cannot be read. */
export async function startingPageFrom(localesDir: string): Promise<string | undefined> {
  try {
    const translate = createTranslator(localesDir);
    const t = new Map(await Promise.all(LANGS.map(async (l) => [l, await translate(l)] as const)));
    return startingPageUrl((l) => t.get(l)!('starting.message'));
  } catch {
    return undefined;
  }
}

export function runLauncher(o: LauncherOptions): { stop: () => Promise<void> } {
  const say = o.say ?? ((l: string) => console.log(l));
  let state = initialState();
  let host: ChildProcess | null = null;
  let browser: KioskBrowser | null = null;
  const timers = new Set<NodeJS.Timeout>();
  let stopped: () => void = () => {};
  const done = new Promise<void>((r) => (stopped = r));

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 0)} s`;

  function dispatch(ev: SupEvent): void {
    const [next, actions] = supervise(state, ev, o.browser !== null);
    state = next;
    for (const a of actions) act(a);
  }

  function act(a: SupAction): void {
    switch (a.a) {
      case 'start-host':
        return later(a.delay, startHost);
      case 'open-browser':
        return later(a.delay, () => void startBrowser());
      case 'show': {
        const b = browser;
        if (!b) return;
        b.show(a.origin, a.token).then(
          () => say(`kiosk window open on ${a.origin}/ (browser pid ${b.pid})`),
          (e: Error) => say(`the kiosk window could not open ${a.origin}/: ${e.message}`),
        );
        return;
      }
      case 'stop-all':
        for (const t of timers) clearTimeout(t);
        timers.clear();
        void Promise.all([
          browser?.close(),
          host && host.exitCode === null && host.signalCode === null
            ? new Promise<void>((r) => {
                host!.once('exit', () => r());
                host!.kill('SIGTERM');
              })
            : undefined,
        ]).then(() => stopped());
    }
  }

  function startHost(): void {
    // the host's standard input is a pipe from here: when the launcher ends, however it ends, the host does too
    const child = spawn(process.execPath, [o.hostScript, ...o.hostArgs], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, AICHINGU_LAUNCHED: '1' } });
    host = child;
    let out = '';
    let up = false;
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const u = up ? null : parseHostUrl(line);
        if (u) {
          up = true;
          say(`kiosk host started on ${u.origin}/ (pid ${child.pid})`);
          // without a browser the operator opens the link; with one, the token stays between host, launcher and browser
          if (!o.browser) say(`open ${u.origin}/?token=${u.token}`);
          dispatch({ e: 'host-up', at: Date.now(), origin: u.origin, token: u.token });
        } else if (!parseHostUrl(line)) say(line);
      }
    });
    child.once('exit', (code, signal) => {
      if (host === child) host = null;
      if (state.stopping) return;
      // the window says the kiosk is starting (not a page whose host is gone) until the new host is up
      if (browser) showStarting(browser);
      const ev: SupEvent = { e: 'host-exit', at: Date.now(), code };
      say(`the kiosk host exited (${signal ?? `code ${code}`}); starting it again in ${secs(restartDelay(supervise(state, ev, true)[0].host.failures))}`);
      dispatch(ev);
    });
  }

  function showStarting(b: KioskBrowser): void {
    if (!o.startingPage) return;
    b.wait(o.startingPage).then(
      () => say(`kiosk window shows the starting page until the host is up (browser pid ${b.pid})`),
      (e: Error) => say(`the kiosk window could not show the starting page: ${e.message}`),
    );
  }

  async function startBrowser(): Promise<void> {
    if (!o.browser || state.stopping) return;
    let b: KioskBrowser;
    try {
      b = await openKioskBrowser(o.browser);
    } catch (e) {
      say(`the kiosk window could not be opened: ${(e as Error).message}`);
      dispatch({ e: 'browser-exit', at: Date.now() });
      return;
    }
    if (state.stopping) return void b.close();
    browser = b;
    b.onPageCrash(() => {
      say('the kiosk page crashed; opening it again');
      dispatch({ e: 'page-crashed', at: Date.now() });
    });
    void b.exited.then(() => {
      if (browser === b) browser = null;
      if (state.stopping) return;
      const ev: SupEvent = { e: 'browser-exit', at: Date.now() };
      const when = state.host.state === 'up' ? `in ${secs(restartDelay(supervise(state, ev, true)[0].browser.failures))}` : 'when the host is up';
      say(`the kiosk window closed (browser pid ${b.pid}); opening it again ${when}`);
      dispatch(ev);
    });
    if (state.host.state !== 'up') showStarting(b);
    dispatch({ e: 'browser-up', at: Date.now() });
  }

  const stop = async () => {
    dispatch({ e: 'stop', at: Date.now() });
    await done;
  };
  dispatch({ e: 'start', at: Date.now() });
  return { stop };
}
