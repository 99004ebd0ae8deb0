/**
 * `cli hub release` on the BUILT CLI and the BUILT hub serving /updates/ over real HTTP on
 * 127.0.0.1, as an operator and a kiosk meet them: the feed fetched and parsed with `yaml`, its
 * SHA-512 and size checked against the file; then electron-updater's own generic provider reads
 * the same feed, resolves the file and downloads it with its own SHA-512 check. Run
 * `npm run build` before running this file alone (`npm test` builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { freshDir } from '../../tests/env.node.js';
import { copyBuiltApp, jsonResult, runBuiltCli, type BuiltApp } from '../../tests/journeys/built-app.js';
import { startBuiltHub, type BuiltHub } from '../../tests/journeys/built-hub.js';
import { freshHubLayout } from './testing.node.js';
import type { HubLayout } from './layout.node.js';

const require = createRequire(import.meta.url);

let app: BuiltApp;
let layout: HubLayout;
let hub: BuiltHub;
const files = freshDir('release-files-');

/** A file of random bytes, as a build would make it (the content does not matter to the feed). */
function artifact(name: string, size: number): { path: string; bytes: Buffer; sha512: string } {
  const bytes = randomBytes(size);
  const path = join(files, name);
  writeFileSync(path, bytes);
  return { path, bytes, sha512: createHash('sha512').update(bytes).digest('base64') };
}
const release = (...args: string[]) => runBuiltCli(app, ['hub', 'release', ...args, '--data', layout.dataDir]);
const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, `${hub.url}/`), { headers });
/**
 * The Content-Type a file is served with; its body is let go. A body left unread keeps the
 * hub's response in flight, and the hub's graceful close waits its grace (10 s) for it.
 */
async function contentType(path: string): Promise<string | null> {
  const res = await get(path);
  await res.body?.cancel();
  return res.headers.get('content-type');
}

/**
 * electron-updater's generic provider for a Linux x64 kiosk, with electron-updater's own
 * executor (its download() checks the SHA-512 as the kiosk's does), over Node's http instead of
 * Electron's net — the one thing that needs Electron.
 */
function electronUpdaterProvider(channel: string | null = null) {
  type Executor = { download(url: URL, destination: string, o: object): Promise<string> };
  const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor.js') as { ElectronHttpExecutor: new () => Executor };
  const { CancellationToken } = require('builder-util-runtime') as { CancellationToken: new () => object };
  class NodeExecutor extends ElectronHttpExecutor {
    createRequest(options: object, callback: (r: unknown) => void) {
      return request(options, callback);
    }
  }
  const { GenericProvider } = require('electron-updater/out/providers/GenericProvider.js') as {
    GenericProvider: new (c: object, u: object, r: object) => { getLatestVersion(): Promise<Record<string, unknown>>; resolveFiles(i: object): { url: URL; info: { sha512: string; size: number } }[] };
  };
  const executor = new NodeExecutor();
  const provider = new GenericProvider({ provider: 'generic', url: `${hub.url}/updates` }, { channel, isAddNoCacheQuery: true }, { platform: 'linux', executor, isUseMultipleRangeRequest: true });
  const download = async (url: URL, sha512: string) => {
    const to = join(freshDir('updater-cache-'), 'update.AppImage');
    await executor.download(url, to, { sha512, cancellationToken: new CancellationToken() });
    return readFileSync(to);
  };
  return { provider, download };
}

beforeAll(async () => {
  process.env.TEST_UPDATER_ARCH = 'x64'; // electron-updater names the Linux feed by the machine's arch: the kiosks are x64
  app = copyBuiltApp();
  layout = await freshHubLayout('release-hub-');
  hub = await startBuiltHub(app.hub, layout.dataDir, { ...process.env, AICHINGU_RESOURCES: app.dist });
}, 180_000);
afterAll(async () => {
  await hub?.close();
  // every response of this file was read or let go: the hub closed without waiting out its grace
  expect(hub?.log() ?? '').not.toMatch(/still in flight/);
}, 30_000);

