/**
 * Catalogue sync under faults, with real processes and real HTTP on 127.0.0.1: the built hub
 * (dist/node/hub.mjs, run from a copy of dist/) serves two signed versions of the catalogue — the real source
 * (db/catalogue) and a second one edited the way an operator would (one entry's summary longer,
 * one facility gone) — and the built CLI (dist/node/cli.mjs) syncs kiosk data folders through
 * a fault-injecting proxy (tests/fault-proxy.node.ts). Nothing here imports the app's source.
 *
 * - Each fault kind: drops, resets mid-body, truncated bodies, 5xx and delays under the stall
 *   limit end at the new version after retries (an interrupted download resumed with a Range
 *   request); a hub that keeps failing and a captive portal end with a clear message, a non-zero
 *   exit and the old catalogue, byte for byte.
 * - SIGKILL: the kiosk's `cli sync` killed at a random moment (seeded), over the download
 *   (throttled) and the apply, for a snapshot (fresh kiosk) and a delta (kiosk at version 1).
 *   After each kill the kiosk starts as it would next (`cli catalogue stats`, which rolls back a
 *   hot journal); SQLite's integrity check is ok and the catalogue is wholly the old or the new
 *   version (every table's rows equal one of the two); a sync without faults then reaches 2.
 * - Tampering: a changed manifest, a flipped byte in the snapshot or the delta, another hub's
 *   key, a rollback, no key at all, and a USB bundle with a flipped byte are each refused with
 *   a clear message, exit code 1, and nothing applied.
 *
 * Environment: SYNC_FAULTS_SEED (default 1279) and SYNC_FAULTS_TRIALS (per kind, default 27: of
 * each kind's trials at least 25 must end killed, so at least 50 kills land in all — a trial
 * whose sync finished before its signal does not count as a kill).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir, ROOT } from '../env.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type CliRunOptions, type Ran } from './built-app.js';
import { rng } from '../../build/bench/generate.js';
import { PORTAL_HTML, startFaultProxy, type Fault, type FaultProxy, type ProxyLogEntry } from '../fault-proxy.node.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';

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
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    expect(proxy.log).toEqual([
      { method: 'GET', path: '/file', status: 200, bytes: 200_000, upstream: upstreamUrl },
      { method: 'GET', path: '/file', range: 'bytes=150000-', status: 206, bytes: 50_000, upstream: upstreamUrl },
    ]);
    expect(proxy.counters).toEqual({ requests: 2, bytes: 250_000 });
  });

  it('takes turns between several upstreams, request by request, and can be pointed elsewhere', async () => {
    const second = createServer((_req, res) => res.end('second'));
    await new Promise<void>((r) => second.listen(0, '127.0.0.1', r));
    const firstUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const secondUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
    try {
      proxy.setUpstreams([firstUrl, secondUrl]);
      proxy.resetLog();
      const bodies = [];
      for (let i = 0; i < 4; i++) bodies.push((await raw('/file')).body.length);
      expect(bodies).toEqual([200_000, 6, 200_000, 6]);
      expect(proxy.log.map((l) => l.upstream)).toEqual([firstUrl, secondUrl, firstUrl, secondUrl]);
      proxy.setUpstreams(secondUrl);
      expect((await raw('/file')).body.toString()).toBe('second');
    } finally {
      proxy.setUpstreams(firstUrl);
      await new Promise((r) => second.close(r));
    }
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

// ---- the built hub and CLI ------------------------------------------------------------------

let app: BuiltApp;
/** the entry whose summary version 2 changes, and the facility version 2 no longer has */
const EDITED = 'parent-benefit';
const REMOVED = 'fac-donggu-dahamkke-1';
const ADDED = ' 아기가 태어난 날부터 60일 안에 신청하면 태어난 달 것부터 받아요.';

const cli = (args: string[], o: CliRunOptions = {}): Promise<Ran> => runBuiltCli(app, args, o);
const result = (r: Ran): Record<string, unknown> => jsonResult(r);

/** What a kiosk's catalogue holds, read with better-sqlite3 (after the kiosk itself opened it). */
interface Look {
  integrity: string;
  hubVersion: number;
  version: string;
  entries: number;
  summary: string;
  hasRemoved: boolean;
  /** the file's SHA-256 */
  file: string;
}

function look(dir: string): Look {
  const file = join(dir, 'catalogue.sqlite');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const meta = (k: string) => db.prepare('SELECT value FROM catalogue_meta WHERE key = ?').pluck().get(k) as string | undefined;
    const data = db.prepare('SELECT data FROM entry WHERE id = ?').pluck().get(EDITED) as string;
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      hubVersion: Number(meta('hub_version') ?? '0'),
      version: meta('version') ?? '',
      entries: db.prepare('SELECT COUNT(*) FROM entry').pluck().get() as number,
      summary: (JSON.parse(data) as { summary: { ko: string } }).summary.ko,
      hasRemoved: db.prepare('SELECT COUNT(*) FROM entry WHERE id = ?').pluck().get(REMOVED) === 1,
      file: fileHash(file),
    };
  } finally {
    db.close();
  }
}

