/**
 * Idle reset for a public kiosk: after `idleMs` without a touch, a warning counts down for
 * `warnMs` (at least 20 s, WCAG 2.2.1) with a big "more time" button; at zero, everything
 * the person entered is wiped and the kiosk returns home.
 */
export interface IdleConfig {
  idleMs: number;
  warnMs: number;
}
export const DEFAULT_IDLE: IdleConfig = { idleMs: 120_000, warnMs: 30_000 };
export const MIN_WARN_MS = 20_000;

export type IdlePhase = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'reset' };

export function idlePhase(now: number, lastActivity: number, cfg: IdleConfig): IdlePhase {
  const warnMs = Math.max(cfg.warnMs, MIN_WARN_MS);
  const quiet = now - lastActivity;
  if (quiet < cfg.idleMs) return { phase: 'active' };
  const left = cfg.idleMs + warnMs - quiet;
  if (left > 0) return { phase: 'warning', secondsLeft: Math.ceil(left / 1000) };
  return { phase: 'reset' };
}

/**
 * The idle reset while a counsellor is signed in: the counsellor's own session idle (the host's
 * AICHINGU_COUNSELLOR_IDLE_MINUTES, from the session's last activity to its expiry), never shorter
 * than the public kiosk's — a form filled in with a family on a home visit is not wiped after two
 * minutes of talking; at the session's end the host signs the counsellor out anyway.
 */
export function idleFor(session: { lastActiveAt: string; expiresAt: string } | null, base: IdleConfig = DEFAULT_IDLE): IdleConfig {
  if (!session) return base;
  const ms = Date.parse(session.expiresAt) - Date.parse(session.lastActiveAt);
  return Number.isFinite(ms) && ms > base.idleMs ? { ...base, idleMs: ms } : base;
}
