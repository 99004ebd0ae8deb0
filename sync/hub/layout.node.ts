/**
 * The hub's data folder (`npm run hub -- --data DIR`, else AICHINGU_HUB_DATA, else
 * ~/.local/share/aichingu-1279-hub): one place that names what lives in it.
 */
import { join } from 'node:path';

export function hubLayout(dataDir: string) {
  return {
    dataDir,
    /** the ed25519 private key, PKCS#8 PEM, 0600 */
    privateKey: join(dataDir, 'hub-key.pem'),
    /** the public key on one line (what `cli hub key` prints) */
    publicKey: join(dataDir, 'hub-key.pub'),
    /** the X25519 sealing key (applications are sealed for it), PKCS#8 PEM, 0600 */
    sealPrivateKey: join(dataDir, 'hub-seal.pem'),
    /** the sealing public key on one line (x25519:…), what devices get at enrolment */
    sealPublicKey: join(dataDir, 'hub-seal.pub'),
    /** the token that guards the operator endpoint, 0600 */
    operatorToken: join(dataDir, 'operator-token'),
    /** written by a running hub: {pid, port} of its operator endpoint on 127.0.0.1 */
    operatorEndpoint: join(dataDir, 'operator.json'),
    /** taken (O_EXCL, with the holder's pid) by whoever opens the embedded store */
    lock: join(dataDir, 'store.lock'),
    /** the embedded PGlite store */
    pglite: join(dataDir, 'pglite'),
    /** which store this folder's versions are kept in — {"backend":"pglite"} or {"backend":"postgres","where":URL without its password} — so it is never opened with the other */
    storeKind: join(dataDir, 'store.json'),
    /** published files, served under /catalogue/ */
    files: join(dataDir, 'files'),
    /** the newest published catalogue, as a database (what the next delta is computed from, and what the Open API reads) */
    current: join(dataDir, 'catalogue', 'current.sqlite'),
    work: join(dataDir, 'catalogue'),
  };
}
export type HubLayout = ReturnType<typeof hubLayout>;
