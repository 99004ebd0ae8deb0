import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup } from './global-setup.node.js';

describe("a test run's temporary folder", () => {
  it('is TMPDIR for the run (the CLI default data folder inside it) and is removed with all in it when the run ends', () => {
    const before = { TMPDIR: process.env.TMPDIR, AICHINGU_DATA: process.env.AICHINGU_DATA };
    const teardown = setup();
    const run = tmpdir();
    expect(run).toMatch(/aichingu-test-run-/);
    expect(process.env.AICHINGU_DATA).toBe(join(run, 'default-data'));
    // what a test or a program it started leaves behind: a data folder, a browser profile
    const profile = mkdtempSync(join(tmpdir(), 'playwright_chromiumdev_profile-'));
    writeFileSync(join(profile, 'Cookies'), 'x');
    teardown();
    expect(existsSync(run)).toBe(false);
    expect({ TMPDIR: process.env.TMPDIR, AICHINGU_DATA: process.env.AICHINGU_DATA }).toEqual(before);
  });
});
