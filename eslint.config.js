// ESLint: TypeScript rules plus the folder boundaries from ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'better-sqlite3'];
const boundary = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/embedded/', 'renderer/dist/', 'bench-out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The UI talks only to the KioskApi contract: no Node, no Electron, no database, no sync.
  boundary(['renderer/**'], [...nodeOnly, 'electron', '**/db/**', '**/sync/**', '**/main/**'], 'renderer/ talks only to the KioskApi contract (core/contract).'),
  // The contract is shared by every host: nothing environment-specific.
  boundary(['core/contract/**'], [...nodeOnly, 'electron', 'react', '**/db/**', '**/sync/**', '**/main/**', '**/renderer/**'], 'core/contract must stay environment-free.'),
  // Core services and storage run under plain Node: no Electron, no UI.
  boundary(['db/**', 'core/**', 'sync/**'], ['electron', '**/renderer/**', '**/main/**'], 'db/, core/ and sync/ run under plain Node: no Electron or UI imports.'),
);
