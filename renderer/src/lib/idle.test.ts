import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE, idleFor, idlePhase } from './idle.js';

describe('idle reset', () => {
  const cfg = { idleMs: 60_000, warnMs: 30_000 };
  it('stays active while people use it', () => expect(idlePhase(59_999, 0, cfg)).toEqual({ phase: 'active' }));
  it('warns with a countdown, then resets', () => {
    expect(idlePhase(60_000, 0, cfg)).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(idlePhase(89_100, 0, cfg)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(90_000, 0, cfg)).toEqual({ phase: 'reset' });
  });
  it('never warns for less than 20 seconds, whatever the configuration', () => {
    expect(idlePhase(10_000, 0, { idleMs: 10_000, warnMs: 5_000 })).toEqual({ phase: 'warning', secondsLeft: 20 });
  });
});

describe('idleFor', () => {
  it('a public kiosk resets after two minutes; a signed-in counsellor after their session idle (10 minutes), never sooner than the kiosk', () => {
    expect(idleFor(null)).toEqual(DEFAULT_IDLE);
    expect(idleFor({ lastActiveAt: '2026-12-02T09:00:00.000Z', expiresAt: '2026-12-02T09:10:00.000Z' })).toEqual({ ...DEFAULT_IDLE, idleMs: 600_000 });
    expect(idleFor({ lastActiveAt: '2026-12-02T09:00:00.000Z', expiresAt: '2026-12-02T09:01:00.000Z' })).toEqual(DEFAULT_IDLE);
    expect(idleFor({ lastActiveAt: 'not a time', expiresAt: '2026-12-02T09:10:00.000Z' })).toEqual(DEFAULT_IDLE);
  });
});
