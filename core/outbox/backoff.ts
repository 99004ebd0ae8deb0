/**
 * When the uploader tries again after a failure: exponential backoff with full jitter (a random
 * wait between 0 and min(cap, base × 2^n)), so kiosks that lost the network together do not
 * come back together. Pure (the random number is given), so it is tested as it is.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;
/** a device the hub refused (revoked, clock off): asked again this rarely, or at once after a new submit */
export const PAUSED_RETRY_MS = 10 * 60_000;
/** with nothing to send, the outbox is looked at this often (another process, `cli apply`, may have added to it) */
export const IDLE_CHECK_MS = 60_000;

export function retryDelay(failuresInARow: number, random: number, o: { baseMs?: number; capMs?: number } = {}): number {
  const base = o.baseMs ?? RETRY_BASE_MS;
  const cap = o.capMs ?? RETRY_CAP_MS;
  const n = Math.max(0, Math.min(failuresInARow - 1, 30));
  const ceiling = Math.min(cap, base * 2 ** n);
  return Math.floor(Math.max(0, Math.min(1, random)) * ceiling);
}
