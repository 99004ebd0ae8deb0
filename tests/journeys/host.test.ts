/**
 * The built web host (dist/node/web-host.mjs) over real HTTP, as the kiosk's browser and
 * operators' scripts meet it: one channel (calls with result envelopes, events), errors a
 * person and an operator can act on, and a catalogue replaced while it runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCall, BUILT_HOST, startBuiltHost, type BuiltHost } from './harness.js';
import { ROOT } from '../env.node.js';

let host: BuiltHost;
beforeAll(async () => {
  host = await startBuiltHost();
}, 30_000);
afterAll(async () => host?.close());

const cookie = () => `kiosk_token=${host.token}`;

/** Reads the host's server-sent events until `until` says stop. */
async function readEvents(until: (events: { event: string; data: unknown }[]) => boolean, signal: AbortSignal): Promise<{ event: string; data: unknown }[]> {
  const res = await fetch(new URL('/api/events', host.url), { headers: { cookie: cookie() }, signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: { event: string; data: unknown }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buf += value;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = block.match(/^event: (.+)$/m)?.[1];
      const data = block.match(/^data: (.+)$/m)?.[1];
      if (ev && data) events.push({ event: ev, data: JSON.parse(data) });
    }
    if (until(events)) {
      await reader.cancel();
      return events;
    }
  }
}

