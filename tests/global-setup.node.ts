/**
 * Vitest's global setup: every test run gets its own temporary folder, given to the tests and
 * to everything they start (built hosts, the CLI, Chromium and its profiles) as TMPDIR, and
 * removed when the run ends — so data folders, PDFs and browser profiles do not outlive the
 * run, even those of a test that failed half-way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'aichingu-test-run-'));
  const before = { TMPDIR: process.env.TMPDIR, AICHINGU_DATA: process.env.AICHINGU_DATA };
  process.env.TMPDIR = dir;
  // The CLI run without --data uses the device's default data folder: in tests, a fresh one, never the user's own.
  process.env.AICHINGU_DATA = join(dir, 'default-data');
  return () => {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
}
