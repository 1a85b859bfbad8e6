// The repository lints itself with typescript-eslint and with its own plugin, as a user would.
import capsuleGuard from '@capsule-guard/eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test/.tmp/**',
      'bench-out/**',
      // Deliberately broken code: the leaks the demo and the tests must catch.
      'examples/leaky/**',
      'examples/*/leaky/**',
      '**/fixtures/**',
      'test/parity/fixture/**',
    ],
  },
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [capsuleGuard.configs.recommended],
  },
  {
    // Tests write leaky keys on purpose, as the data the checks are run on.
    files: ['**/*.test.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    rules: { 'capsule-guard/isolated-key-literals': 'off' },
  },
);
