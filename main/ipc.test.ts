/**
 * The kiosk channel over IPC, both ends wired together without Electron: the preload's channel
 * (what the page gets as window.kioskChannel) → structured clone (what IPC does to a message) →
 * the main process's bridge → the core's one channel, a real core on a fresh data folder. The
 * page's typed client (core/contract/client.ts) runs over it exactly as over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createClient, KioskApiError, type Channel } from '../core/contract/client.js';
import type { Result } from '../core/contract/result.js';
import type { Core } from '../core/core.node.js';
import type { CoreChannel } from '../core/registry.node.js';
import { freshDir, testCore } from '../tests/env.node.js';
import { IPC } from './ipc-contract.js';
import { createIpcBridge, eventMessage } from './ipc-bridge.js';
import { createPreloadChannel, type IpcPort, type KioskIpcChannel } from './preload-channel.js';
import type { IpcSender } from './security/ipc-sender.js';

const KIOSK = 3;
const PAGE: IpcSender = { webContentsId: KIOSK, frameUrl: 'app://kiosk/', isMainFrame: true };
const warnings: { verdict?: string }[] = [];
const log = { warn: (f: object) => void warnings.push(f as { verdict?: string }) };

let core: Core;
let logLines: () => Record<string, unknown>[];

/** Both ends over a pretend IPC: every message structured-cloned, invokes counted, events delivered to the page's one listener. */
function wire(channel: () => Promise<CoreChannel>, sender: IpcSender = PAGE) {
  const bridge = createIpcBridge({ channel, kioskWebContentsId: () => KIOSK, log });
  let deliver: (m: unknown) => void = () => {};
  const sent: unknown[] = [];
  const problems: string[] = [];
  let invokes = 0;
  const port: IpcPort = {
    invoke: async (ch, m) => {
      expect(ch).toBe(IPC.call);
      invokes++;
      return structuredClone(await bridge.call(sender, structuredClone(m)));
    },
    send: (ch, m) => {
      sent.push(m);
      if (ch === IPC.cancel) bridge.cancel(sender, structuredClone(m));
    },
    onEvent: (fn) => (deliver = (m) => fn(structuredClone(m))),
  };
  const page = createPreloadChannel(port, { newCallId: () => randomUUID(), report: (m) => problems.push(m) });
  return { page, bridge, deliver: (m: unknown) => deliver(m), sent, problems, invokes: () => invokes };
}

beforeAll(() => {
  ({ core, logLines } = testCore({ dataDir: freshDir('ipc-') }));
});
afterAll(async () => {
  await core?.close();
});

