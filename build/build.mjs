// `npm run build`: the catalogue, the UI and the Node bundles — each step only when something it
// is made from has changed since it was last made (so a second `npm start` with nothing changed
// starts about as fast as the bundle itself). `npm run build -- --force` makes everything again.
// A step's stamp is a hash of its inputs' paths, sizes and modification times, kept in
// node_modules/.cache/aichingu-build/stamps.json.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMPS = join(root, 'node_modules', '.cache', 'aichingu-build', 'stamps.json'); // not in dist/: that is exactly the packed app
const force = process.argv.includes('--force');
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Every file under the given paths, tests and build output left out. */
function files(paths) {
  const out = [];
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const d of readdirSync(p)) if (!['node_modules', 'dist', '.git'].includes(d)) walk(join(p, d));
    } else if (!/\.test\.tsx?$/.test(p)) out.push([relative(root, p), s.size, Math.round(s.mtimeMs)]);
  };
  for (const p of paths) walk(join(root, p));
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
const stampOf = (inputs) => createHash('sha256').update(JSON.stringify(files(inputs))).digest('hex');

const STEPS = [
  {
    name: 'catalogue',
    inputs: ['db/catalogue', 'db/migrations', 'db/search', 'db/sqlite.ts', 'core/contract/lists.ts', 'core/contract/situation.ts'],
    outputs: ['build/embedded/catalogue.sqlite'],
    run: [bin('tsx'), ['db/catalogue/compile.cli.ts']],
  },
  {
    name: 'renderer',
    inputs: ['renderer', 'core/contract', 'package-lock.json'],
    outputs: ['dist/renderer/index.html'],
    run: [bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  },
  {
    name: 'node',
    inputs: ['core', 'db', 'main', 'sync', 'build/bundle.mjs', 'build/embedded/catalogue.sqlite', 'package-lock.json'],
    outputs: ['dist/node/web-host.mjs', 'dist/node/cli.mjs', 'dist/node/start.mjs', 'dist/resources/catalogue.sqlite', 'dist/main/main.mjs', 'dist/main/preload.cjs'],
    run: [process.execPath, ['build/bundle.mjs']],
  },
];

const stamps = existsSync(STAMPS) ? JSON.parse(readFileSync(STAMPS, 'utf8')) : {};
for (const step of STEPS) {
  const stamp = stampOf(step.inputs);
  const made = step.outputs.every((o) => existsSync(join(root, o)));
  if (!force && made && stamps[step.name] === stamp) continue;
  const [cmd, args] = step.run;
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: the ${step.name} step failed (exit code ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  stamps[step.name] = stampOf(step.inputs); // after: the step may have written into its own inputs
  mkdirSync(dirname(STAMPS), { recursive: true });
  writeFileSync(STAMPS, JSON.stringify(stamps, null, 2));
}
