/**
 * The hub's signing key (ed25519) and the checks a kiosk makes with the pinned public key.
 * A public key is written on one line as `ed25519:<base64 of its 32 raw bytes>`; its
 * fingerprint (the key id) is the first 16 bytes of its SHA-256 in hex, shown to an operator
 * in groups of four to compare by eye.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { Envelope, Manifest, SyncError } from './manifest.js';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface HubKeys {
  privateKey: KeyObject;
  publicKey: string;
  keyId: string;
}

export function generateHubKeys(): { privatePem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKeyLine(publicKey) };
}

export function loadHubKeys(privatePem: string): HubKeys {
  const privateKey = createPrivateKey(privatePem);
  const publicKey = publicKeyLine(createPublicKey(privateKey));
  return { privateKey, publicKey, keyId: keyId(publicKey) };
}

function publicKeyLine(k: KeyObject): string {
  const der = k.export({ type: 'spki', format: 'der' });
  return `ed25519:${der.subarray(der.length - 32).toString('base64')}`;
}

/** Parses a key line; throws SyncError naming what is wrong. */
export function parsePublicKey(line: string): KeyObject {
  const m = /^ed25519:([A-Za-z0-9+/]{43}=)$/.exec(line.trim());
  if (!m?.[1]) throw new SyncError('no_key', `"${line.trim().slice(0, 60)}" is not a hub key; it looks like ed25519:<44 characters>, as \`cli hub key\` prints it at the hub`, true);
  const raw = Buffer.from(m[1], 'base64');
  if (raw.length !== 32) throw new SyncError('no_key', 'the hub key must hold 32 bytes', true);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export const keyId = (line: string): string => createHash('sha256').update(line.trim()).digest('hex').slice(0, 32);

/** The key id as an operator compares it by eye: eight groups of four. */
export const fingerprint = (line: string): string => keyId(line).match(/.{4}/g)!.join(' ');

export function signManifest(m: Manifest, keys: HubKeys): Envelope {
  const payload = Buffer.from(JSON.stringify(Manifest.parse(m)));
  return { payload: payload.toString('base64'), signature: sign(null, payload, keys.privateKey).toString('base64'), key_id: keys.keyId };
}

/**
 * Checks an envelope against the pinned key and returns its manifest. A different key, a bad
 * signature or a manifest that does not parse is refused with a clear message.
 */
export function openEnvelope(raw: unknown, pinnedKey: string, whose: 'pinned' | 'given' = 'pinned'): Manifest {
  const env = Envelope.safeParse(raw);
  if (!env.success) throw new SyncError('bad_manifest', `the manifest is not a signed envelope (${env.error.issues[0]?.path.join('.') || 'body'}: ${env.error.issues[0]?.message})`);
  const pinnedId = keyId(pinnedKey);
  // a device with no key pinned yet checks against the key given for its first update (nothing is pinned until it passes)
  const theKey = whose === 'pinned' ? 'the hub key pinned on this device' : 'the hub key given (nothing is pinned on this device yet)';
  if (env.data.key_id !== pinnedId) throw new SyncError('key_mismatch', `the catalogue is signed by key ${env.data.key_id.slice(0, 8)}…, not by ${theKey} (${pinnedId.slice(0, 8)}…); nothing was applied`);
  const payload = Buffer.from(env.data.payload, 'base64');
  const ok = verify(null, payload, parsePublicKey(pinnedKey), Buffer.from(env.data.signature, 'base64'));
  if (!ok) throw new SyncError('bad_signature', `the manifest's signature does not match ${whose === 'pinned' ? 'the pinned hub key' : 'the hub key given'}: it was changed after signing; nothing was applied`);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new SyncError('bad_manifest', 'the signed manifest is not JSON');
  }
  const m = Manifest.safeParse(json);
  if (!m.success) throw new SyncError('bad_manifest', `the signed manifest is not one this app reads (${m.error.issues[0]?.path.join('.')}: ${m.error.issues[0]?.message}); update the app`);
  return m.data;
}
