import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { artifactOf, compareVersions, feedName, feedYaml, nextFeed, readFeed, servedUpdate, storedName, type Feed } from './update-feed.js';

const require = createRequire(import.meta.url);
const semver = require('semver') as { compare(a: string, b: string): number };
const jsYaml = require('js-yaml') as { load(s: string): unknown };

const file = (url: string, sha512 = 'c2hh', size = 10) => ({ url, sha512, size });
const at = '2026-12-02T03:00:00.000Z';

describe('the update feed', () => {
  it('Linux files go to latest-linux.yml, Windows installers to latest.yml (per channel), stored under one name per version and kind', () => {
    expect(artifactOf('아이친구 1279-0.2.0.AppImage')).toEqual({ ext: 'AppImage', platform: 'linux' });
    expect(artifactOf('aichingu_0.2.0_amd64.DEB')).toEqual({ ext: 'deb', platform: 'linux' });
    expect(artifactOf('아이친구 1279 Setup 0.2.0.exe')).toEqual({ ext: 'exe', platform: 'windows' });
    for (const bad of ['app.zip', 'app.dmg', 'AppImage', 'app.AppImage.part', '.deb']) expect(artifactOf(bad), bad).toBeNull();
    expect(feedName('latest', 'linux')).toBe('latest-linux.yml');
    expect(feedName('latest', 'windows')).toBe('latest.yml');
    expect(feedName('beta', 'linux')).toBe('beta-linux.yml');
    expect(storedName('0.2.0', 'AppImage')).toBe('aichingu-1279-0.2.0.AppImage');
  });

  it('only channel files and released files are served (not the lock, not a half-copied file, no path)', () => {
    expect(servedUpdate('latest-linux.yml')).toBe('feed');
    expect(servedUpdate('latest.yml')).toBe('feed');
    expect(servedUpdate('aichingu-1279-0.2.0.AppImage')).toBe('file');
    expect(servedUpdate('aichingu-1279-1.0.0-beta.2.exe')).toBe('file');
    for (const bad of ['.release.lock', 'aichingu-1279-0.2.0.AppImage.part-123', '../hub-key.pem', 'hub-key.pem', 'latest-linux.yml.tmp', 'aichingu-1279-0.2.AppImage', 'Latest.yml']) expect(servedUpdate(bad), bad).toBeNull();
  });

  it('versions are ordered as semver orders them', () => {
    const vs = ['0.1.0', '0.2.0', '0.10.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '2.0.0'];
    for (const a of vs) for (const b of vs) expect(compareVersions(a, b), `${a} vs ${b}`).toBe(semver.compare(a, b));
    expect(() => compareVersions('1.0', '1.0.0')).toThrow(/not a version/);
  });

  it('a higher version starts a new feed; the same version adds its other file, keeps its date and sets the rollout anew; a lower one is refused', () => {
    const v1 = nextFeed(null, { version: '0.2.0', file: file('aichingu-1279-0.2.0.deb'), releaseDate: at, stagingPercentage: 10 });
    if (!('feed' in v1)) throw new Error('refused');
    expect(v1.feed).toEqual({ version: '0.2.0', files: [file('aichingu-1279-0.2.0.deb')], path: 'aichingu-1279-0.2.0.deb', sha512: 'c2hh', releaseDate: at, stagingPercentage: 10 });
    const both = nextFeed(v1.feed, { version: '0.2.0', file: file('aichingu-1279-0.2.0.AppImage', 'YXBw', 20), releaseDate: '2026-12-03T00:00:00.000Z', stagingPercentage: 50 });
    if (!('feed' in both)) throw new Error('refused');
    // the AppImage first: the deprecated path/sha512 fields are what an AppImage updater reads
    expect(both.feed.files.map((f) => f.url)).toEqual(['aichingu-1279-0.2.0.AppImage', 'aichingu-1279-0.2.0.deb']);
    expect(both.feed).toMatchObject({ path: 'aichingu-1279-0.2.0.AppImage', sha512: 'YXBw', releaseDate: at, stagingPercentage: 50 });
    const everyone = nextFeed(both.feed, { version: '0.2.0', file: file('aichingu-1279-0.2.0.AppImage', 'YXBw', 20), releaseDate: at });
    expect('feed' in everyone && everyone.feed).not.toHaveProperty('stagingPercentage');
    expect('feed' in everyone && everyone.feed.files).toHaveLength(2);
    const v2 = nextFeed(both.feed, { version: '0.3.0', file: file('aichingu-1279-0.3.0.AppImage'), releaseDate: at });
    expect('feed' in v2 && v2.feed.files.map((f) => f.url)).toEqual(['aichingu-1279-0.3.0.AppImage']);
    expect(nextFeed(both.feed, { version: '0.1.9', file: file('x.AppImage'), releaseDate: at })).toEqual({ refused: expect.stringMatching(/never goes back.*higher version/) });
    expect(nextFeed(both.feed, { version: '0.2.0+build.7', file: file('x.AppImage'), releaseDate: at })).toEqual({ refused: expect.stringMatching(/ranks the same/) });
  });

  it('the YAML reads back the same with electron-updater’s parser (js-yaml) and with ours: strings stay strings', () => {
    const feed: Feed = { version: '1.0.0', files: [file('aichingu-1279-1.0.0.AppImage', 'q+/=', 7)], path: 'aichingu-1279-1.0.0.AppImage', sha512: 'q+/=', releaseDate: at, stagingPercentage: 0 };
    const text = feedYaml(feed);
    expect(jsYaml.load(text)).toEqual(feed);
    expect(readFeed(text)).toEqual(feed);
    expect(text.split('\n')[0]).toBe("version: '1.0.0'");
    expect(readFeed('version: [')).toBeNull();
    expect(readFeed('hello')).toBeNull();
    expect(readFeed(null)).toBeNull();
  });
});
