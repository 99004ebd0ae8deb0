/** The catalogue source (entries/*.yaml, synonyms.yaml) in a source checkout: this module's own folder. Build tools and tests only; the app never reads the source. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const catalogueSourceDir = (): string => dirname(fileURLToPath(import.meta.url));
/** The migrations folder of a source checkout (build tools and tests; the app gets it from its resources). */
export const sourceMigrationsDir = (store: 'catalogue'): string => fileURLToPath(new URL(`../migrations/${store}`, import.meta.url));
