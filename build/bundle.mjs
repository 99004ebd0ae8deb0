// Bundles the Node entry points (web host, CLI, npm start) into dist/ with esbuild, so they start in
// milliseconds instead of being transpiled at every launch; migrations and the catalogue are read
// from the app folder at run time (db/paths.ts).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist/node'), { recursive: true, force: true }); // no stale chunks from an earlier build
await build({
  entryPoints: { 'web-host': join(root, 'core/host/web.main.ts'), cli: join(root, 'core/cli.node.ts'), start: join(root, 'main/start.node.ts') },
  outdir: join(root, 'dist/node'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true, // dynamic imports (printing, the compiler) stay out of the start-up path
  target: 'node20',
  // Pure-JS dependencies are bundled in: Node 20 resolves and compiles each of zod's ~100 module
  // files one by one (bundled, the host's URL comes ~35 ms sooner; bench:ui). The native
  // better-sqlite3 and playwright-core (which finds its own files at run time) load from node_modules.
  external: ['better-sqlite3', 'playwright-core'],
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
