/**
 * The device's data folder as the shipped programs leave it (SECURITY.md): the folder and every
 * folder in it 0700, every file 0600 — the built CLI (an import, the first catalogue copy) and
 * the built web host, each on a folder they create and on one an operator made open (0755).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISTRICTS } from '../../core/contract/lists.js';
import { ROOT } from '../env.node.js';
import { apiCall, startBuiltHost } from './harness.js';

const BUILT_CLI = join(ROOT, 'dist', 'node', 'cli.mjs');
function cli(...args: string[]) {
  if (!existsSync(BUILT_CLI)) throw new Error(`the CLI is not built (${BUILT_CLI}); run: npm run build`);
  // umask 022 (the usual one) would leave new files 0644 and folders 0755 unless the program says otherwise
  return spawnSync('/bin/sh', ['-c', 'umask 022 && exec "$@"', 'sh', process.execPath, BUILT_CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Every path under dir (dir included) with its permission bits. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    const s = statSync(p);
    out[rel] = (s.mode & 0o777).toString(8);
    if (s.isDirectory()) for (const d of readdirSync(p)) walk(join(p, d), rel === '.' ? d : `${rel}/${d}`);
  };
  walk(dir, '.');
  return out;
}
const allPrivate = (m: Record<string, string>, dir: string) =>
  Object.fromEntries(Object.keys(m).map((k) => [k, statSync(join(dir, k)).isDirectory() ? '700' : '600']));

/** A small valid 자치구 layer (five squares inside Gwangju). */
function guLayer(): string {
  const f = join(mkdtempSync(join(tmpdir(), 'layer-')), 'gu.geojson');
  const square = (lon: number, lat: number, d = 0.01) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
  const features = DISTRICTS.map((gu, i) => ({ type: 'Feature', properties: { SIG_KOR_NM: gu }, geometry: { type: 'Polygon', coordinates: [square(126.8 + i * 0.02, 35.1)] } }));
  writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', features }));
  return f;
}

describe('the data folder is readable by its user only', () => {
  it('the built CLI: a map import into a new folder, then the first catalogue copy', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cli-private-')), 'device', 'data');
    const imp = cli('map', 'import', guLayer(), '--data', dir);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(cli('catalogue', 'stats', '--json', '--data', dir).status).toBe(0);
    const m = modes(dir);
    expect(Object.keys(m).sort()).toEqual(expect.arrayContaining(['.', 'catalogue.sqlite', 'map', 'map/boundaries-gu.json']));
    expect(m).toEqual(allPrivate(m, dir));
  });

  it('the built CLI makes a folder an operator created open (0755) private', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cli-open-')), 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(cli('catalogue', 'stats', '--json', '--data', dir).status).toBe(0);
    expect(modes(dir)['.']).toBe('700');
    expect(modes(dir)['catalogue.sqlite']).toBe('600');
  });

  it('the built web host: its data folder and the catalogue copy it makes at start', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'host-private-')), 'data');
    const host = await startBuiltHost({ dataDir: dir });
    try {
      expect((await apiCall(host, 'info', {})).body.ok).toBe(true);
      const m = modes(dir);
      expect(m['catalogue.sqlite']).toBe('600');
      expect(m).toEqual(allPrivate(m, dir));
    } finally {
      await host.close();
    }
  });
});
