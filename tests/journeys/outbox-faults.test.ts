/**
 * The outbox as the field meets it, with real processes only — the built hub (dist/node/hub.mjs)
 * and the built CLI (dist/node/cli.mjs), the fault-injecting proxy between them
 * (tests/fault-proxy.node.ts) — issue 13's fault tests:
 *
 * - the network misbehaving (a captive portal's 200 HTML, 5xx, dropped connections, answers cut
 *   after the hub stored the applications) and one application the hub refuses: every other
 *   one arrives exactly once, the refused one waits in "needs attention", never deleted;
 * - the hub killed (SIGKILL) and restarted while uploads run;
 * - the device's process killed (SIGKILL) at random moments while it submits and while it
 *   uploads, 25 trials of each (50 in all);
 * and afterwards: every submitted application is at the hub exactly once, nothing is pending,
 * and no name or phone number lies in plain text in the device's data folder or any log.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDir } from '../env.node.js';
import { rng } from '../../build/bench/generate.js';
import { startFaultProxy, type FaultProxy } from '../fault-proxy.node.js';
import { startBuiltHub, type BuiltHub } from './built-hub.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type Ran } from './built-app.js';
import { formFile, notPrivate, person, plainTextIn, plainTextOf, type Person } from './outbox-people.js';
import { seedEmbeddedStore } from '../../sync/hub/testing.node.js';

interface HubApplication {
  client_id: string;
  receipt: string;
  device: string;
  service: string;
  form: { name: string; phone: string };
}
interface Counts {
  pending: number;
  sent: number;
  attention: number;
}

let app: BuiltApp;
let hub: BuiltHub;
let proxy: FaultProxy;
const hubDir = () => join(dirs.root, 'hub');
const dirs = { root: '', forms: '' };
/** everything the device's programs printed on standard error (their logs) */
let deviceLogs = '';
const hubLogs: string[] = [];

const cli = async (args: string[], o: { onSpawn?: (c: ChildProcess) => void } = {}): Promise<Ran> => {
  const r = await runBuiltCli(app, args, o);
  deviceLogs += r.err;
  return r;
};
const startHub = async () => {
  hub = await startBuiltHub(app.hub, hubDir(), { ...process.env, AICHINGU_RESOURCES: app.dist });
  proxy?.setUpstreams(hub.url);
};
const stopHub = async (signal: NodeJS.Signals) => {
  hubLogs.push(hub.log());
  if (signal === 'SIGTERM') return hub.close();
  const exited = new Promise((r) => hub.process.once('exit', r));
  hub.process.kill(signal);
  await exited;
};

async function enrolDevice(name: string, dataDir: string): Promise<void> {
  const issued = await cli(['hub', 'enrol-device', name, '--data', hubDir()]);
  expect(issued.code, issued.err).toBe(0);
  const code = issued.out.trim().split('\n').at(-1)!;
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const enrolled = await cli(['enrol', '--hub', proxy.url, '--code', code, '--data', dataDir, '--json']);
  expect(enrolled.code, enrolled.err).toBe(0);
}

const apply = (dataDir: string, p: Person, i: number, o: { onSpawn?: (c: ChildProcess) => void } = {}) =>
  cli(['apply', '--service', 'consultation-callback', '--form', formFile(dirs.forms, p, i), '--data', dataDir, '--json'], o);
const counts = async (dataDir: string): Promise<Counts> => {
  const r = await cli(['outbox', '--json', '--data', dataDir]);
  expect(r.code, r.err).toBe(0);
  // (the counts of `outbox --json`; its records are not compared here)
  const { pending, sent, attention } = jsonResult<Counts>(r);
  return { pending, sent, attention };
};
/** `outbox send` until it says the outbox is empty (it exits 1 while the hub cannot be reached) */
async function sendAll(dataDir: string, tries = 8): Promise<Counts> {
  for (let t = 0; t < tries; t++) {
    const r = await cli(['outbox', 'send', '--json', '--data', dataDir]);
    if (r.code === 0) return counts(dataDir);
    expect(r.code, r.err).toBe(1);
  }
  throw new Error(`the outbox of ${dataDir} did not empty in ${tries} sends: ${JSON.stringify(await counts(dataDir))}`);
}
const atHub = async (): Promise<HubApplication[]> => {
  const r = await cli(['hub', 'applications', '--json', '--data', hubDir()]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out.trim().split('\n').at(-1)!) as HubApplication[];
};
/** how many times each of these people's applications is at the hub */
const timesAtHub = (apps: HubApplication[], people: Person[]) => people.map((p) => apps.filter((a) => a.form.name === p.name && a.form.phone === p.phone).length);

