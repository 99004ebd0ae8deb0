/**
 * Who is signed in as a counsellor, as the UI knows it — one small store outside React, so that
 * the toolbar's badge, the counsellor screen and the kiosk's idle reset share it (an idle reset
 * remounts the whole kiosk; this store is what remembers that a counsellor was signed out by
 * it, to say so on the sign-in). The host is the authority: its `counsellor.changed` event and
 * every refusal with reason `signed_out` bring the store up to date.
 *
 * Activity: while someone is signed in, a touch or a key sends counsellorStatus({touch: true})
 * at most once a minute, which keeps the host's session (its idle sign-out is
 * AICHINGU_COUNSELLOR_IDLE_MINUTES, default 10).
 */
import { useSyncExternalStore } from 'react';
import type { CounsellorSession } from '../../../../core/contract/kiosk-api';
import type { ApiErrorBody } from '../../../../core/contract/client';
import { api } from '../../api';

/** Why nobody is signed in (what the sign-in says): idle — too long without use, or the kiosk's own idle reset; signedOut — the counsellor signed out; replaced — another counsellor signed in elsewhere on this device. */
export type Ended = 'idle' | 'signedOut' | 'replaced' | null;

export interface CounsellorState {
  /** the host has answered at least once */
  known: boolean;
  session: CounsellorSession | null;
  ended: Ended;
}

/** How often, at most, input is reported to the host as activity. */
export const TOUCH_EVERY_MS = 60_000;

let state: CounsellorState = { known: false, session: null, ended: null };
const listeners = new Set<() => void>();
let lastTouch = 0;

function set(next: Partial<CounsellorState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useCounsellorState(): CounsellorState {
  return useSyncExternalStore(subscribe, () => state);
}

export const counsellorState = (): CounsellorState => state;

/** The host's word: a session there, or none (then, if one was shown, it ended for `why`). */
function follow(session: CounsellorSession | null, why: Ended = 'idle'): void {
  if (session) {
    set({ known: true, session, ended: null });
    return;
  }
  set({ known: true, session: null, ended: state.session ? why : state.ended });
}

/** Asks the host who is signed in (`touch`: the counsellor is using the screen). */
export async function refreshCounsellor(touch = false) {
  const s = await api.counsellorStatus({ touch });
  if (touch) lastTouch = Date.now();
  follow(s.session);
  return s;
}

/** A sign-in the host accepted. */
export function signedIn(session: CounsellorSession): void {
  lastTouch = Date.now();
  set({ known: true, session, ended: null });
}

/** The counsellor signs out: the host wipes the drafts' key. */
export async function signOutCounsellor(): Promise<void> {
  try {
    await api.counsellorSignOut({});
  } finally {
    set({ known: true, session: null, ended: 'signedOut' });
  }
}

/**
 * The kiosk's idle reset (App.tsx): whoever is signed in is signed out, at once and whatever the
 * screen shows; the next sign-in says it was for lack of use.
 */
export function signOutOnReset(): void {
  const was = state.session !== null;
  set({ session: null, ended: was ? 'idle' : state.ended });
  api.counsellorSignOut({}).catch((e: unknown) => console.error('counsellor sign-out at the idle reset failed', e));
}

/** A call refused with reason `signed_out`: the host ended the session (too long without use). Answers whether that was the refusal. */
export function noteRefusal(e: ApiErrorBody): boolean {
  if (e.reason !== 'signed_out') return false;
  set({ known: true, session: null, ended: state.session ? 'idle' : (state.ended ?? 'idle') });
  return true;
}

/** Input while signed in: reported to the host at most once a minute. */
export function touchCounsellor(): void {
  if (!state.session || Date.now() - lastTouch < TOUCH_EVERY_MS) return;
  lastTouch = Date.now();
  refreshCounsellor(true).catch((e: unknown) => console.error('counsellor activity not reported', e));
}

/** The host's `counsellor.changed` event. */
export function onCounsellorChanged(e: { signedIn: boolean; why: string }): void {
  if (e.signedIn) {
    refreshCounsellor().catch((err: unknown) => console.error('counsellor status not read', err));
    return;
  }
  follow(null, e.why === 'requested' ? 'signedOut' : e.why === 'replaced' ? 'replaced' : 'idle');
}

/** The sign-in has said why; it need not say it again. */
export function clearEnded(): void {
  if (state.ended) set({ ended: null });
}

/**
 * How many more wrong PINs lock an account (the signed-in counsellor's when no name is given), asked
 * of the host after it has counted a wrong PIN; null when it cannot say (the message then says only
 * that the PIN was wrong).
 */
export async function triesLeftNow(name?: string): Promise<number | null> {
  const status = await api.counsellorStatus({}).catch(() => null);
  const who = name ?? status?.session?.name;
  return status?.counsellors.find((c) => c.name === who)?.triesLeft ?? null;
}
