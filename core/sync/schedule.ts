/**
 * When the kiosk looks for a newer catalogue by itself: shortly after it starts, then every
 * interval; after a failure (the network is down: a kiosk is offline for days) sooner, backing
 * off — 1, 2, 4 … minutes, never more than the interval. Pure, so it is tested as it is.
 */
export const FIRST_SYNC_DELAY_MS = 60_000;
const RETRY_BASE_MS = 60_000;

export function nextSyncDelay(o: { intervalMs: number; failuresInARow: number }): number {
  if (o.failuresInARow <= 0) return o.intervalMs;
  return Math.min(o.intervalMs, RETRY_BASE_MS * 2 ** Math.min(o.failuresInARow - 1, 20));
}

/** AICHINGU_SYNC_MINUTES: how often (default 30; 0 turns the background sync off). */
export function syncIntervalMs(value: string | undefined): number {
  if (value === undefined || value === '') return 30 * 60_000;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`AICHINGU_SYNC_MINUTES must be a number of minutes (0 turns the background sync off); got "${value}"`);
  return Math.round(n * 60_000);
}
