import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // .stryker-tmp: the mutation-testing sandbox (npm run test:mutation), a copy of these tests
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary folder per run (TMPDIR for the tests and all they start; AICHINGU_DATA, the
    // CLI's default data folder, inside it), removed when the run ends.
    globalSetup: ['tests/global-setup.node.ts'],
  },
});
