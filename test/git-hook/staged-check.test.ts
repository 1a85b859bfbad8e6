import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TempRepository } from './temp-repository';

/**
 * The recipes of docs/pre-commit.md, proven with a real `git commit`: a commit holding a leak is
 * refused even when the leak is in a file the commit does not touch (an entity importing a
 * changed key const), and what decides is the commit's content, not the working tree's.
 *
 * The project: src/keys.ts holds the scope const; src/order.ts imports it, src/scopes.ts
 * re-exports it and src/invoice.ts imports it from there (a dependent two levels down).
 */

const GOOD_SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';
// The capsule segment removed: every entity building its key from SCOPE leaks across capsules.
const LEAKY_SCOPE = 'TENANT#{tenantId}';

const keys = (scope: string, extra = ''): string => `export const SCOPE = '${scope}';\n${extra}`;

const entity = (name: string, from: string, suffix: string): string => `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { SCOPE } from '${from}';

@entity({ table: 'platform_data', pk: SCOPE + '${suffix}', sk: 'METADATA' })
@capsuleIsolated
export class ${name} {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

const PROJECT = {
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] },
      include: ['src'],
    },
    null,
    2,
  )}\n`,
  '.gitignore': 'node_modules\n',
  'src/keys.ts': keys(GOOD_SCOPE),
  'src/order.ts': entity('OrderEntity', './keys.js', '#ORDER#{id}'),
  'src/scopes.ts': "export { SCOPE } from './keys.js';\n",
  'src/invoice.ts': entity('InvoiceEntity', './scopes.js', '#INVOICE#{id}'),
};

/** Where the pk expression of an entity file starts (1-based), as the check reports it. */
function pkPosition(file: string): string {
  const source = PROJECT[file as keyof typeof PROJECT];
  const before = source.slice(0, source.indexOf('SCOPE + ')).split('\n');
  return `${file}:${before.length}:${before.at(-1)!.length + 1}`;
}

const LEAK_MESSAGE = "has no 'CAPSULE#{capsuleId}' segment";

/** The staged state, exactly: every index entry with its blob, and the staged diff. */
const indexState = (repo: TempRepository): string => repo.gitOk('ls-files', '--stage') + repo.gitOk('diff', '--cached');

/** The repository as at HEAD: nothing staged, no edits. */
function resetToHead(repo: TempRepository): void {
  repo.gitOk('reset', '--quiet', '--hard', 'HEAD');
}

