import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from './web.node.js';

async function call(url: string, token: string, method: string, body: unknown) {
  const r = await fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'content-type': 'application/json', cookie: `kiosk_token=${token}` }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

describe('the web host', () => {
  it('serves the UI at once and answers API calls once the catalogue is open', async () => {
    const host = await startWebHost({ dataDir: mkdtempSync(join(tmpdir(), 'host-')) });
    try {
      // no wait for `ready`: the first call is held until the core has loaded, not refused
      const [page, info] = await Promise.all([fetch(new URL('/', host.url)).then((r) => r.text()), call(host.url, host.token, 'info', {})]);
      expect(page).toContain('<div id="root">');
      expect(info.status).toBe(200);
      expect(info.body.entries).toBeGreaterThan(80);
      await expect(host.ready).resolves.toBeUndefined();
    } finally {
      await host.close();
    }
  });

  it('says why when the catalogue cannot be opened, answers calls with an error, and closes cleanly', async () => {
    const host = await startWebHost({ dataDir: '/dev/null/kiosk-data' });
    await expect(host.ready).rejects.toThrow(/ENOTDIR.*\/dev\/null\/kiosk-data/);
    const r = await call(host.url, host.token, 'info', {});
    expect(r).toEqual({ status: 500, body: { code: 'internal', message: 'internal error' } });
    await host.close();
  });
});
