/**
 * The kiosk window's web preferences (../shared/docs/SECURITY.md, "Electron checklist"): the
 * page is a web page and nothing more — no Node, its own isolated world for the preload, the
 * renderer sandboxed, the same-origin policy on, nothing insecure, nothing experimental, no
 * <webview>, no DevTools in a packaged app. The one door out is the preload's narrow channel.
 */
import type { WebPreferences } from 'electron';

/** The checklist itself, as the test and a startup self-check read it: each setting and the value it must have. */
export const REQUIRED_WEB_PREFERENCES = {
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  contextIsolation: true,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const satisfies WebPreferences;

export function kioskWebPreferences(o: { preload: string; packaged: boolean }): WebPreferences {
  return {
    preload: o.preload,
    ...REQUIRED_WEB_PREFERENCES,
    // DevTools only where someone develops (an unpackaged app); a packaged kiosk has none at all
    devTools: !o.packaged,
    // a file dragged onto the kiosk must not replace the kiosk
    navigateOnDragDrop: false,
    // alert() loops cannot trap the kiosk
    safeDialogs: true,
    spellcheck: false,
    enableWebSQL: false,
    // the built-in PDF viewer (the print preview shows a sheet or booklet as a PDF); Electron has no other plugin
    plugins: true,
    autoplayPolicy: 'document-user-activation-required',
    // the kiosk zooms with its own text size buttons, never with the page zoom
    zoomFactor: 1,
    // a kiosk on screen is never "in the background": its idle timer and events keep running
    backgroundThrottling: false,
  };
}


/** Which checklist settings a set of preferences breaks (none, for the kiosk's own): the main process refuses to open a window that breaks one. */
export function webPreferenceViolations(p: WebPreferences): string[] {
  const bad: string[] = Object.entries(REQUIRED_WEB_PREFERENCES)
    .filter(([k, v]) => p[k as keyof WebPreferences] !== v)
    .map(([k, v]) => `${k} must be ${v}`);
  if (p.enableBlinkFeatures) bad.push('enableBlinkFeatures must be unset');
  if (!p.preload) bad.push('preload must be set (the kiosk channel)');
  return bad;
}
