/**
 * The centre's answer to a reservation (issue 14 item 5): `cli hub confirm|decline` on the BUILT
 * CLI, through a running hub's operator endpoint and on the store with no hub running; only a
 * reservation (긴급아이돌봄 예약, whose form says 'requested') is answered; an unknown receipt,
 * a mistyped one, a decline without a reason or with digits in it are refused in words. The
 * answer reaches a real device's outbox over HTTP (GET /intake/v1/receipts/:receipt,
 * device-signed): after `outbox send` and on the background tick; `cli outbox` shows it, and
 * `cli outbox --json` stays the counts alone. The store's decide runs on PGlite here (the same
 * SQL runs on PostgreSQL: store.node.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { freshDir, resources, sourceFormCatalogue, testCore } from '../../tests/env.node.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp } from '../../tests/journeys/built-app.js';
import { formFor } from '../../core/forms/registry.js';
import { enrol } from '../../core/outbox/enrol.node.js';
import type { Core } from '../../core/core.node.js';
import { receiptFrom } from '../protocol/intake.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { registerIntake } from './intake.node.js';
import { decisionInput, ensureOperatorToken, localOperations, type Publisher } from './operator.node.js';
import { startHub, type RunningHub } from './server.node.js';
import { openHubStore } from './store.node.js';
import { freshHubLayout } from './testing.node.js';
import type { HubLayout } from './layout.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };
const REASON = '그 시간은 예약이 찼어요';

let app: BuiltApp;
let layout: HubLayout;
let hub: RunningHub | null = null;
let port = 0;
const cores: Core[] = [];

/** The hub on `layout` (on `port` again after a restart: the devices pinned its address). */
async function start(): Promise<RunningHub> {
  const { logger } = memoryLogger('hub');
  const store = await openHubStore({ layout, logger });
  const { keys } = ensureHubKeys(layout, logger);
  const { keys: sealing } = ensureSealingKeys(layout, logger);
  const token = ensureOperatorToken(layout, logger);
  const ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
  const h = await startHub({ layout, store, keys, logger, host: '127.0.0.1', port, operations: ops, operatorToken: token, extensions: [(a) => registerIntake(a, { store, keys, sealing, formCatalogue: sourceFormCatalogue })] });
  port = Number(new URL(h.url).port);
  return h;
}

const cli = (args: string[]) => runBuiltCli(app, args);
const hubCli = (args: string[]) => cli([...args, '--data', layout.dataDir]);

/** A device enrolled with the hub, its core's outbox sending to it. */
async function device(name: string): Promise<Core> {
  const { core } = testCore({ dataDir: freshDir('decide-device-') });
  cores.push(core);
  const issued = await hubCli(['hub', 'enrol-device', name, '--json']);
  expect(issued.code, issued.err).toBe(0);
  await enrol({ dataDir: core.env.dataDir, hubUrl: hub!.url, code: jsonResult<{ code: string }>(issued).code });
  return core;
}

const example = (core: Core, service: string) => formFor(service, { catalogue: core.catalogue.current(), today: new Date().toISOString().slice(0, 10) })!.example!;
const record = (core: Core, clientId: string) => core.outbox.status().records.find((r) => r.clientId === clientId)!;

beforeAll(async () => {
  app = copyBuiltApp();
  layout = await freshHubLayout('decide-hub-');
  hub = await start();
}, 180_000);
afterAll(async () => {
  for (const c of cores) await c.close();
  await hub?.close();
});

