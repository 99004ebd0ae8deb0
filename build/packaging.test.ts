/**
 * What `npm run build` produces is exactly what electron-builder packs, and it runs on its own:
 * the built CLI and its resources, copied without the source tree, search and print.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../tests/env.node.js';

const DIST = join(ROOT, 'dist');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack?: string[] };
/** electron-builder's `files` entries as used here: `dir/**` (a folder), a plain file, or `!` exclusions. */
const packs = (rel: string): boolean => {
  const ok = config.files.filter((p) => !p.startsWith('!')).some((p) => (p.endsWith('/**') ? rel.startsWith(p.slice(0, -2)) : rel === p));
  const excluded = config.files.filter((p) => p.startsWith('!')).some((p) => p === '!**/*.test.*' && /\.test\./.test(rel));
  return ok && !excluded;
};

describe('the built app', () => {
  it('is exactly what electron-builder packs: every built file is in `files`, every `files` entry has something built', () => {
    const built = files(DIST).map((f) => relative(ROOT, f));
    expect(built.length).toBeGreaterThan(50);
    const unpacked = built.filter((f) => !f.startsWith('dist/release/') && !packs(f));
    expect(unpacked).toEqual([]);
    for (const p of config.files.filter((x) => !x.startsWith('!'))) expect(built.concat('package.json').some((f) => (p.endsWith('/**') ? f.startsWith(p.slice(0, -2)) : f === p)), p).toBe(true);
    // SQLite cannot read inside an asar archive: the resources stay plain files
    expect(config.asarUnpack).toContain('dist/resources/**');
    for (const must of ['dist/node/web-host.mjs', 'dist/node/cli.mjs', 'dist/renderer/index.html', 'dist/resources/catalogue.sqlite', 'dist/resources/migrations/catalogue/001_catalogue.sql', 'dist/resources/locales/vi.json', 'dist/resources/fonts/400.css'])
      expect(built, must).toContain(must);
    expect(statSync(join(DIST, 'resources', 'fonts')).isDirectory()).toBe(true);
  });

  it('runs from the packed files alone (no source tree): the built CLI searches and prints a sheet', () => {
    const app = mkdtempSync(join(tmpdir(), 'packed-'));
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    for (const d of ['node', 'renderer', 'resources']) cpSync(join(DIST, d), join(app, 'dist', d), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules')); // the native and external modules electron-builder adds
    const data = join(app, 'device-data');
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(app, 'dist', 'node', 'cli.mjs'), ...args, '--data', data], { cwd: app, encoding: 'utf8', env: { ...process.env, AICHINGU_RESOURCES: '' } });
    const search = cli('search', 'ㅇㅇㄷㅂ', '--json');
    expect(search.stderr).toBe('');
    expect(JSON.parse(search.stdout)[0].id).toBe('child-care-service');
    const pdf = join(app, 'sheet.pdf');
    const print = cli('print', 'sheet', 'gj-grandparent-caregiver', '--pdf', pdf, '--lang', 'vi');
    expect(print.stderr).toBe('');
    expect(print.stdout).toMatch(/sheet\.pdf: [12] page\(s\), A4/);
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/NotoSansKR/); // the shipped font, from the packed resources …
    expect(fonts).not.toMatch(/Type 3/); // … for every glyph (a system CJK font would come out as Type 3)
    writeFileSync(join(app, 'done'), '');
  }, 60_000);
});
