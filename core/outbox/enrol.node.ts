/**
 * Enrolling this device with a hub (issue 13; SECURITY.md "Upload": enrolment token → device
 * key). The device makes its own ed25519 key pair, sends the public key with the one-time code
 * the hub's operator gave (`cli hub enrol-device NAME`) and gets back its device id and the
 * hub's two public keys: the signing key (catalogue manifests) and the sealing key
 * (applications). It believes them only when
 *   - the proof is the HMAC-SHA-256, keyed with the canonical code, of
 *     `device_id \n signing_key \n sealing_key \n public_key` (the hub that answered knows the
 *     code, and nothing in between changed the keys), and
 *   - the sealing key is signed by the signing key (SEALING_KEY_STATEMENT), and
 *   - the signing key is the one pinned in DATA/sync.json, when one is pinned: a device is never
 *     moved to another hub by an enrolment (nothing is saved then).
 * Then it pins the signing key and the hub's address in sync.json (the catalogue sync checks
 * manifests with the same key) and writes DATA/device.json (0600): the device's private key
 * never leaves the device.
 */
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Enrolment, INTAKE_PREFIX, normalizeCode, formatCode } from '../../sync/protocol/intake.js';
import { fingerprint, generateHubKeys, loadHubKeys, parsePublicKey } from '../../sync/protocol/keys.node.js';
import { parseSealingKey, SEALING_KEY_STATEMENT } from '../../sync/protocol/seal.node.js';
import { readSyncState, writeSyncState } from '../../sync/client/sync.node.js';
import { privateDir, writePrivateFile } from '../private-files.node.js';
import type { Logger } from '../log.node.js';
import { OutboxError } from './errors.js';

/** DATA/device.json */
export interface DeviceFile {
  format: 1;
  device_id: string;
  name: string;
  hub_url: string;
  /** this device's ed25519 private key (PKCS#8 PEM): signs every intake request */
  private_key: string;
  /** its public key line, as the hub registered it */
  public_key: string;
  /** the hub's keys, as enrolment verified them */
  signing_key: string;
  sealing_key: string;
  enrolled_at: string;
  /** the first block of receipt numbers the hub gave with the enrolment (four digits); the outbox keeps it in its database (absent from an older hub) */
  receipt_block?: string;
}

export const deviceFile = (dataDir: string): string => join(dataDir, 'device.json');

/** This device's enrolment, or null when it has none; a damaged file is refused saying what to do. */
export function readDevice(dataDir: string): DeviceFile | null {
  const f = deviceFile(dataDir);
  if (!existsSync(f)) return null;
  try {
    const d = JSON.parse(readFileSync(f, 'utf8')) as DeviceFile;
    if (d.format !== 1 || typeof d.device_id !== 'string' || typeof d.private_key !== 'string' || typeof d.sealing_key !== 'string' || typeof d.hub_url !== 'string') throw new Error('fields are missing');
    return d;
  } catch (e) {
    throw new OutboxError('bad_device_file', `${f} cannot be read (${(e as Error).message}); enrol this device again with: cli enrol --hub URL --code CODE`);
  }
}