beforeAll(async () => {
  app = copyBuiltApp();
  dirs.root = freshDir('outbox-faults-');
  dirs.forms = join(freshDir('forms-'), 'forms');
  mkdirSync(hubDir(), { mode: 0o700 });
  await seedEmbeddedStore(hubDir());
  await startHub();
  proxy = await startFaultProxy(hub.url);
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  if (hub) await stopHub('SIGTERM');
});

describe('the outbox through a bad network (built CLI and hub, the fault proxy between)', () => {
  it('a captive portal, 5xx, drops and lost answers delay nothing twice; the one the hub refuses waits in needs-attention and blocks nobody', async () => {
    const dev = join(dirs.root, 'device-network');
    await enrolDevice('kiosk-network', dev);
    const people = Array.from({ length: 6 }, (_, i) => person(i, 1));
    for (const [i, p] of people.entries()) expect((await apply(dev, p, 1000 + i)).code).toBe(0);
    // one sealed application damaged on the device (a bad disk sector, a bug): the hub cannot open it
    const db = new Database(join(dev, 'outbox.sqlite'));
    const damaged = db.prepare('SELECT client_id, sealed FROM application ORDER BY seq LIMIT 1 OFFSET 2').get() as { client_id: string; sealed: Buffer };
    damaged.sealed[damaged.sealed.length - 1] = damaged.sealed.at(-1)! ^ 0xff;
    db.prepare('UPDATE application SET sealed = ? WHERE client_id = ?').run(damaged.sealed, damaged.client_id);
    db.close();

    const UPLOAD = '/intake/v1/applications';
    proxy.resetLog();
    proxy.add({ path: UPLOAD, fault: { kind: 'portal' }, times: 1 });
    proxy.add({ path: UPLOAD, fault: { kind: 'status', status: 503 }, times: 1 });
    proxy.add({ path: UPLOAD, fault: { kind: 'drop' }, times: 1 });
    // the hub stores the batch, but its answer is cut: the device must send again and get the same receipts
    proxy.add({ path: UPLOAD, fault: { kind: 'reset', afterBytes: 10 }, times: 1 });
    proxy.add({ path: UPLOAD, fault: { kind: 'truncate', afterBytes: 40 }, times: 1 });
    const after = await sendAll(dev, 12);
    proxy.clear();
    expect(proxy.log.filter((l) => l.path.startsWith(UPLOAD)).map((l) => l.fault ?? 'ok')).toEqual(expect.arrayContaining(['portal', 'status', 'drop', 'reset', 'truncate', 'ok']));
    expect(after).toEqual({ pending: 0, sent: 5, attention: 1 });
    const apps = await atHub();
    const expected = people.map((_, i) => (i === 2 ? 0 : 1));
    expect(timesAtHub(apps, people)).toEqual(expected);
    // the refused one is listed with the hub's reason, and kept (its sealed bytes still there)
    const list = await cli(['outbox', '--data', dev]);
    expect(list.out).toContain(damaged.client_id);
    expect(list.out).toMatch(/attention|확인/i);
    const kept = new Database(join(dev, 'outbox.sqlite'), { readonly: true });
    expect((kept.prepare('SELECT length(sealed) FROM application WHERE client_id = ?').pluck().get(damaged.client_id) as number) > 0).toBe(true);
    kept.close();
  }, 180_000);
});

