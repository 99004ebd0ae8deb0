/** `npm run catalogue:build [-- --out FILE]`: compile db/catalogue/entries/*.yaml into the embedded catalogue. */
import { compileCatalogue } from './compile.js';
import { CatalogueSourceError } from './load.js';

const i = process.argv.indexOf('--out');
try {
  const r = compileCatalogue({ out: i > 0 ? process.argv[i + 1] : undefined });
  console.log(`catalogue ${r.version}: ${r.entries} entries, ${r.faq} FAQ, ${r.grams} index keys → ${r.out}`);
} catch (e) {
  if (e instanceof CatalogueSourceError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
