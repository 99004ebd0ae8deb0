/** Validates the catalogue source without writing anything: `npx tsx db/catalogue/check.cli.ts`. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueSourceError, loadCatalogueSource } from './load.js';

try {
  const src = loadCatalogueSource(dirname(fileURLToPath(import.meta.url)));
  const byKind: Record<string, number> = {};
  for (const e of src.entries) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  console.log(`ok: ${src.entries.length} entries ${JSON.stringify(byKind)}, ${src.faq.length} FAQ, ${src.synonyms.groups.length} synonym groups, ${src.holidays?.days.length ?? 0} public holidays until ${src.holidays?.known_until ?? '-'}`);
} catch (e) {
  if (e instanceof CatalogueSourceError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
