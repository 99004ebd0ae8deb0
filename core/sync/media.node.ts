/**
 * Removable media as the device finds it: USB sticks appear as mounted folders under
 * /media/USER/LABEL (udisks), /run/media/USER/LABEL (Fedora and others) or /mnt (mounted by
 * hand). The sync service looks there for catalogue bundles; the outbox's export (issue 14)
 * writes only into a folder found here — the UI never names an arbitrary path.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** where USB sticks are mounted on Linux */
export const DEFAULT_REMOVABLE_ROOTS = ['/media', '/run/media', '/mnt'];

/** A folder with a file system of its own: it is on another device than the folder holding it. */
function isMountPoint(dir: string): boolean {
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) return false;
    const parent = dirname(dir);
    return parent !== dir && statSync(parent).dev !== st.dev;
  } catch {
    return false; // gone, or not ours to read
  }
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name));
  } catch {
    return []; // a folder we may not read (another user's media) holds nothing for us
  }
}

/**
 * The media mounted now under `roots`: each root itself, its folders and theirs (ROOT/USER/LABEL)
 * that are mount points, sorted. Empty when no stick is in.
 */
export function mountedMedia(roots: string[] = DEFAULT_REMOVABLE_ROOTS): string[] {
  const found = new Set<string>();
  for (const r of roots.map((x) => resolve(x))) {
    const level1 = subfolders(r);
    for (const d of [r, ...level1, ...level1.flatMap(subfolders)]) if (isMountPoint(d)) found.add(d);
  }
  return [...found].sort();
}