/** The cases every recipe must get right; `commit` runs `git commit` with the recipe's hook installed. */
function recipeCases(setUp: (repo: TempRepository) => void): void {
  let repo: TempRepository;

  beforeAll(() => {
    repo = new TempRepository();
    repo.init();
    repo.installPackages();
    for (const [file, text] of Object.entries(PROJECT)) repo.write(file, text);
    setUp(repo);
    // The first commit already goes through the hook: the project is clean.
    repo.gitOk('add', '--all');
    repo.gitOk('commit', '--quiet', '--message', 'Seed the project');
  }, 120_000);

  afterAll(() => repo?.remove());

  it('refuses a leak in a staged entity', () => {
    resetToHead(repo);
    repo.write('src/order.ts', PROJECT['src/order.ts'].replace("SCOPE + '#ORDER#{id}'", "'TENANT#{tenantId}#ORDER#{id}'"));
    repo.gitOk('add', 'src/order.ts');
    const before = repo.commitCount();

    const commit = repo.git('commit', '--message', 'Order keys');

    expect(commit.status, commit.output).not.toBe(0);
    expect(commit.output).toContain('capsule-guard/isolated-key-templates');
    expect(repo.commitCount()).toBe(before);
  }, 120_000);

  it('refuses a leak that only shows in unchanged files importing the one staged file, at any depth', () => {
    resetToHead(repo);
    repo.write('src/keys.ts', keys(LEAKY_SCOPE));
    repo.gitOk('add', 'src/keys.ts');
    const before = repo.commitCount();
    const staged = indexState(repo);

    const commit = repo.git('commit', '--message', 'Shorter scope');

    expect(commit.status, commit.output).not.toBe(0);
    for (const file of ['src/order.ts', 'src/invoice.ts']) {
      expect(commit.output).toMatch(new RegExp(`${escape(pkPosition(file))} - error capsule-guard/isolated-key-templates: .*${escape(LEAK_MESSAGE)}`, 'u'));
    }
    expect(repo.commitCount()).toBe(before);
    // A refused commit leaves the index and the working tree as they were.
    expect(indexState(repo)).toBe(staged);
    expect(repo.read('src/keys.ts')).toBe(keys(LEAKY_SCOPE));
  }, 120_000);

  it('refuses a commit whose staged half leaks though the working copy does not', () => {
    resetToHead(repo);
    repo.write('src/keys.ts', keys(LEAKY_SCOPE));
    repo.gitOk('add', 'src/keys.ts');
    repo.write('src/keys.ts', keys(GOOD_SCOPE, "export const AUDIT = 'AUDIT';\n"));
    const staged = indexState(repo);

    const commit = repo.git('commit', '--message', 'Shorter scope');

    expect(commit.status, commit.output).not.toBe(0);
    expect(commit.output).toContain(pkPosition('src/order.ts'));
    expect(indexState(repo)).toBe(staged);
    expect(repo.read('src/keys.ts')).toBe(keys(GOOD_SCOPE, "export const AUDIT = 'AUDIT';\n"));
  }, 120_000);

  it('accepts a commit whose staged half is right though the working copy leaks, and records the staged half', () => {
    resetToHead(repo);
    const stagedKeys = keys(GOOD_SCOPE, "export const AUDIT = 'AUDIT';\n");
    repo.write('src/keys.ts', stagedKeys);
    repo.gitOk('add', 'src/keys.ts');
    repo.write('src/keys.ts', keys(LEAKY_SCOPE));
    const before = repo.commitCount();

    const commit = repo.git('commit', '--message', 'Audit key');

    expect(commit.status, commit.output).toBe(0);
    expect(repo.commitCount()).toBe(before + 1);
    expect(repo.gitOk('show', 'HEAD:src/keys.ts')).toBe(stagedKeys);
    expect(repo.read('src/keys.ts')).toBe(keys(LEAKY_SCOPE));
  }, 120_000);

  it('refuses a commit that deletes a module entities still import', () => {
    resetToHead(repo);
    repo.gitOk('rm', '--quiet', 'src/scopes.ts');

    const commit = repo.git('commit', '--message', 'Drop the re-export');

    expect(commit.status, commit.output).not.toBe(0);
    expect(commit.output).toContain(`${pkPosition('src/invoice.ts')} - error`);
  }, 120_000);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

describe('husky + lint-staged: ESLint on the staged files, capsule-guard check --staged once per commit', () => {
  recipeCases((repo) => {
    repo.write(
      'package.json',
      `${JSON.stringify(
        { name: 'revenue-service', private: true, type: 'module', 'lint-staged': { '*.{ts,tsx,mts,cts}': 'eslint --max-warnings=0 --no-warn-ignored' } },
        null,
        2,
      )}\n`,
    );
    // The typed configuration the README leads with: templates live in other modules here.
    repo.write(
      'eslint.config.mjs',
      `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import capsuleGuard from '@capsule-guard/eslint-plugin';

export default defineConfig({
  files: ['**/*.ts'],
  extends: [capsuleGuard.configs.recommended],
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
});
`,
    );
    const install = repo.run(process.execPath, [path.join(REPO_ROOT, 'node_modules/husky/bin.js')]);
    expect(install.status, install.output).toBe(0);
    repo.write('.husky/pre-commit', 'npx lint-staged\nnpx --no-install capsule-guard check --staged\n');
  });
});

/**
 * The pre-commit framework (a Python tool) is not installed here, so its part is played by a git
 * hook that runs the `capsule-guard` hook's `entry` from .pre-commit-hooks.yaml the way the
 * framework runs a `language: system` hook with `pass_filenames: false`: the command as written,
 * from the repository's top directory, with no file names.
 */
describe('the pre-commit framework: the capsule-guard hook runs check --staged', () => {
  const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    pass_filenames?: boolean;
    always_run?: boolean;
  }[];
  const hook = hooks.find(({ id }) => id === 'capsule-guard');

  it('is a system hook, run on every commit, without file names', () => {
    expect(hook).toMatchObject({ language: 'system', pass_filenames: false, always_run: true });
    expect(hook?.entry).toMatch(/capsule-guard check --staged$/u);
  });

  recipeCases((repo) => {
    repo.write('package.json', `${JSON.stringify({ name: 'revenue-service', private: true, type: 'module' }, null, 2)}\n`);
    repo.write('.git/hooks/pre-commit', `#!/bin/sh\ncd "$(git rev-parse --show-toplevel)" && exec ${hook?.entry}\n`);
    chmodSync(path.join(repo.dir, '.git/hooks/pre-commit'), 0o755);
  });
});