describe('the page’s calls over IPC', () => {
  it('answer exactly what the core’s channel answers (the typed client over it, as the UI uses it)', async () => {
    const { page } = wire(async () => core.channel);
    const client = createClient(page);
    const info = await core.channel.call('info', {});
    expect(info.ok).toBe(true);
    expect(await client.info({})).toEqual(info.ok && info.value);
    const hits = await client.search({ query: 'ㅇㅇㄷㅂ', lang: 'ko' } as never);
    const direct = (await core.channel.call('search', { query: 'ㅇㅇㄷㅂ', lang: 'ko' })) as { ok: true; value: unknown };
    expect(direct.ok).toBe(true);
    expect(hits).toEqual(direct.value);
  });

  it('a bad input that is plain data reaches the registry, which names the field — as over HTTP', async () => {
    const { page, invokes } = wire(async () => core.channel);
    const r = await page.call('search', { query: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'query' } });
    expect(invokes()).toBe(1);
    await expect(createClient(page).entry({ id: 'no-such-entry' } as never)).rejects.toBeInstanceOf(KioskApiError);
  });

  it('a method outside the contract never leaves the page', async () => {
    const { page, invokes } = wire(async () => core.channel);
    for (const m of ['eval', '__proto__', 'constructor', 'toString', '', 42]) expect(await page.call(m as never, {}), String(m)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'method' } });
    expect(invokes()).toBe(0);
  });

  it('only plain data leaves the page: functions, class instances, NaN, cycles, huge or deep inputs are refused naming where', async () => {
    const { page, invokes } = wire(async () => core.channel);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const cases: [unknown, string][] = [
      [{ query: 'a', x: () => 1 }, 'input.x'],
      [{ query: new Date() }, 'input.query'],
      [{ query: 'a', m: new Map() }, 'input.m'],
      [{ query: 'a', n: Number.NaN }, 'input.n'],
      [{ query: 'a', n: [1, Infinity] }, 'input.n.1'],
      [{ query: 'a', b: 10n }, 'input.b'],
      [{ query: 'a', s: Symbol('s') }, 'input.s'],
      [{ query: 'a', u: new Uint8Array(2) }, 'input.u'],
      [{ query: 'a', list: [1, undefined] }, 'input.list.1'],
      [cyclic, 'input'],
      [deep, 'input'],
      [{ query: 'x'.repeat(70 * 1024) }, 'input'],
      [new (class Situation {})(), 'input'],
    ];
    for (const [input, field] of cases) {
      const r = await page.call('search', input);
      expect(r.ok, field).toBe(false);
      expect(!r.ok && r.error.code, field).toBe('bad_request');
      expect(!r.ok && r.error.field?.startsWith(field), `${field}: ${!r.ok && r.error.field}`).toBe(true);
    }
    expect(invokes()).toBe(0);
    // undefined properties are left out, as JSON would
    expect((await page.call('info', { nothing: undefined })).ok).toBe(true);
  });
});

describe('the main process’s end', () => {
  it('refuses a sender that is not the kiosk page’s main frame on the app origin — before reading the message, without reaching the core', async () => {
    let reached = 0;
    const spy = async () => ((reached++, core.channel) as CoreChannel);
    for (const [sender, verdict] of [
      [{ ...PAGE, isMainFrame: false, frameUrl: 'app://kiosk/print/sheet/x.pdf' }, 'sub-frame'],
      [{ ...PAGE, frameUrl: 'https://evil.example/' }, 'foreign-origin'],
      [{ ...PAGE, webContentsId: KIOSK + 1 }, 'other-window'],
      [{ ...PAGE, frameUrl: null }, 'no-frame'],
    ] as [IpcSender, string][]) {
      const { page } = wire(spy, sender);
      expect(await page.call('info', {}), verdict).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(warnings.at(-1)!.verdict).toBe(verdict);
    }
    expect(reached).toBe(0);
  });

  it('parses every message itself (a page could skip the preload’s checks): unknown keys, bad call ids, non-plain input', async () => {
    const bridge = createIpcBridge({ channel: async () => core.channel, kioskWebContentsId: () => KIOSK, log });
    const call = (m: unknown) => bridge.call(PAGE, m);
    expect(await call({ method: 'info', callId: 'abcdefgh', input: {}, extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call({ method: 'info', callId: 'short', input: {} })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'callId' } });
    expect(await call({ method: 'info', callId: 'a b c d e f', input: {} })).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'callId' } });
    expect(await call({ method: 'shell.openExternal', callId: 'abcdefgh', input: {} })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'method' } });
    expect(await call({ method: 'search', callId: 'abcdefgh', input: { query: 'a', d: new Date() } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call('info')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call({ method: 'info', callId: 'abcdefgh', input: {} })).toMatchObject({ ok: true });
  });

  it('the call id the page gives is the request id in the answer and the log', async () => {
    const { page } = wire(async () => core.channel);
    const r = await page.call('entry', { id: 'no-such-entry' }, { callId: 'page-call-0001' });
    expect(r).toMatchObject({ ok: false, error: { requestId: 'page-call-0001' } });
    expect(logLines().some((l) => l.requestId === 'page-call-0001')).toBe(true);
  });
});

