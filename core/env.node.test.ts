/** Where a host's paths come from: asked for when it starts, never computed on import. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtResources, clockFrom, defaultDataDir, resourcesFor, sourceResources } from './env.node.js';
import { ROOT } from '../tests/env.node.js';

describe('the environment a host builds', () => {
  it('finds the built resources beside a bundle in dist/, and the source layout from a source file', () => {
    expect(resourcesFor(pathToFileURL(join(ROOT, 'dist', 'node', 'web-host.mjs')).href, {})).toEqual(builtResources(join(ROOT, 'dist')));
    expect(resourcesFor(pathToFileURL(join(ROOT, 'core', 'host', 'web-main.node.ts')).href, {})).toEqual(sourceResources(ROOT));
    expect(resourcesFor('file:///anywhere/x.mjs', { AICHINGU_RESOURCES: '/opt/kiosk/dist' }).embeddedCatalogue).toBe('/opt/kiosk/dist/resources/catalogue.sqlite');
  });

  it('keeps device data in the user\'s data folder, never in the app folder', () => {
    expect(defaultDataDir({ AICHINGU_DATA: '/srv/kiosk' }, 'linux', '/home/k')).toBe('/srv/kiosk');
    expect(defaultDataDir({}, 'linux', '/home/k')).toBe('/home/k/.local/share/aichingu-1279');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/k')).toBe('/data/aichingu-1279');
    expect(defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\k\\AppData\\Local' }, 'win32', 'C:\\Users\\k')).toContain('aichingu-1279');
    expect(defaultDataDir({}, 'darwin', '/Users/k')).toBe('/Users/k/Library/Application Support/aichingu-1279');
  });

  it('a pinned clock (AICHINGU_NOW) for demonstrations and tests, with an error that says how to write it', () => {
    expect(clockFrom({ AICHINGU_NOW: '2026-11-28T10:30:00+09:00' })().toISOString()).toBe('2026-11-28T01:30:00.000Z');
    expect(() => clockFrom({ AICHINGU_NOW: 'saturday' })).toThrow(/AICHINGU_NOW="saturday" is not a time; write e\.g\./);
    const now = Date.now();
    expect(Math.abs(clockFrom({})().getTime() - now)).toBeLessThan(5_000);
  });
});