/** The hub's base address as the device keeps it (with a trailing slash, as sync.json does). */
export function hubBase(hubUrl: string): URL {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    throw new OutboxError('bad_url', `--hub "${hubUrl}" is not an address; it looks like http://hub.example:8790`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboxError('bad_url', `--hub "${hubUrl}" must start with http:// or https://`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** The address of an intake route under the hub's base (a hub behind a path prefix keeps it). */
export const intakeUrl = (base: string, route: string): URL => new URL(`${INTAKE_PREFIX.slice(1)}/${route}`, hubBase(base));

/** Why a request did not get an answer, in a few words (the cause's code: ECONNREFUSED, ENOTFOUND, a timeout). */
export function networkCause(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time';
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

const looksLikePage = (type: string, text: string) => /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text);

export interface EnrolResult {
  device: DeviceFile;
  /** the hub's signing key's fingerprint (to compare with what the hub printed) */
  fingerprint: string;
}

export async function enrol(o: { dataDir: string; hubUrl: string; code: string; now?: () => Date; logger?: Logger; timeoutMs?: number }): Promise<EnrolResult> {
  const code = normalizeCode(o.code);
  if (!code) throw new OutboxError('bad_code', 'the code is not an enrolment code: it has ten letters and digits, like ABCDE-12345 (printed by `cli hub enrol-device NAME` at the hub)');
  const base = hubBase(o.hubUrl);
  const pinned = readSyncState(o.dataDir);
  const own = generateHubKeys(); // an ed25519 pair of the device's own
  const url = intakeUrl(base.toString(), 'enrol');
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code, public_key: own.publicKey }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 20_000),
      redirect: 'manual',
    });
    text = await res.text();
  } catch (e) {
    throw new OutboxError('unreachable', `the hub at ${base} cannot be reached (${networkCause(e)}); check the address and the network, then enrol again with the same code`);
  }
  const type = res.headers.get('content-type') ?? '';
  const json = (): { error?: string; message?: string } | null => {
    try {
      return /json/i.test(type) ? (JSON.parse(text) as { error?: string; message?: string }) : null;
    } catch {
      return null;
    }
  };
  if (res.status >= 400 && res.status < 500) {
    const body = json();
    if (body?.error === 'bad_code')
      throw new OutboxError('bad_code', `the hub did not accept the code ${formatCode(code)}: it is mistyped, used already or too old; ask the hub's operator for a new one (cli hub enrol-device NAME)`);
    if (body && typeof body.message === 'string') throw new OutboxError('refused', `the hub refused the enrolment (${res.status} ${body.error ?? ''}): ${body.message}`);
  }
  if (res.status >= 300 && res.status < 400) throw new OutboxError('not_a_hub', `the address ${base} sent the device elsewhere (${res.status}) instead of answering: a Wi-Fi login page? Log in to the network, then enrol again`);
  if (res.status !== 201 && res.status !== 200) {
    if (looksLikePage(type, text)) throw new OutboxError('not_a_hub', `the address ${base} answered with a web page (${res.status}), not the hub's intake: a Wi-Fi login page, or not the hub's address?`);
    throw new OutboxError(res.status >= 500 ? 'unreachable' : 'refused', `the hub at ${base} answered ${res.status}; try again in a moment, with the same code`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OutboxError('not_a_hub', `the address ${base} answered with ${looksLikePage(type, text) ? 'a web page — a Wi-Fi login page?' : 'something that is not JSON'}, not an enrolment; log in to the network or check the address, then enrol again`);
  }
  const e = Enrolment.safeParse(parsed);
  if (!e.success) throw new OutboxError('not_a_hub', `the answer from ${base} is not an enrolment (${e.error.issues[0]?.path.join('.') || 'body'}: ${e.error.issues[0]?.message}); is it this app's hub?`);
  const en = e.data;

  // the hub that answered knows the code, and the keys are the ones it sent
  const expected = createHmac('sha256', code).update(`${en.device_id}\n${en.signing_key}\n${en.sealing_key}\n${own.publicKey}`).digest();
  const got = Buffer.from(en.proof, 'hex');
  if (got.length !== expected.length || !timingSafeEqual(got, expected))
    throw new OutboxError('bad_proof', `the answer from ${base} does not prove it knows the code (its proof does not match): something between this device and the hub changed it; nothing was saved`);
  let vouched = false;
  try {
    parseSealingKey(en.sealing_key);
    vouched = verify(null, Buffer.from(SEALING_KEY_STATEMENT + en.sealing_key, 'utf8'), parsePublicKey(en.signing_key), Buffer.from(en.sealing_key_signature, 'base64'));
  } catch {
    vouched = false;
  }
  if (!vouched) throw new OutboxError('bad_proof', "the hub's sealing key is not signed by its signing key; nothing was saved");
  if (pinned.key && pinned.key.trim() !== en.signing_key)
    throw new OutboxError(
      'key_mismatch',
      `this device is pinned to another hub (key ${fingerprint(pinned.key)}); the hub at ${base} has key ${fingerprint(en.signing_key)}. Nothing was saved. To move the device, an operator removes sync.json from its data folder first.`,
    );

  const now = (o.now ?? (() => new Date()))();
  const device: DeviceFile = {
    format: 1,
    device_id: en.device_id,
    name: en.name,
    hub_url: base.toString(),
    private_key: own.privatePem,
    public_key: loadHubKeys(own.privatePem).publicKey,
    signing_key: en.signing_key,
    sealing_key: en.sealing_key,
    enrolled_at: now.toISOString(),
    ...(en.receipt_block !== undefined ? { receipt_block: en.receipt_block } : {}),
  };
  privateDir(o.dataDir);
  writePrivateFile(deviceFile(o.dataDir), JSON.stringify(device, null, 2) + '\n');
  writeSyncState(o.dataDir, { ...pinned, key: en.signing_key, hub_url: base.toString() });
  o.logger?.info({ event: 'outbox.enrolled', device: en.device_id, hub: base.toString(), key: fingerprint(en.signing_key) }, 'this device is enrolled with the hub');
  return { device, fingerprint: fingerprint(en.signing_key) };
}
