/**
 * The hub's signing key (ed25519) in its data folder: made on first use, then always the same.
 * The private key is PKCS#8 PEM, 0600, in the 0700 data folder; the public key is kept beside
 * it on one line (`ed25519:…`, what `cli hub key` prints and a kiosk pins).
 *
 * The sealing key (X25519; applications are sealed for it, only the hub opens them) is kept
 * the same way: hub-seal.pem (0600) and hub-seal.pub (`x25519:…`).
 *
 * Made exclusively: the key is written whole to a temporary file and linked into place, which
 * fails when another process made one first — then that one is used. Two processes starting
 * on an empty folder at once end with one key, never one each.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { generateHubKeys, loadHubKeys, type HubKeys } from '../protocol/keys.node.js';
import { generateSealingKeys, loadSealingKeys, type SealingKeys } from '../protocol/seal.node.js';
import { privateDir, writePrivateFile } from '../../core/private-files.node.js';
import type { Logger } from '../../core/log.node.js';
import type { HubLayout } from './layout.node.js';

export class HubKeyError extends Error {
  override name = 'HubKeyError';
}

function readKeys(file: string): HubKeys {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HubKeyError(`cannot read the hub's private key ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return loadHubKeys(pem);
  } catch (e) {
    throw new HubKeyError(`${file} is not an ed25519 private key (PKCS#8 PEM): ${(e as Error).message}; restore it from a backup — a new key would make every kiosk refuse the hub's catalogues`, { cause: e });
  }
}

/** Writes `data` to `file` only when there is none yet (whole, 0600, flushed); false when one was there. */
function createExclusive(file: string, data: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The hub's keys, made on first use. `created` says whether this call made them (the hub then
 * prints the new public key and its fingerprint for the operator).
 */
export function ensureHubKeys(layout: HubLayout, logger: Logger): { keys: HubKeys; created: boolean } {
  privateDir(layout.dataDir);
  let created = false;
  if (!existsSync(layout.privateKey)) created = createExclusive(layout.privateKey, generateHubKeys().privatePem);
  const mode = statSync(layout.privateKey).mode & 0o777;
  if (mode !== 0o600) {
    chmodSync(layout.privateKey, 0o600);
    logger.warn({ file: layout.privateKey, mode: mode.toString(8) }, 'the hub\'s private key was readable by others; it is now 0600 (consider it exposed if others could log in here)');
  }
  const keys = readKeys(layout.privateKey);
  // the public line is derived from the private key: (re)written when missing or not the key's own
  let pub: string | null = null;
  try {
    pub = readFileSync(layout.publicKey, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (pub !== keys.publicKey) {
    if (pub !== null) logger.warn({ file: layout.publicKey }, 'the hub\'s public key file did not match its private key; rewritten from the private key');
    writePrivateFile(layout.publicKey, `${keys.publicKey}\n`);
  }
  if (created) logger.info({ key_id: keys.keyId, file: layout.privateKey }, 'hub signing key created');
  return { keys, created };
}

function readSealingKeys(file: string): SealingKeys {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HubKeyError(`cannot read the hub's sealing key ${file}: ${(e as Error).message}`, { cause: e });
  }
  try {
    return loadSealingKeys(pem);
  } catch (e) {
    throw new HubKeyError(
      `${file} is not an x25519 private key (PKCS#8 PEM): ${(e as Error).message}; restore it from a backup — without it no application sealed for this hub can be opened`,
      { cause: e },
    );
  }
}

/**
 * The hub's sealing key (X25519), made on first use exactly as the signing key is (whole,
 * 0600, exclusively: two processes starting at once end with one key). `created` says whether
 * this call made it.
 */
export function ensureSealingKeys(layout: HubLayout, logger: Logger): { keys: SealingKeys; created: boolean } {
  privateDir(layout.dataDir);
  let created = false;
  if (!existsSync(layout.sealPrivateKey)) created = createExclusive(layout.sealPrivateKey, generateSealingKeys().privatePem);
  const mode = statSync(layout.sealPrivateKey).mode & 0o777;
  if (mode !== 0o600) {
    chmodSync(layout.sealPrivateKey, 0o600);
    logger.warn({ file: layout.sealPrivateKey, mode: mode.toString(8) }, 'the hub\'s sealing key was readable by others; it is now 0600 (consider the applications exposed if others could log in here)');
  }
  const keys = readSealingKeys(layout.sealPrivateKey);
  let pub: string | null = null;
  try {
    pub = readFileSync(layout.sealPublicKey, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (pub !== keys.publicKey) {
    if (pub !== null) logger.warn({ file: layout.sealPublicKey }, 'the hub\'s sealing public key file did not match its private key; rewritten from the private key');
    writePrivateFile(layout.sealPublicKey, `${keys.publicKey}\n`);
  }
  if (created) logger.info({ key_id: keys.keyId, file: layout.sealPrivateKey }, 'hub sealing key created');
  return { keys, created };
}
