// `npm run build:node`: the Node entry points (web host, CLI, npm start) bundled into dist/node/
// with esbuild, so they start in milliseconds instead of being transpiled at every launch, and
// the app's read-only resources copied into dist/resources/ (migrations, locales, the shipped
// fonts, the embedded catalogue). With dist/renderer/ (vite) that is the whole built app: what
// electron-builder's `files` packs (electron-builder.yml), and all a built host reads.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(join(dist, 'node'), { recursive: true, force: true }); // no stale chunks from an earlier build
rmSync(join(dist, 'resources'), { recursive: true, force: true });
await build({
  entryPoints: { 'web-host': join(root, 'core/host/web-main.node.ts'), cli: join(root, 'core/cli-main.node.ts'), start: join(root, 'main/start.node.ts'), hub: join(root, 'sync/hub/main.node.ts') },
  outdir: join(dist, 'node'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true, // dynamic imports (the core behind the listening socket, printing) stay out of the start-up path
  target: 'node20',
  // Pure-JS dependencies are bundled in: Node 20 resolves and compiles each of zod's ~100 module
  // files one by one (bundled, the host's URL comes ~35 ms sooner; bench:ui). The native
  // better-sqlite3 and playwright-core (which finds its own files at run time) load from node_modules.
  // PGlite (the hub's embedded store) loads its WebAssembly and data files from beside its own module.
  external: ['better-sqlite3', 'playwright-core', '@electric-sql/pglite'],
  // CommonJS packages bundled into ESM (pino) call require() for Node's own modules.
  banner: { js: "import { createRequire as __aichinguRequire } from 'node:module'; const require = __aichinguRequire(import.meta.url);" },
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});

// The Electron shell (main/, issue 15) into dist/main/: the main process as an ES module like the
// Node bundles (package.json "main"; the core behind the window, as in the web host) and its
// preload as one CommonJS file (a sandboxed preload cannot load ES modules or anything from
// node_modules: everything but electron is bundled into it). Electron and electron-updater load
// from node_modules (electron-builder packs the production dependencies).
rmSync(join(dist, 'main'), { recursive: true, force: true });
await build({
  entryPoints: { main: join(root, 'main/shell.main.ts') },
  outdir: join(dist, 'main'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node22', // Electron 45's Node
  external: ['electron', 'electron-updater', 'better-sqlite3', 'playwright-core', '@electric-sql/pglite'],
  banner: { js: "import { createRequire as __aichinguRequire } from 'node:module'; const require = __aichinguRequire(import.meta.url);" },
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'main/kiosk.preload.ts')],
  outfile: join(dist, 'main', 'preload.cjs'),
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome140', // Electron 45's Chromium
  external: ['electron'],
  minify: true, // parsed at every page load
  logLevel: 'warning',
});

// The resources, laid out as core/env.node.ts's builtResources() expects.
const res = join(dist, 'resources');
const embedded = join(root, 'build', 'embedded', 'catalogue.sqlite');
if (!existsSync(embedded)) throw new Error(`the embedded catalogue is not built (${embedded}); run: npm run catalogue:build`);
mkdirSync(res, { recursive: true });
cpSync(join(root, 'db', 'migrations'), join(res, 'migrations'), { recursive: true, filter: (p) => !p.endsWith('.ts') });
cpSync(join(root, 'core', 'contract', 'locales'), join(res, 'locales'), { recursive: true });
cpSync(embedded, join(res, 'catalogue.sqlite'));
// Noto Sans KR and (for Chinese) Noto Sans SC, regular and bold, as woff2 (what Chromium loads); not the
// other weights or formats. One folder per package, as under node_modules/@fontsource (core/print/sheet.ts printFonts).
rmSync(join(res, 'fonts'), { recursive: true, force: true });
for (const name of ['noto-sans-kr', 'noto-sans-sc']) {
  const font = join(root, 'node_modules', '@fontsource', name);
  mkdirSync(join(res, 'fonts', name, 'files'), { recursive: true });
  for (const f of ['400.css', '700.css']) cpSync(join(font, f), join(res, 'fonts', name, f));
  for (const f of readdirSync(join(font, 'files'))) if (/-(400|700)-normal\.woff2$/.test(f)) cpSync(join(font, 'files', f), join(res, 'fonts', name, 'files', f));
}
