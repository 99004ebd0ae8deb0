/**
 * Applications carried on a USB stick (issue 14), end to end on the BUILT CLI: a real device's
 * outbox (SQLite, enrolled with a real hub over HTTP) writes its pending applications with
 * `cli outbox export FILE`; the hub takes them with `cli hub import-applications FILE` — through
 * the running hub's operator endpoint and, with no hub running, on the store — on PGlite and on
 * a PostgreSQL server. Each application is imported once; the device's later upload of the same
 * applications gets the same receipts; a changed record or manifest, a revoked device's file or
 * a file from a device the hub never enrolled is refused with nothing imported; a record whose
 * client id the hub holds with other bytes is reported as a conflict, not stored; no name or
 * phone number in plain text in the export file or any output.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.node.js';
import { freshDir, resources, sourceFormCatalogue, testCore } from '../../tests/env.node.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp, type Ran } from '../../tests/journeys/built-app.js';
import { person, plainTextIn, plainTextOf, type Person } from '../../tests/journeys/outbox-people.js';
import { enrol, readDevice } from '../../core/outbox/enrol.node.js';
import type { Core } from '../../core/core.node.js';
import { generateHubKeys, loadHubKeys } from '../protocol/keys.node.js';
import { seal } from '../protocol/seal.node.js';
import { listTar, readTarPart, writeTar } from '../protocol/bundle.node.js';
import { EXPORT_KIND, EXPORT_MANIFEST, ExportEnvelope, recordName, sha256hex, signExport, type ExportManifest } from '../protocol/outbox-export.node.js';
import { ensureHubKeys, ensureSealingKeys } from './hub-keys.node.js';
import { registerIntake } from './intake.node.js';
import { ensureOperatorToken, localOperations, type Publisher } from './operator.node.js';
import { startHub, type RunningHub } from './server.node.js';
import { openHubStore } from './store.node.js';
import { freshHubLayout, hubStoreBackends } from './testing.node.js';
import { hubLayout, type HubLayout } from './layout.node.js';

const noPublisher: Publisher = { publish: () => Promise.reject(new Error('not here')), exportBundle: () => Promise.reject(new Error('not here')) };
const { backends } = hubStoreBackends();

let app: BuiltApp;
beforeAll(() => {
  app = copyBuiltApp();
});

interface ImportJson {
  imported: number;
  duplicates: number;
  refused: { client_id: string; reason: string }[];
}
interface Listed {
  receipt: string;
  client_id: string;
  device: string;
  form: { name?: string } | null;
}

/** The callback form a person fills in. */
const callback = (p: Person) => ({ name: p.name, phone: p.phone, topic: '아이돌봄 서비스 신청 방법', preferred_time: 'weekday_afternoon', consent: true });

