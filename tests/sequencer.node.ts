/**
 * The order test files start in (vitest.config.ts `sequence.sequencer`). Two files run at once,
 * and the machine has two cores: a browser journey (Chromium, driven step by step) mostly waits,
 * while the hub's, the CLI's and the sync's tests keep a core busy. Vitest's own order puts the
 * longest (or, on a fresh clone, the largest) files first, so the browser journeys, all large,
 * ran side by side and left the cores idle. Here each kind is ordered largest first, and the two
 * are interleaved, so that a waiting file is mostly paired with a working one.
 */
import { readFileSync, statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A journey in Chromium: it opens the kiosk's page (or drives Chromium itself). */
export const inBrowser = (source: string): boolean => /\bopenKiosk\(|\blaunchChromium\(|\bchromium\.launch\(/.test(source);

/** Largest first within each kind, then one of each kind in turn (the non-browser kind first). */
export function interleave<T>(files: T[], browser: (f: T) => boolean, size: (f: T) => number): T[] {
  const bySize = (a: T, b: T) => size(b) - size(a);
  const work = files.filter((f) => !browser(f)).sort(bySize);
  const wait = files.filter(browser).sort(bySize);
  const out: T[] = [];
  for (let i = 0; i < Math.max(work.length, wait.length); i++) {
    if (i < work.length) out.push(work[i]!);
    if (i < wait.length) out.push(wait[i]!);
  }
  return out;
}

export default class InterleavingSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const source = new Map(files.map((f) => [f.moduleId, readFileSync(f.moduleId, 'utf8')]));
    return interleave(files, (f) => inBrowser(source.get(f.moduleId)!), (f) => statSync(f.moduleId).size);
  }
}
