/**
 * Tests that read ../shared (the operator data and sourced extracts that live beside the
 * repository, never in it) go through this one helper. Outside CI a missing file skips the
 * test and says why; under CI (env CI set, as `.ci/run` runs) it fails the test with a clear
 * message instead, so a CI checkout without ../shared cannot pass by skipping.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { ROOT } from './env.node.js';

export const SHARED = join(ROOT, '..', 'shared');

/** A path inside ../shared, e.g. sharedPath('data', 'geo'). */
export const sharedPath = (...parts: string[]): string => join(SHARED, ...parts);

/** CI is on when CI is set to anything but '', 'false' or '0' (GitHub, GitLab and `.ci/run` set CI=true). */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

export type SharedVerdict = { kind: 'run' } | { kind: 'skip'; reason: string } | { kind: 'fail'; message: string };

/** What a test does when some of the ../shared files it needs are missing (pure; tested). */
export function sharedVerdict(o: { missing: string[]; ci: boolean; shared: string }): SharedVerdict {
  if (o.missing.length === 0) return { kind: 'run' };
  const what = o.missing.map((m) => `../shared/${m}`).join(', ');
  if (o.ci)
    return {
      kind: 'fail',
      message: `this test needs ${what}, which is missing (looked in ${o.shared}); under CI a missing ../shared is an error, not a skip: check out the shared folder beside the repository`,
    };
  return { kind: 'skip', reason: `${what} is missing (looked in ${o.shared})` };
}

/** The verdict for files (paths relative to ../shared, '/'-separated) on this machine. */
export function sharedVerdictHere(files: string[]): SharedVerdict {
  return sharedVerdict({ missing: files.filter((f) => !existsSync(sharedPath(...f.split('/')))), ci: isCI(), shared: SHARED });
}

/** True when every file is there (for a beforeAll that prepares what such a test reads). */
export const hasShared = (...files: string[]): boolean => sharedVerdictHere(files).kind === 'run';

/**
 * `it` for a test that reads files from ../shared: runs when they are there; otherwise skips
 * with the reason printed, or, under CI, fails with the reason.
 */
export function itWithShared(files: string[], name: string, fn: () => unknown, timeout?: number): void {
  const v = sharedVerdictHere(files);
  if (v.kind === 'run') it(name, fn, timeout);
  else if (v.kind === 'skip') {
    console.warn(`skipped "${name}": ${v.reason}`);
    it.skip(`${name} (skipped: ${v.reason})`, fn);
  } else
    it(name, () => {
      throw new Error(v.message);
    });
}
