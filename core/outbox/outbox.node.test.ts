/**
 * The outbox against the REAL hub (its store on PGlite, its intake routes, over HTTP on
 * 127.0.0.1), through the fault proxy where the network misbehaves: enrolment (the proof, the
 * pinned key, a bad code, a captive portal), sealing at submit (no plaintext in the database,
 * only the hub's key opens it), the uploader's transitions (sent with a receipt, needs
 * attention with the hub's words without blocking the rest, a captive portal's 200 and a 503
 * not counted, backoff in the background until it goes through, a revoked device pausing it,
 * a restart resuming), and the data folder's modes. What went wrong is kept as a stable problem
 * code next to its English words (each way a try fails, over real HTTP), for the UI's plain words;
 * the uploader's own failure (a signing key that cannot be used) says `failed`, loses nothing.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../log.node.js';
import { freshDir, resources, testCore } from '../../tests/env.node.js';
import { openHubStore } from '../../sync/hub/store.node.js';
import { ensureHubKeys, ensureSealingKeys } from '../../sync/hub/hub-keys.node.js';
import { createHubServer } from '../../sync/hub/server.node.js';
import { registerIntake } from '../../sync/hub/intake.node.js';
import { localOperations, type HubContext } from '../../sync/hub/operator.node.js';
import { publisher } from '../../sync/hub/publisher.node.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';
import type { HubStore } from '../../sync/hub/store.js';
import type { SealingKeys } from '../../sync/protocol/seal.node.js';
import { unseal } from '../../sync/protocol/seal.node.js';
import { generateHubKeys } from '../../sync/protocol/keys.node.js';
import { SealedApplication } from '../../sync/protocol/intake.js';
import { startFaultProxy, PORTAL_HTML, type FaultProxy } from '../../tests/fault-proxy.node.js';
import { readSyncState } from '../../sync/client/sync.node.js';
import { enrol, readDevice } from './enrol.node.js';
import { OutboxError } from './errors.js';
import { retryDelay } from './backoff.js';
import { classifyUpload } from './service.node.js';
import { runCli } from '../cli.node.js';
import type { Core } from '../core.node.js';

const PERSON = { name: '김순자', phone: '010-9876-5432' };
const form = (i = 0) => ({ name: PERSON.name, phone: PERSON.phone.replace(/-/g, ' '), topic: `아이 돌봄 서비스 문의 ${i}`, preferred_time: 'weekday_morning', consent: true });

const { logger: hubLogger } = memoryLogger('hub');
let store: HubStore;
let app: FastifyInstance;
let hubUrl: string;
let sealing: SealingKeys;
let signingKey: string;
let ops: ReturnType<typeof localOperations>;
let proxy: FaultProxy;
let portal: Server;
let portalUrl: string;
const cores: Core[] = [];

const code = async (name: string) => (await ops.enrolDevice({ name })).code;

/** A device (its own data folder and core), enrolled with the hub under `name` through `via`. */
async function device(name: string, via = () => hubUrl) {
  const c = testCore({ dataDir: freshDir('outbox-device-') });
  cores.push(c.core);
  await enrol({ dataDir: c.core.env.dataDir, hubUrl: via(), code: await code(name) });
  return c;
}

/** Every file under a folder, with its mode. */
function walk(dir: string): { path: string; mode: number; dir: boolean }[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    const st = statSync(p);
    return [{ path: p, mode: st.mode & 0o777, dir: st.isDirectory() }, ...(st.isDirectory() ? walk(p) : [])];
  });
}
type Row = { client_id: string; state: string; attempts: number; last_error: string | null; last_problem: string | null; last_try_at: string | null; receipt: string | null; sealed: number | null };
/** The applications as stored, read by a connection of its own (not the service's). */
function stored(dataDir: string): Row[] {
  const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT client_id, state, attempts, last_error, last_problem, last_try_at, receipt, length(sealed) AS sealed FROM application ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
}
const holds = (dir: string, text: string) => walk(dir).filter((f) => !f.dir && readFileSync(f.path).includes(Buffer.from(text, 'utf8'))).map((f) => f.path);

beforeAll(async () => {
  const layout = await freshHubLayout('outbox-hub-');
  store = await openHubStore({ layout, logger: hubLogger });
  const keys = ensureHubKeys(layout, hubLogger).keys;
  signingKey = keys.publicKey;
  sealing = ensureSealingKeys(layout, hubLogger).keys;
  app = await createHubServer({ layout, store, keys, logger: hubLogger, extensions: [(a) => registerIntake(a, { store, keys, sealing, enrolRateLimit: { max: 1000, timeWindow: '1 minute' } })] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  hubUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  ops = localOperations({ layout, store, keys, sealing, logger: hubLogger, publisher, resources: resources(), moduleUrl: import.meta.url } satisfies HubContext);
  proxy = await startFaultProxy(hubUrl);
  portal = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PORTAL_HTML));
  await new Promise<void>((r) => portal.listen(0, '127.0.0.1', r));
  const pa = portal.address();
  portalUrl = `http://127.0.0.1:${typeof pa === 'object' && pa ? pa.port : 0}`;
}, 180_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await proxy?.close();
  await new Promise((r) => portal?.close(r));
  await app?.close();
  await store?.close();
});