describe('the built web host', () => {
  it('answers every call with a result envelope, and errors with a code, the field and a request id found in its log', async () => {
    const info = await apiCall(host, 'info', {});
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ ok: true, value: { entries: expect.any(Number) } });
    const bad = await apiCall(host, 'search', { query: '김민지 010-1234-5678', limit: 500 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad_request', field: 'limit' });
    const missing = await apiCall(host, 'entry', { id: 'no-such-entry' });
    expect(missing).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found', field: 'id' } } });
    const unknown = await apiCall(host, 'frobnicate', {});
    expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: { code: 'not_found', field: 'method' } } });
    // the log line for the refusal carries the same request id, the field and the message — and nothing the person typed
    await expect.poll(() => host.log()).toContain(bad.body.error!.requestId!);
    const line = JSON.parse(host.log().split('\n').find((l) => l.includes(bad.body.error!.requestId!))!);
    expect(line).toMatchObject({ method: 'search', code: 'bad_request', field: 'limit', message: bad.body.error!.message });
    expect(host.log()).not.toContain('김민지');
    expect(host.log()).not.toContain('010-1234-5678');
  });

  it('refuses what it must with the status that says why: 401 without the token, 400 for a malformed cookie or body, 413 for a large body, 403 for another site', async () => {
    const post = (headers: Record<string, string>, body: string = '{}') =>
      fetch(new URL('/api/info', host.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect((await post({})).status).toBe(401);
    expect(await post({ cookie: 'kiosk_token=%E0%A4%A' })).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_request', field: 'cookie' } } });
    expect(await post({ cookie: cookie() }, '{"not json')).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_request', field: 'body' } } });
    expect(await post({ cookie: cookie() }, 'a'.repeat(70_000))).toMatchObject({ status: 413, body: { ok: false, error: { code: 'too_large' } } });
    expect((await post({ cookie: cookie(), 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await fetch(new URL('/print/sheet/child-care-service.pdf', host.url), { headers: { cookie: cookie(), 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    // DNS rebinding: our port under a foreign host name
    const status = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example' } }, (r) => (r.resume(), resolve(r.statusCode!))).on('error', reject).end(),
    );
    expect(status).toBe(421);
  });

  it('makes a booklet as a long call with progress events, hands its PDF out once, and stops one whose caller leaves', async () => {
    const stop = new AbortController();
    const events = readEvents((ev) => ev.filter((e) => e.event === 'print.progress' && (e.data as { call: string }).call === 'booklet-call-1').length >= 18, stop.signal);
    await new Promise((r) => setTimeout(r, 200)); // the event stream is open before the call
    const r = await apiCall(host, 'booklet', { stage: 'youth', lang: 'ko' }, { 'x-call-id': 'booklet-call-1' });
    expect(r.status).toBe(200);
    const { job, pages, entries } = r.body.value as { job: string; pages: number; entries: number };
    expect(pages).toBeGreaterThan(entries);
    const progress = (await events).filter((e) => e.event === 'print.progress').map((e) => e.data as { call: string; done: number; total: number });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: entries }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === entries && p.call === 'booklet-call-1')).toBe(true);
    const pdf = await fetch(new URL(`/print/jobs/${job}.pdf`, host.url), { headers: { cookie: cookie() } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    // fetched once, it is gone
    const again = await fetch(new URL(`/print/jobs/${job}.pdf`, host.url), { headers: { cookie: cookie() } });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already taken or has expired/);
    // a caller that goes away cancels its booklet
    const leave = new AbortController();
    const call = fetch(new URL('/api/booklet', host.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie(), 'x-call-id': 'booklet-call-2' }, body: JSON.stringify({ stage: 'infant' }), signal: leave.signal });
    setTimeout(() => leave.abort(), 100);
    await expect(call).rejects.toThrow();
    await expect.poll(() => host.log(), { timeout: 20_000 }).toMatch(/"requestId":"booklet-call-2".*"code":"cancelled"/);
  }, 90_000);

  it('several prints at once each get their own sheet, and booklets are bounded (two at once; a third is told to wait)', async () => {
    const ids = ['gj-grandparent-caregiver', 'child-care-service', 'first-meeting-voucher'];
    const pdfs = await Promise.all(ids.map((id) => fetch(new URL(`/print/sheet/${id}.pdf`, host.url), { headers: { cookie: cookie() } }).then((r) => r.arrayBuffer())));
    const dir = mkdtempSync(join(tmpdir(), 'many-'));
    const titles = ids.map((id, i) => {
      const f = join(dir, `${id}.pdf`);
      writeFileSync(f, Buffer.from(pdfs[i]!));
      return spawnSync('pdftotext', [f, '-'], { encoding: 'utf8' }).stdout;
    });
    expect(titles[0]).toMatch(/손자녀 돌보미/);
    expect(titles[1]).toMatch(/아이돌봄/);
    expect(titles[2]).toMatch(/첫만남/);
    const three = await Promise.all(['infant', 'school', 'pregnancy'].map((stage, i) => apiCall(host, 'booklet', { stage }, { 'x-call-id': `bounded-${i}-call` })));
    const refused = three.filter((r) => !r.body.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ status: 503, body: { error: { code: 'unavailable', message: expect.stringMatching(/being made already; try again/) } } });
    expect(three.filter((r) => r.body.ok)).toHaveLength(2);
  }, 120_000);

  it('serves a policy sheet as PDF at its stable URL, and says plainly when there is no such entry', async () => {
    const ok = await fetch(new URL('/print/sheet/gj-grandparent-caregiver.pdf?lang=vi&large=1', host.url), { headers: { cookie: cookie() } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    const missing = await fetch(new URL('/print/sheet/no-such-entry.pdf', host.url), { headers: { cookie: cookie() } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    const lang = await fetch(new URL('/print/sheet/gj-grandparent-caregiver.pdf?lang=fr', host.url), { headers: { cookie: cookie() } });
    expect(await lang.json()).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'lang' } });
  }, 60_000);

  it('takes a catalogue replaced while it runs (an operator importing with the CLI): the next search finds it, and the UI is told', async () => {
    const stop = new AbortController();
    const events = readEvents((ev) => ev.some((e) => e.event === 'catalogue.changed'), stop.signal);
    const before = await apiCall(host, 'search', { query: '햇살 어린이집', limit: 3 });
    expect((before.body.value as { hits: { title: { text: string } }[] }).hits.some((h) => h.title.text === '햇살 어린이집')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'imp-'));
    const csv = join(dir, 'daycare.csv');
    writeFileSync(
      csv,
      '시도명,시군구명,어린이집명,어린이집유형구분,운영현황,우편번호,소재지도로명주소,어린이집전화번호,보육실수,정원수,현원수,위도,경도,통학차량운영여부,데이터기준일자\n' +
        '광주광역시,북구,햇살 어린이집,국공립,정상,61186,광주광역시 북구 용봉로 1,062-123-4567,5,40,35,35.1789,126.9123,N,2026-10-31\n',
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'node', 'cli.mjs'), 'import', 'facilities', csv, '--data', host.dataDir], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const changed = (await events).find((e) => e.event === 'catalogue.changed')!;
    expect(changed.data).toMatchObject({ version: expect.any(String) });
    const after = await apiCall(host, 'search', { query: '햇살 어린이집', limit: 3 });
    expect((after.body.value as { hits: { title: { text: string } }[] }).hits[0]?.title.text).toBe('햇살 어린이집');
    expect(BUILT_HOST).toMatch(/dist\/node\/web-host\.mjs$/);
  }, 30_000);
});

describe('starting the built web host', () => {
  it("answers the UI's first call, its settings, from DATA/kiosk.json (as the core would); input it does not take is refused by name", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'host-settings-'));
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ language: 'vi', idleSeconds: 300, profile: 'nonsense' }));
    const h = await startBuiltHost({ dataDir });
    try {
      expect(await apiCall(h, 'settings', { lang: 'ko' })).toMatchObject({ status: 400, body: { ok: false, error: { code: 'bad_request', field: 'lang' } } });
      // a bad setting takes its default (and is logged by its field); the others stand
      expect(await apiCall(h, 'settings', {})).toEqual({ status: 200, body: { ok: true, value: { profile: 'kiosk', language: 'vi', idleSeconds: 300, printing: 'dialog' } } });
      await expect.poll(() => h.log()).toMatch(/"field":"profile"/);
      // the same once the core has loaded
      expect((await apiCall(h, 'info', {})).status).toBe(200);
      expect((await apiCall(h, 'settings', {})).body).toEqual({ ok: true, value: { profile: 'kiosk', language: 'vi', idleSeconds: 300, printing: 'dialog' } });
    } finally {
      await h.close();
    }
  });

  it("puts the settings into the page it serves the kiosk's browser (its settings call's answer, as escaped JSON that is never run), to no one else; changed, they are in the page of the next start", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'host-page-settings-'));
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ language: 'zh', idleSeconds: 90, profile: 'counsellor' }));
    const BLOCK = /<script type="application\/json" id="kiosk-settings">([^<]*)<\/script>\n<\/head>/;
    const page = async (h: BuiltHost, path: string, headers: Record<string, string>) => {
      const r = await fetch(new URL(path, h.url), { headers });
      return { status: r.status, csp: r.headers.get('content-security-policy'), cache: r.headers.get('cache-control'), html: await r.text() };
    };
    const h = await startBuiltHost({ dataDir });
    try {
      const kiosk = { cookie: `kiosk_token=${h.token}`, 'sec-fetch-site': 'none' };
      const served = await page(h, '/', kiosk);
      expect(served).toMatchObject({ status: 200, csp: expect.stringContaining("script-src 'self'"), cache: 'no-store' });
      const text = served.html.match(BLOCK)?.[1];
      expect(JSON.parse(text!)).toEqual({ profile: 'counsellor', language: 'zh', idleSeconds: 90, printing: 'dialog' });
      expect(JSON.parse(text!)).toEqual((await apiCall(h, 'settings', {})).body.value);
      expect((await page(h, '/finder', kiosk)).html).toBe(served.html); // any path of the single-page app
      // without the token, or from another site's page: the page as built
      for (const headers of [{}, { cookie: 'kiosk_token=wrong' }, { ...kiosk, 'sec-fetch-site': 'same-site' }] as Record<string, string>[]) {
        const other = await page(h, '/', headers);
        expect(other.status).toBe(200);
        expect(other.html).toContain('<div id="root"></div>');
        expect(other.html).not.toContain('kiosk-settings');
      }
    } finally {
      await h.close();
    }
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ language: 'en', idleSeconds: 300 }));
    const next = await startBuiltHost({ dataDir });
    try {
      const served = await page(next, '/', { cookie: `kiosk_token=${next.token}` });
      expect(JSON.parse(served.html.match(BLOCK)![1]!)).toEqual({ profile: 'kiosk', language: 'en', idleSeconds: 300, printing: 'dialog' });
    } finally {
      await next.close();
    }
  });

  it('a catalogue it cannot open: exits with code 2 and one line that says why', () => {
    const r = spawnSync(process.execPath, [BUILT_HOST, '--data', '/dev/null/kiosk-data'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('error:'))).toEqual([expect.stringMatching(/^error: the kiosk cannot start: .*\/dev\/null\/kiosk-data/)]);
  });

  it('a port in use: exits with code 2 and one line that says what to do', () => {
    const r = spawnSync(process.execPath, [BUILT_HOST, '--port', String(host.port)], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`error: port ${host.port} is already in use on 127.0.0.1; stop what uses it or choose another with --port`);
  });
});
