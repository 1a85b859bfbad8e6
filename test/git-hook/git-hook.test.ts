import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TempRepository } from './temp-repository';

/**
 * What a user meets first: a commit refused by the pre-commit hook. A throwaway git repository is
 * set up with the ESLint half of the docs/pre-commit.md recipe (husky + lint-staged running ESLint
 * with `capsuleGuard.configs.recommended`, untyped, every template in the entity's own file), then
 * the real `git commit` runs the real hook. staged-check.test.ts runs the whole recipe.
 *
 * The repository lives under test/.tmp (gitignored) so that its `node_modules` can be a link to
 * this workspace's: eslint, typescript-eslint, husky, lint-staged and the built @capsule-guard
 * packages resolve exactly as they would from a user's own devDependencies.
 */

const HUSKY_BIN = path.join(REPO_ROOT, 'node_modules/husky/bin.js');
const ESLINT_PLUGIN_DIST = path.join(REPO_ROOT, 'packages/eslint-plugin/dist/index.js');

const PACKAGE_JSON = {
  name: 'revenue-service',
  private: true,
  type: 'module',
  'lint-staged': { '*.{ts,tsx,mts,cts}': 'eslint --max-warnings=0 --no-warn-ignored' },
};

const ESLINT_CONFIG = `import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import capsuleGuard from '@capsule-guard/eslint-plugin';

export default defineConfig({
  files: ['**/*.ts'],
  extends: [capsuleGuard.configs.recommended],
  languageOptions: { parser: tseslint.parser },
});
`;

const PRE_COMMIT_HOOK = 'npx lint-staged\n';

const TENANT_ENTITY = `import { entity, platformScoped } from '@capsule-guard/core';

@entity({ table: 'platform_data', pk: 'PLATFORM#TENANT#{id}', sk: 'PROFILE' })
@platformScoped({ reason: 'the tenant registry is read at sign-in, before a capsule is chosen' })
export class TenantEntity {
  id!: string;
  displayName!: string;
}
`;

/** A contract entity; `pk` is the partition key template under test. */
function contractEntity(pk: string): string {
  return `import { capsuleIsolated, entity } from '@capsule-guard/core';

@entity({
  table: 'platform_data',
  pk: '${pk}',
  sk: 'CONTRACT',
})
@capsuleIsolated
export class ContractEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;
}

// The shipped leak: the partition key names the tenant but not the capsule, so DEVUS test
// contracts land in the PRODUS revenue reports.
const LEAKY_PK = 'TENANT#{tenantId}#CONTRACT#{id}';
const FIXED_PK = 'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}';
const CONTRACT_FILE = 'src/contract.ts';

interface StylishDiagnostic {
  readonly severity: string;
  readonly message: string;
  readonly ruleId: string;
}

/**
 * The diagnostic at `line:column` of `file` in ESLint's default (stylish) output, which lint-staged
 * passes through: the file's absolute path on a line of its own, then one indented line per
 * problem, "line:column  severity  message  rule-id".
 */
function stylishDiagnostic(
  output: string, file: string, line: number, column: number,
): StylishDiagnostic | undefined {
  const lines = output.split('\n');
  const header = lines.indexOf(file);
  if (header < 0) return undefined;
  for (const problem of lines.slice(header + 1)) {
    if (!/^\s+\d+:\d+\s/u.test(problem)) break;
    const [position, severity, ...rest] = problem.trim().split(/\s{2,}/u);
    if (position !== `${line}:${column}`) continue;
    return { severity, message: rest.slice(0, -1).join('  '), ruleId: rest[rest.length - 1] };
  }
  return undefined;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('pre-commit hook (husky + lint-staged + ESLint)', () => {
  let repo: TempRepository;

  beforeAll(() => {
    if (!existsSync(ESLINT_PLUGIN_DIST)) {
      throw new Error('@capsule-guard/eslint-plugin is not built: run `npm run build` first');
    }
    repo = new TempRepository();
    repo.init();
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo.dir, 'node_modules'), 'dir');

    repo.write('package.json', `${JSON.stringify(PACKAGE_JSON, null, 2)}\n`);
    repo.write('eslint.config.mjs', ESLINT_CONFIG);
    repo.write('.gitignore', 'node_modules\n');
    repo.write('src/tenant.ts', TENANT_ENTITY);

    // What `npm pkg set scripts.prepare=husky && npm install` does: the real husky bin points
    // core.hooksPath at .husky/_, whose hooks run the scripts in .husky/.
    const install = repo.run(process.execPath, [HUSKY_BIN]);
    expect(install.status, install.output).toBe(0);
    expect(repo.gitOk('config', 'core.hooksPath').trim()).toBe('.husky/_');
    repo.write('.husky/pre-commit', PRE_COMMIT_HOOK);

    // The project's first commit already goes through the hook: the seed is clean.
    repo.gitOk('add', '--all');
    repo.gitOk('commit', '--quiet', '--message', 'Seed the project');
  });

  afterAll(() => {
    repo?.remove();
  });

  it('refuses a commit of a partition key without the capsule segment, naming the rule and the place', () => {
    const before = repo.commitCount();
    const source = contractEntity(LEAKY_PK);
    repo.write(CONTRACT_FILE, source);
    repo.gitOk('add', CONTRACT_FILE);

    const commit = repo.git('commit', '--message', 'Add contracts');

    expect(commit.status, commit.output).not.toBe(0);
    expect(repo.commitCount()).toBe(before);
    // Refused by the hook, not by anything else git could object to.
    expect(commit.output).toContain('husky - pre-commit script failed');
    const { line, column } = positionOf(source, `'${LEAKY_PK}'`);
    const file = path.join(repo.realDir, CONTRACT_FILE);
    expect(stylishDiagnostic(commit.output, file, line, column)).toEqual({
      severity: 'error',
      message: expect.stringContaining(`the pk template '${LEAKY_PK}' has no 'CAPSULE#{capsuleId}' segment`),
      ruleId: 'capsule-guard/isolated-key-templates',
    });
    // The user's work is left as it was: still staged, unchanged in the working tree.
    expect(repo.gitOk('diff', '--cached', '--name-only').split('\n')).toContain(CONTRACT_FILE);
    expect(readFileSync(path.join(repo.dir, CONTRACT_FILE), 'utf8')).toBe(source);
  });

  it('lets the commit through once the partition key carries the capsule segment', () => {
    const before = repo.commitCount();
    const source = contractEntity(FIXED_PK);
    repo.write(CONTRACT_FILE, source);
    repo.gitOk('add', CONTRACT_FILE);

    const commit = repo.git('commit', '--message', 'Add contracts');

    expect(commit.status, commit.output).toBe(0);
    expect(commit.output).not.toContain('capsule-guard/');
    expect(repo.commitCount()).toBe(before + 1);
    expect(repo.gitOk('show', `HEAD:${CONTRACT_FILE}`)).toBe(source);
  });

  it('does not refuse a staged TypeScript file that the ESLint configuration does not cover', () => {
    // `files: ['**/*.ts']` leaves .mts files out; ESLint warns about such a file when it is named
    // on the command line, which `--max-warnings=0` alone would turn into a refused commit.
    const before = repo.commitCount();
    repo.write('src/ids.mts', 'export type TenantId = string & { readonly brand: "TenantId" };\n');
    repo.gitOk('add', 'src/ids.mts');

    const commit = repo.git('commit', '--message', 'Add identifier types');

    expect(commit.status, commit.output).toBe(0);
    expect(repo.commitCount()).toBe(before + 1);
  });
});
