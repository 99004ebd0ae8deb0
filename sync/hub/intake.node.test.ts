/**
 * The hub's intake over real HTTP (127.0.0.1, any port) on a real store — the embedded PGlite
 * and a real PostgreSQL server — with devices made here as the device side makes them: an
 * ed25519 key, enrolment with a one-time code from the operator operation, applications sealed
 * with the sealing key the hub handed over, every request signed (device-auth.node.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, randomUUID, verify, type KeyObject } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryLogger } from '../../core/log.node.js';
import { freshDir, resources } from '../../tests/env.node.js';
import { generateHubKeys, loadHubKeys, parsePublicKey, type HubKeys } from '../protocol/keys.node.js';
import { generateSealingKeys, seal, SEALING_KEY_STATEMENT } from '../protocol/seal.node.js';
import { deviceAuthorization } from '../protocol/device-auth.node.js';
import { Enrolment, INTAKE_PREFIX, MAX_SEALED_BYTES, normalizeCode, receiptFrom, ReceiptStatus, UploadAnswer, type Upload } from '../protocol/intake.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { registerIntake } from './intake.node.js';
import { codeDigest, ensureOperatorToken, localOperations, readOperatorEndpoint, remoteOperations, type HubOperations, type Publisher } from './operator.node.js';
import { startHub, type RunningHub } from './server.node.js';
import { openHubStore } from './store.node.js';
import type { HubStore } from './store.js';
import { hubLayout, type HubLayout } from './layout.node.js';
import { freshHubLayout, hubStoreBackends } from './testing.node.js';

const noPublisher: Publisher = {
  publish: () => Promise.reject(new Error('not in these tests')),
  exportBundle: () => Promise.reject(new Error('not in these tests')),
};

interface TestHub {
  hub: RunningHub;
  store: HubStore;
  ops: HubOperations;
  keys: HubKeys;
  sealingKey: string;
  layout: HubLayout;
  lines: () => Record<string, unknown>[];
  token: string;
}

async function startTestHub(databaseUrl: string | undefined, o: { enrolMax?: number; now?: () => number } = {}): Promise<TestHub> {
  const layout = databaseUrl ? hubLayout(freshDir('intake-http-')) : await freshHubLayout('intake-http-');
  const { logger, lines } = memoryLogger('hub');
  const store = await openHubStore({ layout, databaseUrl, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const { keys: sealing } = ensureSealingKeys(layout, logger);
  const token = ensureOperatorToken(layout, logger);
  const ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
  const hub = await startHub({
    layout,
    store,
    keys,
    logger,
    host: '127.0.0.1',
    port: 0,
    operations: ops,
    operatorToken: token,
    extensions: [(app) => registerIntake(app, { store, keys, sealing, enrolRateLimit: { max: o.enrolMax ?? 1000, timeWindow: 60_000 }, now: o.now })],
  });
  return { hub, store, ops, keys, sealingKey: sealing.publicKey, layout, lines, token };
}

interface Device {
  id: string;
  key: KeyObject;
  sealingKey: string;
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
  type: string | null;
}

async function send(url: string, method: string, path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { method, body, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } });
  const text = await res.text();
  // every answer is JSON, whatever the status: a device tells the hub from a Wi-Fi login page by it
  expect(res.headers.get('content-type'), `${method} ${path} → ${res.status}: ${text.slice(0, 200)}`).toMatch(/^application\/json/);
  return { status: res.status, json: JSON.parse(text) as Record<string, unknown>, type: res.headers.get('content-type') };
}

/** A request signed by the device (or by `as`, a device pretending). */
function signed(url: string, d: Device, method: string, path: string, body?: unknown, o: { ts?: number; tamper?: (b: string) => string } = {}) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const auth = deviceAuthorization({ method, path, body: text ?? '' }, { id: d.id, privateKey: d.key }, o.ts ?? Date.now());
  return send(url, method, path, text !== undefined && o.tamper ? o.tamper(text) : text, { authorization: auth });
}

