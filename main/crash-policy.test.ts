import { describe, expect, it } from 'vitest';
import { CRASH_POLICY, FRESH_CRASH_STATE, onPageGone, onProcessFailed, onRunning, restoreCrashState, type CrashAction, type CrashState } from './crash-policy.js';

const MIN = 60_000;

/** Crashes at the given minutes after 0, from a fresh start: the actions taken. */
function run(minutes: number[], from: CrashState = FRESH_CRASH_STATE): { actions: CrashAction[]; state: CrashState } {
  let state = from;
  const actions: CrashAction[] = [];
  for (const m of minutes) {
    const r = onPageGone(state, m * MIN);
    state = r.state;
    actions.push(r.action);
  }
  return { actions, state };
}

describe('the crash policy', () => {
  it('a crash reloads the page at once; a second soon after reloads it after a second', () => {
    expect(run([0, 1]).actions).toEqual([
      { kind: 'reload', delayMs: 0 },
      { kind: 'reload', delayMs: 1000 },
    ]);
  });

  it('a third within ten minutes starts the whole app again, after 2 s', () => {
    const { actions, state } = run([0, 1, 2]);
    expect(actions[2]).toEqual({ kind: 'relaunch', delayMs: 2000 });
    expect(state).toEqual({ crashes: [], relaunches: 1 });
  });

  it('crashes further apart than ten minutes never add up to a relaunch', () => {
    expect(run([0, 11, 22, 33, 44]).actions.every((a) => a.kind === 'reload' && a.delayMs === 0)).toBe(true);
    // but two of them close together after a long gap count as two
    expect(run([0, 11, 12]).actions.map((a) => a.kind)).toEqual(['reload', 'reload', 'reload']);
    expect(run([0, 11, 12, 13]).actions.at(-1)!.kind).toBe('relaunch');
  });

  it('relaunches back off: 2, 4, 8, 16 s … never more than 5 minutes, across relaunches (the state is kept on disk)', () => {
    let state = FRESH_CRASH_STATE;
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      // each life of the app: three crashes in a row; the state goes through a file between lives
      const r = run([i * 100, i * 100 + 0.1, i * 100 + 0.2], restoreCrashState(JSON.stringify(state)));
      delays.push(r.actions.at(-1)!.delayMs);
      state = r.state;
    }
    expect(delays.slice(0, 6)).toEqual([2000, 4000, 8000, 16000, 32000, 64000]);
    expect(Math.max(...delays)).toBe(CRASH_POLICY.maxMs);
    expect(delays.at(-1)).toBe(CRASH_POLICY.maxMs);
  });

  it('the main process failing starts the app again with the same backoff', () => {
    expect(onProcessFailed(FRESH_CRASH_STATE, 0)).toEqual({ state: { crashes: [], relaunches: 1 }, action: { kind: 'relaunch', delayMs: 2000 } });
    expect(onProcessFailed({ crashes: [5], relaunches: 3 }, 10).action.delayMs).toBe(16000);
  });

  it('ten minutes running without a crash: the backoff starts over', () => {
    const after = { crashes: [], relaunches: 4 };
    expect(onRunning(after, 9 * MIN, 0)).toBe(after);
    expect(onRunning(after, 10 * MIN, 0)).toEqual(FRESH_CRASH_STATE);
    // a crash in the meantime restarts the ten minutes from that crash
    expect(onRunning({ crashes: [5 * MIN], relaunches: 4 }, 12 * MIN, 0).relaunches).toBe(4);
    expect(onRunning({ crashes: [5 * MIN], relaunches: 4 }, 15 * MIN, 0)).toEqual(FRESH_CRASH_STATE);
  });

  it('an unreadable state file is a fresh start, never a reason not to start', () => {
    for (const t of [null, '', '{', '[]', '{"crashes":"x","relaunches":1}', '{"crashes":[],"relaunches":-1}']) expect(restoreCrashState(t), String(t)).toEqual(FRESH_CRASH_STATE);
    expect(restoreCrashState('{"crashes":[1,2],"relaunches":3}')).toEqual({ crashes: [1, 2], relaunches: 3 });
  });

  it('a clock that went back (a crash "in the future") is not counted', () => {
    expect(onPageGone({ crashes: [50 * MIN, 51 * MIN], relaunches: 0 }, 1 * MIN).action).toEqual({ kind: 'reload', delayMs: 0 });
  });
});