describe('cancelling', () => {
  /** A channel whose calls wait until they are cancelled (a long booklet), answering as the registry does; `started(n)` resolves once n calls have reached it. */
  let reached = 0;
  let onReach = () => {};
  const started = (n: number) => new Promise<void>((resolve) => (onReach = () => void (reached >= n && resolve())));
  const waiting = (): CoreChannel => ({
    on: () => () => {},
    call: (_m: string, _i: unknown, o?: { signal?: AbortSignal; callId?: string }) =>
      new Promise<Result<unknown>>((resolve) => {
        o!.signal!.addEventListener('abort', () => resolve({ ok: false, error: { code: 'cancelled', message: 'the call was cancelled', requestId: o!.callId } }));
        reached++;
        onReach();
      }),
  });
  const reset = (n: number) => {
    reached = 0;
    return started(n);
  };

  it('cancel(callId) from the page stops the call in the main process', async () => {
    const { page, bridge, sent } = wire(async () => waiting());
    const ready = reset(1);
    const p = page.call('booklet', { stage: 'infant' }, { callId: 'booklet-0001' });
    await ready;
    expect(bridge.inFlight()).toBe(1);
    (page as KioskIpcChannel).cancel('booklet-0001');
    expect(await p).toMatchObject({ ok: false, error: { code: 'cancelled', requestId: 'booklet-0001' } });
    expect(sent).toEqual([{ callId: 'booklet-0001' }]);
    expect(bridge.inFlight()).toBe(0);
  });

  it('an AbortSignal, where it reaches the preload, does the same; one already aborted never leaves', async () => {
    const { page, invokes } = wire(async () => waiting());
    const ac = new AbortController();
    const ready = reset(1);
    const p = page.call('booklet', { stage: 'infant' }, { signal: ac.signal });
    await ready;
    ac.abort();
    expect(await p).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await page.call('info', {}, { signal: AbortSignal.abort() })).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(invokes()).toBe(1);
  });

  it('a page that goes (reload, crash) takes its calls with it', async () => {
    const { page, bridge } = wire(async () => waiting());
    const ready = reset(2);
    const calls = [page.call('booklet', { stage: 'infant' }), page.call('booklet', { stage: 'school' })];
    await ready;
    expect(bridge.inFlight()).toBe(2);
    bridge.abortAll();
    for (const r of await Promise.all(calls)) expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('a main process that does not answer, or answers something else, is a failure the screen can show', async () => {
    const problems: string[] = [];
    const dead = createPreloadChannel({ invoke: () => Promise.reject(new Error('gone')), send: () => {}, onEvent: () => {} }, { newCallId: randomUUID, report: (m) => problems.push(m) });
    expect(await dead.call('info', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const odd = createPreloadChannel({ invoke: async () => ({ ok: 'yes' }), send: () => {}, onEvent: () => {} }, { newCallId: randomUUID, report: (m) => problems.push(m) });
    expect(await odd.call('info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('events', () => {
  it('the core’s events reach the page’s listeners; nothing else does', async () => {
    const { page, deliver, problems } = wire(async () => core.channel);
    const got: unknown[] = [];
    const off = (page as Channel).on('catalogue.changed', (p) => got.push(p));
    const offCore = core.events.onAny((e) => {
      const m = eventMessage(e);
      if (m) deliver(m);
    });
    core.events.emit('catalogue.changed', { version: '2026.12', builtAt: '2026-12-01T00:00:00Z' });
    expect(got).toEqual([{ version: '2026.12', builtAt: '2026-12-01T00:00:00Z' }]);
    deliver({ event: 'shell.secret', payload: {} });
    deliver({ event: 'catalogue.changed', payload: { version: 'x' }, extra: true });
    expect(got).toHaveLength(1);
    expect(problems).toHaveLength(2);
    expect(eventMessage({ event: 'catalogue.changed', payload: { when: new Date() } } as never)).toBeNull();
    off();
    core.events.emit('catalogue.changed', { version: '2026.13', builtAt: '2026-12-02T00:00:00Z' });
    expect(got).toHaveLength(1);
    offCore();
    // a name outside the contract cannot even be listened to
    expect(typeof (page as Channel).on('shell.secret' as never, () => {})).toBe('function');
    expect(problems.at(-1)).toMatch(/not an event of the contract/);
  });
});
