import { describe, expect, it } from 'vitest';
import { idlePhase } from './idle.js';

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