describe('hub release → /updates/ → a kiosk’s updater', () => {
  it('an AppImage for 25 % of kiosks: stored, announced in latest-linux.yml, served with its SHA-512 and size; electron-updater reads and verifies it', async () => {
    const a = artifact('아이친구 1279-0.2.0.AppImage', 1_500_000);
    const started = Date.now();
    const r = await release(a.path, '--version', '0.2.0', '--staging', '25', '--json');
    expect(r.code, r.err).toBe(0);
    const out = jsonResult(r);
    expect(out).toEqual({
      version: '0.2.0',
      channel: 'latest',
      platform: 'linux',
      feed: 'latest-linux.yml',
      file: 'aichingu-1279-0.2.0.AppImage',
      url: '/updates/aichingu-1279-0.2.0.AppImage',
      sha512: a.sha512,
      size: a.bytes.length,
      stagingPercentage: 25,
      releaseDate: expect.any(String),
      files: ['aichingu-1279-0.2.0.AppImage'],
    });

    // the feed, over HTTP from the running hub (it needed no restart), parsed with `yaml`
    const res = await get('/updates/latest-linux.yml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const feed = parse(await res.text()) as Record<string, unknown>;
    expect(feed).toEqual({ version: '0.2.0', files: [{ url: 'aichingu-1279-0.2.0.AppImage', sha512: a.sha512, size: a.bytes.length }], path: 'aichingu-1279-0.2.0.AppImage', sha512: a.sha512, releaseDate: out.releaseDate, stagingPercentage: 25 });
    const date = Date.parse(feed.releaseDate as string);
    expect(date).toBeGreaterThanOrEqual(started - 1000);
    expect(date).toBeLessThanOrEqual(Date.now());

    // the file it names: the very bytes, immutable, resumable
    const dl = await get(`/updates/${(feed.files as { url: string }[])[0]!.url}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/vnd.appimage');
    expect(dl.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await dl.arrayBuffer());
    expect(body.length).toBe(a.bytes.length);
    expect(createHash('sha512').update(body).digest('base64')).toBe(a.sha512);
    const part = await get('/updates/aichingu-1279-0.2.0.AppImage', { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(a.bytes.subarray(1000, 2000))).toBe(true);

    // electron-updater itself: the generic provider finds the channel file, resolves the file, downloads it and checks its SHA-512
    const { provider, download } = electronUpdaterProvider();
    const info = await provider.getLatestVersion();
    expect(info).toMatchObject({ version: '0.2.0', stagingPercentage: 25 });
    const [resolved] = provider.resolveFiles(info);
    expect(resolved!.url.toString()).toBe(`${hub.url}/updates/aichingu-1279-0.2.0.AppImage`);
    expect((await download(resolved!.url, resolved!.info.sha512)).equals(a.bytes)).toBe(true);
    await expect(download(resolved!.url, createHash('sha512').update('other').digest('base64'))).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
  });

  it('a .deb of the same version joins the Linux feed (the .deb updater finds its own file); --staging 100 widens the rollout; a Windows installer gets latest.yml', async () => {
    const deb = artifact('aichingu_0.2.0_amd64.deb', 200_000);
    const r = await release(deb.path, '--version', '0.2.0', '--staging', '100', '--json');
    expect(r.code, r.err).toBe(0);
    expect(jsonResult(r)).toMatchObject({ feed: 'latest-linux.yml', file: 'aichingu-1279-0.2.0.deb', files: ['aichingu-1279-0.2.0.AppImage', 'aichingu-1279-0.2.0.deb'], stagingPercentage: 100 });
    const { provider } = electronUpdaterProvider();
    const info = await provider.getLatestVersion();
    expect(info.stagingPercentage).toBe(100);
    const { findFile } = require('electron-updater/out/providers/Provider.js') as { findFile(f: unknown[], ext: string): { url: URL; info: { sha512: string; size: number } } };
    const forDeb = findFile(provider.resolveFiles(info), 'deb');
    expect(forDeb.url.pathname).toBe('/updates/aichingu-1279-0.2.0.deb');
    expect(forDeb.info).toMatchObject({ sha512: deb.sha512, size: deb.bytes.length });
    expect(await contentType('/updates/aichingu-1279-0.2.0.deb')).toBe('application/vnd.debian.binary-package');

    const exe = artifact('아이친구 1279 Setup 0.2.0.exe', 100_000);
    const w = await release(exe.path, '--version', '0.2.0');
    expect(w.code, w.err).toBe(0);
    expect(w.out).toMatch(/latest\.yml now offers aichingu-1279-0\.2\.0\.exe/);
    expect(w.out).toMatch(/every kiosk on this channel/);
    const win = parse(await (await get('/updates/latest.yml')).text()) as Record<string, unknown>;
    expect(win).toMatchObject({ version: '0.2.0', path: 'aichingu-1279-0.2.0.exe', sha512: exe.sha512, files: [{ url: 'aichingu-1279-0.2.0.exe', sha512: exe.sha512, size: exe.bytes.length }] });
    expect(win).not.toHaveProperty('stagingPercentage');
    expect(await contentType('/updates/aichingu-1279-0.2.0.exe')).toBe('application/vnd.microsoft.portable-executable');
    // another channel has its own feed
    const beta = await release(artifact('beta.AppImage', 1000).path, '--version', '0.3.0-beta.1', '--channel', 'beta', '--json');
    expect(jsonResult(beta)).toMatchObject({ feed: 'beta-linux.yml', channel: 'beta' });
    expect((await electronUpdaterProvider('beta').provider.getLatestVersion()).version).toBe('0.3.0-beta.1');
    expect((await electronUpdaterProvider().provider.getLatestVersion()).version).toBe('0.2.0');
  });

  it('refused in words: a released file never changes, the feed never goes back; bad flags and other kinds of file name the flag (exit 2); the feed is left as it was', async () => {
    const before = readFileSync(join(layout.dataDir, 'updates', 'latest-linux.yml'), 'utf8');
    const changed = await release(artifact('x.AppImage', 5000).path, '--version', '0.2.0');
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/aichingu-1279-0\.2\.0\.AppImage is already released with other content.*higher --version/);
    const older = await release(artifact('y.AppImage', 5000).path, '--version', '0.1.5');
    expect(older.code).toBe(1);
    expect(older.err).toMatch(/the feed is at version 0\.2\.0; a release never goes back/);
    const f = artifact('z.AppImage', 100).path;
    for (const [args, says] of [
      [[f, '--version', '0.2'], /--version must be/],
      [[f, '--version', '0.4.0', '--staging', '150'], /--staging must be a percentage/],
      [[f, '--version', '0.4.0', '--staging', 'half'], /--staging must be a percentage/],
      [[f, '--version', '0.4.0', '--channel', 'Latest'], /--channel must be/],
      [[artifact('app.zip', 10).path, '--version', '0.4.0'], /not an app update; release an \.AppImage or \.deb/],
      [[join(files, 'missing.AppImage'), '--version', '0.4.0'], /no such file/],
      [[f], /needs --version/],
      [[f, '--version', '0.4.0', '--reason', 'x'], /does not take --reason/],
    ] as [string[], RegExp][]) {
      const r = await release(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(says);
    }
    expect(readFileSync(join(layout.dataDir, 'updates', 'latest-linux.yml'), 'utf8')).toBe(before);
    expect(existsSync(join(layout.dataDir, 'updates', 'aichingu-1279-0.1.5.AppImage'))).toBe(true); // stored, not offered: the feed said no
    const again = await release(join(layout.dataDir, 'updates', 'aichingu-1279-0.2.0.AppImage'), '--version', '0.2.0', '--staging', '100');
    expect(again.code, again.err).toBe(0); // the same bytes again: nothing changes but the rollout
  });

  it('/updates/ serves the feed and released files only: not the lock, not a half-copied file, not the hub’s keys', async () => {
    writeFileSync(join(layout.dataDir, 'updates', '.release.lock'), '1');
    writeFileSync(join(layout.dataDir, 'updates', 'aichingu-1279-0.9.0.AppImage.part-1'), 'x');
    for (const p of ['/updates/.release.lock', '/updates/aichingu-1279-0.9.0.AppImage.part-1', '/updates/..%2Fhub-key.pem', '/updates/%2E%2E%2Fhub-key.pem', '/updates/hub-key.pem', '/updates/latest-mac.yml', '/updates/aichingu-1279-9.9.9.AppImage']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(await r.text(), p).not.toMatch(/PRIVATE KEY/);
    }
  });
});
