/** `npm run catalogue:build [-- --out FILE]`: compile db/catalogue/entries/*.yaml into the embedded catalogue (build/embedded/catalogue.sqlite). */
import { join } from 'node:path';
import { compileCatalogue } from './compile.js';
import { CatalogueSourceError } from './load.js';
import { catalogueSourceDir, sourceMigrationsDir } from './source-dir.js';
import { readMigrations } from '../sqlite.js';

const i = process.argv.indexOf('--out');
const sourceDir = catalogueSourceDir();
try {
  const r = compileCatalogue({
    sourceDir,
    out: (i > 0 && process.argv[i + 1]) || join(sourceDir, '..', '..', 'build', 'embedded', 'catalogue.sqlite'),
    migrations: readMigrations(sourceMigrationsDir('catalogue')),
  });
  console.log(`catalogue ${r.version}: ${r.entries} entries, ${r.faq} FAQ, ${r.grams} index keys → ${r.out}`);
} catch (e) {
  if (e instanceof CatalogueSourceError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