async function enrol(t: TestHub, name: string): Promise<Device> {
  const { code } = await t.ops.enrolDevice({ name });
  const keys = loadHubKeys(generateHubKeys().privatePem);
  const r = await send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, JSON.stringify({ code: code.toLowerCase().replace('-', ' '), public_key: keys.publicKey }));
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const e = Enrolment.parse(r.json);
  // the device checks the hub: it knows the code, and its signing key vouches for its sealing key
  const canonical = normalizeCode(code)!;
  expect(e.proof).toBe(createHmac('sha256', canonical).update(`${e.device_id}\n${e.signing_key}\n${e.sealing_key}\n${keys.publicKey}`).digest('hex'));
  expect(verify(null, Buffer.from(SEALING_KEY_STATEMENT + e.sealing_key), parsePublicKey(e.signing_key), Buffer.from(e.sealing_key_signature, 'base64'))).toBe(true);
  expect(e).toMatchObject({ name, signing_key: t.keys.publicKey, sealing_key: t.sealingKey });
  return { id: e.device_id, key: keys.privateKey, sealingKey: e.sealing_key };
}

const PHONE = '010-2468-1357';
const form = (n = 0) => ({ name: `김순자${n}`, phone: PHONE, topic: '손자녀 돌봄', preferred_time: 'weekday_morning', consent: true });

/** An application sealed as the device seals it. */
function upload(sealingKey: string, o: { form?: Record<string, unknown>; inner?: Record<string, unknown>; client_id?: string } = {}): Upload {
  const meta = { client_id: o.client_id ?? randomUUID(), service: 'consultation-callback', created_at: new Date().toISOString() };
  const inside = { format: 1, ...meta, form: o.form ?? form(), consent: { version: 'consult-v1', given_at: meta.created_at }, ...o.inner };
  const sealed = seal(Buffer.from(JSON.stringify(inside)), sealingKey, meta);
  return { ...meta, size: sealed.length, sealed: sealed.toString('base64') };
}
/** Other sealed bytes under the same envelope (another form). */
function reseal(u: Upload, sealingKey: string): Upload {
  const meta = { client_id: u.client_id, service: u.service, created_at: u.created_at };
  const s = seal(Buffer.from(JSON.stringify({ format: 1, ...meta, form: form(9), consent: { version: 'consult-v1', given_at: u.created_at } })), sealingKey, meta);
  return { ...u, size: s.length, sealed: s.toString('base64') };
}

const APPS = `${INTAKE_PREFIX}/applications`;

const { backends } = hubStoreBackends();

