/**
 * Writes core/forms/catalogue-snapshot.json: the catalogue entries the forms read their rules and
 * figures from (the services with a form, and the facilities that offer them), exactly as the
 * catalogue source gives them (their rule test cases left out). The forms are environment-free
 * (the UI, the core's outbox and the hub's intake import them), so they carry this copy; a test
 * (core/forms/catalogue.test.ts) fails when it differs from db/catalogue/entries — then run:
 *
 *   npx tsx core/forms/snapshot.cli.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogueSource } from '../../db/catalogue/load.js';
import { catalogueSourceDir } from '../../db/catalogue/source-dir.js';
import { snapshotOf } from './catalogue.js';

export const SNAPSHOT_FILE = fileURLToPath(new URL('./catalogue-snapshot.json', import.meta.url));

export function snapshotText(): string {
  return `${JSON.stringify(snapshotOf(loadCatalogueSource(catalogueSourceDir()).entries), null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SNAPSHOT_FILE, snapshotText());
  console.log(`wrote ${SNAPSHOT_FILE}`);
}