/** Every table's rows, as a multiset: two catalogues with the same digest hold the same data. */
function rowsDigest(dir: string): string {
  const db = new Database(join(dir, 'catalogue.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const h = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) =>
        createHash('sha256')
          .update(JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : v))))
          .digest('hex'),
      );
      h.update(`${t}\n${rows.sort().join('\n')}\n`);
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** a reference catalogue: what it holds, its bytes and its rows */
type Ref = Look & { digest: string };
const refOf = (dir: string): Ref => ({ ...look(dir), digest: rowsDigest(dir) });
/** whether a kiosk's catalogue is wholly `r`: the same bytes, else the same rows in every table */
const holds = (dir: string, r: Ref, now = look(dir)) => now.file === r.file || rowsDigest(dir) === r.digest;

const fileHash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');


/** The catalogue source with one entry's summary longer and one facility removed: version 2. */
function editedSource(): string {
  const dir = join(freshDir('source-'), 'catalogue');
  mkdirSync(join(dir, 'entries'), { recursive: true });
  const from = join(ROOT, 'db', 'catalogue');
  cpSync(join(from, 'entries'), join(dir, 'entries'), { recursive: true });
  copyFileSync(join(from, 'synonyms.yaml'), join(dir, 'synonyms.yaml'));
  const edit = (file: string, f: (entries: YAMLSeq<YAMLMap>) => void) => {
    const path = join(dir, 'entries', file);
    const doc = parseDocument(readFileSync(path, 'utf8'));
    f(doc.get('entries') as YAMLSeq<YAMLMap>);
    writeFileSync(path, doc.toString({ lineWidth: 0 }));
  };
  edit('infant.yaml', (entries) => {
    const e = entries.items.find((i) => i.get('id') === EDITED)!;
    e.setIn(['summary', 'ko'], `${e.getIn(['summary', 'ko']) as string}${ADDED}`);
  });
  edit('facilities.yaml', (entries) => {
    const at = entries.items.findIndex((i) => i.get('id') === REMOVED);
    expect(at).toBeGreaterThanOrEqual(0);
    entries.items.splice(at, 1);
  });
  return dir;
}

