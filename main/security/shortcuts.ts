/**
 * The keys a kiosk swallows (before-input-event): everything that would reload the page, zoom
 * it, open DevTools, print outside the app, close or quit the window, or leave fullscreen —
 * and a hidden operator chord (Ctrl+Alt+Shift+O by default), which opens the operator's dialog.
 * Ordinary typing, editing (Ctrl+A/C/V/X/Z), Tab, Esc and Alt+← (the app's own "back") pass.
 * A counsellor's laptop may close its window; it still gets no reload, zoom, DevTools or print.
 *
 * Letters are matched by the character when it is a Latin letter, else by the physical key
 * (`code`): with the Korean input method on, Ctrl+R arrives as key "ㄱ", code "KeyR".
 * What no app can catch — Alt+Tab, Ctrl+Alt+Del, the Windows key — is the operating system's
 * to lock (README, deployment).
 */
import type { Profile } from '../../core/config/kiosk-config.js';

export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  isAutoRepeat?: boolean;
}

export type InputDecision = 'allow' | 'block' | 'operator';

export interface Chord {
  /** the physical key, e.g. KeyO */
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
}
export const OPERATOR_CHORD: Chord = { code: 'KeyO', control: true, alt: true, shift: true };

type Why = 'reload' | 'zoom' | 'devtools' | 'print' | 'close' | 'fullscreen' | 'browser';
/** Ctrl (or ⌘) + a letter: what the browser would do with it */
const CTRL_LETTERS: Record<string, Why> = { r: 'reload', p: 'print', w: 'close', q: 'close', s: 'browser', o: 'browser', n: 'browser', t: 'browser', u: 'browser', g: 'browser', h: 'browser', j: 'browser', f: 'browser', l: 'browser', d: 'browser' };
const ZOOM_KEYS = new Set(['=', '+', '-', '_', '0']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
const F_KEYS: Record<string, Why> = { F5: 'reload', F11: 'fullscreen', F12: 'devtools', F3: 'browser', F6: 'browser', F7: 'browser', F10: 'browser' };
const MEDIA_KEYS: Record<string, Why> = { BrowserRefresh: 'reload', BrowserHome: 'browser', BrowserSearch: 'browser', BrowserFavorites: 'browser', BrowserStop: 'browser' };
/** what a counsellor's laptop may still do (its own window to close) */
const COUNSELLOR_ALLOWS = new Set<Why>(['close', 'fullscreen']);

/** The letter a key stands for: the character when it is a–z, else the physical key's letter (KeyR → r). */
function letterOf(i: KeyInput): string | null {
  if (/^[a-zA-Z]$/.test(i.key)) return i.key.toLowerCase();
  const m = /^Key([A-Z])$/.exec(i.code);
  return m ? m[1]!.toLowerCase() : null;
}

/** Why a key is swallowed, or null when it passes. */
export function blockedShortcut(i: KeyInput): Why | null {
  const primary = i.control || i.meta;
  const f = F_KEYS[i.key] ?? F_KEYS[i.code];
  if (f) return f;
  const media = MEDIA_KEYS[i.key] ?? MEDIA_KEYS[i.code];
  if (media) return media;
  if (i.alt && (i.key === 'F4' || i.code === 'F4')) return 'close';
  if (primary && (i.key === 'F4' || i.code === 'F4')) return 'close';
  if (!primary) return null;
  if (ZOOM_KEYS.has(i.key) || ZOOM_CODES.has(i.code)) return 'zoom';
  const letter = letterOf(i);
  if (letter === null) return null;
  // DevTools: Ctrl+Shift+I/J/C, ⌘⌥I
  if ((i.shift || i.alt) && ['i', 'j', 'c'].includes(letter)) return 'devtools';
  return CTRL_LETTERS[letter] ?? null;
}

export function inputDecision(i: KeyInput, o: { profile: Profile; chord?: Chord }): InputDecision {
  if (i.type !== 'keyDown') return 'allow';
  const chord = o.chord ?? OPERATOR_CHORD;
  if (i.code === chord.code && i.control === chord.control && i.alt === chord.alt && i.shift === chord.shift && !i.meta) return i.isAutoRepeat ? 'block' : 'operator';
  const why = blockedShortcut(i);
  if (why === null) return 'allow';
  if (o.profile === 'counsellor' && COUNSELLOR_ALLOWS.has(why)) return 'allow';
  return 'block';
}
