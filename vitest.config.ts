import { defineConfig } from 'vitest/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // .stryker-tmp: the mutation-testing sandbox (npm run test:mutation), a copy of these tests
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    testTimeout: 30_000,
    pool: 'forks',
    // The CLI run without --data uses the device's default data folder: in tests, a fresh one, never the user's own.
    env: { AICHINGU_DATA: mkdtempSync(join(tmpdir(), 'aichingu-test-data-')) },
  },
});
