/**
 * Where the app's files are: the folder holding package.json, found from this module's own
 * location, so it holds both when run from source (tsx) and from the bundles in dist/node.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  if (process.env.AICHINGU_ROOT) return process.env.AICHINGU_ROOT;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the app folder (no package.json above this module); set AICHINGU_ROOT');
    dir = up;
  }
  return dir;
}

export const APP_ROOT = findRoot();
export const MIGRATIONS_DIR = join(APP_ROOT, 'db', 'migrations');
export const CATALOGUE_SOURCE_DIR = join(APP_ROOT, 'db', 'catalogue');
export const EMBEDDED_CATALOGUE = join(APP_ROOT, 'build', 'embedded', 'catalogue.sqlite');
export const RENDERER_DIST = join(APP_ROOT, 'renderer', 'dist');
/** The device's own data folder when none is given: imported map layers live here (git-ignored). */
export const DEFAULT_DATA_DIR = process.env.AICHINGU_DATA ?? join(APP_ROOT, 'data');
