/**
 * The hub server on a real socket (127.0.0.1, any port) over a real store in a temporary data
 * folder: health, the published files (Range resume, ETag, cache headers, path checks), the
 * operator endpoint and its token, the CLI's way in (withHub) with and without a running hub,
 * graceful shutdown, the one-process rule, the keys' file modes.
 *
 * Publishing itself is publish.node.ts's (tested there and in the journeys, main.node.test.ts);
 * here a small local publisher writes files of the protocol's names, so that the server is
 * tested on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { memoryLogger } from '../../core/log.node.js';
import { takeLock } from '../../core/lock.node.js';
import { resources, ROOT } from '../../tests/env.node.js';
import { loadHubKeys } from '../protocol/keys.node.js';
import { LATEST, manifestName, snapshotName } from '../protocol/manifest.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { bearerMatches, ensureOperatorToken, localOperations, readOperatorEndpoint, withHub, type Publisher } from './operator.node.js';
import type { HubOperationError } from './operation-error.node.js';
import { createHubServer, servedKind, startHub, type RunningHub } from './server.node.js';
import { registerOpenApi } from './openapi.node.js';
import { HubStoreError, openHubStore } from './store.node.js';
import { freshHubLayout } from './testing.node.js';
import type { HubLayout } from './layout.node.js';

/** A publisher for these tests: version N is a 300 kB snapshot of random bytes, its manifest and latest.json. */
function testPublisher(o: { delayMs?: number } = {}): Publisher & { snapshots: Map<number, Buffer> } {
  const snapshots = new Map<number, Buffer>();
  return {
    snapshots,
    publish: async (ctx, { sourceDir }) => {
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      const version = ((await ctx.store.latest())?.version ?? 0) + 1;
      const bytes = randomBytes(300_000);
      snapshots.set(version, bytes);
      mkdirSync(ctx.layout.files, { recursive: true });
      writeFileSync(join(ctx.layout.files, snapshotName(version)), bytes);
      const envelope = JSON.stringify({ payload: Buffer.from(sourceDir).toString('base64'), signature: 'c2ln', key_id: ctx.keys.keyId });
      writeFileSync(join(ctx.layout.files, manifestName(version)), envelope);
      writeFileSync(join(ctx.layout.files, LATEST), envelope);
      const created_at = new Date().toISOString();
      await ctx.store.insert({ version, created_at, catalogue_version: `test-${version}`, entries: 3, envelope, files: [snapshotName(version)] });
      return { version, created_at, catalogue_version: `test-${version}`, entries: 3, unchanged: false, changes: null, files: [{ name: snapshotName(version), size: bytes.length }], ms: 1 };
    },
    exportBundle: async (ctx, file) => {
      const latest = await ctx.store.latest();
      if (!latest) throw new Error('nothing has been published yet: run `cli hub publish` first');
      writeFileSync(file, latest.envelope);
      return { version: latest.version, file, size: statSync(file).size };
    },
  };
}

const MODULE_URL = import.meta.url;

async function startTestHub(layout: HubLayout, publisher: Publisher, graceMs?: number, host = '127.0.0.1') {
  const { logger, lines } = memoryLogger('hub');
  const store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const operatorToken = ensureOperatorToken(layout, logger);
  const { keys: sealing } = ensureSealingKeys(layout, logger);
  const operations = localOperations({ layout, store, keys, sealing, logger, publisher, resources: resources(), moduleUrl: MODULE_URL });
  const hub = await startHub({ layout, store, keys, logger, host, port: 0, operations, operatorToken, graceMs });
  return { hub, keys, lines, token: operatorToken };
}

