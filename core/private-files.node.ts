/**
 * The device's data folder is private (../shared/docs/SECURITY.md): the folder and every folder
 * in it 0700, its files 0600. Every write into it goes through these two.
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The data folder, or a folder inside it, created private (0700) — or made private when it
 * already exists more open (an older app, an operator's mkdir): it holds the device's
 * catalogue, imports and, next, the outbox, readable by the kiosk's user only.
 */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** A file in the data folder, written whole (a temporary file renamed over it) and private (0600). */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600); // a .tmp left by a crash keeps its old mode when overwritten
  renameSync(tmp, path);
}
