// @ts-check
/**
 * Mutation testing (StrykerJS, vitest runner) of the code that decides trust and rules.
 * One target per run, chosen by STRYKER_TARGET; `npm run test:mutation` (build/mutation.mjs)
 * runs them all, one after another. Each target mutates its code and runs, with the repo's
 * vitest config, only the unit tests beside it: of those, vitest's `related` mode keeps the
 * files that import the mutated code, and per-test coverage runs, for each mutant, only the
 * tests that reach it. The Chromium journeys (tests/journeys), print and build tests never run
 * here (nor are they copied into Stryker's sandbox).
 */
import { readFileSync } from 'node:fs';

/**
 * The search filters, as line ranges of db/search/searcher.ts (mutating the whole searcher
 * would take hours on two cores): the filter mask, where the search asks for it, and where the
 * candidates are checked against it. Found by their text, so that edits above them do not
 * move the ranges; a rename fails here, loudly.
 */
function searchFilterRanges() {
  const file = 'db/search/searcher.ts';
  const lines = readFileSync(file, 'utf8').split('\n');
  const lineOf = (/** @type {string} */ text, from = 0) => {
    const i = lines.findIndex((l, n) => n >= from && l.includes(text));
    if (i < 0) throw new Error(`stryker.config.mjs: "${text}" is no longer in ${file}; update searchFilterRanges()`);
    return i + 1;
  };
  const maskStart = lineOf('private mask(f: SearchFilters)');
  const maskEnd = lines.findIndex((l, n) => n >= maskStart && l === '  }') + 1; // the method's closing brace
  if (maskEnd <= maskStart) throw new Error(`stryker.config.mjs: cannot find the end of mask() in ${file}`);
  return [
    `${file}:${maskStart}-${maskEnd}`,
    `${file}:${lineOf('if (mask && !mask[d]) continue;')}-${lineOf('if (mask && !mask[d]) continue;')}`,
    `${file}:${lineOf('const mask = this.mask(opts.filters')}-${lineOf('const mask = this.mask(opts.filters')}`,
  ];
}

/**
 * What each target mutates, and the folder of the tests beside it (vitest's `dir`). Not
 * Stryker's `testFiles`: with it, Stryker 9.6 activates a mutant of module-level code (a
 * constant such as the token cookie's name) only after the module has loaded, so such a
 * mutant can never be killed.
 * @type {Record<string, { mutate: () => string[]; tests: string }>}
 */
export const TARGETS = {
  host: { mutate: () => ['core/host/web-policy.node.ts'], tests: 'core/host' },
  eligibility: { mutate: () => ['core/eligibility/engine.ts', 'core/eligibility/finder.ts'], tests: 'core/eligibility' },
  search: { mutate: searchFilterRanges, tests: 'db/search' },
  importers: { mutate: () => ['core/importers/*.ts', '!core/importers/*.test.ts'], tests: 'core/importers' },
};

const name = process.env.STRYKER_TARGET ?? '';
const target = TARGETS[name];
if (!target) throw new Error(`STRYKER_TARGET must be one of ${Object.keys(TARGETS).join(', ')} (npm run test:mutation runs them all)`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', dir: target.tests, related: true },
  coverageAnalysis: 'perTest',
  mutate: target.mutate(),
  // Not copied into the sandbox: build output, reports, and the tests that need Chromium.
  ignorePatterns: ['dist', 'test-results', 'bench-out', 'reports', 'tests/journeys', 'core/print/**/*.test.ts', 'build/**/*.test.ts', 'renderer'],
  concurrency: 2,
  // A mutant's tests get their own time × 1.5 plus this: generous, since the machine may be busy
  // with other work (a spurious timeout would count a mutant as killed).
  timeoutMS: 15000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