/** A raw HTTP request (the path sent exactly as written: no URL normalisation of `..`). */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the hub server', () => {
  let layout: HubLayout;
  let hub: RunningHub;
  let token: string;
  let keyId: string;
  let lines: () => Record<string, unknown>[];
  const publisher = testPublisher();
  const op = (path: string, o: { token?: string | null; method?: string; body?: unknown; rawBody?: string } = {}) =>
    fetch(`http://127.0.0.1:${hub.operatorPort}${path}`, {
      method: o.method ?? (o.body !== undefined || o.rawBody !== undefined ? 'POST' : 'GET'),
      headers: { ...(o.token === null ? {} : { authorization: `Bearer ${o.token ?? token}` }), ...(o.body !== undefined || o.rawBody !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: o.rawBody ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
    });

  beforeAll(async () => {
    layout = await freshHubLayout();
    const started = await startTestHub(layout, publisher);
    ({ hub, token, lines } = started);
    keyId = started.keys.keyId;
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('answers /health with the latest version (none yet) and its key id', async () => {
    const res = await fetch(`${hub.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true, version: null, key_id: keyId });
  });

  it('announces its operator endpoint in operator.json (0600) and holds the store lock', () => {
    expect(readOperatorEndpoint(layout)).toEqual({ pid: process.pid, port: hub.operatorPort });
    expect(statSync(layout.operatorEndpoint).mode & 0o777).toBe(0o600);
    expect(statSync(layout.operatorToken).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
  });

  it('facing the network (--host 0.0.0.0), it keeps the operator endpoint on 127.0.0.1 alone: another address of the machine reaches the catalogue, never the operator endpoint', async () => {
    const wide = await startTestHub(await freshHubLayout(), testPublisher(), undefined, '0.0.0.0');
    try {
      const port = new URL(wide.hub.url).port;
      // 127.0.0.2 is this machine too (the loopback network is 127/8), but not the address 127.0.0.1 the endpoint is bound to
      expect((await fetch(`http://127.0.0.2:${port}/health`)).status).toBe(200);
      const refused = await fetch(`http://127.0.0.2:${wide.hub.operatorPort}/operator/versions`, { headers: { authorization: `Bearer ${wide.token}` } }).then(
        () => 'answered',
        (e: Error & { cause?: { code?: string } }) => e.cause?.code,
      );
      expect(refused).toBe('ECONNREFUSED');
      expect((await fetch(`http://127.0.0.1:${wide.hub.operatorPort}/operator/versions`, { headers: { authorization: `Bearer ${wide.token}` } })).status).toBe(200);
    } finally {
      await wide.hub.close();
    }
  });

  it('behind a reverse proxy (--trust-proxy), the Open API\'s rate limit counts the clients its X-Forwarded-For names; without it, a forged X-Forwarded-For is ignored', async () => {
    const behind = await freshHubLayout();
    const { logger } = memoryLogger('hub');
    const store = await openHubStore({ layout: behind, logger });
    const { keys } = ensureHubKeys(behind, logger);
    try {
      for (const trustProxy of ['127.0.0.1', undefined]) {
        const app = await createHubServer({ layout: behind, store, keys, logger, ...(trustProxy ? { trustProxy } : {}), extensions: [(a) => registerOpenApi(a, { catalogue: () => null, rateLimit: { max: 2, timeWindow: '1 minute' } })] });
        try {
          const from = async (client: string) => (await app.inject({ url: '/openapi/v1/services', headers: { 'x-forwarded-for': client }, remoteAddress: '127.0.0.1' })).statusCode;
          const seen = [await from('203.0.113.7'), await from('203.0.113.7'), await from('203.0.113.7'), await from('198.51.100.2')];
          // (no catalogue published: 503 is the Open API's answer under the limit)
          expect(seen, `trustProxy ${trustProxy}`).toEqual(trustProxy ? [503, 503, 429, 503] : [503, 503, 429, 429]);
        } finally {
          await app.close();
        }
      }
    } finally {
      await store.close();
    }
  });

  it('refuses the operator endpoint without the token (401) or with a wrong one, and serves it with the right one', async () => {
    const none = await op('/operator/versions', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toEqual({ error: 'unauthorized', message: `the operator endpoint needs Authorization: Bearer <token>; the token is in ${layout.operatorToken}` });
    for (const wrong of ['0'.repeat(64), token.slice(0, -1), `${token}0`, token.toUpperCase(), ''])
      expect((await op('/operator/versions', { token: wrong })).status, `token "${wrong}"`).toBe(401);
    expect((await fetch(`http://127.0.0.1:${hub.operatorPort}/operator/versions`, { headers: { authorization: token } })).status).toBe(401); // not "Bearer …"
    expect((await op('/operator/publish', { token: 'f'.repeat(64), body: {} })).status).toBe(401);
    expect(publisher.snapshots.size).toBe(0); // nothing ran

    const ok = await op('/operator/versions');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([]);
  });

  it('publishes through the operator endpoint; /health and the versions then say so', async () => {
    const res = await op('/operator/publish', { body: { sourceDir: join(ROOT, 'db', 'catalogue') } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { version: number; files: { name: string }[] };
    expect(result).toMatchObject({ version: 1, unchanged: false, files: [{ name: 'snapshot-1.sqlite.br', size: 300_000 }] });
    expect(await (await fetch(`${hub.url}/health`)).json()).toEqual({ ok: true, version: 1, key_id: keyId });
    const versions = await (await op('/operator/versions')).json();
    expect(versions).toEqual([{ version: 1, created_at: expect.any(String), catalogue_version: 'test-1', entries: 3, files: ['snapshot-1.sqlite.br'] }]);
  });

  it('serves a published file whole, then its rest from an offset (Range → 206) so a kiosk resumes, with an ETag and immutable caching', async () => {
    const whole = await fetch(`${hub.url}/catalogue/snapshot-1.sqlite.br`);
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.equals(publisher.snapshots.get(1)!)).toBe(true);
    expect(whole.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-encoding')).toBeNull(); // the bytes as published: their SHA-256 is the manifest's
    const etag = whole.headers.get('etag');
    expect(etag).toBeTruthy();

    const rest = await fetch(`${hub.url}/catalogue/snapshot-1.sqlite.br`, { headers: { range: 'bytes=123456-', 'if-range': etag! } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes 123456-299999/300000`);
    const tail = Buffer.from(await rest.arrayBuffer());
    expect(Buffer.concat([bytes.subarray(0, 123456), tail]).equals(publisher.snapshots.get(1)!)).toBe(true);

    expect((await fetch(`${hub.url}/catalogue/snapshot-1.sqlite.br`, { headers: { range: 'bytes=400000-' } })).status).toBe(416);
    // (raw: fetch adds Cache-Control: no-cache to a conditional request, which asks for the whole file)
    expect((await raw(hub.port, '/catalogue/snapshot-1.sqlite.br', { 'if-none-match': etag! })).status).toBe(304);
    const head = await fetch(`${hub.url}/catalogue/snapshot-1.sqlite.br`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('300000');
  });

  it('serves latest.json for revalidation (no-cache) and the numbered manifest as immutable', async () => {
    const latest = await fetch(`${hub.url}/catalogue/latest.json`);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    expect(latest.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await latest.text();
    expect(text).toBe(readFileSync(join(layout.files, 'manifest-1.json'), 'utf8'));
    expect((await raw(hub.port, '/catalogue/latest.json', { 'if-none-match': latest.headers.get('etag')! })).status).toBe(304);
    expect((await fetch(`${hub.url}/catalogue/manifest-1.json`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file or an unknown path with a 404 in JSON', async () => {
    const missing = await fetch(`${hub.url}/catalogue/snapshot-9.sqlite.br`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'no catalogue file snapshot-9.sqlite.br on this hub' });
    const nowhere = await fetch(`${hub.url}/nowhere?x=1`);
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await nowhere.json()).toEqual({ error: 'not_found', message: 'nothing at GET /nowhere on this hub' });
  });

  it('serves nothing but the published files: no path out of the files folder, plain or encoded, and no file that is not one of the protocol\'s', async () => {
    const key = readFileSync(layout.privateKey);
    writeFileSync(join(layout.files, 'snapshot-1.sqlite.br.tmp-1-abc'), 'half-written');
    writeFileSync(join(layout.files, '.hidden'), 'dot');
    for (const path of [
      '/catalogue/..%2Fhub-key.pem',
      '/catalogue/%2e%2e%2fhub-key.pem',
      '/catalogue/%2E%2E%2Fhub-key.pem',
      '/catalogue/..%5Chub-key.pem',
      '/catalogue/%2e%2e',
      '/catalogue/..',
      '/catalogue/.hidden',
      '/catalogue/%2ehidden',
      '/catalogue/latest.json%00.pem',
    ]) {
      const res = await raw(hub.port, path);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body.toString()), path).toMatchObject({ error: 'bad_request', field: 'file' });
    }
    for (const path of ['/catalogue/../hub-key.pem', '/catalogue/../../etc/passwd', '/catalogue/a/../../hub-key.pem', '/hub-key.pem', '/catalogue/hub-key.pem', '/catalogue/operator-token', '/catalogue/snapshot-1.sqlite.br.tmp-1-abc', '/catalogue/']) {
      const res = await raw(hub.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body.includes(key), path).toBe(false);
      expect(res.body.toString(), path).not.toContain('half-written');
    }
    expect(lines().some((l) => l.msg === 'GET /catalogue/:file refused (400)' && (l.err as { message?: string })?.message?.includes('field "file"'))).toBe(true);
  });

  it('refuses bad operator input with a 400 naming the field, and a body over the limit with a 413', async () => {
    const relative = await op('/operator/publish', { body: { sourceDir: 'db/catalogue' } });
    expect(relative.status).toBe(400);
    expect(await relative.json()).toEqual({ error: 'bad_request', field: 'sourceDir', message: 'field "sourceDir": must be an absolute path' });
    const notSource = await op('/operator/publish', { body: { sourceDir: layout.dataDir } });
    expect(notSource.status).toBe(400);
    expect(await notSource.json()).toEqual({ error: 'bad_request', field: 'sourceDir', message: `field "sourceDir": ${layout.dataDir} is not a catalogue source (it has no entries/ folder of *.yaml files)` });
    const extra = await op('/operator/publish', { body: { source: '/x' } });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { field: string }).field).toBe('source');
    const noFile = await op('/operator/bundle', { body: {} });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { field: string }).field).toBe('file');
    const notJson = await op('/operator/bundle', { rawBody: '{"file": ' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toBe('bad_request');
    const big = await op('/operator/bundle', { body: { file: `/${'x'.repeat(70_000)}` } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toBe('too_large');
  });

  it('refuses a bundle into a folder that does not exist (a USB stick not mounted) with a 400 naming the file, and keeps serving', async () => {
    const stick = join(layout.dataDir, 'no-such-folder');
    const res = await op('/operator/bundle', { body: { file: join(stick, 'bundle.a1279') } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'file', message: `field "file": the folder ${stick} does not exist (is the USB stick mounted?); nothing was written` });
    expect((await op('/operator/versions')).status).toBe(200);
  });

  it('reports a failing operation with its message and logs it with its cause', async () => {
    // a folder that exists but takes no new file, even from root: the write itself fails
    const res = await op('/operator/bundle', { body: { file: '/proc/aichingu-bundle.a1279' } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('internal');
    expect(body.message).toMatch(/ENOENT/);
    const logged = lines().find((l) => l.msg === 'POST /operator/bundle failed');
    expect((logged?.err as { code?: string })?.code).toBe('ENOENT');
  });

  it('never logs the Authorization header or the token', async () => {
    await op('/operator/versions');
    await op('/operator/versions', { token: 'a'.repeat(64) });
    hub.app.log.info({ req: { headers: { authorization: `Bearer ${token}` } }, headers: { authorization: `Bearer ${token}` }, authorization: `Bearer ${token}` }, 'probe');
    const text = JSON.stringify(lines());
    expect(text).toContain('"msg":"probe"');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(token);
    expect(text).not.toContain('a'.repeat(64));
  });

  it('lets the CLI in through the operator endpoint while it runs: withHub gives the same result as in-process', async () => {
    const { logger } = memoryLogger('cli');
    const viaHub = await withHub(layout, { logger, publisher, moduleUrl: MODULE_URL }, async (ops, route) => ({ route, versions: await ops.versions() }));
    expect(viaHub.route).toEqual({ via: 'hub', pid: process.pid, port: hub.operatorPort });
    expect(viaHub.versions.map((v) => v.version)).toEqual([1]);
    const failing = await withHub(layout, { logger, publisher, moduleUrl: MODULE_URL }, (ops) => ops.bundle({ file: '/nonexistent-dir/b.tar' })).catch((e: Error) => e);
    expect((failing as Error).message).toBe('field "file": the folder /nonexistent-dir does not exist (is the USB stick mounted?); nothing was written');
    expect((failing as HubOperationError).status).toBe(400);
    // a --database-url it would not use (the running hub keeps its versions embedded) is refused, not ignored
    const elsewhere = await withHub(layout, { logger, publisher, moduleUrl: MODULE_URL, databaseUrl: 'postgres://hub@127.0.0.1:5432/hub' }, (ops) => ops.versions()).catch((e: Error) => e);
    expect(elsewhere).toBeInstanceOf(HubStoreError);
    expect((elsewhere as Error).message).toBe(`the hub running on ${layout.dataDir} (process ${process.pid}) keeps its versions in its embedded store, not on --database-url's server: leave out --database-url (the command goes through the running hub)`);
  });

  it('a command that finds the store held by another (a hub starting, another command) waits, and opens it once let go; one held too long is refused, saying so', async () => {
    const quiet = await freshHubLayout();
    const { logger } = memoryLogger('cli');
    await (await openHubStore({ layout: quiet, logger })).close(); // made once, as a hub's first start does
    const other = takeLock(quiet.lock, 'the hub store');
    const letGo = setTimeout(() => other.release(), 1200);
    try {
      const r = await withHub(quiet, { logger, publisher, moduleUrl: MODULE_URL }, async (ops, route) => ({ route, versions: await ops.versions() }));
      expect(r).toEqual({ route: { via: 'store' }, versions: [] });
    } finally {
      clearTimeout(letGo);
      other.release();
    }
    const held = takeLock(quiet.lock, 'the hub store');
    try {
      const e = await withHub(quiet, { logger, publisher, moduleUrl: MODULE_URL, busyWaitMs: 600 }, (ops) => ops.versions()).catch((x: Error) => x);
      expect((e as HubStoreError).code).toBe('in_use');
      expect((e as Error).message).toBe(`the hub store ${quiet.dataDir} is in use by process ${process.pid} (a running hub?); it did not start answering or let the store go within 1 s`);
    } finally {
      held.release();
    }
  });

  it('refuses a second store on its data folder while it holds it', async () => {
    const { logger } = memoryLogger('second');
    const e = await openHubStore({ layout, logger }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HubStoreError);
    expect((e as Error).message).toBe(`the hub store ${layout.dataDir} is in use by process ${process.pid} (a running hub?)`);
  });
});

describe('the hub closing', () => {
  it('lets a request in flight finish, then closes the store, removes operator.json and the lock; the CLI then opens the store itself with the same result', async () => {
    const layout = await freshHubLayout();
    const publisher = testPublisher({ delayMs: 700 });
    const { hub, token, lines } = await startTestHub(layout, publisher);
    const inFlight = fetch(`http://127.0.0.1:${hub.operatorPort}/operator/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    await new Promise((r) => setTimeout(r, 200));
    const { logger } = memoryLogger('cli');
    const before = await withHub(layout, { logger, publisher, moduleUrl: MODULE_URL }, (ops) => ops.versions());
    const closed = hub.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(1);
    await closed;
    expect(lines().map((l) => l.msg)).not.toContain('requests still in flight after the grace period: dropping their connections');
    expect(lines().map((l) => l.msg)).toContain('hub closed');
    expect(existsSync(layout.operatorEndpoint)).toBe(false);
    expect(existsSync(layout.lock)).toBe(false);
    await expect(fetch(`${hub.url}/health`)).rejects.toThrow();

    const after = await withHub(layout, { logger, publisher, moduleUrl: MODULE_URL }, async (ops, route) => ({ route, versions: await ops.versions() }));
    expect(after.route).toEqual({ via: 'store' });
    expect(after.versions).toEqual(JSON.parse(JSON.stringify(after.versions)));
    expect(after.versions.map((v) => v.version)).toEqual([1]);
    expect(before).toEqual([]);
    expect(existsSync(layout.lock)).toBe(false);
  }, 120_000);

  it('a stale operator.json (its hub gone) is ignored: the CLI opens the store itself', async () => {
    const layout = await freshHubLayout();
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(layout.operatorEndpoint, JSON.stringify({ pid: gone, port: 9 }));
    writeFileSync(layout.lock, `${gone}\n`);
    const { logger } = memoryLogger('cli');
    const r = await withHub(layout, { logger, publisher: testPublisher(), moduleUrl: MODULE_URL }, async (ops, route) => ({ route, versions: await ops.versions() }));
    expect(r).toEqual({ route: { via: 'store' }, versions: [] });
  }, 120_000);
});

describe('the hub\'s keys', () => {
  it('are made on first use: the private key 0600 in a 0700 folder, the public key on one line; then always the same', async () => {
    const layout = await freshHubLayout();
    chmodSync(layout.dataDir, 0o755);
    const { logger, lines } = memoryLogger('hub');
    const first = ensureHubKeys(layout, logger);
    expect(first.created).toBe(true);
    expect(statSync(layout.dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(layout.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.publicKey, 'utf8')).toBe(`${first.keys.publicKey}\n`);
    expect(first.keys.publicKey).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect(loadHubKeys(readFileSync(layout.privateKey, 'utf8')).publicKey).toBe(first.keys.publicKey);

    const again = ensureHubKeys(layout, logger);
    expect(again.created).toBe(false);
    expect(again.keys.publicKey).toBe(first.keys.publicKey);

    chmodSync(layout.privateKey, 0o644);
    writeFileSync(layout.publicKey, 'ed25519:not-this-one\n');
    expect(ensureHubKeys(layout, logger).keys.publicKey).toBe(first.keys.publicKey);
    expect(statSync(layout.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.publicKey, 'utf8')).toBe(`${first.keys.publicKey}\n`);
    expect(lines().map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/signing key \(its private key\) was readable by others/), expect.stringMatching(/public key file of the hub's signing key did not match/)]));
  });

  it('a damaged private key is an error saying to restore it, never silently replaced', async () => {
    const layout = await freshHubLayout();
    writeFileSync(layout.privateKey, 'not a key', { mode: 0o600 });
    const { logger } = memoryLogger('hub');
    expect(() => ensureHubKeys(layout, logger)).toThrow(/is not an ed25519 private key .*restore it from a backup/);
    expect(readFileSync(layout.privateKey, 'utf8')).toBe('not a key');
  });
});

describe('the trust decisions, each on its own', () => {
  it('serves only the protocol\'s file names: numbered files immutable, latest.json revalidated, nothing else', () => {
    for (const name of ['snapshot-1.sqlite.br', 'snapshot-12.3.sqlite.br', 'delta-1-2.bin.br', 'manifest-7.json']) expect(servedKind(name), name).toBe('immutable');
    expect(servedKind('latest.json')).toBe('latest');
    for (const name of ['', '.', '..', '../latest.json', '..%2Flatest.json', 'a/../latest.json', '/etc/passwd', 'hub-key.pem', 'operator-token', 'operator.json', 'store.lock', 'snapshot-1.sqlite.br.tmp-12-ab', 'snapshot-0.sqlite.br', 'snapshot-1.0.sqlite.br', 'manifest-1.json.tmp', '.latest.json', 'LATEST.json', 'latest.json\0', 'snapshot-1.sqlite'])
      expect(servedKind(name), JSON.stringify(name)).toBeNull();
  });

  it('takes only the exact token, as "Bearer <token>"', () => {
    const token = 'ab'.repeat(32);
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    for (const h of [undefined, '', 'Bearer', 'Bearer ', `bearer ${token}`, `Basic ${token}`, token, `Bearer ${token} `, `Bearer  ${token}`, `Bearer ${token.slice(1)}`, `Bearer ${token}0`, `Bearer ${token.toUpperCase()}`])
      expect(bearerMatches(h, token), JSON.stringify(h)).toBe(false);
  });
});
