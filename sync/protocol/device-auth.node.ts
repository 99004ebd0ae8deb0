/**
 * How an enrolled device proves itself to the hub (../shared/docs/SECURITY.md "Upload":
 * enrolment token → device key). At enrolment the device makes an ed25519 key pair and hands
 * the hub its public key with the one-time code; from then on it signs every intake request:
 *
 *   Authorization: A1279-Device id=<device id>, ts=<milliseconds since 1970>, sig=<base64>
 *
 * over `REQUEST_STATEMENT + METHOD \n PATH(+query) \n ts \n SHA-256(body) hex`. The hub checks
 * the signature against the device's registered key, that the device is not revoked, and that
 * `ts` is within MAX_SKEW_MS of its own clock. The private key never leaves the device; a
 * request copied off the wire cannot be altered, and replaying an upload changes nothing (the
 * hub's intake is idempotent by client id).
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { parsePublicKey } from './keys.node.js';

export const REQUEST_STATEMENT = 'aichingu-1279 device request v1\n';
export const AUTH_SCHEME = 'A1279-Device';
/** a device whose clock is further off than this is refused until its clock is right (kiosks sync their clock with the network) */
export const MAX_SKEW_MS = 24 * 60 * 60 * 1000;

/** A device id as the hub issues it: `dev_` and 16 random bytes in hex. */
export const DEVICE_ID = /^dev_[0-9a-f]{32}$/;

export interface RequestToSign {
  method: string;
  /** the path and query as sent, e.g. /intake/v1/applications */
  path: string;
  body: Buffer | string;
}

const statement = (r: RequestToSign, ts: number) =>
  Buffer.from(`${REQUEST_STATEMENT}${r.method.toUpperCase()}\n${r.path}\n${ts}\n${createHash('sha256').update(r.body).digest('hex')}`, 'utf8');

/** The Authorization header for one request. */
export function deviceAuthorization(r: RequestToSign, device: { id: string; privateKey: KeyObject }, now: number = Date.now()): string {
  const ts = Math.floor(now);
  return `${AUTH_SCHEME} id=${device.id}, ts=${ts}, sig=${sign(null, statement(r, ts), device.privateKey).toString('base64')}`;
}

export interface DeviceAuth {
  id: string;
  ts: number;
  sig: Buffer;
}

/** Parses an Authorization header of this scheme; null when it is absent or not one. */
export function parseDeviceAuthorization(header: string | undefined): DeviceAuth | null {
  const m = /^A1279-Device id=(dev_[0-9a-f]{32}), ts=(\d{1,16}), sig=([A-Za-z0-9+/]{86}==)$/.exec(header?.trim() ?? '');
  if (!m) return null;
  return { id: m[1]!, ts: Number(m[2]), sig: Buffer.from(m[3]!, 'base64') };
}

export type DeviceCheck = { ok: true } | { ok: false; reason: 'bad_signature' | 'clock_skew'; message: string };

/** Checks a parsed header against the device's registered public key line (ed25519:…). */
export function checkDeviceRequest(auth: DeviceAuth, r: RequestToSign, publicKeyLine: string, now: number = Date.now()): DeviceCheck {
  if (Math.abs(now - auth.ts) > MAX_SKEW_MS)
    return { ok: false, reason: 'clock_skew', message: `the device's clock (${new Date(auth.ts).toISOString()}) is more than a day away from the hub's (${new Date(now).toISOString()}); set the device's clock, then send again` };
  const good = verify(null, statement(r, auth.ts), parsePublicKey(publicKeyLine), auth.sig);
  return good ? { ok: true } : { ok: false, reason: 'bad_signature', message: 'the request is not signed by the key this device enrolled with' };
}
