/**
 * For tests: the catalogue source compiled into a fresh temporary file and opened, as the
 * app would open it (every migration). One definition for the search and listing tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrations } from '../sqlite.js';
import { compileCatalogue } from './compile.js';
import { catalogueSourceDir, sourceMigrationsDir } from './source-dir.js';
import { Catalogue } from './store.js';

export function openSourceCatalogue(prefix = 'catalogue-'): Catalogue {
  const migrations = readMigrations(sourceMigrationsDir('catalogue'));
  const out = join(mkdtempSync(join(tmpdir(), prefix)), 'c.sqlite');
  compileCatalogue({ out, sourceDir: catalogueSourceDir(), migrations });
  return Catalogue.open(out, migrations);
}
