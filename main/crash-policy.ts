/**
 * What the shell does when the kiosk's page dies (render-process-gone, a page that stays
 * unresponsive, a window closed that should not have been) or the main process fails — a pure
 * state machine, so that every step is tested:
 *
 *   - a first crash: the page is loaded again at once; a second within 10 minutes: again,
 *     after a second;
 *   - a third within 10 minutes: reloading is not helping — the whole app is started again
 *     (app.relaunch), after 2 s, then 4, 8 … up to 5 minutes as relaunches keep coming;
 *   - 10 minutes without a crash: the count starts over.
 *
 * The state survives a relaunch (the shell keeps it in a small file in its folder), so a
 * kiosk that crashes at every start backs off instead of spinning.
 */
import * as z from 'zod';

export const CRASH_POLICY = {
  /** crashes further apart than this are not "in a row" */
  windowMs: 10 * 60_000,
  /** the crash (within the window) at which the app is started again instead of the page */
  relaunchAt: 3,
  /** a page that has not answered for this long is crashed on purpose (and so handled as a crash) */
  unresponsiveMs: 15_000,
  baseMs: 1000,
  maxMs: 5 * 60_000,
  /** running this long without a crash resets the relaunch backoff */
  stableMs: 10 * 60_000,
} as const;

export const CrashState = z.object({
  /** times (ms) of the page's crashes within the window */
  crashes: z.array(z.number()),
  /** relaunches in a row (reset once the app has run stable) */
  relaunches: z.number().int().min(0),
});
export type CrashState = z.infer<typeof CrashState>;
export const FRESH_CRASH_STATE: CrashState = { crashes: [], relaunches: 0 };

export type CrashAction = { kind: 'reload'; delayMs: number } | { kind: 'relaunch'; delayMs: number };

const relaunchDelay = (relaunches: number) => Math.min(CRASH_POLICY.maxMs, CRASH_POLICY.baseMs * 2 ** Math.min(relaunches + 1, 30));

/** The page died (or its window closed, or it hung): reload it, or start the app again. */
export function onPageGone(state: CrashState, now: number): { state: CrashState; action: CrashAction } {
  const crashes = [...state.crashes.filter((t) => now - t < CRASH_POLICY.windowMs && t <= now), now];
  if (crashes.length < CRASH_POLICY.relaunchAt) {
    const delayMs = crashes.length === 1 ? 0 : CRASH_POLICY.baseMs * 2 ** (crashes.length - 2);
    return { state: { ...state, crashes }, action: { kind: 'reload', delayMs } };
  }
  return onProcessFailed(state, now);
}

/** The main process failed (an uncaught error), or reloading did not help: start the app again, backing off. */
export function onProcessFailed(state: CrashState, _now: number): { state: CrashState; action: CrashAction } {
  return { state: { crashes: [], relaunches: state.relaunches + 1 }, action: { kind: 'relaunch', delayMs: relaunchDelay(state.relaunches) } };
}

/** Called now and then while the app runs: after `stableMs` without a crash since it started, the backoff starts over. */
export function onRunning(state: CrashState, now: number, startedAt: number): CrashState {
  const quiet = now - Math.max(startedAt, ...state.crashes);
  if (quiet < CRASH_POLICY.stableMs || (state.relaunches === 0 && state.crashes.length === 0)) return state;
  return FRESH_CRASH_STATE;
}

/** The state as kept on disk; anything unreadable is a fresh start (never a reason not to start). */
export function restoreCrashState(text: string | null): CrashState {
  if (text === null) return FRESH_CRASH_STATE;
  try {
    const r = CrashState.safeParse(JSON.parse(text));
    return r.success ? r.data : FRESH_CRASH_STATE;
  } catch {
    return FRESH_CRASH_STATE;
  }
}
