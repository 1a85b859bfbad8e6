import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/**
 * The unit test files that replace a module with `vi.mock`. Every other unit test file shares its
 * worker's modules with the files run before it (`isolate: false`): loading TypeScript and
 * typescript-eslint again for each file cost more than the tests themselves. A replaced module
 * would leak into the files after it, so these run isolated, each with modules of its own.
 */
const packages = fileURLToPath(new URL('./packages', import.meta.url));
const MOCKING = readdirSync(packages).flatMap((pkg) => {
  const dir = `${packages}/${pkg}/src`;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && readFileSync(`${dir}/${file}`, 'utf8').includes('vi.mock('))
    .map((file) => `packages/${pkg}/src/${file}`);
});

export default defineConfig({
  resolve: {
    // Unit tests run against the sources; end-to-end tests under test/ drive the built packages.
    alias: {
      '@capsule-guard/engine': src('engine'),
      '@capsule-guard/core': src('core'),
    },
  },
  test: {
    testTimeout: 120_000,
    // Vitest runs one file at a time on a 2-core machine (cores minus one). The end-to-end files
    // spend much of their time waiting on the tools they start (tsc, ESLint, tsserver, git), so
    // two at a time keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        // Only the rule tests need RuleTester wired to vitest; loading it elsewhere costs a second a file.
        test: {
          name: 'eslint-plugin',
          isolate: false,
          include: ['packages/eslint-plugin/src/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...MOCKING],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'unit', isolate: false, include: ['packages/*/src/**/*.test.ts'], exclude: ['packages/eslint-plugin/**', '**/node_modules/**', ...MOCKING] },
      },
      { extends: true, test: { name: 'unit, modules replaced', include: MOCKING, setupFiles: ['./vitest.setup.ts'] } },
      { extends: true, test: { name: 'end-to-end', include: ['test/**/*.test.ts'], exclude: ['test/.tmp/**', '**/node_modules/**'] } },
    ],
  },
});
