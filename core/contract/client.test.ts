import { describe, expect, it } from 'vitest';
import { KioskApi } from './kiosk-api.js';
import { createClient, isMethod, KioskApiError, METHODS } from './client.js';

describe('the UI side of the contract (no zod)', () => {
  it('lists exactly the methods the schemas define', () => {
    expect([...METHODS].sort()).toEqual(Object.keys(KioskApi).sort());
    expect(isMethod('search')).toBe(true);
    expect(isMethod('constructor')).toBe(false);
  });

  it('sends each call to the transport as it is and returns its answer', async () => {
    const calls: [string, unknown][] = [];
    const client = createClient(async (m, input) => (calls.push([m, input]), m === 'entry' ? Promise.reject(new KioskApiError({ code: 'not_found', message: 'no entry', field: 'id' })) : { hits: [] }));
    expect(await client.search({ query: '아이돌봄' })).toEqual({ hits: [] });
    await expect(client.entry({ id: 'nope' })).rejects.toMatchObject({ name: 'KioskApiError', body: { code: 'not_found', field: 'id' } });
    expect(calls).toEqual([
      ['search', { query: '아이돌봄' }],
      ['entry', { id: 'nope' }],
    ]);
  });
});
