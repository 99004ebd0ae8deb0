/**
 * Where a hub keeps its data and finds the catalogue source when none is given. Nothing here
 * computes a path when it is imported: the hub (main.node.ts) and the CLI ask when they start.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hub's data folder when --data is not given: AICHINGU_HUB_DATA, else ~/.local/share/aichingu-1279-hub (XDG_DATA_HOME respected). */
export function defaultHubDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.AICHINGU_HUB_DATA) return env.AICHINGU_HUB_DATA;
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'aichingu-1279-hub');
}

/**
 * The catalogue source (db/catalogue: entries/*.yaml, synonyms.yaml) of the checkout this
 * program runs from — found from where the program lies (sync/hub/ under tsx, dist/node/ when
 * built), not from the current folder. A hub installed without the source tree has none: the
 * operator gives --source DIR.
 */
export function defaultCatalogueSource(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const candidate = join(dir, 'db', 'catalogue');
    if (existsSync(join(candidate, 'entries'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no catalogue source (db/catalogue/entries) above ${fileURLToPath(moduleUrl)}; give the source folder with --source DIR`);
    dir = up;
  }
}
