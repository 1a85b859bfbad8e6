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
  tseslint.configs.recommendedTypeChecked,
  {
    // Type information comes from each package's tsconfig.json, and for the files no package
    // builds (tests, bench, sweep, scripts) from the root tsconfig.json.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A caught value is passed on as it was thrown.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    files: ['**/*.ts'],
    extends: [capsuleGuard.configs.recommended],
  },
  {
    // Tests write leaky keys on purpose, as the data the checks are run on.
    files: ['**/*.test.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      'capsule-guard/isolated-key-literals': 'off',
      // `expect(object.method)` passes a method to be inspected, not called.
      '@typescript-eslint/unbound-method': 'off',
      // Tests walk parsed JSON (SARIF logs, package.json files, CLI output) and vitest's asymmetric
      // matchers (`expect.any`, `expect.stringContaining`), all typed `any`: the assertions check
      // their shape, where a declared type would only restate it.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