describe('catalogue sync under faults (the built hub and CLI)', () => {
  let hub: BuiltHub;
  let hubDir: string;
  let files: string;
  let key: string;
  let proxy: FaultProxy;
  /** prepared kiosk data folders: fresh (the app's own catalogue), at version 1, at version 2 */
  const kiosk = { fresh: '', v1: '', v2: '' };
  /** what each holds; v2 reached by the snapshot and by the delta */
  const ref = {} as Record<'fresh' | 'v1' | 'v2delta' | 'v2snapshot', Ref>;
  const size = { snapshot: 0, delta: 0 };
  /** how long the apply takes (from the "applying" line to the end), per kind, in the preparing syncs */
  const applyMs = { snapshot: 0, delta: 0 };

  /** a fresh copy of a prepared kiosk data folder */
  const copyOf = (dir: string) => {
    const to = freshDir('kiosk-');
    cpSync(dir, to, { recursive: true });
    return to;
  };

  /** `cli sync` through the proxy, with the hub's key unless told otherwise */
  const sync = (dir: string, o: { key?: string | null; hub?: string; onSpawn?: (c: ChildProcess) => void; onLine?: (line: string, c: ChildProcess) => void } = {}) =>
    cli(['sync', '--hub', o.hub ?? proxy.url, ...(o.key === null ? [] : ['--key', o.key ?? key]), '--json', '--data', dir], o);

  /** a sync that succeeds; returns the result and how long the apply took */
  async function syncOk(dir: string, applied: string): Promise<{ r: Ran; applyMs: number }> {
    let applying = 0;
    let done = 0;
    const r = await sync(dir, {
      onLine: (line) => {
        if (line.includes('"phase":"applying"')) applying = performance.now();
        if (line.includes('"phase":"done"')) done = performance.now();
      },
    });
    expect(r.code, r.err).toBe(0);
    expectJsonOutput(r, { version: 2, applied });
    return { r, applyMs: done - applying };
  }

  /**
   * `sync --json`'s standard output, as operators' scripts read it: one {"phase","percent"} line per
   * step — checking first, the download's percentages rising, done at 100 — and the last line
   * exactly {"version","applied","ms"}, nothing more.
   */
  function expectJsonOutput(r: Ran, last: { version: number; applied: string }): void {
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toEqual({ ...last, ms: expect.any(Number) });
    const steps = lines.slice(0, -1);
    for (const st of steps) expect(Object.keys(st).sort()).toEqual(['percent', 'phase']);
    expect(steps[0]).toEqual({ phase: 'checking', percent: 0 });
    expect(steps.at(-1)).toEqual({ phase: 'done', percent: 100 });
    expect(steps.map((st) => st.phase)).toContain('applying');
    const down = steps.filter((st) => st.phase === 'downloading').map((st) => st.percent as number);
    expect(down.length).toBeGreaterThan(0);
    expect(down).toEqual([...down].sort((a, b) => a - b));
    expect(down.every((n) => Number.isInteger(n) && n >= 0 && n <= 100)).toBe(true);
  }

  beforeAll(async () => {
    app = copyBuiltApp();
    hubDir = (await freshHubLayout('hub-')).dataDir;
    files = join(hubDir, 'files');
    hub = await startBuiltHub(app.hub, hubDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
    const k = await cli(['hub', 'key', '--data', hubDir]);
    expect(k.code, k.err).toBe(0);
    key = k.out.trim();
    expect(key).toMatch(/^ed25519:/);
    proxy = await startFaultProxy(hub.url);

    const p1 = await cli(['hub', 'publish', '--source', join(ROOT, 'db', 'catalogue'), '--data', hubDir, '--json']);
    expect(p1.code, p1.err).toBe(0);
    expect(result(p1)).toMatchObject({ version: 1 });
    kiosk.fresh = freshDir('kiosk-fresh-');
    const st = await cli(['catalogue', 'stats', '--json', '--data', kiosk.fresh]); // the first start: the app's own catalogue
    expect(st.code, st.err).toBe(0);
    kiosk.v1 = copyOf(kiosk.fresh);
    const s1 = await sync(kiosk.v1);
    expect(s1.code, s1.err).toBe(0);
    expectJsonOutput(s1, { version: 1, applied: 'snapshot' });

    const p2 = await cli(['hub', 'publish', '--source', editedSource(), '--data', hubDir, '--json']);
    expect(p2.code, p2.err).toBe(0);
    expect(result(p2)).toMatchObject({ version: 2, changes: { put: 1, deleted: 1 } });
    size.snapshot = statSync(join(files, 'snapshot-2.sqlite.br')).size;
    size.delta = statSync(join(files, 'delta-1-2.bin.br')).size;

    kiosk.v2 = copyOf(kiosk.v1);
    applyMs.delta = (await syncOk(kiosk.v2, 'delta')).applyMs;
    const v2snapshot = copyOf(kiosk.fresh);
    applyMs.snapshot = (await syncOk(v2snapshot, 'snapshot')).applyMs;

    ref.fresh = refOf(kiosk.fresh);
    ref.v1 = refOf(kiosk.v1);
    ref.v2delta = refOf(kiosk.v2);
    ref.v2snapshot = refOf(v2snapshot);
    rmSync(v2snapshot, { recursive: true, force: true });
  }, 400_000);

  afterAll(async () => {
    await proxy?.close();
    await hub?.close();
  });

  it('publishes two versions that differ as edited: version 2 has the longer summary and one facility fewer', () => {
    expect(ref.fresh).toMatchObject({ integrity: 'ok', hubVersion: 0, hasRemoved: true });
    expect(ref.v1).toMatchObject({ integrity: 'ok', hubVersion: 1, hasRemoved: true, entries: ref.fresh.entries, summary: ref.fresh.summary });
    for (const v2 of [ref.v2delta, ref.v2snapshot]) {
      expect(v2).toMatchObject({ integrity: 'ok', hubVersion: 2, hasRemoved: false, entries: ref.v1.entries - 1, summary: ref.v1.summary + ADDED });
      expect(v2.version).not.toBe(ref.v1.version);
    }
    console.log(`sizes: snapshot-2 ${size.snapshot} B, delta-1-2 ${size.delta} B; apply took ${Math.round(applyMs.snapshot)} ms (snapshot), ${Math.round(applyMs.delta)} ms (delta)`);
  });

  it('without --json, as an operator reads it: the steps and a rising percentage on standard error, one sentence on standard output', async () => {
    const dir = copyOf(kiosk.v1);
    const r = await cli(['sync', '--hub', proxy.url, '--data', dir]);
    expect(r.code, r.err).toBe(0);
    const steps = r.err.trim().split('\n').filter((l) => !l.startsWith('{')); // (the log's JSON lines aside)
    expect(steps[0]).toBe('checking');
    expect(steps.at(-1)).toBe('done');
    const down = steps.filter((l) => l.startsWith('downloading')).map((l) => /^downloading (\d{1,3}) %$/.exec(l)?.[1]);
    expect(down.length).toBeGreaterThan(0);
    expect(down.every((n) => n !== undefined)).toBe(true);
    expect(down.map(Number)).toEqual(down.map(Number).sort((a, b) => a - b));
    expect(steps).toContain('applying');
    expect(r.out.trim()).toMatch(/^catalogue version 2 applied \(1 delta, \d+ bytes, \d+ ms\)$/);
    const again = await cli(['sync', '--data', dir]); // the hub and key as pinned
    expect(again.code, again.err).toBe(0);
    expect(again.out.trim()).toBe('the catalogue is already at version 2');
  });

  it('a failure nobody foresaw (the kiosk\'s DATA/sync is a file, so nothing can be downloaded): with --json the last line still says so, {"error":"internal"}; exit 1; nothing applied', async () => {
    const dir = copyOf(kiosk.v1);
    rmSync(join(dir, 'sync'), { recursive: true, force: true });
    writeFileSync(join(dir, 'sync'), 'not a folder');
    const before = fileHash(join(dir, 'catalogue.sqlite'));
    const r = await sync(dir);
    expect(r.code).toBe(1);
    expect(result(r)).toEqual({ error: 'internal', message: expect.stringMatching(/sync/) });
    expect(r.err).toMatch(/^error: /m);
    expect(fileHash(join(dir, 'catalogue.sqlite'))).toBe(before);
  });

  it('two updates at once on one device (the kiosk\'s and an operator\'s cli sync): the second is refused as busy, exit 1, and the first applies version 2', async () => {
    const dir = copyOf(kiosk.fresh);
    proxy.clear();
    proxy.add({ path: /snapshot-2/, fault: { kind: 'throttle', bytesPerSecond: 200_000 }, times: 1 }); // a few seconds of download
    let second: Promise<Ran> | undefined;
    const first = sync(dir, { onLine: (line) => void (line.includes('"phase":"downloading"') && (second ??= sync(dir))) });
    const [a, b] = [await first, await second!];
    proxy.clear();
    expect(b.code, b.err).toBe(1);
    expect(result(b)).toEqual({ error: 'busy', message: expect.stringMatching(/a catalogue update is already running on this device \(.*process \d+/) });
    expect(a.code, a.err).toBe(0);
    expect(result(a)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(look(dir)).toMatchObject({ integrity: 'ok', hubVersion: 2 });
    expect(existsSync(join(dir, 'sync.lock'))).toBe(false); // released
  }, 120_000);

  // ---- each fault kind ----------------------------------------------------------------------

  /** the proxy's log for one file */
  const requestsFor = (name: string) => proxy.log.filter((e) => e.path === `/catalogue/${name}`);
  /** a request that resumed a download: a Range from a byte past the start, answered 206 */
  const resumed = (entries: ProxyLogEntry[]) => entries.filter((e) => /^bytes=[1-9]\d*-$/.test(e.range ?? '') && e.status === 206);

  /** runs a sync of a fresh copy of `from` through the proxy with these rules; whether the catalogue file kept its bytes */
  async function withFaults(from: 'fresh' | 'v1', rules: { path: string; fault: Fault; times?: number }[]) {
    proxy.clear();
    proxy.resetLog();
    for (const r of rules) proxy.add(r);
    const dir = copyOf(kiosk[from]);
    const before = fileHash(join(dir, 'catalogue.sqlite'));
    const r = await sync(dir);
    proxy.clear();
    return { dir, r, unchanged: fileHash(join(dir, 'catalogue.sqlite')) === before };
  }

  const SNAP = 'snapshot-2.sqlite.br';
  const DELTA = 'delta-1-2.bin.br';

  it('drops: the manifest and the snapshot each dropped twice — tried again, version 2 applied', async () => {
    const { dir, r } = await withFaults('fresh', [
      { path: '/latest.json', fault: { kind: 'drop' }, times: 2 },
      { path: SNAP, fault: { kind: 'drop' }, times: 2 },
    ]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
    expect(requestsFor('latest.json').map((e) => e.fault ?? e.status)).toEqual(['drop', 'drop', 200]);
    expect(requestsFor(SNAP).map((e) => e.fault ?? e.status)).toEqual(['drop', 'drop', 200]);
  }, 60_000);

  /** the resumed requests' Range starts: each past the last, and the last request fetching exactly the rest */
  const checkResumes = (got: ProxyLogEntry[], total: number) => {
    const starts = resumed(got).map((e) => Number(/^bytes=(\d+)-$/.exec(e.range!)![1]));
    starts.forEach((at, i) => expect(at).toBeGreaterThan(i ? starts[i - 1]! : 0));
    const last = got.at(-1)!;
    expect(last.bytes).toBe(total - (starts.at(-1) ?? 0));
    return starts;
  };

  it('resets mid-body: a slow link reset twice during the snapshot — resumed with a Range request from what the kiosk had', async () => {
    const { dir, r } = await withFaults('fresh', [{ path: SNAP, fault: { kind: 'reset', afterBytes: Math.floor(size.snapshot * 0.3), bytesPerSecond: 2 << 20 }, times: 2 }]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
    const got = requestsFor(SNAP);
    expect(got.map((e) => e.fault ?? e.status)).toEqual(['reset', 'reset', 206]);
    // resumed from what reached the kiosk's disk (a reset loses what was in flight: the second
    // try starts over when nothing had been written yet)
    expect(checkResumes(got, size.snapshot).length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a slow link that closes half-way through the delta (the full length announced): resumed with a Range request, the delta applied', async () => {
    // slowly, so that what came reaches the kiosk's disk before the end (a small body cut at once is lost whole with the failed request)
    const { dir, r } = await withFaults('v1', [{ path: DELTA, fault: { kind: 'truncate', afterBytes: Math.floor(size.delta / 2), bytesPerSecond: 8 * 1024 }, times: 1 }]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'delta' });
    expect(holds(dir, ref.v2delta)).toBe(true);
    const got = requestsFor(DELTA);
    expect(got.map((e) => e.fault ?? e.status)).toEqual(['truncate', 206]);
    expect(checkResumes(got, size.delta)).toHaveLength(1);
  }, 60_000);

  it('truncated bodies (the full length announced, a clean close): the manifest tried again, the snapshot resumed', async () => {
    const { dir, r } = await withFaults('fresh', [
      { path: '/latest.json', fault: { kind: 'truncate', afterBytes: 100 }, times: 1 },
      { path: SNAP, fault: { kind: 'truncate', afterBytes: Math.floor(size.snapshot * 0.6) }, times: 1 },
    ]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
    expect(requestsFor('latest.json').map((e) => e.fault ?? e.status)).toEqual(['truncate', 200]);
    const got = requestsFor(SNAP);
    expect(got.map((e) => e.fault ?? e.status)).toEqual(['truncate', 206]);
    const [at] = checkResumes(got, size.snapshot);
    expect(at).toBeLessThanOrEqual(Math.floor(size.snapshot * 0.6)); // what reached the disk before the body ended
  }, 60_000);

  it('5xx: 503 for the manifest, 500 then 502 for the snapshot — tried again, version 2 applied', async () => {
    const { dir, r } = await withFaults('fresh', [
      { path: '/latest.json', fault: { kind: 'status', status: 503 }, times: 1 },
      { path: SNAP, fault: { kind: 'status', status: 500 }, times: 1 },
      { path: SNAP, fault: { kind: 'status', status: 502 }, times: 1 },
    ]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
    expect(requestsFor(SNAP).map((e) => e.status)).toEqual([500, 502, 200]);
  }, 60_000);

  it('delays under the stall limit (15 s): 1.5 s before the manifest and the snapshot answer — waited for, not tried again', async () => {
    const { dir, r } = await withFaults('fresh', [
      { path: '/latest.json', fault: { kind: 'delay', ms: 1500 }, times: 1 },
      { path: SNAP, fault: { kind: 'delay', ms: 1500 }, times: 1 },
    ]);
    expect(r.code, r.err).toBe(0);
    expect(result(r)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
    expect(requestsFor('latest.json')).toHaveLength(1);
    expect(requestsFor(SNAP)).toHaveLength(1);
    expect(r.ms).toBeGreaterThan(3000);
  }, 60_000);

  it('a hub that keeps answering 503: given up after the retries with a clear message, exit 1, the old catalogue as it was', async () => {
    const { dir, r, unchanged } = await withFaults('v1', [{ path: '/latest.json', fault: { kind: 'status', status: 503 } }]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error: reading latest\.json from the hub: the hub answered 503 \(tried 6 times\); the catalogue in use is unchanged/);
    expect(unchanged).toBe(true);
    expect(holds(dir, ref.v1)).toBe(true);
    expect(requestsFor('latest.json')).toHaveLength(6);
  }, 60_000);

  it('a captive portal (200 text/html for everything): refused as a web page, exit 1, nothing applied, no key pinned', async () => {
    const { dir, r, unchanged } = await withFaults('fresh', [{ path: '/', fault: { kind: 'portal' } }]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/answered with something that is not a signed catalogue manifest \(a web page — a Wi-Fi login page\?\); nothing was applied/);
    expect(unchanged).toBe(true);
    expect(holds(dir, ref.fresh)).toBe(true);
    expect(existsSync(join(dir, 'sync.json'))).toBe(false);
    expect(proxy.log.every((e) => e.fault === 'portal')).toBe(true);
  }, 60_000);

  it('a captive portal that takes over after the manifest (its page instead of the snapshot): never applied, exit 1, the old catalogue as it was', async () => {
    const { dir, r, unchanged } = await withFaults('v1', [{ path: '/catalogue/snapshot-', fault: { kind: 'portal' } }, { path: '/catalogue/delta-', fault: { kind: 'portal' } }]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: the address http:\S+ answered delta-1-2\.bin\.br with a web page \(a Wi-Fi login page\?\), not the file; nothing was applied/m);
    expect(unchanged).toBe(true);
    expect(holds(dir, ref.v1)).toBe(true);
    expect(requestsFor(DELTA).every((e) => e.fault === 'portal')).toBe(true);
    console.log(`a portal instead of the delta: ${r.err.trim().split('\n').at(-1)}`);
  }, 60_000);

  // ---- SIGKILL at random moments --------------------------------------------------------------

  const SEED = Number(process.env.SYNC_FAULTS_SEED ?? 1279);
  const TRIALS = Number(process.env.SYNC_FAULTS_TRIALS ?? 27);
  /** of each kind's trials, how many at least must have been killed (not finished first): 2 × 25 = the issue's 50 */
  const KILLS = Math.min(25, TRIALS);
  /** how long a throttled download lasts */
  const DOWNLOAD_MS = 600;
  /** trials run two at a time, each lane with its own proxy (its rules and log its own) */
  const LANES = 2;
  const tally: Record<string, Record<string, number>> = {};
  const stepMs: Record<string, number> = {};
  const step = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    try {
      return await f();
    } finally {
      stepMs[name] = Math.round((stepMs[name] ?? 0) + performance.now() - t);
    }
  };
  /** journals still beside the catalogue after the next start (SQLite ignores one that is not hot: empty, or its header not yet written) */
  const leftovers: { kind: string; killedIn: string | null; delayMs: number; size: number; header: string; said: string }[] = [];
  /** how long applies took in the syncs after the kills (an apply trial's kill falls within 1.5 times the fastest) */
  const appliesSeen: Record<'snapshot' | 'delta', number[]> = { snapshot: [], delta: [] };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  /** a rollback journal's header as SQLite writes it once the journal is synced: the magic number */
  const JOURNAL_MAGIC = 'd9d505f920a163d7';

  /**
   * One trial: a fresh copy of the prepared kiosk syncs through the lane's proxy and is killed
   * (SIGKILL) after a random delay — in a download trial counted from the first "downloading"
   * line, the download throttled to last DOWNLOAD_MS; in an apply trial from the "applying" line,
   * nothing throttled. Then the kiosk is opened as it would next start, checked, and synced
   * again without faults.
   */
  async function killTrial(px: FaultProxy, kind: 'snapshot' | 'delta', aim: 'download' | 'apply', u: number) {
    // an apply trial's kill falls within 1.5 times the fastest apply seen, not the median: on a
    // busy machine the median was long enough that most kills came after the apply (3 of 12 in it once)
    const delayMs = Math.round(aim === 'download' ? u * DOWNLOAD_MS * 1.1 : u * Math.min(...appliesSeen[kind]) * 1.5);
    const old = kind === 'snapshot' ? ref.fresh : ref.v1;
    const next = kind === 'snapshot' ? ref.v2snapshot : ref.v2delta;
    const name = kind === 'snapshot' ? SNAP : DELTA;
    const dir = copyOf(kind === 'snapshot' ? kiosk.fresh : kiosk.v1);
    px.clear();
    px.resetLog();
    if (aim === 'download') px.add({ path: name, fault: { kind: 'throttle', bytesPerSecond: Math.ceil((size[kind] * 1000) / DOWNLOAD_MS) } });
    let phase = 'starting';
    let killedIn: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (c: ChildProcess) =>
      (timer = setTimeout(() => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        killedIn = phase;
        c.kill('SIGKILL');
      }, delayMs));
    const r = await step('killed sync', () =>
      sync(dir, {
        hub: px.url,
        onLine: (line, c) => {
          const p = /"phase":"(\w+)"/.exec(line)?.[1];
          if (!p) return;
          phase = p;
          if (!timer && p === (aim === 'download' ? 'downloading' : 'applying')) arm(c);
        },
      }),
    );
    clearTimeout(timer);
    px.clear();
    if (r.signal !== 'SIGKILL') {
      expect(r.code, r.err).toBe(0); // not killed: it finished first (or was on its way out when the signal came)
      killedIn = 'finished';
    }

    // the next start: the kiosk opens its catalogue (rolling back a hot journal), then we look
    const st = await step('stats', () => cli(['catalogue', 'stats', '--json', '--data', dir]));
    expect(st.code, st.err).toBe(0);
    const journal = join(dir, 'catalogue.sqlite-journal');
    if (existsSync(journal)) {
      const j = readFileSync(journal);
      leftovers.push({ kind, killedIn, delayMs, size: j.length, header: j.subarray(0, 8).toString('hex'), said: [...st.err.matchAll(/"event":"([^"]+)"/g)].map((m) => m[1]).join(', ') });
      // what is left must not be a hot journal: SQLite would roll it back at the next open
      expect(j.length === 0 || j.subarray(0, 8).toString('hex') !== JOURNAL_MAGIC).toBe(true);
    }
    const now = await step('look', () => look(dir));
    expect(now.integrity).toBe('ok');
    const ended = now.file === old.file ? 'old' : now.file === next.file ? 'new' : await step('rows', () => (holds(dir, old, now) ? 'old' : holds(dir, next, now) ? 'new' : 'mixed'));
    if (ended === 'mixed') throw new Error(`${kind} trial killed in "${killedIn}" ${delayMs} ms after its mark: the catalogue is wholly neither version: ${JSON.stringify(now)}`);
    if (now.file !== old.file && now.file !== next.file) bumpIn(kind, 'same rows, other bytes');
    const want = ended === 'old' ? old : next;
    expect({ hubVersion: now.hubVersion, version: now.version, entries: now.entries, summary: now.summary, hasRemoved: now.hasRemoved }).toEqual({
      hubVersion: want.hubVersion,
      version: want.version,
      entries: want.entries,
      summary: want.summary,
      hasRemoved: want.hasRemoved,
    });
    expect(result(st)).toMatchObject({ version: want.version, total: want.entries });

    // a sync without faults reaches version 2, resuming what the killed one downloaded
    px.resetLog();
    let applying = 0;
    const f = await step('final sync', () =>
      sync(dir, {
        hub: px.url,
        onLine: (line) => {
          if (line.includes('"phase":"applying"')) applying = performance.now();
          if (line.includes('"phase":"done"') && applying) appliesSeen[kind].push(performance.now() - applying);
        },
      }),
    );
    expect(f.code, f.err).toBe(0);
    expect(result(f)).toMatchObject({ version: 2, applied: ended === 'new' ? 'none' : kind });
    expect(existsSync(journal)).toBe(false);
    expect(holds(dir, next)).toBe(true);
    const resumedNow = resumed(px.log.filter((e) => e.path === `/catalogue/${name}`)).length > 0;
    rmSync(dir, { recursive: true, force: true });

    bumpIn(kind, `ended ${ended}`);
    bumpIn(kind, `killed in ${killedIn}`);
    bumpIn(kind, `aimed at ${aim}`);
    if (resumedNow) bumpIn(kind, 'next sync resumed with Range');
  }
  const bumpIn = (kind: string, k: string) => {
    const t = (tally[kind] ??= {});
    t[k] = (t[k] ?? 0) + 1;
  };

  for (const kind of ['snapshot', 'delta'] as const)
    it(`SIGKILL during a ${kind} sync, ${TRIALS} times at random moments: afterwards integrity ok, wholly the old or the new version, and the next sync reaches 2`, async () => {
      const random = rng(SEED + (kind === 'delta' ? 1 : 0));
      // a download trial: from the first bytes to a little past the download's end; an apply
      // trial: anywhere in the fastest apply seen, and half as long again past it (it ends, or is killed on its way out)
      appliesSeen[kind].push(applyMs[kind]);
      const plan = Array.from({ length: TRIALS }, (_, i) => ({ aim: i % 2 === 0 ? ('download' as const) : ('apply' as const), u: random() }));
      const lanes = await Promise.all(Array.from({ length: LANES }, () => startFaultProxy(hub.url)));
      const t0 = performance.now();
      try {
        let taken = 0;
        await Promise.all(
          lanes.map(async (px) => {
            while (taken < plan.length) {
              const { aim, u } = plan[taken++]!;
              await killTrial(px, kind, aim, u);
            }
          }),
        );
      } finally {
        await Promise.all(lanes.map((px) => px.close()));
      }
      const t = tally[kind]!;
      const n = (k: string) => t[k] ?? 0;
      console.log(
        `SIGKILL ${kind}: ${TRIALS} trials (seed ${SEED}, ${LANES} at a time) in ${Math.round((performance.now() - t0) / 1000)} s — ` +
          `killed during the download ${n('killed in downloading')} (before it ${n('killed in starting') + n('killed in checking')}), during the apply ${n('killed in applying')}, ` +
          `after the apply (before exiting) ${n('killed in done')}, finished before the kill ${n('killed in finished')}; ` +
          `ended at the old version ${n('ended old')}, at the new ${n('ended new')}; the next sync resumed a download with Range ${n('next sync resumed with Range')} times` +
          `${n('same rows, other bytes') ? `; same rows but other bytes ${n('same rows, other bytes')}` : ''}. ` +
          `Apply took ${Math.round(median(appliesSeen[kind]))} ms (median); time per step, summed (ms): ${JSON.stringify(stepMs)}`,
      );
      if (leftovers.length) console.log(`journals left beside the catalogue after the next start (not hot: ignored by SQLite): ${JSON.stringify(leftovers)}`);
      expect((t['ended old'] ?? 0) + (t['ended new'] ?? 0)).toBe(TRIALS);
      expect(TRIALS - n('killed in finished'), 'trials whose sync was killed by SIGKILL').toBeGreaterThanOrEqual(KILLS);
      // the kills landed in both phases
      expect(t['killed in downloading'] ?? 0).toBeGreaterThan(TRIALS / 4);
      expect(t['killed in applying'] ?? 0).toBeGreaterThan(TRIALS / 8);
    }, 600_000);

  // ---- tampering: refused with a clear message, nothing applied -------------------------------

  /** runs `run` on a kiosk and checks it is refused: exit 1, the message, the catalogue byte for byte as it was */
  /** refused (exit 1; 2 when it was asked wrongly), said on stderr and as the --json last line, and nothing on the device changed */
  async function refused(dir: string, run: () => Promise<Ran>, message: RegExp, code: 1 | 2 = 1): Promise<Ran> {
    const before = look(dir);
    const r = await run();
    expect(r.code, r.out + r.err).toBe(code);
    expect(r.err).toMatch(message);
    const last = JSON.parse(r.out.trim().split('\n').at(-1)!) as { error: string; message: string };
    expect(`error: ${last.message}`).toMatch(message);
    expect(last.error).toMatch(/^[a-z_]+$/);
    expect(look(dir)).toEqual(before); // the same bytes (and so the same version and rows)
    return r;
  }

  /** a hub file changed for the time of `f`, then put back */
  async function altered(name: string, change: (b: Buffer) => Buffer, f: () => Promise<unknown>): Promise<void> {
    const file = join(files, name);
    const orig = readFileSync(file);
    writeFileSync(file, change(Buffer.from(orig)));
    try {
      await f();
    } finally {
      writeFileSync(file, orig);
    }
  }

  /** flips one bit of the byte at `at` (default: the middle) */
  const flip = (b: Buffer, at = Math.floor(b.length / 2)) => {
    b[at]! ^= 0x10;
    return b;
  };

  /** an envelope whose payload (the signed manifest's bytes) has one character changed: the snapshot's SHA-256 made to point elsewhere */
  const tamperPayload = (b: Buffer) => {
    const env = JSON.parse(b.toString('utf8')) as { payload: string };
    const payload = Buffer.from(env.payload, 'base64').toString('utf8');
    const at = payload.indexOf('"sha256":"') + '"sha256":"'.length;
    const swapped = payload.slice(0, at) + (payload[at] === 'a' ? 'b' : 'a') + payload.slice(at + 1);
    return Buffer.from(JSON.stringify({ ...env, payload: Buffer.from(swapped).toString('base64') }));
  };

  it('a manifest changed after signing is refused: the signature does not match', async () => {
    await altered('latest.json', tamperPayload, async () => {
      for (const from of ['fresh', 'v1'] as const) {
        const dir = copyOf(kiosk[from]);
        // a fresh kiosk checks the key given for its first sync (nothing is pinned yet); one at version 1 the key it pinned
        const against = from === 'fresh' ? 'the hub key given' : 'the pinned hub key';
        await refused(dir, () => sync(dir), new RegExp(`error: the manifest's signature does not match ${against}: it was changed after signing; nothing was applied`));
      }
    });
  }, 60_000);

  it('a flipped byte in the snapshot is refused: not the file the signed manifest describes', async () => {
    await altered(SNAP, (b) => flip(b), async () => {
      const dir = copyOf(kiosk.fresh);
      await refused(dir, () => sync(dir), /error: snapshot-2\.sqlite\.br is not the file the signed manifest describes \(its size or SHA-256 differ\); it was removed and nothing was applied/);
      expect(readdirSync(join(dir, 'sync'))).toEqual([]); // the bad download removed
    });
  }, 60_000);

  it('a flipped byte in the delta is refused: not the file the signed manifest describes', async () => {
    await altered(DELTA, (b) => flip(b), async () => {
      const dir = copyOf(kiosk.v1);
      await refused(dir, () => sync(dir), /error: delta-1-2\.bin\.br is not the file the signed manifest describes .*nothing was applied/);
      expect(readdirSync(join(dir, 'sync'))).toEqual([]);
    });
  }, 60_000);

  it('another hub\'s key is refused: on a fresh kiosk (signed by another key) and against the pinned one', async () => {
    const other = await cli(['hub', 'key', '--data', freshDir('other-hub-')]);
    expect(other.code, other.err).toBe(0);
    const otherKey = other.out.trim();
    expect(otherKey).toMatch(/^ed25519:/);
    expect(otherKey).not.toBe(key);
    const fresh = copyOf(kiosk.fresh);
    await refused(fresh, () => sync(fresh, { key: otherKey }), /error: the catalogue is signed by key [0-9a-f]{8}…, not by the hub key given \(nothing is pinned on this device yet\) \([0-9a-f]{8}…\); nothing was applied/);
    expect(existsSync(join(fresh, 'sync.json'))).toBe(false); // the wrong key was not pinned
    const v1 = copyOf(kiosk.v1);
    await refused(v1, () => sync(v1, { key: otherKey }), /error: the key given \(([0-9a-f]{4} ){7}[0-9a-f]{4}\) is not the hub key pinned on this device \(([0-9a-f]{4} ){7}[0-9a-f]{4}\); nothing was applied/);
  }, 60_000);

  it('a rollback is refused: the hub serving version 1\'s signed manifest as the latest, to a kiosk at 2', async () => {
    await altered('latest.json', () => readFileSync(join(files, 'manifest-1.json')), async () => {
      const dir = copyOf(kiosk.v2);
      await refused(dir, () => sync(dir), /error: version 1 is older than the version installed here \(2\); refused — a catalogue never goes back/);
    });
  }, 60_000);

  it('a first sync with no key is refused', async () => {
    const dir = copyOf(kiosk.fresh);
    await refused(dir, () => sync(dir, { key: null }), /error: no hub key is pinned on this device: give the hub's key .* with --key, .*nothing was applied/, 2);
    expect(existsSync(join(dir, 'sync.json'))).toBe(false);
  }, 60_000);

  it('a USB bundle with a flipped byte (in the snapshot, in the manifest) is refused; the intact one imports', async () => {
    const usb = freshDir('usb-');
    const bundle = join(usb, 'catalogue-2.a1279');
    const ex = await cli(['bundle', 'export', bundle, '--data', hubDir, '--json']);
    expect(ex.code, ex.err).toBe(0);
    expect(result(ex)).toMatchObject({ version: 2 });
    // the tar's parts: manifest.json, then the snapshot (each a 512-byte header, then the bytes)
    const tar = readFileSync(bundle);
    const partSize = (at: number) => parseInt(tar.toString('latin1', at + 124, at + 136).replace(/\0.*$/s, '').trim(), 8);
    expect(tar.toString('utf8', 0, 13)).toBe('manifest.json');
    const second = 512 + Math.ceil(partSize(0) / 512) * 512;
    expect(tar.toString('utf8', second, second + 20)).toBe('snapshot-2.sqlite.br');
    const inSnapshot = join(usb, 'flipped-snapshot.a1279');
    writeFileSync(inSnapshot, flip(Buffer.from(tar), second + 512 + Math.floor(partSize(second) / 2)));
    const inManifest = join(usb, 'flipped-manifest.a1279');
    const manifestText = tar.toString('utf8', 512, 512 + partSize(0));
    writeFileSync(inManifest, Buffer.concat([tar.subarray(0, 512), tamperPayload(Buffer.from(manifestText)).subarray(0, partSize(0)), tar.subarray(512 + partSize(0))]));
    expect(statSync(inManifest).size).toBe(tar.length);

    const importInto = (dir: string, file: string) => cli(['bundle', 'import', file, '--key', key, '--json', '--data', dir]);
    const dir = copyOf(kiosk.fresh);
    await refused(dir, () => importInto(dir, inSnapshot), /error: snapshot-2\.sqlite\.br in the bundle is not the file its signed manifest describes \(size or SHA-256 differ\); nothing was applied/);
    // the import before it pinned the key (its manifest was sound; its snapshot was not)
    await refused(dir, () => importInto(dir, inManifest), /error: the manifest's signature does not match the pinned hub key: it was changed after signing; nothing was applied/);
    const ok = await importInto(dir, bundle);
    expect(ok.code, ok.err).toBe(0);
    expect(result(ok)).toMatchObject({ version: 2, applied: 'snapshot' });
    expect(holds(dir, ref.v2snapshot)).toBe(true);
  }, 60_000);
});
