import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { installCommand, parsePackageList, preflight } from './preflight.mjs';

const LIST = readFileSync(join(import.meta.dirname, 'debian-packages.txt'), 'utf8');
const rows = parsePackageList(LIST);
const all = new Set(rows.map((r) => r.probe));

describe("npm test's preflight", () => {
  it('reads the one package list: chromium, poppler-utils and the fonts for npm test; postgresql and the compiler for setup only', () => {
    const byPkg = Object.fromEntries(rows.map((r) => [r.pkg, r]));
    expect(byPkg.chromium).toEqual({ pkg: 'chromium', probe: '/usr/bin/chromium', test: true });
    expect(byPkg['poppler-utils']).toEqual({ pkg: 'poppler-utils', probe: '/usr/bin/pdftotext', test: true });
    expect(byPkg['fonts-noto-cjk']?.test).toBe(true);
    expect(byPkg.postgresql?.test).toBe(false);
    expect(rows.every((r) => r.probe.startsWith('/'))).toBe(true);
  });

  it('passes when every package npm test needs is installed, even without the setup-only ones', () => {
    const onlyTest = new Set(rows.filter((r) => r.test).map((r) => r.probe));
    expect(preflight({ rows, exists: (p) => onlyTest.has(p), hasSudo: true })).toEqual({ ok: true });
  });

  it('without Chromium: fails naming it, with the one command that installs it (sudo when there is sudo)', () => {
    const r = preflight({ rows, exists: (p) => all.has(p) && p !== '/usr/bin/chromium', hasSudo: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^npm test needs Debian packages that are not installed: chromium \(no \/usr\/bin\/chromium\)\./);
    expect(r.message).toContain("\n  sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium'");
    expect(r.message).not.toMatch(/poppler/);
  });

  it('names every missing package in one command; su when there is no sudo', () => {
    const r = preflight({ rows, exists: () => false, hasSudo: false });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("su -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium poppler-utils fonts-noto-cjk'");
    expect(r.message).not.toMatch(/postgresql/);
  });

  it('CHROMIUM_PATH, when it names a file, stands in for /usr/bin/chromium (the tests launch that one)', () => {
    const exists = (p: string) => (all.has(p) && p !== '/usr/bin/chromium') || p === '/opt/chrome/chrome';
    expect(preflight({ rows, exists, hasSudo: true, chromiumPath: '/opt/chrome/chrome' })).toEqual({ ok: true });
    expect(preflight({ rows, exists, hasSudo: true, chromiumPath: '/opt/none' }).ok).toBe(false);
  });

  it('the command is the one build/debian-packages.sh prints', () => {
    const sh = spawnSync('/bin/sh', ['-c', '. ./build/debian-packages.sh; debian_install_command a b'], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    // without sudo on the PATH both say su
    expect(sh.stdout).toBe(installCommand(['a', 'b'], false));
  });

  it('the shell and the preflight find the same missing packages in the list', () => {
    const sh = spawnSync('/bin/sh', ['-c', '. ./build/debian-packages.sh; debian_missing'], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
    expect(sh.stdout).toBe(rows.filter((r) => !existsSync(r.probe)).map((r) => r.pkg).join(' '));
  });

  it('as a program (the first step of npm test): exits 1 with the message when Chromium is missing, 0 when all is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-'));
    try {
      copyFileSync(join(import.meta.dirname, 'preflight.mjs'), join(dir, 'preflight.mjs'));
      const run = () => spawnSync(process.execPath, [join(dir, 'preflight.mjs')], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '' } });
      writeFileSync(join(dir, 'debian-packages.txt'), LIST.replace('/usr/bin/chromium ', `${join(dir, 'no-chromium')} `));
      const r = run();
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^npm test needs Debian packages that are not installed: chromium \(no .*no-chromium\)\.\n.*\n {2}(sudo sh|su) -c 'apt-get update && .* chromium'\n$/);
      writeFileSync(join(dir, 'debian-packages.txt'), 'chromium /bin/sh test\n');
      expect(run().status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
