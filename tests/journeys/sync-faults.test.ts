/**
 * Catalogue sync under faults, with real processes and real HTTP on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, get, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_HTML, startFaultProxy, type FaultProxy } from '../fault-proxy.node.js';

// ---- the proxy's own checks, against a small upstream that serves a file with Range ---------

describe('the fault proxy', () => {
  const FILE = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
  let upstream: Server;
  let proxy: FaultProxy;
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (m) {
        const from = Number(m[1]);
        res.writeHead(206, { 'content-length': FILE.length - from, 'content-range': `bytes ${from}-${FILE.length - 1}/${FILE.length}` });
        return void res.end(FILE.subarray(from));
      }
      res.writeHead(200, { 'content-length': FILE.length, 'content-type': 'application/octet-stream' });
      res.end(FILE);
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((r) => upstream?.close(r));
  });

  /** a GET with node:http: what came, the announced length, and how it ended */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status?: number; length?: number; body: Buffer; ended: 'complete' | 'aborted' | 'error'; error?: string }>((resolve) => {
      const chunks: Buffer[] = [];
      const r = get(`${proxy.url}${path}`, { headers, agent: false }, (res) => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve({ status: res.statusCode, length: Number(res.headers['content-length']), body: Buffer.concat(chunks), ended: 'error', error: (e as NodeJS.ErrnoException).code ?? e.message }));
        res.on('close', () => resolve({ status: res.statusCode, length: Number(res.headers['content-length']), body: Buffer.concat(chunks), ended: res.complete ? 'complete' : 'aborted' }));
      });
      r.on('error', (e) => resolve({ body: Buffer.concat(chunks), ended: 'error', error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });

  it('forwards a request and a Range request as they are, logging and counting them', async () => {
    proxy.resetLog();
    const whole = await raw('/file');
    expect(whole).toMatchObject({ status: 200, ended: 'complete' });
    expect(whole.body.equals(FILE)).toBe(true);
    const rest = await raw('/file', { range: 'bytes=150000-' });
    expect(rest).toMatchObject({ status: 206, ended: 'complete' });
    expect(rest.body.equals(FILE.subarray(150_000))).toBe(true);
    expect(proxy.log).toEqual([
      { method: 'GET', path: '/file', status: 200, bytes: 200_000 },
      { method: 'GET', path: '/file', range: 'bytes=150000-', status: 206, bytes: 50_000 },
    ]);
    expect(proxy.counters).toEqual({ requests: 2, bytes: 250_000 });
  });

  it('drops a connection before answering, as many times as the rule says', async () => {
    proxy.resetLog();
    proxy.add({ path: '/file', fault: { kind: 'drop' }, times: 1 });
    expect(await raw('/file')).toMatchObject({ ended: 'error', error: 'ECONNRESET' });
    expect((await raw('/file')).ended).toBe('complete'); // the rule is used up
    expect(proxy.log.map((e) => [e.fault, e.status])).toEqual([['drop', undefined], [undefined, 200]]);
  });

  /** a GET over a bare TCP socket: the head, the bytes after it, and whether the connection ended with a FIN */
  const tcp = (path: string) =>
    new Promise<{ head: string; body: Buffer; ended: 'fin' | 'error' }>((resolve) => {
      const chunks: Buffer[] = [];
      const s = connect(proxy.port, '127.0.0.1', () => s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
      const done = (ended: 'fin' | 'error') => {
        const all = Buffer.concat(chunks);
        const at = all.indexOf('\r\n\r\n');
        resolve({ head: all.subarray(0, at).toString('latin1'), body: all.subarray(at + 4), ended });
      };
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => done('fin'));
      s.on('error', () => done('error'));
    });

  it('resets the connection after N bytes of the body', async () => {
    proxy.add({ path: /^\/file$/, fault: { kind: 'reset', afterBytes: 70_000 }, times: 1 });
    const r = await raw('/file');
    expect(r.status).toBe(200);
    expect(r.ended).not.toBe('complete'); // an HTTP client sees the body cut off
    expect(r.body.length).toBeLessThanOrEqual(70_000);
    expect(proxy.log.at(-1)).toMatchObject({ fault: 'reset', bytes: 70_000 });
  });

  // Node (libuv) reads a reset that follows data as an end of stream, so a C client (Python's
  // socket module) tells whether a reset (RST), not a clean close, ends the connection.
  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('the reset is a TCP reset (RST), as a C client sees it', () => {
    proxy.add({ path: /^\/file$/, fault: { kind: 'reset', afterBytes: 70_000 }, times: 1 });
    const py = [
      'import socket, sys, time',
      `s = socket.create_connection(("127.0.0.1", ${proxy.port}))`,
      's.sendall(b"GET /file HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")',
      'time.sleep(0.3)',
      'n = 0',
      'try:',
      '    while True:',
      '        d = s.recv(1 << 20)',
      '        if not d: print("fin", n); break',
      '        n += len(d)',
      'except ConnectionResetError: print("reset", n)',
    ].join('\n');
    // run outside this process's event loop: the proxy must keep serving while Python waits
    return new Promise<void>((resolve, reject) => {
      const p = spawn('python3', ['-c', py]);
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', () => {
        try {
          expect(out).toMatch(/^reset \d+/);
          expect(Number(out.split(' ')[1])).toBeLessThanOrEqual(70_000 + 300); // the body's bytes and the head
          resolve();
        } catch (e) {
          reject(e as Error);
        }
      });
    });
  });

  it('truncates a body: the whole length announced, N bytes sent, a clean close (FIN)', async () => {
    proxy.add({ path: '/file', fault: { kind: 'truncate', afterBytes: 12_345 }, times: 1 });
    const r = await tcp('/file');
    expect(r.head).toMatch(/^HTTP\/1\.1 200 /);
    expect(r.head).toMatch(/\r\ncontent-length: 200000\r\n/i);
    expect(r.ended).toBe('fin');
    expect(r.body.equals(FILE.subarray(0, 12_345))).toBe(true);
  });

  it('answers 500, 502 and 503 without asking the upstream', async () => {
    for (const status of [500, 502, 503] as const) {
      proxy.add({ path: '/file', fault: { kind: 'status', status }, times: 1 });
      expect((await fetch(`${proxy.url}/file`)).status).toBe(status);
    }
  });

  it('delays the headers, and throttles the body to the rate asked', async () => {
    proxy.add({ path: '/file', fault: { kind: 'delay', ms: 400 }, times: 1 });
    let t = performance.now();
    expect((await raw('/file')).body.length).toBe(200_000);
    expect(performance.now() - t).toBeGreaterThanOrEqual(390);
    proxy.add({ path: '/file', fault: { kind: 'throttle', bytesPerSecond: 400_000 }, times: 1 });
    t = performance.now();
    const r = await raw('/file');
    const ms = performance.now() - t;
    expect(r.body.equals(FILE)).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(450); // 200 kB at 400 kB/s: half a second
    expect(ms).toBeLessThan(3000);
  });

  it('plays a captive portal: 200 text/html for every path', async () => {
    proxy.add({ path: /.*/, fault: { kind: 'portal' }, times: 2 });
    for (const path of ['/catalogue/latest.json', '/file']) {
      const r = await fetch(`${proxy.url}${path}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await r.text()).toBe(PORTAL_HTML);
    }
    expect((await raw('/file')).body.length).toBe(200_000);
  });
});
