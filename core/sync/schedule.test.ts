import { describe, expect, it } from 'vitest';
import { nextSyncDelay, syncIntervalMs } from './schedule.js';

describe('when the kiosk looks for a newer catalogue', () => {
  it('waits the interval after a success, backs off after failures, never beyond the interval', () => {
    const intervalMs = 30 * 60_000;
    expect(nextSyncDelay({ intervalMs, failuresInARow: 0 })).toBe(intervalMs);
    expect([1, 2, 3, 4, 5, 6].map((f) => nextSyncDelay({ intervalMs, failuresInARow: f }) / 60_000)).toEqual([1, 2, 4, 8, 16, 30]);
    expect(nextSyncDelay({ intervalMs, failuresInARow: 500 })).toBe(intervalMs);
    expect(nextSyncDelay({ intervalMs: 30_000, failuresInARow: 1 })).toBe(30_000);
  });
  it('reads AICHINGU_SYNC_MINUTES', () => {
    expect(syncIntervalMs(undefined)).toBe(1_800_000);
    expect(syncIntervalMs('0')).toBe(0);
    expect(syncIntervalMs('0.5')).toBe(30_000);
    expect(() => syncIntervalMs('often')).toThrow(/AICHINGU_SYNC_MINUTES must be a number of minutes/);
    expect(() => syncIntervalMs('-1')).toThrow(/AICHINGU_SYNC_MINUTES/);
  });
});
