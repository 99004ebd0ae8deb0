/**
 * The hub's intake checks the form inside every opened application against its service's schema
 * (core/forms, the very one the device checks with), on the application's own day: a form that
 * does not pass is refused with a 400 naming the field, a service the hub has no form for with a
 * 400 naming "service"; the good ones around them are taken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID, type KeyObject } from 'node:crypto';
import { memoryLogger } from '../../core/log.node.js';
import { resources, sourceFormCatalogue } from '../../tests/env.node.js';
import { formFor } from '../../core/forms/registry.js';
import { generateHubKeys, loadHubKeys } from '../protocol/keys.node.js';
import { seal } from '../protocol/seal.node.js';
import { deviceAuthorization } from '../protocol/device-auth.node.js';
import { Enrolment, INTAKE_PREFIX, UploadAnswer, type Upload } from '../protocol/intake.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { registerIntake } from './intake.node.js';
import { ensureOperatorToken, localOperations, type Publisher } from './operator.node.js';
import { startHub, type RunningHub } from './server.node.js';
import { openHubStore } from './store.node.js';
import { freshHubLayout } from './testing.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };
const APPS = `${INTAKE_PREFIX}/applications`;
const CREATED = '2026-12-02T01:00:00.000Z';
const TODAY = CREATED.slice(0, 10);

let hub: RunningHub;
let lines: () => Record<string, unknown>[];
let device: { id: string; key: KeyObject; sealingKey: string };

beforeAll(async () => {
  const layout = await freshHubLayout('intake-forms-');
  const mem = memoryLogger('hub');
  lines = mem.lines;
  const store = await openHubStore({ layout, logger: mem.logger });
  const { keys } = ensureHubKeys(layout, mem.logger);
  const { keys: sealing } = ensureSealingKeys(layout, mem.logger);
  const token = ensureOperatorToken(layout, mem.logger);
  const ops = localOperations({ layout, store, keys, sealing, logger: mem.logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
  hub = await startHub({ layout, store, keys, logger: mem.logger, host: '127.0.0.1', port: 0, operations: ops, operatorToken: token, extensions: [(app) => registerIntake(app, { store, keys, sealing, formCatalogue: sourceFormCatalogue })] });
  const { code } = await ops.enrolDevice({ name: 'kiosk-forms' });
  const k = loadHubKeys(generateHubKeys().privatePem);
  const res = await fetch(`${hub.url}${INTAKE_PREFIX}/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, public_key: k.publicKey }) });
  const e = Enrolment.parse(await res.json());
  device = { id: e.device_id, key: k.privateKey, sealingKey: e.sealing_key };
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

/** An application sealed as the device seals it (the form as given, not checked). */
function upload(service: string, form: unknown): Upload {
  const meta = { client_id: randomUUID(), service, created_at: CREATED };
  const sealed = seal(Buffer.from(JSON.stringify({ format: 1, ...meta, form, consent: { version: `${service}/consent-v1`, given_at: CREATED } })), device.sealingKey, meta);
  return { ...meta, size: sealed.length, sealed: sealed.toString('base64') };
}

async function post(body: unknown) {
  const text = JSON.stringify(body);
  const res = await fetch(`${hub.url}${APPS}`, { method: 'POST', body: text, headers: { 'content-type': 'application/json', authorization: deviceAuthorization({ method: 'POST', path: APPS, body: text }, { id: device.id, privateKey: device.key }, Date.now()) } });
  return { status: res.status, json: (await res.json()) as unknown };
}

const example = (service: string) => formFor(service, { catalogue: sourceFormCatalogue(), today: TODAY })!.example!;

describe('the intake checks each form against its service’s schema', () => {
  it('takes a valid form of every service; refuses a bad field (400, naming it), a rule not met, a service without a form — and takes the good ones around them', async () => {
    const h = example('gj-hospitalized-child-care');
    const batch = [
      upload('consultation-callback', example('consultation-callback')),
      upload('gj-hospitalized-child-care', h),
      upload('gj-emergency-childcare', example('gj-emergency-childcare')),
      upload('gj-grandparent-caregiver', example('gj-grandparent-caregiver')),
      upload('consultation-callback', { ...example('consultation-callback'), phone: '555-1234' }),
      upload('gj-hospitalized-child-care', { ...h, child_birth_month: '2010-01' }),
      upload('gj-grandparent-caregiver', { ...example('gj-grandparent-caregiver'), caregiver_age: 75, resident_number: '900101-1234567' }),
      upload('gj-emergency-childcare', { ...example('gj-emergency-childcare'), slot: { date: '2026-12-07', start: '10:00', end: '12:00' } }),
      upload('gj-hospitalized-child-care', { ...h, visits: [{ date: '2026-12-07', start: '08:00', end: '10:00' }] }),
      upload('no-such-form', { a: 1 }),
    ];
    const r = await post({ applications: batch });
    expect(r.status).toBe(200);
    const results = UploadAnswer.parse(r.json).results;
    expect(results.map((x) => [x.status, 'error' in x ? x.error : 'ok'])).toEqual([
      [201, 'ok'],
      [201, 'ok'],
      [201, 'ok'],
      [201, 'ok'],
      [400, 'bad_form'],
      [400, 'bad_form'],
      [400, 'bad_form'],
      [400, 'bad_form'],
      [400, 'bad_form'],
      [400, 'unknown_service'],
    ]);
    const msg = (i: number) => (results[i] as { message: string }).message;
    expect(msg(4)).toBe('field "form.phone": not valid; the form must be filled in again');
    expect(msg(5)).toBe('field "form.child_birth_month": does not meet the catalogue\'s rule for the service; the form must be filled in again');
    expect(msg(6)).toMatch(/^field "form.resident_number": not a field of this form/);
    expect(msg(7)).toMatch(/^field "form.slot": outside what the service takes/);
    expect(msg(8)).toMatch(/^field "form.visits": outside what the service takes/);
    expect(msg(9)).toMatch(/^field "service": the hub has no form for "no-such-form"; the services are consultation-callback, .*gj-hospitalized-child-care/);
    // what was typed is never in the answer nor in the log
    const all = JSON.stringify(results) + JSON.stringify(lines());
    for (const typed of ['555-1234', '900101', '김민지', '010-1234-5678']) expect(all).not.toContain(typed);
    expect(lines().filter((l) => l.reason === 'bad_form')).toHaveLength(5);
  });

  it('a single PUT of a bad form: 400 naming the field', async () => {
    const u = upload('gj-grandparent-caregiver', { ...example('gj-grandparent-caregiver'), phone: undefined });
    const path = `${APPS}/${u.client_id}`;
    const text = JSON.stringify(u);
    const res = await fetch(`${hub.url}${path}`, { method: 'PUT', body: text, headers: { 'content-type': 'application/json', authorization: deviceAuthorization({ method: 'PUT', path, body: text }, { id: device.id, privateKey: device.key }, Date.now()) } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_form', message: 'field "form.phone": missing; the form must be filled in again' });
  });
});
