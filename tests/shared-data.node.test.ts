import { describe, expect, it } from 'vitest';
import { isCI, sharedVerdict } from './shared-data.node.js';

describe('tests that need ../shared', () => {
  it('run when nothing is missing, under CI or not', () => {
    expect(sharedVerdict({ missing: [], ci: true, shared: '/s' })).toEqual({ kind: 'run' });
    expect(sharedVerdict({ missing: [], ci: false, shared: '/s' })).toEqual({ kind: 'run' });
  });
  it('skip outside CI, saying which file is missing and where it was looked for', () => {
    expect(sharedVerdict({ missing: ['data/geo/a.geojson'], ci: false, shared: '/s' })).toEqual({ kind: 'skip', reason: '../shared/data/geo/a.geojson is missing (looked in /s)' });
  });
  it('fail under CI, naming every missing file and what to do', () => {
    const v = sharedVerdict({ missing: ['data/geo', 'data/catalog/x.json'], ci: true, shared: '/s' });
    expect(v.kind).toBe('fail');
    if (v.kind !== 'fail') return;
    expect(v.message).toContain('../shared/data/geo, ../shared/data/catalog/x.json');
    expect(v.message).toContain('/s');
    expect(v.message).toMatch(/under CI a missing \.\.\/shared is an error, not a skip/);
  });
  it('CI is on for any value but empty, false or 0', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({ CI: 'TRUE' })).toBe(true);
    expect(isCI({})).toBe(false);
    expect(isCI({ CI: '' })).toBe(false);
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: 'False ' })).toBe(false);
    expect(isCI({ CI: '0' })).toBe(false);
  });
});
