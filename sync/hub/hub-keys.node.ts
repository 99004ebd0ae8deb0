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

/** One of the hub's key pairs as kept in its data folder: how it is made, read, and named in messages. */
interface KeyKind<K extends { publicKey: string; keyId: string }> {
  privateFile: string;
  publicFile: string;
  generate: () => { privatePem: string };
  load: (pem: string) => K;
  /** "signing key", "sealing key" */
  what: string;
  /** what follows "is not … (PKCS#8 PEM): …; restore it from a backup — " */
  loss: string;
  /** why a private key readable by others matters */
  exposed: string;
}

/**
 * A key pair of the hub, made on first use: written whole, 0600, exclusively (two processes
 * starting on an empty folder at once end with one key); made private again if it was not;
 * its public line (re)written beside it when missing or not the key's own. `created` says
 * whether this call made it (the hub then prints it for the operator).
 */
function ensureKey<K extends { publicKey: string; keyId: string }>(layout: HubLayout, logger: Logger, kind: KeyKind<K>): { keys: K; created: boolean } {
  privateDir(layout.dataDir);
  let created = false;
  if (!existsSync(kind.privateFile)) created = createExclusive(kind.privateFile, kind.generate().privatePem);
  const mode = statSync(kind.privateFile).mode & 0o777;
  if (mode !== 0o600) {
    chmodSync(kind.privateFile, 0o600);
    logger.warn({ file: kind.privateFile, mode: mode.toString(8) }, `the hub's ${kind.what} (its private key) was readable by others; it is now 0600 (${kind.exposed})`);
  }
  let pem: string;
  try {
    pem = readFileSync(kind.privateFile, 'utf8');
  } catch (e) {
    throw new HubKeyError(`cannot read the hub's ${kind.what} ${kind.privateFile}: ${(e as Error).message}`, { cause: e });
  }
  let keys: K;
  try {
    keys = kind.load(pem);
  } catch (e) {
    throw new HubKeyError(`${kind.privateFile} ${kind.loss}: ${(e as Error).message}`, { cause: e });
  }
  let pub: string | null = null;
  try {
    pub = readFileSync(kind.publicFile, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (pub !== keys.publicKey) {
    if (pub !== null) logger.warn({ file: kind.publicFile }, `the public key file of the hub's ${kind.what} did not match its private key; rewritten from the private key`);
    writePrivateFile(kind.publicFile, `${keys.publicKey}\n`);
  }
  if (created) logger.info({ key_id: keys.keyId, file: kind.privateFile }, `hub ${kind.what} created`);
  return { keys, created };
}

/** The hub's signing key (ed25519: catalogue manifests, and vouching for the sealing key). */
export const ensureHubKeys = (layout: HubLayout, logger: Logger): { keys: HubKeys; created: boolean } =>
  ensureKey(layout, logger, {
    privateFile: layout.privateKey,
    publicFile: layout.publicKey,
    generate: generateHubKeys,
    load: loadHubKeys,
    what: 'signing key',
    loss: 'is not an ed25519 private key (PKCS#8 PEM); restore it from a backup — a new key would make every kiosk refuse the hub\'s catalogues',
    exposed: 'consider it exposed if others could log in here',
  });

/** The hub's sealing key (X25519: applications are sealed for it on the devices). */
export const ensureSealingKeys = (layout: HubLayout, logger: Logger): { keys: SealingKeys; created: boolean } =>
  ensureKey(layout, logger, {
    privateFile: layout.sealPrivateKey,
    publicFile: layout.sealPublicKey,
    generate: generateSealingKeys,
    load: loadSealingKeys,
    what: 'sealing key',
    loss: 'is not an x25519 private key (PKCS#8 PEM); restore it from a backup — without it no application sealed for this hub can be opened',
    exposed: 'consider the applications exposed if others could log in here',
  });