describe.each(backends)('applications carried on a USB stick, at a hub on $name', ({ name, url }) => {
  // the file's refusals are decided before the store is touched: they run on the default store (PGlite) only, the import itself on both
  const storeAgnostic = name === backends[0]!.name ? it : it.skip;
  let layout: HubLayout;
  let databaseUrl: string | undefined;
  let hub: RunningHub | null = null;
  let port = 0;
  const hubLog = memoryLogger('hub');
  const cores: Core[] = [];
  const people: Person[] = Array.from({ length: 8 }, (_, i) => person(i, 41));
  const outputs: string[] = [];
  const files: string[] = [];

  async function start(): Promise<void> {
    const { logger } = hubLog;
    const store = await openHubStore({ layout, databaseUrl, logger });
    const { keys } = ensureHubKeys(layout, logger);
    const { keys: sealing } = ensureSealingKeys(layout, logger);
    const token = ensureOperatorToken(layout, logger);
    const ops = localOperations({ layout, store, keys, sealing, logger, publisher: noPublisher, resources: resources(), moduleUrl: import.meta.url });
    hub = await startHub({ layout, store, keys, logger, host: '127.0.0.1', port, operations: ops, operatorToken: token, extensions: [(a) => registerIntake(a, { store, keys, sealing, formCatalogue: sourceFormCatalogue })] });
    port = Number(new URL(hub.url).port);
  }

  const run = async (args: string[]): Promise<Ran> => {
    const r = await runBuiltCli(app, args);
    outputs.push(r.out, r.err);
    return r;
  };
  const hubCli = (args: string[]) => run([...args, '--data', layout.dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])]);
  /** what the hub received, opened (the operator's view: the forms, names and phones included — kept out of `outputs`) */
  const listed = async (): Promise<Map<string, Listed>> => {
    const r = await runBuiltCli(app, ['hub', 'applications', '--json', '--data', layout.dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])]);
    expect(r.code, r.err).toBe(0);
    return new Map(jsonResult<Listed[]>(r).map((a) => [a.client_id, a]));
  };
  const exportTo = async (core: Core, name: string): Promise<{ file: string; records: number; bytes: number }> => {
    const file = join(freshDir('usb-'), name);
    const r = await run(['outbox', 'export', file, '--data', core.env.dataDir, '--json']);
    expect(r.code, r.err).toBe(0);
    files.push(file);
    return jsonResult(r);
  };
  const submit = (core: Core, p: Person) => core.outbox.submit({ service: 'consultation-callback', form: callback(p) }).client_id;

  beforeAll(async () => {
    databaseUrl = await url();
    layout = databaseUrl ? hubLayout(freshDir('import-hub-')) : await freshHubLayout('import-hub-');
    await start();
  }, 180_000);
  afterAll(async () => {
    for (const c of cores) await c.close();
    await hub?.close();
  });

  let laptop: Core;
  let deviceName: string;
  const ids: string[] = [];

  it('the export holds the pending applications, sealed and signed; the hub imports each once; the device\'s later upload gets the same receipts', async () => {
    deviceName = `usb-laptop-${randomUUID().slice(0, 8)}`;
    const issued = await hubCli(['hub', 'enrol-device', deviceName, '--json']);
    expect(issued.code, issued.err).toBe(0);
    laptop = testCore({ dataDir: freshDir('usb-device-') }).core;
    cores.push(laptop);
    await enrol({ dataDir: laptop.env.dataDir, hubUrl: hub!.url, code: jsonResult<{ code: string }>(issued).code });
    for (const p of people.slice(0, 3)) ids.push(submit(laptop, p));

    // offline for days: onto a stick
    const exported = await exportTo(laptop, 'applications.a1279o');
    expect(exported).toMatchObject({ records: 3, bytes: statSync(exported.file).size });
    expect(statSync(exported.file).mode & 0o777).toBe(0o600);
    const listing = spawnSync('tar', ['tf', exported.file], { encoding: 'utf8' });
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stdout.trim().split('\n')).toEqual([EXPORT_MANIFEST, ...ids.map(recordName)]);
    expect(plainTextOf(dirname(exported.file), people)).toEqual([]);
    // nothing else is left beside it (the temporary file was renamed)
    expect(spawnSync('ls', ['-A', dirname(exported.file)], { encoding: 'utf8' }).stdout.trim()).toBe('applications.a1279o');
    // they stay pending on the device
    expect(laptop.outbox.status()).toMatchObject({ pending: 3, sent: 0 });
    const again = await run(['outbox', 'export', exported.file, '--data', laptop.env.dataDir]);
    expect([again.code, again.err]).toEqual([1, expect.stringMatching(/exists already; give a new file name \(nothing was written\)/)]);

    // at the hub (running: through its operator endpoint)
    const first = await hubCli(['hub', 'import-applications', exported.file, '--json']);
    expect(first.code, first.err).toBe(0);
    expect(first.out.trim()).toBe('{"imported":3,"duplicates":0,"refused":[]}');
    const second = await hubCli(['hub', 'import-applications', exported.file]);
    expect(second.code, second.err).toBe(0);
    expect(second.out.split('\n')[0]).toMatch(new RegExp(`^3 applications from device "${deviceName}" \\(dev_[0-9a-f]{32}\\): 0 imported, 3 received before \\(the same receipts\\), 0 refused$`));
    const atHub = await listed();
    expect(ids.map((id) => atHub.get(id)?.form?.name)).toEqual(people.slice(0, 3).map((p) => p.name));
    expect(ids.map((id) => atHub.get(id)?.device)).toEqual([deviceName, deviceName, deviceName]);

    // the network returns: the device sends them; the hub answers with the receipts it gave the file's copies
    expect(await laptop.outbox.sendNow()).toMatchObject({ sent: 3, attention: 0, pending: 0 });
    const receipts = laptop.outbox.status().records.filter((r) => ids.includes(r.clientId));
    expect(new Map(receipts.map((r) => [r.clientId, r.receipt]))).toEqual(new Map(ids.map((id) => [id, atHub.get(id)!.receipt])));
    expect((await listed()).size).toBe(atHub.size);
  }, 240_000);

  storeAgnostic('a changed record or manifest is refused and nothing is imported; other bytes under a client id the hub holds are a conflict, reported and not stored', async () => {
    const before = (await listed()).size;
    const [d, e] = [submit(laptop, people[3]!), submit(laptop, people[4]!)];
    const f2 = await exportTo(laptop, 'second.a1279o');
    expect(f2.records).toBe(2);
    const parts = listTar(f2.file);
    const usb = dirname(f2.file);

    // one character of the second record's sealed bytes changed on the stick
    const record = parts.find((p) => p.name === recordName(e))!;
    const changed = join(usb, 'changed-record.a1279o');
    copyFileSync(f2.file, changed);
    const bytes = readFileSync(changed);
    const text = readTarPart(f2.file, record).toString('utf8');
    const at = record.offset + text.indexOf('"sealed":"') + 20;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(changed, bytes);
    const r1 = await hubCli(['hub', 'import-applications', changed, '--json']);
    expect([r1.code, r1.out]).toEqual([1, '']);
    expect(r1.err).toMatch(new RegExp(`record 2 \\(client id ${e}\\) does not match the SHA-256 its signed manifest gives: the file was changed after the export; nothing was imported`));

    // the manifest changed (a record left out of it and of the file): its signature no longer holds
    const env = ExportEnvelope.parse(JSON.parse(readTarPart(f2.file, parts[0]!).toString('utf8')));
    const m = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as ExportManifest;
    const fewer = { ...env, payload: Buffer.from(JSON.stringify({ ...m, records: m.records.slice(0, 1) })).toString('base64') };
    const edited = join(usb, 'changed-manifest.a1279o');
    await writeTar(edited, [{ name: EXPORT_MANIFEST, data: Buffer.from(JSON.stringify(fewer)) }, { name: recordName(d), data: readTarPart(f2.file, parts[1]!) }]);
    const r2 = await hubCli(['hub', 'import-applications', edited]);
    expect([r2.code, r2.out]).toEqual([1, '']);
    expect(r2.err).toMatch(/its manifest is not signed by the key device dev_[0-9a-f]{32} enrolled with — it was changed after the export, or made elsewhere; nothing was imported/);
    // a part the manifest does not name, added to a genuine file
    const added = join(usb, 'added-part.a1279o');
    await writeTar(added, [...parts.map((p) => ({ name: p.name, data: readTarPart(f2.file, p) })), { name: recordName(randomUUID()), data: Buffer.from('{}') }]);
    const r3 = await hubCli(['hub', 'import-applications', added]);
    expect([r3.code, r3.err]).toEqual([1, expect.stringMatching(/holds 1 part\(s\) its signed manifest does not name .*nothing was imported/)]);
    const after = await listed();
    expect(after.size).toBe(before);
    expect(after.has(d) || after.has(e)).toBe(false);

    // signed by the device itself, but the first application's client id with other bytes (a faulty app): a conflict for that one, the other taken
    const device = readDevice(laptop.env.dataDir)!;
    const first = laptop.outbox.status().records.find((r) => r.clientId === ids[0])!;
    const meta = { client_id: ids[0]!, service: 'consultation-callback', created_at: first.createdAt };
    const other = seal(Buffer.from(JSON.stringify({ format: 1, ...meta, form: callback(people[7]!), consent: { version: 'consultation-callback/consent-v1', given_at: meta.created_at } })), device.sealing_key, meta);
    const clash = Buffer.from(JSON.stringify({ ...meta, size: other.length, sealed: other.toString('base64') }));
    const genuineD = readTarPart(f2.file, parts[1]!);
    const manifest: ExportManifest = {
      format: 1,
      kind: EXPORT_KIND,
      device_id: device.device_id,
      device_name: device.name,
      hub_key: device.signing_key,
      created_at: new Date().toISOString(),
      records: [
        { name: recordName(ids[0]!), client_id: ids[0]!, sha256: sha256hex(clash), size: clash.length },
        { name: recordName(d), client_id: d, sha256: sha256hex(genuineD), size: genuineD.length },
      ],
    };
    const faulty = join(usb, 'faulty.a1279o');
    await writeTar(faulty, [
      { name: EXPORT_MANIFEST, data: signExport(manifest, createPrivateKey(device.private_key)).bytes },
      { name: recordName(ids[0]!), data: clash },
      { name: recordName(d), data: genuineD },
    ]);
    const r4 = await hubCli(['hub', 'import-applications', faulty, '--json']);
    expect(r4.code, r4.err).toBe(0);
    const j4 = jsonResult<ImportJson>(r4);
    expect(j4).toMatchObject({ imported: 1, duplicates: 0, refused: [{ client_id: ids[0], reason: expect.stringMatching(/^conflict: another application, with other content, was received under client id/) }] });
    expect(Object.keys(j4)).toEqual(['imported', 'duplicates', 'refused']);
    const text4 = await hubCli(['hub', 'import-applications', faulty]);
    expect(text4.out).toMatch(new RegExp(`^2 applications from device "${deviceName}" .*: 0 imported, 1 received before \\(the same receipts\\), 1 refused\\n  refused ${ids[0]}: conflict: `));
    const now = await listed();
    expect(now.get(ids[0]!)?.form?.name).toBe(people[0]!.name); // the one received first stays
    expect(now.has(d)).toBe(true);

    // the genuine file: the rest
    const r5 = await hubCli(['hub', 'import-applications', f2.file, '--json']);
    expect(jsonResult<ImportJson>(r5)).toEqual({ imported: 1, duplicates: 1, refused: [] });
  }, 240_000);

  storeAgnostic('with no hub running the CLI imports on the store; a revoked device\'s file and one from a device never enrolled are refused, nothing imported', async () => {
    const [f] = [submit(laptop, people[5]!)];
    const f3 = await exportTo(laptop, 'third.a1279o');
    expect(f3.records).toBe(3); // the two of the last test are still pending on the device, and this one
    await hub!.close();
    hub = null;
    const direct = await hubCli(['hub', 'import-applications', f3.file, '--json']);
    expect(direct.code, direct.err).toBe(0);
    expect(jsonResult<ImportJson>(direct)).toEqual({ imported: 1, duplicates: 2, refused: [] });
    expect((await listed()).has(f)).toBe(true);

    const revoked = await hubCli(['hub', 'revoke-device', deviceName]);
    expect(revoked.code, revoked.err).toBe(0);
    const g = submit(laptop, people[6]!); // the device does not know yet: it works offline
    const f4 = await exportTo(laptop, 'fourth.a1279o');
    const refused = await hubCli(['hub', 'import-applications', f4.file, '--json']);
    expect([refused.code, refused.out]).toEqual([1, '']);
    expect(refused.err).toMatch(new RegExp(`was written by device "${deviceName}", revoked at \\d{4}-\\d\\d-\\d\\dT[^ ]+: the hub takes nothing from it, by network or by USB. Nothing was imported`));
    expect((await listed()).has(g)).toBe(false);

    // a device this hub never enrolled (its own key, an id of its own), the file meant for this hub
    const stranger = loadHubKeys(generateHubKeys().privatePem);
    const sealed = Buffer.from('not an application');
    const rec = Buffer.from(JSON.stringify({ client_id: randomUUID(), service: 'consultation-callback', created_at: new Date().toISOString(), size: sealed.length, sealed: sealed.toString('base64') }));
    const id = (JSON.parse(rec.toString()) as { client_id: string }).client_id;
    const unknownId = `dev_${'ab'.repeat(16)}`;
    const m: ExportManifest = {
      format: 1,
      kind: EXPORT_KIND,
      device_id: unknownId,
      device_name: 'stranger',
      hub_key: readDevice(laptop.env.dataDir)!.signing_key,
      created_at: new Date().toISOString(),
      records: [{ name: recordName(id), client_id: id, sha256: sha256hex(rec), size: rec.length }],
    };
    const strangerFile = join(freshDir('usb-'), 'stranger.a1279o');
    await writeTar(strangerFile, [{ name: EXPORT_MANIFEST, data: signExport(m, stranger.privateKey).bytes }, { name: recordName(id), data: rec }]);
    const unknown = await hubCli(['hub', 'import-applications', strangerFile]);
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringMatching(new RegExp(`was written by device ${unknownId}, which this hub has never enrolled; nothing was imported`))]);
    // not an applications file at all
    const notOne = await hubCli(['hub', 'import-applications', join(dirname(f4.file), 'missing.a1279o')]);
    expect([notOne.code, notOne.err]).toEqual([1, expect.stringMatching(/cannot be read \(ENOENT\)/)]);
    const usage = await hubCli(['hub', 'import-applications']);
    expect([usage.code, usage.err]).toEqual([2, expect.stringMatching(/hub import-applications needs one file/)]);
  }, 240_000);

  it('no name or phone number in plain text in any export file, CLI output or the hub\'s log', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(f)).toBe(true);
    for (const f of files) expect(plainTextOf(dirname(f), people)).toEqual([]);
    expect(plainTextIn(outputs.join('\n'), people)).toEqual([]);
    expect(plainTextIn(JSON.stringify(hubLog.lines()), people)).toEqual([]);
  });
});
