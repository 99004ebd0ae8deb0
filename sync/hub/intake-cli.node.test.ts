/**
 * The intake as an operator runs it, on the BUILT hub (dist/node/hub.mjs) and the BUILT CLI
 * (dist/node/cli.mjs): `hub enrol-device`, `hub revoke-device`, `hub applications`, the same
 * output whether a hub runs on the data folder or not. A device is played here over HTTP (an
 * ed25519 key, the code from the CLI's last line, sealed and signed uploads). `npm test` builds
 * first; run `npm run build` before running this file alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../tests/env.node.js';
import { startBuiltHub, type BuiltHub } from '../../tests/journeys/built-hub.js';
import { generateHubKeys, loadHubKeys } from '../protocol/keys.node.js';
import { seal } from '../protocol/seal.node.js';
import { deviceAuthorization } from '../protocol/device-auth.node.js';
import { Enrolment, INTAKE_PREFIX } from '../protocol/intake.js';

const HUB = join(ROOT, 'dist', 'node', 'hub.mjs');
const CLI = join(ROOT, 'dist', 'node', 'cli.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });


const PHONE = '010-9876-5432';
const NAME = '박영희';

interface Device {
  id: string;
  key: KeyObject;
  sealingKey: string;
}
async function enrolDevice(url: string, code: string): Promise<Device> {
  const keys = loadHubKeys(generateHubKeys().privatePem);
  const res = await fetch(`${url}${INTAKE_PREFIX}/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, public_key: keys.publicKey }) });
  expect(res.status).toBe(201);
  const e = Enrolment.parse(await res.json());
  return { id: e.device_id, key: keys.privateKey, sealingKey: e.sealing_key };
}
async function upload(url: string, d: Device, form: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const meta = { client_id: randomUUID(), service: 'consultation-callback', created_at: new Date().toISOString() };
  const sealed = seal(Buffer.from(JSON.stringify({ format: 1, ...meta, form, consent: { version: 'consult-v1', given_at: meta.created_at } })), d.sealingKey, meta);
  const body = JSON.stringify({ applications: [{ ...meta, size: sealed.length, sealed: sealed.toString('base64') }] });
  const path = `${INTAKE_PREFIX}/applications`;
  const res = await fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: deviceAuthorization({ method: 'POST', path, body }, { id: d.id, privateKey: d.key }) } });
  return { status: res.status, body: await res.json() };
}

/** what the hub printed, line by line */
const hubLines = (h: BuiltHub) => h.printed().trimEnd().split('\n');

const CODE_LINE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

beforeAll(() => {
  for (const f of [HUB, CLI]) if (!existsSync(f)) throw new Error(`${f} is not built: run npm run build (npm test builds before it tests)`);
});

