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
import { builtinModules, createRequire } from 'node:module';
import { artifactOf, storedName, UPDATES_PATH } from '../sync/hub/update-feed.js';
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
    for (const must of ['dist/node/web-host.mjs', 'dist/node/cli.mjs', 'dist/main/main.mjs', 'dist/main/preload.cjs', 'dist/renderer/index.html', 'dist/resources/catalogue.sqlite', 'dist/resources/migrations/catalogue/001_catalogue.sql', 'dist/resources/locales/vi.json', 'dist/resources/fonts/noto-sans-kr/400.css', 'dist/resources/fonts/noto-sans-sc/700.css'])
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
    // Chinese: Han characters in the shipped Simplified Chinese face (the Korean one draws them the Korean way), every glyph TrueType
    const zhPdf = join(app, 'sheet-zh.pdf');
    const zh = cli('print', 'sheet', 'gj-grandparent-caregiver', '--pdf', zhPdf, '--lang', 'zh');
    expect(zh.stderr).toBe('');
    const zhFonts = spawnSync('pdffonts', [zhPdf], { encoding: 'utf8' }).stdout;
    expect(zhFonts).toMatch(/NotoSansSC/);
    expect(zhFonts).toMatch(/NotoSansKR/); // the Korean name kept beside the translation
    expect(zhFonts).not.toMatch(/Type 3/);
    const zhText = spawnSync('pdftotext', [zhPdf, '-'], { encoding: 'utf8' }).stdout; // what a reader copying from the PDF gets
    expect(zhText).toContain('祖父母照看孙辈补贴');
    expect(zhText).toContain('광주 손자녀가족돌보미 지원사업');
    writeFileSync(join(app, 'done'), '');
  }, 60_000);
});

/** The Electron shell's packaging (issue 15): what electron-builder.yml says, checked as electron-builder itself reads it. */
describe('electron-builder.yml', () => {
  const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { electronFuses: Record<string, boolean>; asarUnpack: string[]; publish: Record<string, string>; linux: { target: string[] }; deb: { depends: string[] }; win: { target: string[] }; artifactName: string; nsis: { artifactName: string } };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; version: string; scripts: Record<string, string>; dependencies: Record<string, string> };

  it('is a configuration electron-builder accepts (its own schema validator)', async () => {
    const { validateConfiguration } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, log: { isEnabled: boolean }): Promise<void> };
    await expect(validateConfiguration(builder, { isEnabled: false })).resolves.toBeUndefined();
    // and the validator does refuse a mistake (a misspelt fuse)
    await expect(validateConfiguration({ ...builder, electronFuses: { ...builder.electronFuses, runAsNodes: false } }, { isEnabled: false })).rejects.toThrow(/electronFuses/);
  });

  it('flips the fuses the checklist asks for', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps better-sqlite3’s native module and the resources out of the asar archive, and rebuilds the module for Electron', () => {
    const minimatch = createRequire(import.meta.url)('minimatch') as (path: string, pattern: string, o?: object) => boolean;
    const unpacked = (p: string) => builder.asarUnpack.some((pattern) => minimatch(p, pattern, { dot: true }));
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(statSync(join(ROOT, native)).isFile()).toBe(true); // the pattern names a real file
    expect(unpacked(native)).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(unpacked('dist/resources/catalogue.sqlite')).toBe(true);
    expect(unpacked('dist/main/main.mjs')).toBe(false);
    expect(builder.npmRebuild).toBe(true);
  });

  it('publishes to the hub’s update feed (the generic provider at /updates, where `cli hub release` writes it)', () => {
    expect(builder.publish.provider).toBe('generic');
    expect(`${new URL(builder.publish.url!).pathname}/`).toBe(UPDATES_PATH);
    expect(builder.publish.channel).toBe('latest');
  });

  it('makes an AppImage and a .deb for Linux and an NSIS installer for Windows, named as the hub releases them', () => {
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.win.target).toEqual(['nsis']);
    const name = (pattern: string, ext: string) => pattern.replace('${version}', pkg.version).replace('${ext}', ext);
    for (const [pattern, ext] of [[builder.artifactName, 'AppImage'], [builder.artifactName, 'deb'], [builder.nsis.artifactName, 'exe']] as const) {
      const art = artifactOf(name(pattern, ext));
      expect(art, ext).not.toBeNull();
      expect(name(pattern, ext)).toBe(storedName(pkg.version, art!.ext));
    }
    expect(pkg.scripts.dist).toMatch(/^npm run build && electron-builder --config electron-builder.yml/);
    // the .deb brings a CJK font (the screen uses the system's), and keeps electron-builder's own dependencies
    const { default: FpmTarget } = createRequire(import.meta.url)('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(t: string): string[] } } };
    expect(builder.deb.depends).toEqual([...FpmTarget.prototype.getDefaultDepends.call(null, 'deb'), 'fonts-noto-cjk']);
  });

  it('the app’s entry (package.json main) is the built main process, and the main process and preload load only what the packed app has', () => {
    expect(pkg.main).toBe('dist/main/main.mjs');
    expect(statSync(join(ROOT, pkg.main)).isFile()).toBe(true);
    // esbuild writes static imports at the start of a line, dynamic ones as import("x"), CommonJS ones as require("x") / __require("x")
    const bare = (text: string) =>
      [...text.matchAll(/^(?:import|export)\b[^;"]*?(?:\bfrom\s*)?"([^"]+)";/gm), ...text.matchAll(/\b(?:import|require|__require)\(\s*"([^"]+)"\s*\)/g)]
        .map((m) => m[1]!)
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
    const root = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    const mainImports = new Set(readdirSync(join(DIST, 'main')).filter((f) => f.endsWith('.mjs')).flatMap((f) => bare(readFileSync(join(DIST, 'main', f), 'utf8'))).map(root));
    // electron comes with Electron; everything else is a production dependency (electron-builder packs those) or one of Node's own modules
    const builtins = new Set(builtinModules);
    for (const m of mainImports) expect(m === 'electron' || builtins.has(m) || m in pkg.dependencies, m).toBe(true);
    expect(mainImports.has('electron')).toBe(true);
    expect(mainImports.has('electron-updater')).toBe(true);
    // the sandboxed preload can load nothing but electron
    expect(new Set(bare(readFileSync(join(DIST, 'main', 'preload.cjs'), 'utf8')))).toEqual(new Set(['electron']));
  });
});