describe('a reservation confirmed or declined at the hub reaches the device', () => {
  it('hub confirm (running hub) and hub decline (no hub running), refusals in words; the device shows each after its next sync and on its tick', async () => {
    const kiosk = await device('decide-kiosk');
    const reserveA = kiosk.outbox.submit({ service: 'gj-emergency-childcare', form: example(kiosk, 'gj-emergency-childcare') }).client_id;
    const reserveB = kiosk.outbox.submit({ service: 'gj-emergency-childcare', form: example(kiosk, 'gj-emergency-childcare') }).client_id;
    const callback = kiosk.outbox.submit({ service: 'consultation-callback', form: example(kiosk, 'consultation-callback') }).client_id;
    expect(await kiosk.outbox.sendNow()).toMatchObject({ sent: 3, attention: 0, pending: 0 });
    expect(record(kiosk, reserveA)).toMatchObject({ state: 'sent', status: 'requested', statusAt: null, statusReason: null });
    expect(record(kiosk, callback)).toMatchObject({ state: 'sent', status: 'received' });
    const [a, b, c] = [reserveA, reserveB, callback].map((id) => record(kiosk, id).receipt!);

    // through the running hub's operator endpoint
    const confirmed = await hubCli(['hub', 'confirm', a!, '--json']);
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(jsonResult(confirmed)).toMatchObject({ receipt: a, service: 'gj-emergency-childcare', status: 'confirmed', reason: null, changed: true });
    const again = await hubCli(['hub', 'confirm', a!]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(new RegExp(`^${a} \\(gj-emergency-childcare\\) was already confirmed \\(`));
    const otherWay = await hubCli(['hub', 'decline', a!, '--reason', REASON]);
    expect([otherWay.code, otherWay.err]).toEqual([1, expect.stringMatching(/was confirmed already .*is not changed/)]);
    const notReservation = await hubCli(['hub', 'confirm', c!]);
    expect([notReservation.code, notReservation.err]).toEqual([1, expect.stringMatching(/is for consultation-callback, which the centre does not confirm: only a reservation \(gj-emergency-childcare\)/)]);
    let unknown = receiptFrom('00000000');
    for (let i = 1; [a, b, c].includes(unknown); i++) unknown = receiptFrom(String(i).padStart(8, '0'));
    const notFound = await hubCli(['hub', 'confirm', unknown]);
    expect([notFound.code, notFound.err]).toEqual([1, expect.stringMatching(new RegExp(`no application with receipt ${unknown} was received by this hub`))]);
    const typo = `${a!.slice(0, -1)}${(Number(a!.at(-1)) + 1) % 10}`;
    const mistyped = await hubCli(['hub', 'confirm', typo]);
    expect([mistyped.code, mistyped.err]).toEqual([2, expect.stringMatching(/field "receipt": .* is not a receipt number: nine digits as NNNN-NNNN-C/)]);
    const noReason = await hubCli(['hub', 'decline', b!]);
    expect([noReason.code, noReason.err]).toEqual([2, expect.stringMatching(/--reason/)]);
    const personal = await hubCli(['hub', 'decline', b!, '--reason', '010-1234-5678 로 전화 주세요']);
    expect([personal.code, personal.err]).toEqual([2, expect.stringMatching(/field "reason": holds a long run of digits .*nothing personal/)]);
    expect((await hubCli(['hub', 'confirm', a!, '--reason', 'x'])).code).toBe(2);

    // the device asks after a pass that reached the hub (nothing to send is such a pass)
    expect(await kiosk.outbox.sendNow()).toMatchObject({ sent: 0, pending: 0 });
    expect(record(kiosk, reserveA)).toMatchObject({ status: 'confirmed', statusAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), statusReason: null });
    expect(record(kiosk, reserveB)).toMatchObject({ status: 'requested' });

    // no hub running: the CLI opens the store itself
    await hub!.close();
    hub = null;
    const declined = await hubCli(['hub', 'decline', b!, '--reason', `  ${REASON} `]);
    expect(declined.code, declined.err).toBe(0);
    expect(declined.out.trim()).toMatch(new RegExp(`^${b} \\(gj-emergency-childcare\\) is now declined \\(.*\\): "${REASON}"; the device that sent it shows it after its next sync with the hub$`));
    const listed = await hubCli(['hub', 'applications', '--json']);
    expect(listed.code, listed.err).toBe(0);
    const byReceipt = new Map(jsonResult<{ receipt: string; status: string; status_at: string | null; reason: string | null }[]>(listed).map((x) => [x.receipt, x]));
    expect(byReceipt.get(a!)).toMatchObject({ status: 'confirmed', reason: null, status_at: expect.any(String) });
    expect(byReceipt.get(b!)).toMatchObject({ status: 'declined', reason: REASON });
    expect(byReceipt.get(c!)).toMatchObject({ status: 'received', status_at: null, reason: null });
    const text = await hubCli(['hub', 'applications']);
    expect(text.out).toContain(`declined`);
    expect(text.out).toContain(`"${REASON}"`);

    // the hub back (same address): the kiosk's background tick brings the decline
    hub = await start();
    kiosk.outbox.startBackground(0);
    await expect.poll(() => record(kiosk, reserveB).status, { timeout: 15_000 }).toBe('declined');
    kiosk.outbox.stop();
    expect(record(kiosk, reserveB)).toMatchObject({ statusReason: REASON, statusAt: expect.any(String) });

    // the CLI on the device: the text shows it; --json keeps the counts first, as they always were (then the kept pause and the records, added)
    const shown = await cli(['outbox', '--data', kiosk.env.dataDir]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(new RegExp(`receipt ${a} .*; confirmed by the centre \\(`));
    expect(shown.out).toMatch(new RegExp(`receipt ${b} .*; declined by the centre \\(.*\\): "${REASON}"`));
    expect(shown.out).not.toMatch(new RegExp(`receipt ${c} .*(requested|confirmed|declined)`));
    const counts = await cli(['outbox', '--json', '--data', kiosk.env.dataDir]);
    expect(counts.out.trim()).toMatch(/^\{"pending":0,"sent":3,"attention":0,"paused":null,"records":\[/);
  }, 180_000);

  it('decisionInput: a receipt as typed, a reason of a few words on one line, nothing personal', () => {
    const r = receiptFrom('48210937');
    expect(decisionInput({ receipt: r.replace(/-/g, ' '), status: 'confirmed' })).toEqual({ receipt: r, status: 'confirmed', reason: null });
    expect(decisionInput({ receipt: r, status: 'declined', reason: ` ${REASON}` })).toEqual({ receipt: r, status: 'declined', reason: REASON });
    for (const reason of ['', '   ', 'x'.repeat(101), 'a\nb', '연락처 01012345678'])
      expect(() => decisionInput({ receipt: r, status: 'declined', reason }), JSON.stringify(reason)).toThrow(/field "reason"/);
    expect(() => decisionInput({ receipt: r, status: 'maybe' })).toThrow(/field "status"/);
    expect(() => decisionInput({ receipt: '1234', status: 'confirmed' })).toThrow(/field "receipt"/);
  });
});