describe('the outbox while the hub is killed and restarted', () => {
  it('uploads interrupted by a SIGKILL of the hub finish after its restart: every application once, receipts unique', async () => {
    const dev = join(dirs.root, 'device-restart');
    await enrolDevice('kiosk-restart', dev);
    const people = Array.from({ length: 30 }, (_, i) => person(i, 2));
    // submitted one by one, as a kiosk does
    for (const [i, p] of people.entries()) expect((await apply(dev, p, 2000 + i)).code).toBe(0);
    const random = rng(13);
    for (let round = 0; round < 2; round++) {
      // slow answers so that the kill lands while batches are on their way
      proxy.add({ path: '/intake/v1/applications', fault: { kind: 'delay', ms: 150 } });
      const sending = cli(['outbox', 'send', '--json', '--data', dev]);
      await new Promise((r) => setTimeout(r, 100 + random() * 400));
      await stopHub('SIGKILL');
      const r = await sending;
      expect([0, 1], r.err).toContain(r.code);
      proxy.clear();
      await startHub();
    }
    expect(await sendAll(dev)).toEqual({ pending: 0, sent: 30, attention: 0 });
    const apps = await atHub();
    expect(timesAtHub(apps, people)).toEqual(people.map(() => 1));
    const receipts = apps.map((a) => a.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
  }, 300_000);
});

describe('the device killed at random moments (SIGKILL), 25 trials while submitting and 25 while uploading (50 in all)', () => {
  it('every application submitted is at the hub exactly once; none is half-stored; nothing personal in plain text anywhere', async () => {
    const dev = join(dirs.root, 'device-kills');
    await enrolDevice('kiosk-kills', dev);
    const random = rng(20261202);
    // how long each takes here, undisturbed: the kills land within that
    const warm = [person(0, 3), person(1, 3)];
    const a0 = await apply(dev, warm[0]!, 3000);
    const a1 = await apply(dev, warm[1]!, 3001);
    expect([a0.code, a1.code]).toEqual([0, 0]);
    const s0 = await cli(['outbox', 'send', '--json', '--data', dev]);
    expect(s0.code, s0.err).toBe(0);
    // the faster of the two: the first submission on a new device folder also creates its
    // stores, and a slow one (a busy machine) put most kills after the later, faster runs had
    // ended (3 of 25 landed once)
    const applyMs = Math.min(a0.ms, a1.ms);
    const sendMs = s0.ms;

    const people = Array.from({ length: 25 }, (_, i) => person(i + 2, 3));
    const submitted: Person[] = [...warm];
    let killedSubmits = 0;
    let killedSends = 0;
    for (const [i, p] of people.entries()) {
      // submitting, killed after a random time (a finished run is a submission that counts)
      const at = random() * applyMs * 1.2;
      const r = await apply(dev, p, 3002 + i, { onSpawn: (c) => void setTimeout(() => c.kill('SIGKILL'), at) });
      if (r.code === 0) submitted.push(p);
      else {
        expect(r.signal, r.err).toBe('SIGKILL');
        killedSubmits++;
      }
      // uploading, killed after a random time
      const sendAt = random() * sendMs * 1.2;
      const s = await cli(['outbox', 'send', '--json', '--data', dev], { onSpawn: (c) => void setTimeout(() => c.kill('SIGKILL'), sendAt) });
      if (s.signal === 'SIGKILL') killedSends++;
      else expect(s.code, s.err).toBe(0);
    }
    expect(killedSubmits, 'kills that landed while submitting').toBeGreaterThan(5);
    expect(killedSends, 'kills that landed while uploading').toBeGreaterThan(5);

    const end = await sendAll(dev);
    expect(end.pending).toBe(0);
    expect(end.attention).toBe(0);
    const apps = await atHub();
    const everyone = [...warm, ...people];
    const times = timesAtHub(apps, everyone);
    // each finished submission exactly once; a killed one at most once (it is there whole, or not at all)
    for (const [i, p] of everyone.entries()) expect(times[i], p.name).toBe(submitted.includes(p) ? 1 : times[i]! > 0 ? 1 : 0);
    expect(times.every((t) => t <= 1)).toBe(true);
    // what the device sent is what the hub has: none lost between the outbox and the hub
    expect(end.sent).toBe(times.reduce((a, b) => a + b, 0));

    // at rest: nothing personal in plain text in the data folder or any log, and the folder private
    expect(plainTextOf(dev, everyone)).toEqual([]);
    expect(plainTextIn(deviceLogs, everyone)).toEqual([]);
    expect(plainTextIn(hubLogs.join('') + hub.log(), everyone)).toEqual([]);
    expect(notPrivate(dev)).toEqual([]);
  }, 600_000);
});
