// Bundles the Node entry points (web host, CLI, npm start) into dist/ with esbuild, so they start in
// milliseconds instead of being transpiled at every launch; npm packages stay external and
// migrations and the catalogue are read from the app folder at run time (db/paths.ts).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: { 'web-host': join(root, 'core/host/web.main.ts'), cli: join(root, 'core/cli.node.ts'), start: join(root, 'main/start.node.ts') },
  outdir: join(root, 'dist/node'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true, // dynamic imports (printing, the compiler) stay out of the start-up path
  target: 'node20',
  packages: 'external', // dependencies load from node_modules at run time (better-sqlite3 is native)
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