describe.each(backends)('the intake on $name', ({ url }) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(await url());
  }, 120_000);
  afterAll(async () => {
    await t?.hub.close();
  });

  it('enrols with a one-time code (typed any way); a used, wrong or expired code is refused alike, never saying which', async () => {
    const d = await enrol(t, '3층 키오스크');
    expect(d.id).toMatch(/^dev_[0-9a-f]{32}$/);
    const { code } = await t.ops.enrolDevice({ name: 'laptop' });
    const key = generateHubKeys().publicKey;
    const post = (c: string) => send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, JSON.stringify({ code: c, public_key: key }));
    expect((await post(code)).status).toBe(201);
    const used = await post(code);
    const wrong = await post('ABCDE-FGHJK');
    const notACode = await post('hello');
    await t.store.createCode({ code_sha256: codeDigest('0000000000'), name: 'old', expires_at: new Date(Date.now() - 1000).toISOString() });
    const expired = await post('00000-00000');
    for (const r of [used, wrong, notACode, expired]) {
      expect(r.status).toBe(403);
      expect(r.json).toEqual(used.json);
    }
    expect(used.json).toMatchObject({ error: 'bad_code' });
    expect(used.json.message).toMatch(/mistyped, used already or expired/);
    // malformed: 400 naming the field
    const bad = await send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, JSON.stringify({ code: 'x', public_key: 'ed25519:nope' }));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ field: 'public_key' });
    const extra = await send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, JSON.stringify({ code: 'x', public_key: key, admin: true }));
    expect(extra).toMatchObject({ status: 400, json: { field: 'admin' } });
    expect((await send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, '{')).json).toMatchObject({ error: 'bad_json', field: 'body' });
    const text = await fetch(`${t.hub.url}${INTAKE_PREFIX}/enrol`, { method: 'POST', body: 'code', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('a batch: 201 each with a receipt; sent again: 200 with the same receipts; other bytes under a used id: 409', async () => {
    const d = await enrol(t, 'kiosk-batch');
    const list = [upload(d.sealingKey), upload(d.sealingKey), upload(d.sealingKey)];
    const first = await signed(t.hub.url, d, 'POST', APPS, { applications: list });
    expect(first.status).toBe(200);
    const a1 = UploadAnswer.parse(first.json);
    expect(a1.results.map((r) => [r.client_id, r.status])).toEqual(list.map((u) => [u.client_id, 201]));
    const again = UploadAnswer.parse((await signed(t.hub.url, d, 'POST', APPS, { applications: list })).json);
    expect(again.results).toEqual(a1.results.map((r) => ({ ...r, status: 200 })));
    const changed = reseal(list[1]!, d.sealingKey);
    const conflict = UploadAnswer.parse((await signed(t.hub.url, d, 'POST', APPS, { applications: [changed] })).json);
    expect(conflict.results[0]).toMatchObject({ client_id: list[1]!.client_id, status: 409, error: 'conflict' });
    // the receipt answers, for any enrolled device
    const other = await enrol(t, 'kiosk-other');
    const receipt = (a1.results[0] as { receipt: string }).receipt;
    const st = await signed(t.hub.url, other, 'GET', `${INTAKE_PREFIX}/receipts/${receipt}`);
    expect(st.status).toBe(200);
    expect(ReceiptStatus.parse(st.json)).toEqual({ receipt, service: 'consultation-callback', status: 'received', received_at: (a1.results[0] as { received_at: string }).received_at });
    // typed without dashes: the same
    expect((await signed(t.hub.url, other, 'GET', `${INTAKE_PREFIX}/receipts/${receipt.replace(/-/g, '')}`)).status).toBe(200);
    const digits = receipt.replace(/-/g, '');
    const typo = `${digits.slice(0, 2)}${(Number(digits[2]) + 1) % 10}${digits.slice(3)}`;
    expect(await signed(t.hub.url, other, 'GET', `${INTAKE_PREFIX}/receipts/${typo}`)).toMatchObject({ status: 400, json: { error: 'bad_receipt', field: 'receipt' } });
    const unknown = receiptFrom(receipt === receiptFrom('12345678') ? '87654321' : '12345678');
    expect((await signed(t.hub.url, other, 'GET', `${INTAKE_PREFIX}/receipts/${unknown}`)).status).toBe(404);
  });

  it('one bad application in a batch is refused with its reason; the good ones around it are taken', async () => {
    const d = await enrol(t, 'kiosk-mixed');
    const good = [upload(d.sealingKey), upload(d.sealingKey), upload(d.sealingKey)];
    const otherHub = generateSealingKeys().publicKey;
    const tampered = upload(d.sealingKey);
    const bytes = Buffer.from(tampered.sealed, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    const moved = upload(d.sealingKey);
    const inner = upload(d.sealingKey, { inner: { service: 'other-service' } });
    const cut = upload(d.sealingKey);
    const huge = { ...upload(d.sealingKey), size: MAX_SEALED_BYTES + 1 };
    const batch = [
      good[0],
      { ...upload(otherHub) },
      good[1],
      { ...tampered, sealed: bytes.toString('base64') },
      { ...moved, created_at: new Date(Date.parse(moved.created_at) + 1000).toISOString() },
      inner,
      { ...cut, size: cut.size - 1 },
      { ...upload(d.sealingKey), service: 'Not A Service' },
      huge,
      'not an application',
      { ...upload(d.sealingKey), sealed: Buffer.from('hello').toString('base64'), size: 5 },
      good[2],
    ];
    const r = await signed(t.hub.url, d, 'POST', APPS, { applications: batch });
    expect(r.status).toBe(200);
    const results = UploadAnswer.parse(r.json).results;
    const summary = results.map((x) => [x.status, 'error' in x ? x.error : 'ok']);
    expect(summary).toEqual([
      [201, 'ok'],
      [400, 'wrong_key'],
      [201, 'ok'],
      [400, 'tampered'],
      [400, 'tampered'],
      [400, 'envelope_mismatch'],
      [400, 'size_mismatch'],
      [400, 'bad_application'],
      [413, 'too_large'],
      [400, 'bad_application'],
      [400, 'not_sealed'],
      [201, 'ok'],
    ]);
    const msg = (i: number) => (results[i] as { message: string }).message;
    expect(msg(1)).toMatch(/another sealing key.*Enrol the device with this hub again/);
    expect(msg(5)).toMatch(/field "service"/);
    expect(msg(6)).toMatch(/field "applications\.6\.size"/);
    expect(msg(7)).toMatch(/field "applications\.7\.service"/);
    expect(msg(9)).toMatch(/field "applications\.9"/);
    expect(results[1]!.client_id).toBe((batch[1] as Upload).client_id);
    // every refusal logged with its client id and reason, never the body
    const refusals = t.lines().filter((l) => l.msg && String(l.msg).startsWith('application refused'));
    expect(refusals.map((l) => l.reason)).toEqual(expect.arrayContaining(['wrong_key', 'tampered', 'envelope_mismatch', 'size_mismatch', 'too_large', 'not_sealed']));
    expect(refusals.find((l) => l.reason === 'wrong_key')).toMatchObject({ client_id: (batch[1] as Upload).client_id, device: 'kiosk-mixed', level: 40 });
  });

  it('PUT one application: 201, the same again 200, other bytes 409, a tampered one 400, a path that is not its id 400, too large 413', async () => {
    const d = await enrol(t, 'kiosk-put');
    const u = upload(d.sealingKey);
    const path = `${APPS}/${u.client_id}`;
    const first = await signed(t.hub.url, d, 'PUT', path, u);
    expect(first).toMatchObject({ status: 201, json: { client_id: u.client_id, status: 201 } });
    const again = await signed(t.hub.url, d, 'PUT', path, u);
    expect(again).toMatchObject({ status: 200, json: { ...first.json, status: 200 } });
    expect((await signed(t.hub.url, d, 'PUT', path, reseal(u, d.sealingKey))).json).toMatchObject({ status: 409, error: 'conflict', client_id: u.client_id });
    expect((await signed(t.hub.url, d, 'PUT', path, reseal(u, d.sealingKey))).status).toBe(409);
    const t2 = upload(d.sealingKey);
    const b = Buffer.from(t2.sealed, 'base64');
    b[100] = b[100]! ^ 1;
    expect(await signed(t.hub.url, d, 'PUT', `${APPS}/${t2.client_id}`, { ...t2, sealed: b.toString('base64') })).toMatchObject({ status: 400, json: { error: 'tampered' } });
    expect(await signed(t.hub.url, d, 'PUT', `${APPS}/${randomUUID()}`, upload(d.sealingKey))).toMatchObject({ status: 400, json: { field: 'client_id' } });
    const big = upload(d.sealingKey);
    const tooBig = { ...big, sealed: 'A'.repeat(MAX_SEALED_BYTES * 2) };
    expect(await signed(t.hub.url, d, 'PUT', `${APPS}/${big.client_id}`, tooBig)).toMatchObject({ status: 413, json: { error: 'too_large' } });
    const justOver = { ...big, sealed: 'A'.repeat(Math.ceil((MAX_SEALED_BYTES * 4) / 3) + 8), size: MAX_SEALED_BYTES + 6 };
    expect(await signed(t.hub.url, d, 'PUT', `${APPS}/${big.client_id}`, justOver)).toMatchObject({ status: 413, json: { status: 413, error: 'too_large' } });
  });

  it('a batch body over the limit is 413; a malformed one 400 naming the field', async () => {
    const d = await enrol(t, 'kiosk-malformed');
    const u = upload(d.sealingKey);
    const huge = { applications: Array.from({ length: 101 }, () => ({ ...u, sealed: 'A'.repeat(90_000) })) };
    expect(await signed(t.hub.url, d, 'POST', APPS, huge)).toMatchObject({ status: 413, json: { error: 'too_large' } });
    expect(await signed(t.hub.url, d, 'POST', APPS, '{"applications": [')).toMatchObject({ status: 400, json: { error: 'bad_json', field: 'body' } });
    expect(await signed(t.hub.url, d, 'POST', APPS, { applications: 'all of them' })).toMatchObject({ status: 400, json: { field: 'applications' } });
    expect(await signed(t.hub.url, d, 'POST', APPS, { applications: [] })).toMatchObject({ status: 400, json: { field: 'applications' } });
    expect(await signed(t.hub.url, d, 'POST', APPS, { applications: [u], more: 1 })).toMatchObject({ status: 400, json: { field: 'more' } });
    const many = await signed(t.hub.url, d, 'POST', APPS, { applications: Array.from({ length: 101 }, () => u) });
    expect(many).toMatchObject({ status: 400, json: { field: 'applications' } });
    expect(many.json.message).toMatch(/at most 100/);
  });

  it('no signature, a bad one, an unknown device, a clock a day off: 401 saying which; a revoked device: 403', async () => {
    const d = await enrol(t, 'kiosk-auth');
    const body = { applications: [upload(d.sealingKey)] };
    expect(await send(t.hub.url, 'POST', APPS, JSON.stringify(body))).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
    expect(await send(t.hub.url, 'POST', APPS, JSON.stringify(body), { authorization: 'Bearer x' })).toMatchObject({ status: 401, json: { error: 'bad_authorization' } });
    const tampered = await signed(t.hub.url, d, 'POST', APPS, body, { tamper: (b) => b.replace('consultation-callback', 'consultation-callbacx') });
    expect(tampered).toMatchObject({ status: 401, json: { error: 'bad_signature' } });
    const stranger = { ...d, id: `dev_${'0'.repeat(32)}` };
    expect(await signed(t.hub.url, stranger, 'POST', APPS, body)).toMatchObject({ status: 401, json: { error: 'unknown_device' } });
    const impostor = { ...d, key: loadHubKeys(generateHubKeys().privatePem).privateKey };
    expect(await signed(t.hub.url, impostor, 'POST', APPS, body)).toMatchObject({ status: 401, json: { error: 'bad_signature' } });
    const skew = await signed(t.hub.url, d, 'POST', APPS, body, { ts: Date.now() - 25 * 3600_000 });
    expect(skew).toMatchObject({ status: 401, json: { error: 'clock_skew' } });
    expect(skew.json.message).toMatch(/set the device's clock/);
    expect((await signed(t.hub.url, d, 'POST', APPS, body)).status).toBe(200);
    expect(await t.ops.revokeDevice({ name: 'kiosk-auth' })).toMatchObject({ name: 'kiosk-auth' });
    const revoked = await signed(t.hub.url, d, 'POST', APPS, { applications: [upload(d.sealingKey)] });
    expect(revoked).toMatchObject({ status: 403, json: { error: 'revoked' } });
    expect((await signed(t.hub.url, d, 'GET', `${INTAKE_PREFIX}/receipts/1234-5678-9`)).status).toBe(403);
    const logged = t.lines().filter((l) => l.msg && String(l.msg).startsWith('intake refused'));
    expect(logged.map((l) => l.reason)).toEqual(expect.arrayContaining(['unauthorized', 'bad_signature', 'unknown_device', 'clock_skew', 'revoked']));
    for (const l of t.lines()) expect(JSON.stringify(l)).not.toMatch(/authorization":"A1279/i);
  });

  it('the operator lists the applications opened, the same through the running hub and on the store; nothing personal in the log', async () => {
    const d = await enrol(t, '상담실 노트북');
    const u = upload(d.sealingKey, { form: form(7) });
    await signed(t.hub.url, d, 'POST', APPS, { applications: [u] });
    const local = await t.ops.applications();
    const ep = readOperatorEndpoint(t.layout)!;
    const remote = await remoteOperations(ep, t.token).applications();
    expect(remote).toEqual(local);
    const mine = local.find((a) => a.client_id === u.client_id)!;
    expect(mine).toMatchObject({ device: '상담실 노트북', service: 'consultation-callback', status: 'received', form: form(7), consent: { version: 'consult-v1' }, created_at: u.created_at });
    expect(mine.receipt).toMatch(/^\d{4}-\d{4}-\d$/);
    // oldest first
    const times = local.map((a) => Date.parse(a.received_at));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    // a bad name and an unknown device, through the hub as in-process: the same message
    await expect(remoteOperations(ep, t.token).enrolDevice({ name: '../etc' })).rejects.toThrow(/the device name "..\/etc" is not one the hub takes/);
    await expect(t.ops.enrolDevice({ name: '../etc' })).rejects.toThrow(/the device name "..\/etc" is not one the hub takes/);
    await expect(remoteOperations(ep, t.token).revokeDevice({ name: 'nobody' })).rejects.toMatchObject({ status: 404, message: 'no device named "nobody" is enrolled on this hub, and no code for that name is waiting' });
    await expect(remoteOperations(ep, t.token).enrolDevice({ name: '상담실 노트북' })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/revoke it first/) });
    const log = JSON.stringify(t.lines());
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain('김순자');
  });
});

