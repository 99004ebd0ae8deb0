/**
 * A counsellor's PIN (6–8 digits) is never stored. Two things are derived from it with scrypt
 * (node:crypto), each with a random salt of its own:
 *   - the verifier, scrypt(PIN, verifier_salt), stored, compared in constant time at sign-in;
 *   - the drafts' key, scrypt(PIN, key_salt), never stored: it exists in memory only while the
 *     counsellor is signed in (a Buffer, zero-filled at sign-out).
 * Different salts make the two unrelated: the stored verifier says nothing about the key.
 *
 * The cost is OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1: 128 MiB and ~0.4–0.8 s per
 * derivation on a laptop), kept with each account so it can be raised later. It is computed on
 * libuv's thread pool (async), so a sign-in does not stop the kiosk's other calls. A PIN has
 * only 10^6–10^8 values: the cost is what makes guessing it from a stolen disk slow (a 6-digit
 * PIN costs ~10^6 derivations ≈ days of one CPU), which is why 8 digits are recommended.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CounsellorError } from './errors.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const PIN_PATTERN = /^\d{6,8}$/;

/** Refuses a PIN that is not 6–8 digits (the message never repeats it). */
export function checkPinShape(pin: string, what = 'a PIN'): void {
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) throw new CounsellorError('bad_pin', `${what} is 6 to 8 digits`);
}

/** scrypt on the thread pool, with memory enough for the cost (Node's default maxmem is 32 MiB). */
export function derive(pin: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const secret = Buffer.from(pin, 'utf8');
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(secret, salt, KEY_BYTES, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r * cost.p }, (err, key) => {
      secret.fill(0);
      if (err) reject(err);
      else resolve(key);
    }),
  );
}

export const newSalt = (): Buffer => randomBytes(SALT_BYTES);

/** The verifier of a PIN with a fresh salt. */
export async function makeVerifier(pin: string, cost: ScryptCost): Promise<{ verifier: Buffer; salt: Buffer }> {
  const salt = newSalt();
  return { verifier: await derive(pin, salt, cost), salt };
}

/** Whether the PIN gives the stored verifier (constant-time comparison). */
export async function pinMatches(pin: string, stored: { verifier: Buffer; salt: Buffer; cost: ScryptCost }): Promise<boolean> {
  const v = await derive(pin, stored.salt, stored.cost);
  try {
    return v.length === stored.verifier.length && timingSafeEqual(v, stored.verifier);
  } finally {
    v.fill(0);
  }
}
