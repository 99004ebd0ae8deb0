import { describe, expect, it } from 'vitest';
import { failuresAfterExit, initialState, restartDelay, STABLE_MS, supervise, type SupAction, type SupEvent, type SupState } from './supervise.js';

/** Runs events through the supervisor; the actions of each step. */
function run(events: SupEvent[], withBrowser = true, from: SupState = initialState()): { state: SupState; steps: SupAction[][] } {
  let state = from;
  const steps: SupAction[][] = [];
  for (const ev of events) {
    const [next, actions] = supervise(state, ev, withBrowser);
    state = next;
    steps.push(actions);
  }
  return { state, steps };
}
const up = (at: number, port = 1, token = `t${port}`): SupEvent => ({ e: 'host-up', at, origin: `http://127.0.0.1:${port}`, token });
const show = (port: number, token = `t${port}`): SupAction => ({ a: 'show', origin: `http://127.0.0.1:${port}`, token });

describe('backoff', () => {
  it('grows from a quarter second to 15 s with failures in a row, and stays there', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map(restartDelay)).toEqual([0, 250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
  });
  it('a process that stayed up 30 s starts a fresh count; a quick exit adds one', () => {
    expect(failuresAfterExit(5, STABLE_MS)).toBe(1);
    expect(failuresAfterExit(5, STABLE_MS - 1)).toBe(6);
    expect(failuresAfterExit(0, 0)).toBe(1);
  });
});

describe('the launcher as a supervisor', () => {
  it('starts the host and opens the window at once (on the starting page), and shows the kiosk when both are there, whichever is first', () => {
    const hostFirst = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }]);
    expect(hostFirst.steps).toEqual([[{ a: 'start-host', delay: 0 }, { a: 'open-browser', delay: 0 }], [], [show(1)]]);
    expect(hostFirst.state.host).toMatchObject({ state: 'up', origin: 'http://127.0.0.1:1', token: 't1' });
    expect(hostFirst.state.browser.state).toBe('up');
    const windowFirst = run([{ e: 'start', at: 0 }, { e: 'browser-up', at: 5 }, up(10)]);
    expect(windowFirst.steps).toEqual([[{ a: 'start-host', delay: 0 }, { a: 'open-browser', delay: 0 }], [], [show(1)]]);
    // without a browser: the host alone
    expect(supervise(initialState(), { e: 'start', at: 0 }, false)[1]).toEqual([{ a: 'start-host', delay: 0 }]);
  });

  it('a host that exits is started again after a quarter second the first time, and the open window gets the new URL and token', () => {
    const { state, steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'host-exit', at: 60_000, code: null }, up(60_400, 2)]);
    expect(steps.slice(3)).toEqual([[{ a: 'start-host', delay: 250 }], [show(2)]]);
    expect(state.host.failures).toBe(1);
    expect(state.browser.state).toBe('up'); // the window stays: no second browser
  });

  it('a host that keeps failing is started again with a growing delay, never given up on', () => {
    const exits = Array.from({ length: 9 }, (_, i): SupEvent => ({ e: 'host-exit', at: 100 + i, code: 2 }));
    const { steps } = run([{ e: 'start', at: 0 }, ...exits]);
    expect(steps.slice(1).map((s) => s[0])).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000].map((delay) => ({ a: 'start-host', delay })));
  });

  it('the old token is forgotten when the host exits: a crash of the page meanwhile shows nothing', () => {
    const { state, steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'host-exit', at: 30, code: 1 }, { e: 'page-crashed', at: 31 }]);
    expect(state.host.token).toBeNull();
    expect(steps[4]).toEqual([]);
  });

  it('a window that closes is opened again (with its own backoff) and then shown the current host', () => {
    const { state, steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'browser-exit', at: 40 }, { e: 'browser-up', at: 400 }, { e: 'browser-exit', at: 500 }]);
    expect(steps[3]).toEqual([{ a: 'open-browser', delay: 250 }]);
    expect(steps[4]).toEqual([show(1)]);
    expect(steps[5]).toEqual([{ a: 'open-browser', delay: 500 }]);
    expect(state.host.failures).toBe(0); // the host is not touched
  });

  it('a window that closes while the host is down is opened when the host is up again', () => {
    const { steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'host-exit', at: 30, code: 1 }, { e: 'browser-exit', at: 35 }, up(300, 2)]);
    expect(steps[4]).toEqual([]);
    expect(steps[5]).toEqual([{ a: 'open-browser', delay: 250 }]);
  });

  it('no second window while one is opening: a host that comes up again meanwhile only updates the URL', () => {
    const { steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'host-exit', at: 20, code: 1 }, up(300, 2), { e: 'browser-up', at: 400 }]);
    expect(steps[3]).toEqual([]);
    expect(steps[4]).toEqual([show(2)]);
  });

  it('a crashed page is shown again on the current host', () => {
    const { steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'page-crashed', at: 30 }]);
    expect(steps[3]).toEqual([show(1)]);
  });

  it('without a browser: the host alone is kept running', () => {
    const { steps } = run([{ e: 'start', at: 0 }, up(10), { e: 'host-exit', at: 20, code: 1 }, up(300, 2)], false);
    expect(steps).toEqual([[{ a: 'start-host', delay: 0 }], [], [{ a: 'start-host', delay: 250 }], []]);
  });

  it('once stopping, exits start nothing again', () => {
    const { steps, state } = run([{ e: 'start', at: 0 }, up(10), { e: 'browser-up', at: 20 }, { e: 'stop', at: 30 }, { e: 'host-exit', at: 31, code: 0 }, { e: 'browser-exit', at: 32 }]);
    expect(steps.slice(3)).toEqual([[{ a: 'stop-all' }], [], []]);
    expect(state.stopping).toBe(true);
  });
});
