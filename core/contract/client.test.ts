import { describe, expect, it } from 'vitest';
import { KioskApi } from './kiosk-api.js';
import { createClient, isMethod, METHODS } from './client.js';
import { Emitter } from './events.js';
import { parseResult } from './result.js';

describe('the UI side of the contract (no zod)', () => {
  it('lists exactly the methods the schemas define', () => {
    expect([...METHODS].sort()).toEqual(Object.keys(KioskApi).sort());
    expect(isMethod('search')).toBe(true);
    expect(isMethod('constructor')).toBe(false);
  });

  it('sends each call to the channel as it is, returns its value and throws its error with the body', async () => {
    const calls: [string, unknown][] = [];
    const events = new Emitter();
    const client = createClient({
      call: async (m, input) => (calls.push([m, input]), m === 'entry' ? { ok: false, error: { code: 'not_found', message: 'no entry', field: 'id', requestId: 'abc' } } : { ok: true, value: { hits: [] } }),
      on: (e, fn) => events.on(e, fn),
    });
    expect(await client.search({ query: '아이돌봄' })).toEqual({ hits: [] });
    await expect(client.entry({ id: 'nope' })).rejects.toMatchObject({ name: 'KioskApiError', body: { code: 'not_found', field: 'id', requestId: 'abc' } });
    expect(calls).toEqual([
      ['search', { query: '아이돌봄' }],
      ['entry', { id: 'nope' }],
    ]);
    const seen: number[] = [];
    const off = client.on('print.progress', (p) => seen.push(p.done));
    events.emit('print.progress', { call: 'c', done: 1, total: 2 });
    off();
    events.emit('print.progress', { call: 'c', done: 2, total: 2 });
    expect(seen).toEqual([1]);
  });

  it('reads an envelope from the wire, and calls anything else (a captive portal\'s HTML page) an internal error', () => {
    expect(parseResult({ ok: true, value: 3 }, 'x')).toEqual({ ok: true, value: 3 });
    expect(parseResult({ ok: false, error: { code: 'too_large', message: 'big', field: 'body' } }, 'x')).toEqual({ ok: false, error: { code: 'too_large', message: 'big', field: 'body', requestId: undefined } });
    expect(parseResult({ ok: false, error: { code: 'weird', message: 'm' } }, 'HTTP 500')).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(parseResult(null, 'HTTP 200')).toEqual({ ok: false, error: { code: 'internal', message: 'HTTP 200: the answer was not a result envelope' } });
  });
});
