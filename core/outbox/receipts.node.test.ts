/**
 * Receipts on the device (issue 14), through the core's channel and CLI as a kiosk and a
 * counsellor use them, against the REAL hub (PGlite store, intake over HTTP on 127.0.0.1) behind
 * a fault proxy: `receiptStatus` finds an application by its receipt number and the phone
 * written any way, says not_found alike for a wrong phone and an unknown number, names the field
 * of a mistyped one, and is `unavailable` (offline / not_enrolled) when the hub cannot be asked;
 * `cli apply --json` gains the receipt number (its other fields as they were) and `cli outbox`
 * shows it from submit on; an outbox made before migration 004 keeps working (its waiting
 * application gets its number from the hub). The phone asked with is nowhere in the data
 * folder or the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { memoryLogger } from '../log.node.js';
import { freshDir, resources, sourceFormCatalogue, testCore } from '../../tests/env.node.js';
import { startFaultProxy, type FaultProxy } from '../../tests/fault-proxy.node.js';
import { openHubStore } from '../../sync/hub/store.node.js';
import { ensureHubKeys, ensureSealingKeys } from '../../sync/hub/hub-keys.node.js';
import { createHubServer } from '../../sync/hub/server.node.js';
import { registerIntake } from '../../sync/hub/intake.node.js';
import { localOperations, type Publisher } from '../../sync/hub/operator.node.js';
import { freshHubLayout } from '../../sync/hub/testing.node.js';
import type { HubStore } from '../../sync/hub/store.js';
import { seal } from '../../sync/protocol/seal.node.js';
import { receiptFrom, receiptOf } from '../../sync/protocol/intake.js';
import { readMigrations } from '../../db/sqlite.js';
import { formFor } from '../forms/registry.js';
import { runCli } from '../cli.node.js';
import type { Core } from '../core.node.js';
import type { ApiErrorBody, Result } from '../contract/result.js';
import { enrol, readDevice } from './enrol.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };
const PERSON = { name: '오말순', phone: '010-2718-2818' };
const PHONES = [PERSON.phone, PERSON.phone.replace(/-/g, ''), PERSON.phone.replace(/-/g, ' ')];
const callback = (i = 0) => ({ name: PERSON.name, phone: PERSON.phone, topic: `아이 돌봄 문의 ${i}`, preferred_time: 'any', consent: true });

let app: FastifyInstance;
let store: HubStore;
let hubUrl: string;
let proxy: FaultProxy;
let ops: ReturnType<typeof localOperations>;
const cores: Core[] = [];

beforeAll(async () => {
  const layout = await freshHubLayout('receipts-device-hub-');
  const { logger } = memoryLogger('hub');
  store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const { keys: sealing } = ensureSealingKeys(layout, logger);
  ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
  app = await createHubServer({ layout, store, keys, logger, extensions: [(a) => registerIntake(a, { store, keys, sealing, formCatalogue: sourceFormCatalogue, enrolRateLimit: { max: 1000, timeWindow: 60_000 } })] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  hubUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  proxy = await startFaultProxy(hubUrl);
}, 120_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await proxy?.close();
  await app?.close();
  await store?.close();
});

function newCore(prefix: string, dataDir = freshDir(prefix)) {
  const c = testCore({ dataDir });
  cores.push(c.core);
  return c;
}
async function device(name: string) {
  const c = newCore('receipts-device-');
  await enrol({ dataDir: c.core.env.dataDir, hubUrl: proxy.url, code: (await ops.enrolDevice({ name })).code });
  return c;
}
const call = async <T>(core: Core, method: string, input: unknown) => (await core.channel.call(method, input)) as Result<T>;
const failure = (r: Result<unknown>): ApiErrorBody => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.error;
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('receiptStatus through the channel', () => {
  it('finds the application by receipt and phone written any way; a wrong phone and an unknown receipt alike not_found; mistyped fields named; the phone kept nowhere', async () => {
    const { core, logLines } = await device('status-kiosk');
    const asked = await call<{ receipt: string | null; clientId: string }>(core, 'submitApplication', { service: 'consultation-callback', form: callback(1) });
    if (!asked.ok) throw new Error(asked.error.message);
    const receipt = asked.value.receipt!;
    expect(receipt).toMatch(/^\d{4}-\d{4}-\d$/);
    const example = formFor('gj-emergency-childcare', { catalogue: core.catalogue.current(), today: new Date().toISOString().slice(0, 10) })!.example as Record<string, unknown>;
    const booked = await call<{ receipt: string }>(core, 'submitApplication', { service: 'gj-emergency-childcare', form: { ...example, phone: PERSON.phone } });
    if (!booked.ok) throw new Error(booked.error.message);
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2, attention: 0 });

    for (const phone of PHONES) {
      const r = await call(core, 'receiptStatus', { receipt: receipt.replace(/-/g, ''), phone });
      expect(r, phone).toEqual({ ok: true, value: { receipt, service: 'consultation-callback', status: 'received', receivedAt: expect.any(String), statusAt: null, reason: null } });
    }
    // a reservation: requested until the centre answers
    expect(await call(core, 'receiptStatus', { receipt: booked.value.receipt, phone: PHONES[1] })).toMatchObject({ ok: true, value: { status: 'requested', statusAt: null } });
    await store.decide({ receipt: booked.value.receipt, status: 'declined', reason: '그 시간은 예약이 찼어요' });
    expect(await call(core, 'receiptStatus', { receipt: booked.value.receipt, phone: PHONES[2] })).toMatchObject({ ok: true, value: { status: 'declined', statusAt: expect.any(String), reason: '그 시간은 예약이 찼어요' } });

    const wrongPhone = failure(await call(core, 'receiptStatus', { receipt, phone: '010-2718-2819' }));
    let unknown = receiptFrom('24682468');
    for (let i = 1; (await store.receipt(unknown)) !== null; i++) unknown = receiptFrom(String(24_682_468 + i));
    const unknownReceipt = failure(await call(core, 'receiptStatus', { receipt: unknown, phone: PERSON.phone }));
    expect(wrongPhone.code).toBe('not_found');
    expect({ ...wrongPhone, requestId: undefined }).toEqual({ ...unknownReceipt, requestId: undefined });

    const typo = `${receipt.slice(0, -1)}${(Number(receipt.at(-1)) + 1) % 10}`;
    expect(failure(await call(core, 'receiptStatus', { receipt: typo, phone: PERSON.phone }))).toMatchObject({ code: 'bad_request', field: 'receipt' });
    const badPhone = failure(await call(core, 'receiptStatus', { receipt, phone: '02-0123' }));
    expect(badPhone).toMatchObject({ code: 'bad_request', field: 'phone' });
    expect(badPhone.message).not.toContain('0123');
    expect(failure(await call(core, 'receiptStatus', { receipt: '1234', phone: PERSON.phone }))).toMatchObject({ code: 'bad_request', field: 'receipt' });

    // the phone is in no file of the device and no log line, in any writing asked with
    await core.outbox.close();
    for (const f of walk(core.env.dataDir)) for (const p of [...PHONES, '010-2718-2819', PERSON.name]) expect(readFileSync(f).includes(Buffer.from(p, 'utf8')), `${p} in ${f}`).toBe(false);
    const logged = JSON.stringify(logLines());
    for (const p of [...PHONES, '01027182818', '010-2718-2819', PERSON.name]) expect(logged).not.toContain(p);
  });

  it('unavailable when the hub cannot be reached (offline) or the device is not enrolled', async () => {
    const { core } = await device('offline-lookup');
    const s = core.outbox.submit({ service: 'consultation-callback', form: callback(2) });
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 1 });
    proxy.add({ path: '/intake/v1/receipts/lookup', fault: { kind: 'drop' } });
    try {
      expect(failure(await call(core, 'receiptStatus', { receipt: s.receipt, phone: PERSON.phone }))).toMatchObject({ code: 'unavailable', reason: 'offline' });
      proxy.clear();
      proxy.add({ path: '/intake/v1/receipts/lookup', fault: { kind: 'portal' } });
      expect(failure(await call(core, 'receiptStatus', { receipt: s.receipt, phone: PERSON.phone }))).toMatchObject({ code: 'unavailable', reason: 'offline' });
    } finally {
      proxy.clear();
    }
    expect(await call(core, 'receiptStatus', { receipt: s.receipt, phone: PERSON.phone })).toMatchObject({ ok: true, value: { receipt: s.receipt, status: 'received' } });

    const { core: bare } = newCore('receipts-unenrolled-');
    expect(failure(await call(bare, 'receiptStatus', { receipt: s.receipt, phone: PERSON.phone }))).toMatchObject({ code: 'unavailable', reason: 'not_enrolled' });
  });
});

describe('the receipt number on the CLI', () => {
  it('apply --json: the envelope as before, and the receipt number; outbox shows it while the application waits', async () => {
    const { core } = await device('cli-kiosk');
    const dataDir = core.env.dataDir;
    const form = join(freshDir('receipts-form-'), 'form.json');
    writeFileSync(form, JSON.stringify(callback(3)));
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...args, '--data', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    proxy.add({ path: '/intake/', fault: { kind: 'drop' } });
    try {
      const applied = await run(['apply', '--service', 'consultation-callback', '--form', form, '--json']);
      expect(applied.code, applied.err).toBe(0);
      const json = JSON.parse(applied.out.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['client_id', 'service', 'created_at', 'size', 'state', 'receipt']);
      const block = readDevice(dataDir)!.receipt_block!;
      expect(json).toMatchObject({ service: 'consultation-callback', state: 'pending', receipt: receiptOf(block, 0) });
      const listed = await run(['outbox']);
      expect(listed.out).toContain(`${json.client_id as string}  consultation-callback`);
      expect(listed.out).toMatch(new RegExp(`waiting to be sent {2}receipt ${receiptOf(block, 0)} \\(given here\\); 0 tries`));
    } finally {
      proxy.clear();
    }
  });
});

describe('an outbox made before migration 004', () => {
  it('is brought up to date: its waiting application (no number) gets one from the hub; new ones get the device’s', async () => {
    const dataDir = freshDir('receipts-old-outbox-');
    const enrolled = newCore('unused-', dataDir);
    await enrol({ dataDir, hubUrl: proxy.url, code: (await ops.enrolDevice({ name: 'old-outbox' })).code });
    await enrolled.core.close();
    cores.pop();
    const d = readDevice(dataDir)!;
    // the outbox as the app before receipt blocks left it: migrations 001–003 and one sealed application waiting
    const all = readMigrations(join(resources().migrations, 'outbox'));
    expect(all.map((m) => m.name)).toEqual(['001_outbox.sql', '002_retry_discard.sql', '003_status.sql', '004_receipts.sql', '005_problem.sql', '006_uploader_pause.sql']);
    const old = new Database(join(dataDir, 'outbox.sqlite'));
    old.exec('CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of all.slice(0, 3)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migration VALUES (?, ?, ?, ?)').run(m.version, m.name, m.checksum, '2026-12-01T00:00:00Z');
    }
    const meta = { client_id: randomUUID(), service: 'consultation-callback', created_at: new Date().toISOString() };
    const sealed = seal(Buffer.from(JSON.stringify({ format: 1, ...meta, form: { ...callback(4), phone: PERSON.phone }, consent: { version: 'consult-v1', given_at: meta.created_at } })), d.sealing_key, meta);
    old.prepare('INSERT INTO application (client_id, service, created_at, size, sealed) VALUES (?, ?, ?, ?, ?)').run(meta.client_id, meta.service, meta.created_at, sealed.length, sealed);
    old.close();

    const { core } = newCore('receipts-old-outbox-', dataDir);
    expect(core.outbox.status().records.find((r) => r.clientId === meta.client_id)).toMatchObject({ state: 'pending', receipt: null });
    const fresh = core.outbox.submit({ service: 'consultation-callback', form: callback(5) });
    expect(fresh.receipt).toBe(receiptOf(d.receipt_block!, 0));
    expect(await core.outbox.sendNow()).toMatchObject({ sent: 2, attention: 0 });
    const given = core.outbox.status().records.find((r) => r.clientId === meta.client_id)!.receipt!;
    expect(given).toMatch(/^\d{4}-\d{4}-\d$/);
    expect(given.slice(0, 4)).not.toBe(d.receipt_block);
    expect(await store.receiptBlocks(null)).toContain(given.slice(0, 4));
    expect(core.outbox.status().records.find((r) => r.clientId === fresh.client_id)).toMatchObject({ state: 'sent', receipt: fresh.receipt });
  });
});
