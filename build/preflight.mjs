// `npm test`'s first step: before type checking and building (minutes on two cores), check that
// the Debian packages the tests need (build/debian-packages.txt, column "npm-test") are
// installed, and if one is not, fail at once with the one command that installs them.
// The decision is a pure function (build/preflight.test.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The list's rows: package, the file that shows it is installed, whether `npm test` needs it. */
export function parsePackageList(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [pkg, probe, need] = l.split(/\s+/);
      return { pkg, probe, test: need === 'test' };
    });
}

/** The command an operator runs (the same as build/debian-packages.sh prints). */
export function installCommand(pkgs, hasSudo) {
  const cmd = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  return hasSudo ? `sudo sh -c '${cmd}'` : `su -c '${cmd}'`;
}

/**
 * Whether `npm test` can run here: { ok: true } or { ok: false, message } naming what is
 * missing and the one command to run. CHROMIUM_PATH (which the tests also use) stands in for
 * /usr/bin/chromium when it names a file.
 */
export function preflight({ rows, exists, hasSudo, chromiumPath }) {
  const present = (r) => exists(r.probe) || (r.pkg === 'chromium' && !!chromiumPath && exists(chromiumPath));
  const missing = rows.filter((r) => r.test && !present(r));
  if (missing.length === 0) return { ok: true };
  return {
    ok: false,
    message: [
      `npm test needs Debian packages that are not installed: ${missing.map((r) => `${r.pkg} (no ${r.probe})`).join(', ')}.`,
      'Install them (npm run setup does it too, as root or with sudo) with:',
      `  ${installCommand(missing.map((r) => r.pkg), hasSudo)}`,
    ].join('\n'),
  };
}

const onPath = (name) => (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, name)));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const list = join(dirname(fileURLToPath(import.meta.url)), 'debian-packages.txt');
  const r = preflight({ rows: parsePackageList(readFileSync(list, 'utf8')), exists: existsSync, hasSudo: onPath('sudo'), chromiumPath: process.env.CHROMIUM_PATH });
  if (!r.ok) {
    console.error(r.message);
    process.exit(1);
  }
}