describe('the built CLI and hub: enrol, revoke, applications', () => {
  const data = mkdtempSync(join(tmpdir(), 'intake-cli-hub-')); // the hub's folder, made by its operator; no hub has started in it yet
  let hub: BuiltHub | undefined;
  afterAll(() => {
    hub?.process.kill('SIGKILL');
  });

  it('codes, applications opened, revocation — through the running hub and on the store directly, the same output; no phone number in the store\'s files', async () => {
    // no hub yet: the CLI opens the store itself
    const first = cli('hub', 'enrol-device', '3층 키오스크', '--data', data);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^a one-time enrolment code for device "3층 키오스크", valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(24 hours\), once;$/);
    expect(lines[2]).toMatch(CODE_LINE);
    const json = cli('hub', 'enrol-device', 'laptop-2', '--data', data, '--json');
    expect(json.status).toBe(0);
    expect(json.stdout.split('\n')).toHaveLength(2);
    const j = JSON.parse(json.stdout) as { name: string; code: string; expires_at: string };
    expect(Object.keys(j)).toEqual(['name', 'code', 'expires_at']);
    expect(j.name).toBe('laptop-2');
    expect(j.code).toMatch(CODE_LINE);
    expect(Date.parse(j.expires_at) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const bad = cli('hub', 'enrol-device', '../../etc', '--data', data);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: the device name "..\/..\/etc" is not one the hub takes: 1 to 64 letters/);
    const two = cli('hub', 'enrol-device', '3층', '키오스크', '--data', data);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/one argument \(a name with spaces in quotes\)/);
    expect(cli('hub', 'applications', '--data', data).stdout).toBe('no application received yet\n');

    hub = await startBuiltHub(HUB, data);
    // the CLI made both keys on its first use of the folder: the hub prints them, and makes none
    expect(hubLines(hub).map((l) => l.replace(/:.*/, ''))).toEqual(['hub public key', 'fingerprint', 'hub sealing key', 'sealing key fingerprint', 'hub listening on http']);
    const sealLine = hubLines(hub).find((l) => l.startsWith('hub sealing key: '));
    expect(sealLine).toMatch(/^hub sealing key: x25519:[A-Za-z0-9+/]{43}=$/);
    expect(hubLines(hub)[hubLines(hub).indexOf(sealLine!) + 1]).toMatch(/^sealing key fingerprint: [0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    expect(readFileSync(join(data, 'hub-seal.pub'), 'utf8')).toBe(`${sealLine!.slice('hub sealing key: '.length)}\n`);
    expect(statSync(join(data, 'hub-seal.pem')).mode & 0o777).toBe(0o600);
    // `hub key` is still the signing key alone
    expect(cli('hub', 'key', '--data', data).stdout).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=\n$/);

    // the code made before the hub started works; one made through the running hub too
    const kiosk = await enrolDevice(hub.url, lines[2]!);
    const viaHub = cli('hub', 'enrol-device', '상담실', '--data', data);
    expect(viaHub.status).toBe(0);
    expect(viaHub.stdout.trimEnd().split('\n')[0]).toMatch(/^a one-time enrolment code for device "상담실", valid until /);
    const room = await enrolDevice(hub.url, viaHub.stdout.trimEnd().split('\n').at(-1)!);
    const again = cli('hub', 'enrol-device', '상담실', '--data', data);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('error: a device named "상담실" is enrolled and not revoked; revoke it first (cli hub revoke-device "상담실") or choose another name\n');

    const form = { name: NAME, phone: PHONE, topic: '아이돌봄', preferred_time: 'weekday_afternoon', consent: true };
    expect((await upload(hub.url, kiosk, form)).status).toBe(200);
    expect((await upload(hub.url, room, { ...form, name: `${NAME}2` })).status).toBe(200);

    const listed = cli('hub', 'applications', '--data', data, '--json');
    expect(listed.stderr).toBe('');
    const apps = JSON.parse(listed.stdout) as { receipt: string; device: string; form: Record<string, unknown>; consent: unknown; counsellor: string | null }[];
    expect(apps.map((a) => [a.device, a.form])).toEqual([
      ['3층 키오스크', form],
      ['상담실', { ...form, name: `${NAME}2` }],
    ]);
    expect(Object.keys(apps[0]!)).toEqual(['receipt', 'client_id', 'device', 'service', 'created_at', 'received_at', 'status', 'status_at', 'reason', 'form', 'consent', 'counsellor']);
    expect(apps.map((a) => a.counsellor), 'taken at a kiosk: no counsellor').toEqual([null, null]);
    const text = cli('hub', 'applications', '--data', data);
    const textLines = text.stdout.trimEnd().split('\n');
    expect(textLines).toHaveLength(2);
    expect(textLines[0]).toMatch(new RegExp(`^${apps[0]!.receipt}  \\S+  consultation-callback  received  from "3층 키오스크"  \\{.*"phone":"${PHONE}"`));

    const revoked = cli('hub', 'revoke-device', '상담실', '--data', data);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/^device "상담실" is revoked \(since \S+\): the hub takes nothing more from it\n$/);
    const refused = await upload(hub.url, room, form);
    expect(refused).toMatchObject({ status: 403, body: { error: 'revoked' } });
    const unknown = cli('hub', 'revoke-device', 'nobody', '--data', data);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('error: no device named "nobody" is enrolled on this hub, and no code for that name is waiting\n');

    hub.process.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    // the hub's log names no one, and says what it refused
    const log = hub.log();
    expect(log).not.toContain(PHONE);
    expect(log).not.toContain(NAME);
    expect(log).toContain('"reason":"revoked"');

    // no hub: the same answers from the store directly
    expect(cli('hub', 'applications', '--data', data, '--json').stdout).toBe(listed.stdout);
    expect(cli('hub', 'applications', '--data', data).stdout).toBe(text.stdout);
    const revokedAgain = cli('hub', 'revoke-device', '상담실', '--data', data, '--json');
    expect(JSON.parse(revokedAgain.stdout)).toEqual({ name: '상담실', revoked_at: /since (\S+)\)/.exec(revoked.stdout)![1] });

    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(join(data, 'pglite'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(PHONE)), f).toBe(false);
      expect(bytes.includes(Buffer.from(NAME)), f).toBe(false);
    }
  }, 300_000);
});
