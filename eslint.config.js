// ESLint: TypeScript rules plus the folder boundaries from ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'better-sqlite3'];
const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/embedded/', 'renderer/dist/', 'bench-out/', 'test-results/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Core services and storage run under plain Node: no Electron, no UI.
  boundary(['db/**', 'core/**', 'sync/**'], ['electron', '**/renderer/**', '**/main/**'], 'db/, core/ and sync/ run under plain Node: no Electron or UI imports.'),
  // (later entries replace earlier ones for the same rule, so the narrower folder comes after)
  // The contract is shared by every host: nothing environment-specific.
  boundary(['core/contract/**'], [...nodeOnly, 'electron', 'react', '**/db/**', '**/sync/**', '**/main/**', '**/renderer/**'], 'core/contract must stay environment-free.'),
  // The UI talks only to the KioskApi contract: no Node, no Electron, no database, no sync.
  boundary(['renderer/**'], [...nodeOnly, 'electron', '**/db/**', '**/sync/**', '**/main/**'], 'renderer/ talks only to the KioskApi contract (core/contract).'),
  // zod as a namespace (import * as z from 'zod'): esbuild then bundles only the parts used; through
  // `import { z }` it keeps every one of zod's locales (~750 KB that each CLI run would compile).
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[imported.name='z'][importKind!='type'], ImportDefaultSpecifier)",
          message: "Import zod as a namespace (import * as z from 'zod'), so the bundles keep only what is used.",
        },
      ],
    },
  },
  // ...and through its zod-free half: the schemas are checked in the core, and loading zod would
  // slow the kiosk's first screen (bench:ui). Types from the schemas are fine.
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The UI loads no zod: validation happens in the core (core/contract/client.ts).' }],
          patterns: [
            {
              group: ['**/contract/kiosk-api', '**/contract/situation', '**/db/catalogue/schema'],
              allowTypeImports: true,
              message: 'Import values from core/contract/client or core/contract/lists; only types from the zod schemas.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // The Electron shell never hands anything to the operating system to open (SECURITY.md: no shell.openExternal with page data).
  { files: ['main/**/*.ts'], rules: { 'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'The kiosk opens nothing outside the app.' }] } },
  // Tests beside the UI code run under Node and may read files.
  { files: ['renderer/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
);