describe('enrolment is rate-limited per address', () => {
  it('after the limit: 429 with Retry-After, even for a good code', async () => {
    const t = await startTestHub(undefined, { enrolMax: 3 });
    try {
      const key = generateHubKeys().publicKey;
      for (let i = 0; i < 3; i++) expect((await send(t.hub.url, 'POST', `${INTAKE_PREFIX}/enrol`, JSON.stringify({ code: 'ABCDE-FGHJK', public_key: key }))).status).toBe(403);
      const { code } = await t.ops.enrolDevice({ name: 'late' });
      const res = await fetch(`${t.hub.url}${INTAKE_PREFIX}/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, public_key: key }) });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ error: 'rate_limited' });
      // uploads are not limited by it
      expect((await fetch(`${t.hub.url}${APPS}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    } finally {
      await t.hub.close();
    }
  }, 120_000);
});

describe('at rest', () => {
  it("the hub's PGlite folder holds the sealed bytes, never the phone number or the name in plain text", async () => {
    const t = await startTestHub(undefined);
    let layout: HubLayout;
    try {
      const d = await enrol(t, 'kiosk-rest');
      const list = Array.from({ length: 20 }, (_, i) => upload(d.sealingKey, { form: form(i) }));
      expect(UploadAnswer.parse((await signed(t.hub.url, d, 'POST', APPS, { applications: list })).json).results.every((r) => r.status === 201)).toBe(true);
      expect((await t.ops.applications()).map((a) => a.form?.phone)).toEqual(list.map(() => PHONE));
      layout = t.layout;
    } finally {
      await t.hub.close();
    }
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(layout.dataDir);
    expect(files.length).toBeGreaterThan(10);
    const needles = [PHONE, '김순자', '01024681357'].map((s) => Buffer.from(s, 'utf8'));
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} holds ${n.toString()}`).toBe(false);
    }
  }, 120_000);
});

describe('the sealing key', () => {
  it('is made once (0600, its public line beside it), kept after, repaired when its files are off, and a key that is not one is refused', () => {
    const layout = hubLayout(join(freshDir('seal-key-'), 'hub'));
    const { logger, lines } = memoryLogger('hub');
    const first = ensureSealingKeys(layout, logger);
    expect(first.created).toBe(true);
    expect(first.keys.publicKey).toMatch(/^x25519:[A-Za-z0-9+/]{43}=$/);
    expect(statSync(layout.sealPrivateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.sealPublicKey, 'utf8')).toBe(`${first.keys.publicKey}\n`);
    const again = ensureSealingKeys(layout, logger);
    expect(again).toMatchObject({ created: false, keys: { publicKey: first.keys.publicKey, keyId: first.keys.keyId } });
    // the signing key is another key, in another file
    expect(ensureHubKeys(layout, logger).keys.publicKey).toMatch(/^ed25519:/);
    chmodSync(layout.sealPrivateKey, 0o644);
    writeFileSync(layout.sealPublicKey, 'x25519:somebody-else\n');
    expect(ensureSealingKeys(layout, logger).keys.publicKey).toBe(first.keys.publicKey);
    expect(statSync(layout.sealPrivateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(layout.sealPublicKey, 'utf8')).toBe(`${first.keys.publicKey}\n`);
    expect(lines().map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/sealing key \(its private key\) was readable by others/), expect.stringMatching(/public key file of the hub's sealing key did not match/)]));
    writeFileSync(layout.sealPrivateKey, generateHubKeys().privatePem);
    expect(() => ensureSealingKeys(layout, logger)).toThrow(/hub-seal\.pem is not an x25519 private key .*restore it from a backup/);
  });
});

describe('when the store fails', () => {
  it('an upload gets a JSON 503 the device retries, and the hub logs the cause', async () => {
    const t = await startTestHub(undefined);
    try {
      const d = await enrol(t, 'kiosk-5xx');
      await t.store.close(); // the database gone under the running hub
      const r = await signed(t.hub.url, d, 'POST', APPS, { applications: [upload(d.sealingKey)] });
      expect(r.status).toBe(503);
      expect(r.json).toMatchObject({ error: 'unavailable' });
      expect(String(r.json.message)).toMatch(/send it again later/);
      const logged = t.lines().find((l) => l.level === 50 && String(l.msg).includes('/intake/v1/applications failed'));
      expect((logged?.err as { message?: string } | undefined)?.message).toBe('the hub store is closed');
    } finally {
      await t.hub.close();
    }
  }, 120_000);
});
