/**
 * Receipt numbers a person leaves with, even offline (issue 14), against the REAL hub over HTTP
 * on 127.0.0.1 — its store on the embedded PGlite and on a real PostgreSQL server — and real
 * devices (the core's outbox on real SQLite), through a fault proxy that takes the network away:
 * the number given at submit is the one the hub keeps; a number from another device's block, or
 * one another application holds, is refused (409) into "needs attention" with the hub's words;
 * a resend gets the same number; a device running low gets another block (never more than two
 * unused); an application without a number gets one from a block of the hub's own; a person's
 * lookup by receipt and phone (any writing of the phone) finds the status, and a wrong phone and
 * an unknown receipt get the very same 404; too many lookups: 429. No phone in the hub's log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHash, createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { memoryLogger } from '../../core/log.node.js';
import { freshDir, resources, sourceFormCatalogue, testCore } from '../../tests/env.node.js';
import { startFaultProxy, type FaultProxy } from '../../tests/fault-proxy.node.js';
import { enrol, readDevice, deviceFile } from '../../core/outbox/enrol.node.js';
import { formFor } from '../../core/forms/registry.js';
import type { Core } from '../../core/core.node.js';
import { deviceAuthorization } from '../protocol/device-auth.node.js';
import { generateHubKeys } from '../protocol/keys.node.js';
import { INTAKE_PREFIX, parseReceipt, RECEIPT_BLOCK_SIZE, RECEIPT_LOW_WATER, receiptFrom, receiptOf, ReceiptStatus, type Upload } from '../protocol/intake.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { LOOKUP_NOT_FOUND, registerIntake } from './intake.node.js';
import { localOperations, type Publisher } from './operator.node.js';
import { createHubServer } from './server.node.js';
import { hubMigrations, MAX_UNUSED_BLOCKS, openHubStore } from './store.node.js';
import type { HubStore } from './store.js';
import { hubLayout } from './layout.node.js';
import { freshHubLayout, hubStoreBackends } from './testing.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };
const PERSON = { name: '정미숙', phone: '010-3141-5926', typed: '010 3141 5926' };
const callback = (i = 0) => ({ name: PERSON.name, phone: PERSON.typed, topic: `손주 돌봄 상담 ${i}`, preferred_time: 'weekday_morning', consent: true });

const { backends } = hubStoreBackends();

describe.each(backends)('receipt numbers on $name', ({ url }) => {
  let app: FastifyInstance;
  let hub: { url: string };
  let store: HubStore;
  let ops: ReturnType<typeof localOperations>;
  let hubLines: () => Record<string, unknown>[];
  let proxy: FaultProxy;
  const cores: Core[] = [];

  beforeAll(async () => {
    const databaseUrl = await url();
    const layout = databaseUrl ? hubLayout(freshDir('receipts-hub-')) : await freshHubLayout('receipts-hub-');
    const { logger, lines } = memoryLogger('hub');
    hubLines = lines;
    store = await openHubStore({ layout, databaseUrl, logger });
    const { keys } = ensureHubKeys(layout, logger);
    const { keys: sealing } = ensureSealingKeys(layout, logger);
    ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
    app = await createHubServer({
      layout,
      store,
      keys,
      logger,
      extensions: [(a) => registerIntake(a, { store, keys, sealing, formCatalogue: sourceFormCatalogue, enrolRateLimit: { max: 1000, timeWindow: 60_000 } })],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    hub = { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
    proxy = await startFaultProxy(hub.url);
  }, 120_000);
  afterAll(async () => {
    for (const c of cores) await c.close();
    await proxy?.close();
    await app?.close();
    await store?.close();
  });

  /** A device (its own data folder and core) enrolled with the hub through the proxy. */
  async function device(name: string): Promise<{ core: Core; logLines: () => Record<string, unknown>[]; id: string }> {
    const c = testCore({ dataDir: freshDir('receipts-device-') });
    cores.push(c.core);
    await enrol({ dataDir: c.core.env.dataDir, hubUrl: proxy.url, code: (await ops.enrolDevice({ name })).code });
    return { ...c, id: readDevice(c.core.env.dataDir)!.device_id };
  }
  const record = (core: Core, clientId: string) => core.outbox.status().records.find((r) => r.clientId === clientId)!;
  const outboxDb = (core: Core) => new Database(join(core.env.dataDir, 'outbox.sqlite'));
  /** The device's own signed request to the hub (as its outbox signs them). */
  async function asDevice(core: Core, method: string, route: string, body?: unknown): Promise<{ status: number; text: string; json: Record<string, unknown>; headers: Headers }> {
    const d = readDevice(core.env.dataDir)!;
    const path = `${INTAKE_PREFIX}/${route}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const res = await fetch(`${hub.url}${path}`, {
      method,
      body: body === undefined ? undefined : text,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), authorization: deviceAuthorization({ method, path, body: text }, { id: d.device_id, privateKey: createPrivateKey(d.private_key) }) },
    });
    const t = await res.text();
    return { status: res.status, text: t, json: JSON.parse(t) as Record<string, unknown>, headers: res.headers };
  }

  it('the receipt given offline at submit is the receipt the hub keeps and reports; a resend gets the same one', async () => {
    const { core, id } = await device('offline-kiosk');
    const block = readDevice(core.env.dataDir)!.receipt_block!;
    expect(block).toMatch(/^\d{4}$/);
    expect(await store.receiptBlocks(id)).toEqual([block]);

    proxy.add({ path: '/intake/', fault: { kind: 'drop' } });
    const first = core.outbox.submit({ service: 'consultation-callback', form: callback(1) });
    const second = core.outbox.submit({ service: 'consultation-callback', form: callback(2) });
    // given at once, from the enrolment's block, in order, each with its check digit
    expect(first.receipt).toBe(receiptOf(block, 0));
    expect(second.receipt).toBe(receiptOf(block, 1));
    expect(parseReceipt(first.receipt!)).toBe(first.receipt);
    const offline = await core.outbox.sendNow({ retries: 0 });
    expect(offline).toMatchObject({ sent: 0, pending: 2, stopped: { kind: 'transient' } });
    expect(record(core, first.client_id)).toMatchObject({ state: 'pending', receipt: first.receipt });

    // the resend below is the application exactly as the device uploads it
    const db = outboxDb(core);
    const row = db.prepare('SELECT client_id, service, created_at, size, sealed, receipt FROM application WHERE client_id = ?').get(first.client_id) as { client_id: string; service: string; created_at: string; size: number; sealed: Buffer; receipt: string };
    db.close();
    const upload: Upload = { client_id: row.client_id, service: row.service, created_at: row.created_at, size: row.size, sealed: row.sealed.toString('base64'), receipt: row.receipt };

    proxy.clear();
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2, attention: 0, pending: 0 });
    expect(record(core, first.client_id)).toMatchObject({ state: 'sent', receipt: first.receipt });
    expect(record(core, second.client_id)).toMatchObject({ state: 'sent', receipt: second.receipt });
    const status = await asDevice(core, 'GET', `receipts/${first.receipt}`);
    expect(status.status).toBe(200);
    expect(ReceiptStatus.parse(status.json)).toMatchObject({ receipt: first.receipt, service: 'consultation-callback', status: 'received' });
    expect((await store.applications()).filter((a) => a.device_id === id).map((a) => a.receipt)).toEqual([first.receipt, second.receipt]);

    // the same application again: 200, the same receipt
    const again = await asDevice(core, 'PUT', `applications/${upload.client_id}`, upload);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ client_id: upload.client_id, status: 200, receipt: first.receipt });
    // the same again without a number (an older app): still the same receipt
    const { receipt: _r, ...bare } = upload;
    expect((await asDevice(core, 'PUT', `applications/${upload.client_id}`, bare)).json).toMatchObject({ status: 200, receipt: first.receipt });
  });

  it("a number from another device's block, or one another application holds, is refused (409) into needs attention with the hub's reason; the others go through", async () => {
    const a = await device('kiosk-a');
    const b = await device('kiosk-b');
    const bBlock = readDevice(b.core.env.dataDir)!.receipt_block!;
    const earlier = [3, 4, 5].map((i) => a.core.outbox.submit({ service: 'consultation-callback', form: callback(i) }));
    const first = earlier[0]!;
    expect(await a.core.outbox.sendNow()).toMatchObject({ sent: 3 });
    // a device whose outbox was copied or restored: numbers it should not give
    const later = [a.core.outbox.submit({ service: 'consultation-callback', form: callback(7) }), a.core.outbox.submit({ service: 'consultation-callback', form: callback(8) })];
    const db = outboxDb(a.core);
    db.prepare('UPDATE application SET receipt = ? WHERE client_id = ?').run(receiptOf(bBlock, 77), later[0]!.client_id);
    db.prepare('UPDATE application SET receipt = ? WHERE client_id = ?').run(first.receipt, later[1]!.client_id);
    db.close();
    const ok = a.core.outbox.submit({ service: 'consultation-callback', form: callback(9) });
    expect(await a.core.outbox.sendNow()).toMatchObject({ sent: 1, attention: 2, pending: 0 });
    expect(record(a.core, ok.client_id)).toMatchObject({ state: 'sent', receipt: ok.receipt });
    const notOwn = record(a.core, later[0]!.client_id);
    expect(notOwn).toMatchObject({ state: 'attention', code: 'receipt_not_own', receipt: receiptOf(bBlock, 77) });
    expect(notOwn.reason).toMatch(new RegExp(`receipt number's block \\(${bBlock}\\) was not given to this device \\("kiosk-a"\\)`));
    const taken = record(a.core, later[1]!.client_id);
    expect(taken).toMatchObject({ state: 'attention', code: 'receipt_taken' });
    expect(taken.reason).toMatch(/another application already has this receipt number/);
    // nothing stored for either; the numbers stay whose they were
    const stored = await store.applications();
    expect(stored.filter((x) => later.some((l) => l.client_id === x.client_id))).toEqual([]);
    expect(stored.filter((x) => x.receipt === first.receipt).map((x) => x.client_id)).toEqual([first.client_id]);
    expect(earlier.map((e) => record(a.core, e.client_id).state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('a device running low asks for another block whenever it talks to the hub, and goes on from it; it never holds more than two unused', async () => {
    const { core, id } = await device('busy-kiosk');
    const [first] = await store.receiptBlocks(id);
    expect(core.outbox.submit({ service: 'consultation-callback', form: callback(9) }).receipt).toBe(receiptOf(first!, 0));
    // 8,001 numbers given (offline, say): fewer than 2,000 left
    const db = outboxDb(core);
    db.prepare('UPDATE receipt_block SET next = ?').run(RECEIPT_BLOCK_SIZE - RECEIPT_LOW_WATER + 1);
    db.close();
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 1, pending: 0 }); // talked to the hub
    const blocks = await store.receiptBlocks(id);
    expect(blocks).toHaveLength(2);
    const second = blocks.find((p) => p !== first)!;
    // the old block first, to its end; then the new one
    expect(core.outbox.submit({ service: 'consultation-callback', form: callback(10) }).receipt).toBe(receiptOf(first!, RECEIPT_BLOCK_SIZE - RECEIPT_LOW_WATER + 1));
    const db2 = outboxDb(core);
    db2.prepare('UPDATE receipt_block SET next = ? WHERE prefix = ?').run(RECEIPT_BLOCK_SIZE, first);
    db2.close();
    expect(core.outbox.submit({ service: 'consultation-callback', form: callback(11) }).receipt).toBe(receiptOf(second, 0));
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2 });

    // asking again and again (lost answers, a faulty device) gives no more than two blocks it has not used
    const other = await device('greedy-kiosk');
    const asks = [];
    for (let i = 0; i < 4; i++) asks.push(await asDevice(other.core, 'POST', 'receipt-blocks', {}));
    expect(asks.map((r) => r.status)).toEqual([201, 200, 200, 200]);
    const held = await store.receiptBlocks(other.id);
    expect(held).toHaveLength(MAX_UNUSED_BLOCKS);
    expect(asks.map((r) => r.json.prefix)).toEqual([held[1], held[1], held[1], held[1]]);
    expect((await asDevice(other.core, 'POST', 'receipt-blocks', { prefix: '1234' })).json).toMatchObject({ error: 'bad_request' });
  });

  it('an application without a number (none left, an older app) gets one from a block of the hub\'s own, never from a device\'s', async () => {
    const { core, id } = await device('empty-kiosk');
    // as enrolled by an older hub: no block came with the enrolment
    const f = deviceFile(core.env.dataDir);
    const d = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    delete d.receipt_block;
    writeFileSync(f, JSON.stringify(d));
    const none = core.outbox.submit({ service: 'consultation-callback', form: callback(12) });
    expect(none.receipt).toBeNull();
    expect(record(core, none.client_id)).toMatchObject({ state: 'pending', receipt: null });
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 1 });
    const given = record(core, none.client_id).receipt!;
    expect(parseReceipt(given)).toBe(given);
    const hubOwn = await store.receiptBlocks(null);
    expect(hubOwn).toContain(given.slice(0, 4));
    const deviceBlocks = await Promise.all((await store.devices()).map((x) => store.receiptBlocks(x.id)));
    expect(deviceBlocks.flat()).not.toContain(given.slice(0, 4));
    // having talked to the hub, the device asked for numbers of its own (the hub holds the one the enrolment gave as well)
    const mine = await store.receiptBlocks(id);
    expect(mine).toHaveLength(2);
    expect(core.outbox.submit({ service: 'consultation-callback', form: callback(13) }).receipt).toBe(receiptOf(mine[1]!, 0));
  });

  it('a lookup by receipt and phone (any writing) answers the status; a wrong phone and an unknown receipt the very same 404; bad input names the field without repeating it', async () => {
    const { core } = await device('lookup-kiosk');
    const s = core.outbox.submit({ service: 'consultation-callback', form: callback(14) });
    const example = formFor('gj-emergency-childcare', { catalogue: core.catalogue.current(), today: new Date().toISOString().slice(0, 10) })!.example as Record<string, unknown>;
    const reservation = core.outbox.submit({ service: 'gj-emergency-childcare', form: example });
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2, attention: 0 });

    const found = await asDevice(core, 'POST', 'receipts/lookup', { receipt: s.receipt!.replace(/-/g, ''), phone: PERSON.phone.replace(/-/g, '') });
    expect(found.status).toBe(200);
    expect(ReceiptStatus.parse(found.json)).toEqual({ receipt: s.receipt, service: 'consultation-callback', status: 'received', received_at: record(core, s.client_id).receivedAt });
    const wrongPhone = await asDevice(core, 'POST', 'receipts/lookup', { receipt: s.receipt, phone: '010-3141-5927' });
    let unknown = receiptFrom('99999999');
    for (let i = 1; (await store.receipt(unknown)) !== null; i++) unknown = receiptFrom(String(99_999_999 - i));
    const unknownReceipt = await asDevice(core, 'POST', 'receipts/lookup', { receipt: unknown, phone: PERSON.phone });
    expect([wrongPhone.status, unknownReceipt.status]).toEqual([404, 404]);
    expect(wrongPhone.text).toBe(unknownReceipt.text);
    expect(JSON.parse(wrongPhone.text)).toEqual(LOOKUP_NOT_FOUND);

    // the reservation: received at the hub, confirmed by the centre
    const rPhone = String(example.phone);
    expect((await asDevice(core, 'POST', 'receipts/lookup', { receipt: reservation.receipt, phone: rPhone })).json).toMatchObject({ status: 'received' });
    await store.decide({ receipt: reservation.receipt!, status: 'confirmed', reason: null });
    expect((await asDevice(core, 'POST', 'receipts/lookup', { receipt: reservation.receipt, phone: rPhone.replace(/-/g, ' ') })).json).toMatchObject({ status: 'confirmed', status_at: expect.any(String) });

    const typo = `${s.receipt!.slice(0, -1)}${(Number(s.receipt!.at(-1)) + 1) % 10}`;
    const badReceipt = await asDevice(core, 'POST', 'receipts/lookup', { receipt: typo, phone: PERSON.phone });
    expect(badReceipt).toMatchObject({ status: 400, json: { error: 'bad_receipt', field: 'receipt' } });
    const badPhone = await asDevice(core, 'POST', 'receipts/lookup', { receipt: s.receipt, phone: '12-3456' });
    expect(badPhone).toMatchObject({ status: 400, json: { error: 'bad_phone', field: 'phone' } });
    expect(badPhone.text).not.toContain('3456');
    expect((await asDevice(core, 'POST', 'receipts/lookup', { receipt: s.receipt, phone: PERSON.phone, name: PERSON.name })).json).toMatchObject({ field: 'name' });
    // unsigned: refused before anything is looked up
    expect((await fetch(`${hub.url}${INTAKE_PREFIX}/receipts/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receipt: s.receipt, phone: PERSON.phone }) })).status).toBe(401);

    // the hub's log names the outcome and the block, never the phone nor the whole number
    const logged = JSON.stringify(hubLines());
    expect(logged).toContain('receipt lookup: found');
    for (const needle of [PERSON.phone, PERSON.phone.replace(/-/g, ''), PERSON.typed, '010-3141-5927', PERSON.name]) expect(logged).not.toContain(needle);
    const lookupLines = hubLines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('receipt lookup'));
    expect(lookupLines.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(lookupLines)).not.toContain(s.receipt!);
  });

  it('more than 30 lookups a minute from one device: 429 with Retry-After; another device is not held back', async () => {
    const busy = await device('lookup-busy');
    const calm = await device('lookup-calm');
    const ask = (c: Core) => asDevice(c, 'POST', 'receipts/lookup', { receipt: receiptFrom('13572468'), phone: PERSON.phone });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await ask(busy.core)).status);
    expect(statuses.slice(0, 30).every((x) => x === 404 || x === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await ask(busy.core);
    expect(limited).toMatchObject({ status: 429, json: { error: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect([200, 404]).toContain((await ask(calm.core)).status);
  });
});

describe.each(backends)('hub migration 004 on $name', ({ url }) => {
  it("makes each earlier random receipt's prefix a block of the hub's own: no device is given it, and a device's number in it is refused", async () => {
    const databaseUrl = await url();
    const layout = databaseUrl ? hubLayout(freshDir('receipts-migrate-')) : await freshHubLayout('receipts-migrate-');
    const { logger } = memoryLogger('hub');
    const all = hubMigrations();
    expect(all.map((m) => m.name).slice(2, 4)).toEqual(['003_decision.sql', '004_receipt_blocks.sql']);
    // a hub of the version before: a device, and an application with a random receipt
    const old = await openHubStore({ layout, databaseUrl, logger, migrations: all.slice(0, 3) });
    const code = createHash('sha256').update('OLDHUB0000').digest('hex');
    await old.createCode({ code_sha256: code, name: 'old-kiosk', expires_at: new Date(Date.now() + 60_000).toISOString() });
    const d = (await old.enrol({ code_sha256: code, device_id: `dev_${'a'.repeat(32)}`, public_key: generateHubKeys().publicKey }))!;
    await old.close();
    const legacy = receiptFrom('48210937');
    const insert = `INSERT INTO application (client_id, device_id, service, created_at, size, sealed, digest, receipt) VALUES ('${randomUUID()}', '${d.id}', 'consultation-callback', '2026-12-01T00:00:00Z', 1, '\\x01', '${'0'.repeat(64)}', '${legacy}')`;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(insert);
      await client.end();
    } else {
      const raw = await PGlite.create(layout.pglite);
      await raw.query(insert);
      await raw.close();
    }

    const s = await openHubStore({ layout, databaseUrl, logger });
    try {
      expect(await s.receiptBlocks(null)).toEqual(['4821']);
      expect(await s.receiptBlocks(d.id)).toEqual([]);
      const given = await s.giveReceiptBlock(d.id);
      expect(given).toMatchObject({ fresh: true, prefix: expect.stringMatching(/^\d{4}$/) });
      expect(given!.prefix).not.toBe('4821');
      const put = (receipt: string) => s.putApplications([{ client_id: randomUUID(), device_id: d.id, service: 'consultation-callback', created_at: '2026-12-02T00:00:00Z', sealed: randomBytes(10), receipt }]);
      expect(await put(receiptOf('4821', 1))).toEqual([{ outcome: 'conflict', receipt: 'not_own' }]);
      expect(await put(receiptOf(given!.prefix, 0))).toEqual([{ outcome: 'created', receipt: receiptOf(given!.prefix, 0), received_at: expect.any(String) }]);
      // the number the hub itself gives an application without one: from its own blocks
      const [drawn] = await s.putApplications([{ client_id: randomUUID(), device_id: d.id, service: 'consultation-callback', created_at: '2026-12-02T00:00:00Z', sealed: randomBytes(10) }]);
      expect(drawn).toMatchObject({ outcome: 'created' });
      expect(await s.receiptBlocks(null)).toContain((drawn as { receipt: string }).receipt.slice(0, 4));
    } finally {
      await s.close();
    }
  });
});