describe('enrolment', () => {
  it('pins the hub key and writes device.json (0600) with the device key; the code works once', async () => {
    const { core } = testCore({ dataDir: freshDir('outbox-device-') });
    cores.push(core);
    const c = await code('북구청 키오스크');
    const r = await enrol({ dataDir: core.env.dataDir, hubUrl, code: c.toLowerCase() });
    expect(r.device).toMatchObject({ name: '북구청 키오스크', signing_key: signingKey, sealing_key: sealing.publicKey, hub_url: `${hubUrl}/` });
    expect(r.device.device_id).toMatch(/^dev_[0-9a-f]{32}$/);
    expect(statSync(join(core.env.dataDir, 'device.json')).mode & 0o777).toBe(0o600);
    expect(readSyncState(core.env.dataDir)).toMatchObject({ key: signingKey, hub_url: `${hubUrl}/` });
    expect(core.outbox.status().device).toMatchObject({ enrolled: true, name: '북구청 키오스크', hubUrl: `${hubUrl}/` });
    // the same code again: refused in plain words, nothing changed
    await expect(enrol({ dataDir: core.env.dataDir, hubUrl, code: c })).rejects.toMatchObject({ reason: 'bad_code', message: expect.stringMatching(/did not accept the code .*ask the hub's operator for a new one/) });
    expect(readDevice(core.env.dataDir)?.device_id).toBe(r.device.device_id);
  });

  it('refuses, saving nothing: a code of the wrong shape, another hub pinned, a captive portal, no hub at the address', async () => {
    const dataDir = freshDir('outbox-device-');
    await expect(enrol({ dataDir, hubUrl, code: 'ABC' })).rejects.toMatchObject({ reason: 'bad_code', message: expect.stringMatching(/ten letters and digits/) });
    writeFileSync(join(dataDir, 'sync.json'), JSON.stringify({ key: generateHubKeys().publicKey, hub_url: 'http://other.example/' }));
    await expect(enrol({ dataDir, hubUrl, code: await code('other-hub-device') })).rejects.toMatchObject({ reason: 'key_mismatch', message: expect.stringMatching(/pinned to another hub.*Nothing was saved/) });
    expect(existsSync(join(dataDir, 'device.json'))).toBe(false);
    expect(readSyncState(dataDir).hub_url).toBe('http://other.example/');
    rmSync(join(dataDir, 'sync.json'));
    await expect(enrol({ dataDir, hubUrl: portalUrl, code: await code('portal-device') })).rejects.toMatchObject({ reason: 'not_a_hub', message: expect.stringMatching(/web page — a Wi-Fi login page\?/) });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const e = await enrol({ dataDir, hubUrl: `http://127.0.0.1:${port}`, code: 'ABCDE-FGHJK' }).catch((x: unknown) => x as OutboxError);
    expect(e).toMatchObject({ reason: 'unreachable' });
    expect((e as Error).message).toMatch(/cannot be reached \(ECONNREFUSED\)/);
    await expect(enrol({ dataDir, hubUrl: 'ftp://x', code: 'ABCDE-FGHJK' })).rejects.toMatchObject({ reason: 'bad_url' });
    expect(existsSync(join(dataDir, 'device.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'sync.json'))).toBe(false);
  });
});

describe('submitting', () => {
  it('not enrolled: a clear error; a bad form names the field, before anything is stored', async () => {
    const { core } = testCore({ dataDir: freshDir('outbox-device-') });
    cores.push(core);
    expect(() => core.outbox.submit({ service: 'consultation-callback', form: form() })).toThrow(expect.objectContaining({ reason: 'not_enrolled', message: expect.stringMatching(/not enrolled with a hub.*cli enrol --hub URL --code CODE/) }));
    const bad = (() => {
      try {
        core.outbox.submit({ service: 'consultation-callback', form: { ...form(), phone: '123' } });
      } catch (e) {
        return e as OutboxError;
      }
    })();
    expect(bad?.reason).toBe('bad_form');
    expect(bad?.problems).toEqual([{ field: 'phone', code: 'invalid', key: 'forms.error.phone.invalid' }]);
    expect(bad?.message).not.toContain(PERSON.name);
    expect(() => core.outbox.submit({ service: 'no-such-form', form: form() })).toThrow(/no form for service "no-such-form"/);
    expect(existsSync(join(core.env.dataDir, 'outbox.sqlite'))).toBe(false);
    // through the channel: bad_request naming form.phone with its code
    const r = await core.channel.call('submitApplication', { service: 'consultation-callback', form: { ...form(), phone: '123' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', field: 'form.phone', reason: 'invalid' } });
  });

  it('seals at once: the database holds no name or phone, only the hub’s sealing key opens it, with the consent version', async () => {
    const { core } = await device('sealing-device');
    const s = core.outbox.submit({ service: 'consultation-callback', form: form() });
    expect(s).toMatchObject({ service: 'consultation-callback', state: 'pending' });
    expect(s.client_id).toMatch(/^[0-9a-f-]{36}$/);
    const db = (core.outbox as unknown as { store(): { db: import('better-sqlite3').Database } }).store().db;
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    const row = db.prepare('SELECT * FROM application WHERE client_id = ?').get(s.client_id) as { sealed: Buffer; size: number; service: string; created_at: string };
    expect(row.size).toBe(row.sealed.length);
    const opened = SealedApplication.parse(JSON.parse(unseal(row.sealed, sealing, { client_id: s.client_id, service: row.service, created_at: row.created_at }).toString('utf8')));
    expect(opened).toMatchObject({ format: 1, client_id: s.client_id, form: { name: PERSON.name, phone: PERSON.phone, consent: true }, consent: { version: 'consultation-callback/consent-v1', given_at: row.created_at } });
    // nothing in the data folder holds the name or the phone (either way it was written); all private
    for (const t of [PERSON.name, PERSON.phone, PERSON.phone.replace(/-/g, ' '), PERSON.phone.replace(/-/g, '')]) expect(holds(core.env.dataDir, t), t).toEqual([]);
    for (const f of walk(core.env.dataDir)) expect(f.mode, f.path).toBe(f.dir ? 0o700 : 0o600);
    expect(core.outbox.status()).toMatchObject({ pending: 1, sent: 0, attention: 0, records: [{ clientId: s.client_id, state: 'pending', attempts: 0, receipt: s.receipt }] });
    expect(s.receipt).toMatch(/^\d{4}-\d{4}-\d$/); // given on the device at submit (issue 14)
    expect(JSON.stringify(core.outbox.status())).not.toContain(PERSON.name);
  });
});

describe('the uploader against the hub', () => {
  it('sends oldest first in one batch, with receipts; the sealed bytes are gone; the hub has each once', async () => {
    const { core } = await device('batch-device');
    const events: unknown[] = [];
    core.events.on('outbox.changed', (e) => events.push(e));
    const ids = [0, 1, 2].map((i) => core.outbox.submit({ service: 'consultation-callback', form: form(i) }).client_id);
    const r = await core.outbox.sendNow();
    expect(r).toMatchObject({ sent: 3, attention: 0, pending: 0 });
    expect(r.stopped).toBeUndefined();
    const st = core.outbox.status();
    expect(st).toMatchObject({ pending: 0, sent: 3, attention: 0 });
    for (const rec of st.records) expect(rec).toMatchObject({ state: 'sent', receipt: expect.stringMatching(/^\d{4}-\d{4}-\d$/), attempts: 1 });
    const db = (core.outbox as unknown as { store(): { db: import('better-sqlite3').Database } }).store().db;
    expect(db.prepare('SELECT count(*) AS n FROM application WHERE sealed IS NOT NULL').get()).toEqual({ n: 0 });
    const atHub = (await store.applications()).filter((a) => ids.includes(a.client_id));
    expect(atHub.map((a) => a.client_id).sort()).toEqual([...ids].sort());
    expect(events.at(-1)).toMatchObject({ pending: 0, sent: 3, attention: 0 });
    // the hub opens them: the person's words reach the hub, and only the hub
    const listed = (await ops.applications()).filter((a) => ids.includes(a.client_id));
    expect(listed.map((a) => (a.form as { topic: string }).topic).sort()).toEqual(['아이 돌봄 서비스 문의 0', '아이 돌봄 서비스 문의 1', '아이 돌봄 서비스 문의 2']);
  });

  it('one application the hub refuses needs attention with the hub’s words; the others are sent; nothing is deleted', async () => {
    const { core } = await device('attention-device');
    const a = core.outbox.submit({ service: 'consultation-callback', form: form(1) }).client_id;
    const b = core.outbox.submit({ service: 'consultation-callback', form: form(2) }).client_id;
    const c = core.outbox.submit({ service: 'consultation-callback', form: form(3) }).client_id;
    // b's sealed bytes changed after sealing (a damaged disk): the hub cannot open it
    const db = (core.outbox as unknown as { store(): { db: import('better-sqlite3').Database } }).store().db;
    const row = db.prepare('SELECT sealed FROM application WHERE client_id = ?').get(b) as { sealed: Buffer };
    row.sealed[row.sealed.length - 1]! ^= 1;
    db.prepare('UPDATE application SET sealed = ? WHERE client_id = ?').run(row.sealed, b);
    const r = await core.outbox.sendNow();
    expect(r).toMatchObject({ sent: 2, attention: 1, pending: 0 });
    const st = core.outbox.status();
    expect(st).toMatchObject({ pending: 0, sent: 2, attention: 1 });
    const rec = st.records.find((x) => x.clientId === b)!;
    expect(rec).toMatchObject({ state: 'attention', code: expect.any(String), reason: expect.stringMatching(/\S/) });
    expect(st.records.filter((x) => [a, c].includes(x.clientId)).map((x) => x.state)).toEqual(['sent', 'sent']);
    // kept, with its sealed bytes, for a person to look at
    expect((db.prepare('SELECT sealed IS NOT NULL AS kept FROM application WHERE client_id = ?').get(b) as { kept: number }).kept).toBe(1);
    // a later pass does not send it again
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 0, attention: 0, pending: 0 });
  });

  it('a captive portal’s 200 page and a 503 are not sent: pending kept, the reason said; then it goes through', async () => {
    const { core } = await device('portal-device', () => proxy.url);
    const id = core.outbox.submit({ service: 'consultation-callback', form: form() }).client_id;
    proxy.add({ path: '/intake/v1/applications', fault: { kind: 'portal' }, times: 1 });
    proxy.add({ path: '/intake/v1/applications', fault: { kind: 'status', status: 503 }, times: 10 });
    const r = await core.outbox.sendNow({ retries: 1, baseMs: 10 });
    expect(r).toMatchObject({ sent: 0, pending: 1, stopped: { kind: 'transient', message: expect.stringMatching(/503/) } });
    expect(core.outbox.status().records[0]).toMatchObject({ clientId: id, state: 'pending', attempts: 2 });
    expect(proxy.log.filter((l) => l.fault === 'portal')).toHaveLength(1);
    proxy.clear();
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('in the background: backs off while the hub answers 503, then sends by itself; a submit is sent right away', async () => {
    const c = testCore({ dataDir: freshDir('outbox-device-') });
    cores.push(c.core);
    await enrol({ dataDir: c.core.env.dataDir, hubUrl: proxy.url, code: await code('background-device') });
    const outbox = c.core.outbox;
    (outbox as unknown as { o: { random: () => number } }).o.random = () => 0.01; // short waits
    proxy.resetLog();
    proxy.add({ path: '/intake/v1/applications', fault: { kind: 'status', status: 503 }, times: 3 });
    outbox.submit({ service: 'consultation-callback', form: form() });
    outbox.startBackground(0);
    await expect.poll(() => outbox.status().sent, { timeout: 20_000 }).toBe(1);
    expect(proxy.log.filter((l) => l.path.startsWith('/intake/v1/applications') && l.status === 503).length).toBe(3);
    const t0 = Date.now();
    outbox.submit({ service: 'consultation-callback', form: form(2) });
    await expect.poll(() => outbox.status().sent, { timeout: 5_000 }).toBe(2);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(outbox.status().uploader).toMatchObject({ state: 'idle', lastError: null });
    proxy.clear();
  });

  it('a revoked device pauses the uploader with that reason; the applications stay pending', async () => {
    const { core } = await device('revoked-device');
    core.outbox.submit({ service: 'consultation-callback', form: form() });
    await ops.revokeDevice({ name: 'revoked-device' });
    const r = await core.outbox.sendNow();
    expect(r).toMatchObject({ sent: 0, pending: 1, stopped: { kind: 'paused', code: 'revoked' } });
    expect(core.outbox.status()).toMatchObject({ pending: 1, uploader: { state: 'paused', pausedReason: 'revoked', lastError: expect.stringMatching(/revoked/) } });
  });

  it('resumes after a restart: what was pending is sent by the next program on the same data folder', async () => {
    const { core } = await device('restart-device');
    const dataDir = core.env.dataDir;
    const ids = [1, 2].map((i) => core.outbox.submit({ service: 'consultation-callback', form: form(i) }).client_id);
    await core.close();
    const next = testCore({ dataDir }).core;
    cores.push(next);
    expect(next.outbox.status()).toMatchObject({ pending: 2 });
    expect(await next.outbox.sendNow()).toMatchObject({ sent: 2, pending: 0 });
    expect((await store.applications()).filter((a) => ids.includes(a.client_id))).toHaveLength(2);
    for (const f of walk(dataDir)) expect(f.mode, f.path).toBe(f.dir ? 0o700 : 0o600);
    for (const t of [PERSON.name, PERSON.phone]) expect(holds(dataDir, t), t).toEqual([]);
  });
});

describe('what went wrong, as a problem code next to the English words', () => {
  /** Something at the hub's address that is not the hub: answers as `answer` says (a real HTTP server on 127.0.0.1). */
  let answer: (res: import('node:http').ServerResponse) => void = (res) => res.writeHead(404).end();
  let impostor: Server;
  let impostorUrl: string;
  let near: FaultProxy;
  beforeAll(async () => {
    impostor = createServer((req, res) => req.resume().on('end', () => answer(res)));
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', r));
    const a = impostor.address();
    impostorUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    near = await startFaultProxy(hubUrl);
  });
  afterAll(async () => {
    await near?.close().catch(() => undefined);
    await new Promise((r) => impostor?.close(r));
  });

  it('each way a try fails has its code, for the uploader and for every application still waiting; a send clears it', async () => {
    const { core } = await device('problem-device', () => near.url);
    const ids = [1, 2].map((i) => core.outbox.submit({ service: 'consultation-callback', form: form(i) }).client_id);
    /** One try (no retries): what stopped it, the uploader's and each application's problem and words. */
    const attempt = async () => {
      const r = await core.outbox.sendNow({ retries: 0 });
      const st = core.outbox.status();
      return {
        stopped: r.stopped,
        uploader: { lastProblem: st.uploader.lastProblem, lastError: st.uploader.lastError },
        records: st.records.filter((x) => ids.includes(x.clientId)).map((x) => ({ state: x.state, lastProblem: x.lastProblem, lastError: x.lastError })),
      };
    };
    const expectProblem = async (problem: string, words: RegExp) => {
      const got = await attempt();
      expect(got.stopped).toEqual({ kind: 'transient', problem, message: expect.stringMatching(words) });
      expect(got.uploader).toEqual({ lastProblem: problem, lastError: got.stopped!.message });
      expect(got.records).toEqual(ids.map(() => ({ state: 'pending', lastProblem: problem, lastError: got.stopped!.message })));
    };

    near.add({ path: '/intake/v1/applications', fault: { kind: 'status', status: 503 } });
    await expectProblem('hub_busy', /^the hub answered 503/);
    near.clear();
    near.add({ path: '/intake/v1/applications', fault: { kind: 'drop' } });
    await expectProblem('unreachable', /^the hub at http:\/\/127\.0\.0\.1:\d+\/ cannot be reached/);
    near.clear();
    near.add({ path: '/intake/v1/applications', fault: { kind: 'portal' } });
    await expectProblem('wifi_login', /a web page — a Wi-Fi login page\?/);
    near.clear();

    // something else at the hub's address
    near.setUpstreams(impostorUrl);
    answer = (res) => res.writeHead(302, { location: 'http://login.example/' }).end();
    await expectProblem('wifi_login', /sent the device elsewhere \(302\)/);
    answer = (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    await expectProblem('not_hub', /not JSON \(text\/plain\)/);
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    await expectProblem('not_hub', /not the hub's upload answer/);
    answer = (res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
    await expectProblem('not_hub', /^the hub answered 404$/);
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [] }));
    await expectProblem('incomplete', /leaves out 2 of the 2 applications/);

    // the hub itself, its answer cut short after a few bytes (it did take them: the next try gets the same receipts)
    near.setUpstreams(hubUrl);
    near.add({ path: '/intake/v1/applications', fault: { kind: 'truncate', afterBytes: 10 } });
    await expectProblem('cut_short', /^the answer was cut short/);
    near.clear();

    // nothing listens at the address any more
    const port = new URL(near.url).port;
    await near.close();
    await expectProblem('unreachable', new RegExp(`^the hub at http://127\\.0\\.0\\.1:${port}/ cannot be reached \\(.*ECONNREFUSED`));
    expect(core.outbox.status().records.find((x) => x.clientId === ids[0])).toMatchObject({ attempts: 10 });

    // the hub back (the device's address pointed at it): sent, and the problem gone
    const d = readDevice(core.env.dataDir)!;
    writeFileSync(join(core.env.dataDir, 'device.json'), JSON.stringify({ ...d, hub_url: `${hubUrl}/` }), { mode: 0o600 });
    expect(await core.outbox.sendNow({ retries: 0 })).toMatchObject({ sent: 2, pending: 0 });
    expect(core.outbox.status().uploader).toMatchObject({ state: 'idle', lastError: null, lastProblem: null });
    expect(core.outbox.status().records.filter((x) => ids.includes(x.clientId)).map((x) => [x.state, x.lastProblem, x.lastError])).toEqual([
      ['sent', null, null],
      ['sent', null, null],
    ]);
  });

  it('a revoked device: paused, each waiting application says so; a device file that cannot be read says bad_device', async () => {
    const { core } = await device('problem-revoked');
    const id = core.outbox.submit({ service: 'consultation-callback', form: form() }).client_id;
    await ops.revokeDevice({ name: 'problem-revoked' });
    expect(await core.outbox.sendNow()).toMatchObject({ stopped: { kind: 'paused', code: 'revoked', problem: 'paused' } });
    const st = core.outbox.status();
    expect(st.uploader).toMatchObject({ state: 'paused', pausedReason: 'revoked', lastProblem: 'paused', lastError: expect.stringMatching(/revoked/) });
    expect(st.records.find((x) => x.clientId === id)).toMatchObject({ state: 'pending', lastProblem: 'paused', lastError: expect.stringMatching(/^revoked: /) });

    writeFileSync(join(core.env.dataDir, 'device.json'), '{"format":1', { mode: 0o600 });
    expect(core.outbox.status().uploader).toMatchObject({ state: 'not_enrolled', lastProblem: 'bad_device', lastError: expect.stringMatching(/device\.json cannot be read/) });
  });

  it('the uploader’s own failure (device.json reads, but its signing key cannot be used): each application in hand counted `failed` with plain words, kept in the database; a restart and `cli outbox` still say it; nothing lost; nothing personal', async () => {
    const first = await device('problem-failed');
    const dataDir = first.core.env.dataDir;
    const ids = [1, 2].map((i) => first.core.outbox.submit({ service: 'consultation-callback', form: form(i) }).client_id);
    const file = join(dataDir, 'device.json');
    const good = readFileSync(file, 'utf8');
    const d = JSON.parse(good) as { private_key: string };
    // a damaged key (a bad sector, a careless edit): the file still parses, so it is not bad_device
    writeFileSync(file, JSON.stringify({ ...d, private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }), { mode: 0o600 });
    const untouched = stored(dataDir);
    expect(untouched.map((r) => [r.client_id, r.state, r.attempts, r.last_error, r.last_problem])).toEqual(ids.map((id) => [id, 'pending', 0, null, null]));
    const WORDS = /^the uploader failed on this device while preparing the applications to send \(Error ERR_OSSL_UNSUPPORTED\); the applications are kept and tried again$/;

    // the kiosk's uploader, in the background: its pass fails before any request; it says `failed`, counts the try of each application it had in hand, waits, and tries again
    first.core.outbox.startBackground(0);
    await expect.poll(() => first.core.outbox.status().uploader.lastProblem, { timeout: 10_000 }).toBe('failed');
    first.core.outbox.stop();
    const st = first.core.outbox.status();
    expect(st.uploader).toEqual({ state: 'stopped', nextTryAt: expect.stringMatching(/^\d{4}-/), lastError: expect.stringMatching(WORDS), lastProblem: 'failed', pausedReason: null });
    const failedLog = first.logLines().filter((l) => l.event === 'outbox.failed');
    expect(failedLog[0]).toMatchObject({ stage: 'preparing', counted: 2, err: { code: 'ERR_OSSL_UNSUPPORTED', message: expect.stringMatching(/DECODER routines::unsupported/) } });
    // as stored, read by a connection of its own: each application in hand tried (once per failed pass), with the code and the plain words; the sealed bytes as they were
    const afterFail = stored(dataDir);
    expect(afterFail.map((r) => [r.client_id, r.state, r.last_problem, r.sealed])).toEqual(untouched.map((r) => [r.client_id, 'pending', 'failed', r.sealed]));
    for (const r of afterFail) {
      expect(r.attempts).toBeGreaterThanOrEqual(1);
      expect(r.last_error).toMatch(WORDS);
      expect(r.last_try_at).toMatch(/^\d{4}-/);
    }
    expect(untouched.every((r) => r.sealed !== null && r.sealed > 0)).toBe(true);
    await first.core.close();

    // a restart: a new program on the same data folder, its uploader not yet run, says the same from the database (the status view's records)
    const second = testCore({ dataDir });
    cores.push(second.core);
    const tries = afterFail.map((r) => r.attempts);
    expect(second.core.outbox.status().records.filter((r) => ids.includes(r.clientId)).map((r) => [r.state, r.attempts, r.lastProblem, r.lastError])).toEqual(
      afterFail.map((r) => ['pending', r.attempts, 'failed', r.last_error]),
    );

    // the CLI, a program of its own: `outbox send` tries once (no quick retries: it is not the network), says why, exit 1, the counts as the last --json line
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out, err };
    };
    const sent = await run(['outbox', 'send', '--json']);
    expect(sent).toEqual({ code: 1, out: ['{"sent":0,"attention":0,"pending":2}'], err: [expect.stringMatching(/^error: the uploader failed on this device while preparing the applications to send \(Error ERR_OSSL_UNSUPPORTED\)/)] });
    const now = stored(dataDir);
    expect(now.map((r) => r.attempts)).toEqual(tries.map((n) => n + 1));
    const listed = await run(['outbox']);
    expect(listed.code).toBe(0);
    expect(listed.out.slice(0, 3)).toEqual([
      'pending 2, sent 0, needs attention 0',
      expect.stringMatching(/^device: "problem-failed" \(dev_[0-9a-f]{32}\), enrolled .* with http:\/\/127\.0\.0\.1:\d+\/; hub key /),
      'uploader: not running in this program (the kiosk app sends by itself; `outbox send` sends now)',
    ]);
    expect(listed.out.slice(3)).toEqual(
      now.map((r) =>
        expect.stringMatching(
          new RegExp(`^ {2}${r.client_id} {2}consultation-callback {2}\\S+ {2}\\d+ B {2}waiting to be sent {2}receipt \\d{4}-\\d{4}-\\d \\(given here\\); ${r.attempts} tries; last error: the uploader failed on this device while preparing the applications to send \\(Error ERR_OSSL_UNSUPPORTED\\); the applications are kept and tried again$`),
        ),
      ),
    );
    const asJson = await run(['outbox', '--json']);
    expect(asJson).toMatchObject({ code: 0, out: ['{"pending":2,"sent":0,"attention":0}'] }); // the counts issue 13 names, and nothing else
    expect(now.map((r) => [r.state, r.last_problem])).toEqual(now.map(() => ['pending', 'failed']));

    // nothing personal in what was stored or in any log line, nor the sealed bytes
    const personal = [PERSON.name, PERSON.phone, PERSON.phone.replace(/-/g, ' '), PERSON.phone.replace(/-/g, '')];
    const said = JSON.stringify([now, st, first.logLines(), second.logLines(), sent, listed, asJson]);
    for (const p of personal) expect(said).not.toContain(p);
    expect(holds(dataDir, PERSON.name)).toEqual([]);

    // the key back: the next program's uploader sends both; the problem gone
    writeFileSync(file, good, { mode: 0o600 });
    second.core.outbox.startBackground(0);
    await expect.poll(() => second.core.outbox.counts().pending, { timeout: 20_000 }).toBe(0);
    expect(second.core.outbox.status().uploader).toMatchObject({ state: 'idle', lastProblem: null, lastError: null });
    expect(stored(dataDir).map((r) => [r.state, r.attempts, r.last_problem, r.last_error, r.sealed])).toEqual(tries.map((n) => ['sent', n + 2, null, null, null]));
    second.core.outbox.stop();
  });

  it('the uploader’s own failure after the hub took them (keeping its answer fails): nothing half-kept, each counted `failed` without the error’s own words; the next try gets the same receipts', async () => {
    const { core, logLines } = await device('problem-recording');
    const dataDir = core.env.dataDir;
    const submitted = [1, 2].map((i) => core.outbox.submit({ service: 'consultation-callback', form: form(i) }));
    const ids = submitted.map((x) => x.client_id);
    // the database refuses to mark one sent (as a full disk or a damaged page would), with words that must not be kept
    const SECRET = 'words-of-the-error-itself';
    const db = new Database(join(dataDir, 'outbox.sqlite'));
    db.exec(`CREATE TRIGGER fail_sent BEFORE UPDATE OF state ON application WHEN NEW.state = 'sent' AND NEW.client_id = '${ids[1]}' BEGIN SELECT RAISE(ABORT, '${SECRET}'); END`);
    db.close();
    const r = await core.outbox.sendNow();
    expect(r).toMatchObject({ sent: 0, attention: 0, pending: 2, tries: 1, stopped: { kind: 'failed', problem: 'failed' } });
    const WORDS = "the uploader failed on this device while keeping the hub's answer (SqliteError SQLITE_CONSTRAINT_TRIGGER); the applications are kept and tried again";
    expect(r.stopped!.message).toBe(WORDS);
    // the batch's answer rolled back whole (the first is not half sent): both pending, counted, with the plain words and not the error's own
    expect(stored(dataDir).map((x) => [x.client_id, x.state, x.attempts, x.last_problem, x.last_error, x.sealed! > 0])).toEqual(ids.map((id) => [id, 'pending', 1, 'failed', WORDS, true]));
    expect(JSON.stringify(stored(dataDir))).not.toContain(SECRET);
    expect(logLines().find((l) => l.event === 'outbox.failed')).toMatchObject({ stage: 'recording', counted: 2, err: { code: 'SQLITE_CONSTRAINT_TRIGGER', message: SECRET } });
    // the hub has both already; once the database takes it, the next try gets the receipts given here
    const fix = new Database(join(dataDir, 'outbox.sqlite'));
    fix.exec('DROP TRIGGER fail_sent');
    fix.close();
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2, pending: 0 });
    expect(stored(dataDir).map((x) => [x.state, x.attempts, x.last_problem, x.receipt])).toEqual(submitted.map((x) => ['sent', 2, null, x.receipt]));
    const atHub = (await store.applications()).filter((a) => ids.includes(a.client_id));
    expect(atHub.map((a) => a.client_id).sort()).toEqual([...ids].sort());
  });

  it('a revoked device’s pause is kept with the tries: a restart and `cli outbox` (text and --json) say it; a new enrolment does not carry it; the hub taking an upload ends it', async () => {
    const first = await device('problem-paused');
    const dataDir = first.core.env.dataDir;
    const id = first.core.outbox.submit({ service: 'consultation-callback', form: form() }).client_id;
    await ops.revokeDevice({ name: 'problem-paused' });
    expect(await first.core.outbox.sendNow()).toMatchObject({ stopped: { kind: 'paused', code: 'revoked' } });
    await first.core.close();
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out, err };
    };
    const listed = await run(['outbox']);
    expect(listed.code).toBe(0);
    expect(listed.out[2]).toBe('uploader: not running in this program (the kiosk app sends by itself; `outbox send` sends now)');
    expect(listed.out[3]).toMatch(/^paused: the hub refused this device \(revoked\) at \d{4}-\d\d-\d\dT[\d:.]+Z: .*revoked.*; the applications wait until the hub takes them again$/);
    expect(listed.out[4]).toMatch(new RegExp(`^ {2}${id} .* 1 try; last error: revoked: `));

    // the kiosk started again: its status view says the pause from the first look, before its uploader has tried (its first try a minute away here)
    const restarted = testCore({ dataDir }).core;
    cores.push(restarted);
    expect(restarted.outbox.status().uploader).toMatchObject({ state: 'stopped', pausedReason: null });
    restarted.outbox.startBackground(60_000);
    expect(restarted.outbox.status().uploader).toMatchObject({ state: 'paused', pausedReason: 'revoked', lastProblem: 'paused', lastError: expect.stringMatching(/^revoked: .*\(at \d{4}-/), nextTryAt: expect.stringMatching(/^\d{4}-/) });
    await restarted.close();

    // enrolled again (a new device id): the old enrolment's pause is not said; the hub refuses the old number, and taking that answer ends the kept pause
    await enrol({ dataDir, hubUrl, code: await code('problem-paused-2') });
    expect((await run(['outbox'])).out.some((l) => l.startsWith('paused:'))).toBe(false);
    const rows = () => {
      const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT device_id, code FROM uploader_pause').all();
      } finally {
        db.close();
      }
    };
    expect(rows()).toEqual([{ device_id: expect.stringMatching(/^dev_/), code: 'revoked' }]);
    expect(await run(['outbox', 'send', '--json'])).toMatchObject({ code: 0, out: ['{"sent":0,"attention":1,"pending":0}'] });
    expect(rows()).toEqual([]);
  });

  it('the classification, answer by answer (the hub’s own words pause or refuse; nothing else counts as sent)', () => {
    const ids = ['a'];
    const page = { type: 'text/html; charset=utf-8', text: PORTAL_HTML };
    const json = (status: number, body: unknown) => ({ status, type: 'application/json; charset=utf-8', text: JSON.stringify(body) });
    const problem = (r: Parameters<typeof classifyUpload>[0], single = false) => {
      const o = classifyUpload(r, ids, single);
      return o.kind === 'transient' ? o.problem : o.kind;
    };
    expect(problem({ failed: 'x', problem: 'unreachable' })).toBe('unreachable');
    expect(problem({ failed: 'x', problem: 'cut_short' })).toBe('cut_short');
    for (const status of [500, 502, 503, 504, 429, 408]) expect(problem({ status, type: 'text/plain', text: '' }), String(status)).toBe('hub_busy');
    expect(problem({ status: 502, ...page })).toBe('hub_busy');
    for (const status of [301, 302, 303, 307, 308]) expect(problem({ status, type: '', text: '' }), String(status)).toBe('wifi_login');
    expect(problem({ status: 200, ...page })).toBe('wifi_login');
    expect(problem({ status: 200, type: 'text/plain', text: '<!DOCTYPE html><html></html>' })).toBe('wifi_login');
    expect(problem({ status: 401, ...page })).toBe('wifi_login');
    expect(problem({ status: 403, type: 'text/plain', text: 'Forbidden' })).toBe('not_hub');
    expect(problem(json(401, { error: 'clock_skew', message: 'set the clock' }))).toBe('paused');
    expect(problem({ status: 200, type: 'application/json', text: '{"results":' })).toBe('not_hub');
    expect(problem(json(201, { results: [] }))).toBe('not_hub'); // a batch is answered 200
    expect(problem(json(201, { nothing: true }), true)).toBe('not_hub');
    expect(problem(json(200, { results: [{ client_id: 'b', status: 400, error: 'bad_form', message: 'not for a' }] }))).toBe('incomplete');
    expect(problem(json(404, { error: 'not_found', message: 'no route' }))).toBe('not_hub');
    expect(problem({ status: 405, ...page })).toBe('wifi_login');
    expect(problem(json(413, { error: 'too_large', message: 'too large' }))).toBe('refused');
  });
});

describe('backoff', () => {
  it('full jitter under an exponential ceiling, capped', () => {
    expect(retryDelay(1, 1)).toBe(2_000);
    expect(retryDelay(2, 1)).toBe(4_000);
    expect(retryDelay(3, 0.5)).toBe(4_000);
    expect(retryDelay(30, 1)).toBe(300_000);
    expect(retryDelay(5, 0)).toBe(0);
    expect(retryDelay(0, 1)).toBe(2_000);
  });
});

