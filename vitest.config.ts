import { defineConfig } from 'vitest/config';
import InterleavingSequencer from './tests/sequencer.node.js';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // .stryker-tmp: the mutation-testing sandbox (npm run test:mutation), a copy of these tests
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    // generous: two files run at once on two cores, and a PGlite store's first open takes seconds
    testTimeout: 60_000,
    // expect.poll waits up to 10 s (Vitest's default is 1 s): what a journey waits for — a sheet
    // fetched from the host and rendered, a status asked again — can take longer than a second
    // while the other file keeps both cores busy (a red CI run: print.test.ts's large sheet)
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Two test files at a time (Vitest's default on two cores is one): most of the suite's time is
    // spent waiting on what the tests start — the built hosts and hubs, the CLI, Chromium, PostgreSQL.
    maxWorkers: 2,
    // browser journeys (mostly waiting) interleaved with the rest (mostly working): tests/sequencer.node.ts
    sequence: { sequencer: InterleavingSequencer },
    // One temporary folder per run (TMPDIR for the tests and all they start; AICHINGU_DATA, the
    // CLI's default data folder, inside it), removed when the run ends.
    globalSetup: ['tests/global-setup.node.ts'],
  },
});
