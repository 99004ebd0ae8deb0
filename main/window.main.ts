/**
 * The kiosk's window, thin: its options, its keys, its guards and its crash handling are each
 * a tested decision (main/lifecycle.ts, main/security/*, main/crash-policy.ts).
 */
import { app, BrowserWindow, screen } from 'electron';
import type { KioskConfig } from '../core/config/kiosk-config.js';
import type { Logger } from '../core/log.node.js';
import { CRASH_POLICY } from './crash-policy.js';
import { chooseDisplay, windowOptions } from './lifecycle.js';
import { APP_START_URL } from './security/navigation.js';
import { inputDecision } from './security/shortcuts.js';
import { kioskWebPreferences, webPreferenceViolations } from './security/web-preferences.js';

export interface WindowHooks {
  /** the hidden operator chord was pressed */
  onOperator(): void;
  /** the page died, hung for too long, or the window went away while the app was not quitting */
  onGone(why: string): void;
  /** the page is starting over (a reload, a crash, a navigation): its calls in flight end */
  onPageReset(): void;
  quitting(): boolean;
}

/** Where the kiosk's window belongs now (the configured display, else the primary one), said in the log when it is not the configured one. */
export function placement(config: KioskConfig, logger: Logger) {
  const displays = screen.getAllDisplays();
  const { display, problem } = chooseDisplay(displays, screen.getPrimaryDisplay(), config.display);
  if (problem) logger.warn({ event: 'window.display', wanted: config.display, displays: displays.length }, problem);
  return display;
}

export function openKioskWindow(o: { config: KioskConfig; preload: string; logger: Logger; hooks: WindowHooks }): BrowserWindow {
  const { config, logger, hooks } = o;
  const prefs = kioskWebPreferences({ preload: o.preload, packaged: app.isPackaged });
  const broken = webPreferenceViolations(prefs);
  if (broken.length) throw new Error(`the kiosk window's web preferences break the checklist: ${broken.join('; ')}`);
  const win = new BrowserWindow(windowOptions(config.profile, placement(config, logger), prefs));
  const wc = win.webContents;
  // the page never zooms: no pinch, no Ctrl+wheel
  void wc.setVisualZoomLevelLimits(1, 1);
  wc.on('zoom-changed', () => wc.setZoomFactor(1));
  wc.on('before-input-event', (event, input) => {
    const d = inputDecision(input, { profile: config.profile });
    if (d === 'allow') return;
    event.preventDefault();
    if (d === 'operator') hooks.onOperator();
  });
  wc.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) hooks.onPageReset();
  });
  wc.on('render-process-gone', (_e, details) => {
    logger.error({ event: 'window.page_gone', reason: details.reason, exit_code: details.exitCode }, `the kiosk's page is gone (${details.reason})`);
    hooks.onPageReset();
    hooks.onGone(details.reason);
  });
  let hung: NodeJS.Timeout | null = null;
  wc.on('unresponsive', () => {
    logger.warn({ event: 'window.unresponsive' }, 'the kiosk page does not answer');
    hung ??= setTimeout(() => {
      // handled as a crash from here on (render-process-gone follows)
      if (!wc.isDestroyed()) wc.forcefullyCrashRenderer();
    }, CRASH_POLICY.unresponsiveMs);
  });
  wc.on('responsive', () => {
    if (hung) clearTimeout(hung);
    hung = null;
  });
  win.once('ready-to-show', () => {
    win.show();
    if (config.profile === 'kiosk') win.setKiosk(true);
  });
  // a kiosk's window is closed only by the app quitting (Alt+F4 reaches the window manager, not the page)
  win.on('close', (e) => {
    if (config.profile === 'kiosk' && !hooks.quitting()) e.preventDefault();
  });
  win.on('closed', () => {
    if (hung) clearTimeout(hung);
    if (!hooks.quitting() && config.profile === 'kiosk') hooks.onGone('window-closed');
  });
  void win.loadURL(APP_START_URL);
  return win;
}
