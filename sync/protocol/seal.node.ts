/**
 * Sealing an application on the device so that only the hub can read it
 * (../shared/docs/SECURITY.md "Personal data"; REFERENCE.md §5): X25519 key agreement with a
 * fresh ephemeral key per application, HKDF-SHA-256, AES-256-GCM (16-byte tag), all node:crypto.
 *
 * The hub's sealing key is written on one line as `x25519:<base64 of its 32 raw bytes>`; its
 * key id is the first 16 bytes of SHA-256 of that line (as keys.node.ts does for the signing
 * key). The hub vouches for its sealing key by signing `SEALING_KEY_STATEMENT + line` with its
 * signing key (ed25519), so a device that pinned the signing key can check the sealing key.
 *
 * A sealed application (bytes):
 *   "A1S1" (4) | key id (16) | ephemeral public key (32) | IV (12) | GCM tag (16) | ciphertext
 * The additional data binds the format, the key id, the ephemeral key and the envelope the
 * device stores in the clear (client id, service, created-at): a sealed body moved under
 * another envelope, or an envelope edited, does not open. The HKDF salt is the ephemeral and
 * the recipient public keys; its info names the format and the client id.
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

export const SEAL_MAGIC = Buffer.from('A1S1', 'latin1');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const HEAD = 4 + 16 + 32 + 12 + 16;
/** what the hub signs (with its ed25519 key) to vouch for its sealing key */
export const SEALING_KEY_STATEMENT = 'aichingu-1279 sealing key v1\n';

/** A sealed application that cannot be opened, or a key that is not one; `reason` is stable. */
export class SealError extends Error {
  constructor(
    readonly reason: 'bad_key' | 'bad_format' | 'wrong_key' | 'tampered',
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

export interface SealingKeys {
  privateKey: KeyObject;
  /** x25519:<base64> */
  publicKey: string;
  /** 32 hex characters */
  keyId: string;
}

/** The envelope a device keeps in the clear beside the sealed bytes: nothing personal. */
export interface SealedMeta {
  client_id: string;
  service: string;
  /** ISO time */
  created_at: string;
}

const rawOf = (k: KeyObject): Buffer => {
  const der = k.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
};
const lineOf = (k: KeyObject) => `x25519:${rawOf(k).toString('base64')}`;
export const sealingKeyId = (line: string): string => createHash('sha256').update(line.trim()).digest('hex').slice(0, 32);

export function generateSealingKeys(): { privatePem: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: lineOf(publicKey) };
}

export function loadSealingKeys(privatePem: string): SealingKeys {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'x25519') throw new SealError('bad_key', `the sealing key is ${privateKey.asymmetricKeyType ?? 'not an asymmetric key'}, not x25519`);
  const publicKey = lineOf(createPublicKey(privateKey));
  return { privateKey, publicKey, keyId: sealingKeyId(publicKey) };
}

/** Parses a sealing key line; throws SealError('bad_key') saying what it should look like. */
export function parseSealingKey(line: string): KeyObject {
  const m = /^x25519:([A-Za-z0-9+/]{43}=)$/.exec(line.trim());
  if (!m?.[1]) throw new SealError('bad_key', `"${line.trim().slice(0, 60)}" is not a sealing key; it looks like x25519:<44 characters>`);
  const raw = Buffer.from(m[1], 'base64');
  if (raw.length !== 32) throw new SealError('bad_key', 'a sealing key holds 32 bytes');
  if (raw.every((b) => b === 0)) throw new SealError('bad_key', 'the all-zero sealing key is not a key');
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

const aadOf = (kid: Buffer, epk: Buffer, m: SealedMeta) =>
  Buffer.concat([SEAL_MAGIC, kid, epk, Buffer.from(`\n${m.client_id}\n${m.service}\n${m.created_at}`, 'utf8')]);

const keyFor = (shared: Buffer, epk: Buffer, recipient: Buffer, clientId: string) =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), Buffer.from(`aichingu-1279 application v1 ${clientId}`, 'utf8'), 32));

/** The recipient's key as sealing needs it, for the last line asked (a device seals for one hub). */
let recipientCache: { line: string; key: KeyObject; raw: Buffer; kid: Buffer } | null = null;
function recipientOf(line: string) {
  if (recipientCache?.line !== line) {
    const key = parseSealingKey(line);
    recipientCache = { line, key, raw: rawOf(key), kid: Buffer.from(sealingKeyId(line), 'hex') };
  }
  return recipientCache;
}

/** Seals `plaintext` for the hub whose sealing key line is `recipientLine`. A fresh ephemeral key each call. */
export function seal(plaintext: Buffer, recipientLine: string, meta: SealedMeta): Buffer {
  const { key: recipient, raw: recipientRaw, kid } = recipientOf(recipientLine);
  const eph = generateKeyPairSync('x25519');
  const epk = rawOf(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const key = keyFor(shared, epk, recipientRaw, meta.client_id);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(aadOf(kid, epk, meta));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([SEAL_MAGIC, kid, epk, iv, cipher.getAuthTag(), ct]);
}

/** The key id a sealed application names (which of the hub's sealing keys opens it). */
export function sealedKeyId(sealed: Buffer): string {
  if (sealed.length < HEAD || !sealed.subarray(0, 4).equals(SEAL_MAGIC)) throw new SealError('bad_format', 'not a sealed application (its first bytes are not A1S1, or it is too short)');
  return sealed.subarray(4, 20).toString('hex');
}

/** Opens a sealed application with the hub's sealing key; throws SealError when it is not for this key or was changed. */
export function unseal(sealed: Buffer, keys: SealingKeys, meta: SealedMeta): Buffer {
  const kidHex = sealedKeyId(sealed);
  if (kidHex !== keys.keyId) throw new SealError('wrong_key', `sealed for key ${kidHex.slice(0, 8)}…, not this hub's sealing key ${keys.keyId.slice(0, 8)}…`);
  const kid = sealed.subarray(4, 20);
  const epk = sealed.subarray(20, 52);
  const iv = sealed.subarray(52, 64);
  const tag = sealed.subarray(64, 80);
  const ct = sealed.subarray(80);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: keys.privateKey, publicKey: createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, epk]), format: 'der', type: 'spki' }) });
  } catch (e) {
    throw new SealError('tampered', `the ephemeral key of the sealed application is not usable (${(e as Error).message})`);
  }
  const key = keyFor(shared, epk, rawOf(createPublicKey(keys.privateKey)), meta.client_id);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(aadOf(kid, epk, meta));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new SealError('tampered', 'the sealed application does not open: it, or its envelope (id, service, created-at), was changed after sealing');
  }
}
