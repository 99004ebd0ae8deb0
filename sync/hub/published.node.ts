/**
 * The newest published catalogue, for what the hub reads from it (the Open API): the working
 * copy (catalogue/current.sqlite) opened read-only, and opened again when a publish renames a
 * new one into place (one `stat` per request tells). The one it replaces stays open for a
 * minute, for requests still reading it, then closes.
 */
import { existsSync, statSync } from 'node:fs';
import { Catalogue } from '../../db/catalogue/store.js';
import type { Migration } from '../../db/sqlite.js';
import type { Logger } from '../../core/log.node.js';
import type { HubLayout } from './layout.node.js';

export interface PublishedCatalogue {
  /** the newest published catalogue, or null before the first publish */
  current(): Catalogue | null;
  close(): void;
}

export function publishedCatalogue(layout: HubLayout, migrations: Migration[], logger: Logger, graceMs = 60_000): PublishedCatalogue {
  let held: { catalogue: Catalogue; stamp: string } | null = null;
  const retiring = new Set<Catalogue>();
  const stampOf = (): string | null => {
    const s = statSync(layout.current, { throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : null;
  };
  return {
    current() {
      const stamp = existsSync(layout.current) ? stampOf() : null;
      if (stamp === null) return null;
      if (held?.stamp === stamp) return held.catalogue;
      let next: Catalogue;
      try {
        next = Catalogue.open(layout.current, migrations);
      } catch (e) {
        logger.error({ event: 'hub.catalogue_unreadable', file: layout.current, err: e }, 'the published catalogue cannot be opened; still serving the one before');
        return held?.catalogue ?? null;
      }
      const old = held?.catalogue;
      held = { catalogue: next, stamp };
      if (old) {
        retiring.add(old);
        setTimeout(() => (retiring.delete(old), old.close()), graceMs).unref();
      }
      return next;
    },
    close() {
      held?.catalogue.close();
      held = null;
      for (const c of retiring) c.close();
      retiring.clear();
    },
  };
}
