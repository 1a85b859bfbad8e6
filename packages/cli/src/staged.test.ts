import { spawnSync } from 'node:child_process';
import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject, TSCONFIG } from './testing/temp-project';

/** git in `dir`, with no user or system configuration; fails the test if git does. */
function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: dir },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** A repository holding `files`, all committed. */
function repository(files: Readonly<Record<string, string>>): string {
  const dir = tempProject(files);
  git(dir, 'init', '--quiet', '--template=');
  git(dir, 'add', '--all');
  git(dir, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--message', 'seed');
  return dir;
}

const write = (dir: string, file: string, text: string): void => writeFileSync(path.join(dir, file), text);

const GOOD_SCOPE = "export const SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';\n";
const LEAKY_SCOPE = "export const SCOPE = 'TENANT#{tenantId}';\n";

const entity = (name: string, keysModule: string): string => `import { capsuleIsolated, entity } from '@capsule-guard/core';
import { SCOPE } from '${keysModule}';

@entity({ pk: SCOPE + '#${name.toUpperCase()}#{id}' })
@capsuleIsolated
export class ${name} {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;

/** The entity's pk expression, line 4 column 15, as every finding below is placed. */
const at = (file: string): string => `${file}:4:15`;

const PROJECT = {
  'tsconfig.json': TSCONFIG,
  'src/keys.ts': GOOD_SCOPE,
  'src/order.ts': entity('Order', './keys.js'),
  'src/scopes.ts': "export * from './keys.js';\n",
  'src/invoice.ts': entity('Invoice', './scopes.js'),
  'src/unrelated.ts': entity('Unrelated', './other-keys.js'),
  'src/other-keys.ts': GOOD_SCOPE,
};

/** file:line:column of each finding, from the JSON output. */
function places(output: { stdout: string }): string[] {
  return (JSON.parse(output.stdout) as { file: string; line: number; column: number }[]).map((f) => `${f.file}:${f.line}:${f.column}`);
}

describe('capsule-guard check --staged', () => {
  it('reports the files importing a staged module, at any depth and through re-exports, and no others', () => {
    const dir = repository(PROJECT);
    write(dir, 'src/keys.ts', LEAKY_SCOPE);
    write(dir, 'src/other-keys.ts', LEAKY_SCOPE); // not staged: the commit does not hold it
    git(dir, 'add', 'src/keys.ts');

    const result = runCli(['check', '--staged', '--format', 'json'], dir);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(places(result)).toEqual([at('src/invoice.ts'), at('src/order.ts')]);
  });

  it('is clean when nothing staged affects a finding, whatever the working tree holds', () => {
    const dir = repository(PROJECT);
    write(dir, 'src/keys.ts', LEAKY_SCOPE);
    write(dir, 'src/new-entity.ts', entity('Untracked', './keys.js'));

    expect(runCli(['check', '--staged', '--format', 'json'], dir)).toEqual({ exitCode: 0, stdout: '[]\n', stderr: '' });
  });

  it('does not see untracked files: an import of one is unresolved in the commit', () => {
    const dir = repository(PROJECT);
    write(dir, 'src/order.ts', entity('Order', './new-keys.js'));
    write(dir, 'src/new-keys.ts', GOOD_SCOPE);
    git(dir, 'add', 'src/order.ts');

    const result = runCli(['check', '--staged', '--format', 'json'], dir);

    expect(result.exitCode).toBe(1);
    expect(places(result)).toEqual([at('src/order.ts')]);
    git(dir, 'add', 'src/new-keys.ts');
    expect(runCli(['check', '--staged', '--format', 'json'], dir).exitCode).toBe(0);
  });

  it('follows a rename: the files still importing the old name are reported', () => {
    const dir = repository(PROJECT);
    git(dir, 'mv', 'src/keys.ts', 'src/scope.ts');

    expect(places(runCli(['check', '--staged', '--format', 'json'], dir))).toEqual([at('src/invoice.ts'), at('src/order.ts')]);
    write(dir, 'src/order.ts', entity('Order', './scope.js'));
    write(dir, 'src/scopes.ts', "export * from './scope.js';\n");
    git(dir, 'add', 'src');
    expect(runCli(['check', '--staged', '--format', 'json'], dir).exitCode).toBe(0);
  });

  it('checks the whole project when the tsconfig itself is staged', () => {
    const dir = repository({ ...PROJECT, 'legacy/old.ts': entity('Old', '../src/keys.js').replace('SCOPE + ', "'TENANT#{tenantId}' + ") });
    write(dir, 'tsconfig.json', TSCONFIG.replace('"include":["src"]', '"include":["src","legacy"]'));
    git(dir, 'add', 'tsconfig.json');

    expect(places(runCli(['check', '--staged', '--format', 'json'], dir))).toEqual([at('legacy/old.ts')]);
  });

  it('works from a repository whose top is above the project, with spaces in paths', () => {
    const dir = repository(
      Object.fromEntries(Object.entries(PROJECT).map(([file, text]) => [`services/revenue app/${file.replace('keys', 'my keys')}`, text.replace('./keys', './my keys')])),
    );
    const project = path.join(dir, 'services/revenue app');
    write(project, 'src/my keys.ts', LEAKY_SCOPE);
    git(dir, 'add', '--all');

    expect(places(runCli(['check', '--staged', '-p', 'services/revenue app', '--format', 'json'], dir))).toEqual([
      at('services/revenue app/src/invoice.ts'),
      at('services/revenue app/src/order.ts'),
    ]);
    expect(places(runCli(['check', '--staged', '--format', 'json'], path.join(project, 'src')))).toEqual([at('invoice.ts'), at('order.ts')]);
  });

  it('reads the index, not a working copy of the same size and time that git would take for unchanged', () => {
    const dir = repository(PROJECT);
    const keys = path.join(dir, 'src/keys.ts');
    const { mtime } = statSync(keys);
    // The same length, so only the content tells it from the staged text.
    const leaky = LEAKY_SCOPE.replace(';', `;${' '.repeat(GOOD_SCOPE.length - LEAKY_SCOPE.length)}`);
    expect(leaky).toHaveLength(GOOD_SCOPE.length);
    write(dir, 'src/keys.ts', leaky);
    utimesSync(keys, mtime, mtime);
    write(dir, 'src/order.ts', entity('Order', './keys.js').replace('#ORDER#', '#ORDERS#'));
    git(dir, 'add', 'src/order.ts');

    expect(runCli(['check', '--staged', '--format', 'json'], dir)).toEqual({ exitCode: 0, stdout: '[]\n', stderr: '' });
    expect(places(runCli(['check', 'src/order.ts', '--format', 'json'], dir))).toEqual([at('src/order.ts')]);
  });

  it('finds what a file imports now, whatever an earlier run learnt of its former content', () => {
    const dir = repository(PROJECT);
    expect(runCli(['check', '--staged', '--format', 'json'], dir)).toEqual({ exitCode: 0, stdout: '[]\n', stderr: '' });
    // What imports what is kept between runs by content: the changed file is read again, the others are not.
    write(dir, 'src/unrelated.ts', entity('Unrelated', './keys.js'));
    write(dir, 'src/keys.ts', LEAKY_SCOPE);
    git(dir, 'add', 'src/unrelated.ts', 'src/keys.ts');

    expect(places(runCli(['check', '--staged', '--format', 'json'], dir))).toEqual([at('src/invoice.ts'), at('src/order.ts'), at('src/unrelated.ts')]);
  });

  it('checks every staged file before the first commit', () => {
    const dir = tempProject({ ...PROJECT, 'src/keys.ts': LEAKY_SCOPE });
    git(dir, 'init', '--quiet', '--template=');
    git(dir, 'add', '--all');

    expect(places(runCli(['check', '--staged', '--format', 'json'], dir))).toEqual([at('src/invoice.ts'), at('src/order.ts')]);
  });

  it('is a usage error outside a git repository', () => {
    const dir = tempProject(PROJECT);
    const result = runCli(['check', '--staged'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`capsule-guard: --staged checks what the next git commit holds, but ${dir} is not inside a git repository`);
  });

  it('is a usage error when the tsconfig is not in the repository', () => {
    const dir = repository(PROJECT);
    write(dir, 'tsconfig.build.json', TSCONFIG);
    const untracked = runCli(['check', '--staged', '-p', 'tsconfig.build.json'], dir);
    expect(untracked.exitCode).toBe(2);
    expect(untracked.stderr).toContain('the project tsconfig.build.json is not staged: git add it first');

    // The repository now starts below the project.
    const nested = path.join(dir, 'nested');
    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    git(dir, 'init', '--quiet', '--template=', nested);
    const outside = runCli(['check', '--staged', '-p', '..'], nested);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain(`the project ../tsconfig.json is outside the git repository at ${nested}`);
  });
});

describe('capsule-guard check <file>...', () => {
  it('reports the named files and the files importing them only', () => {
    const dir = tempProject({ ...PROJECT, 'src/keys.ts': LEAKY_SCOPE, 'src/other-keys.ts': LEAKY_SCOPE });

    expect(places(runCli(['check', 'src/keys.ts', '--format', 'json'], dir))).toEqual([at('src/invoice.ts'), at('src/order.ts')]);
    expect(places(runCli(['check', 'src/order.ts', '--format', 'json'], dir))).toEqual([at('src/order.ts')]);
    expect(places(runCli(['check', '--format', 'json'], dir))).toEqual([at('src/invoice.ts'), at('src/order.ts'), at('src/unrelated.ts')]);
  });

  it('is a usage error for a file that does not exist', () => {
    const dir = tempProject(PROJECT);
    const result = runCli(['check', 'src/nope.ts'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("capsule-guard: the file 'src/nope.ts' does not exist");
  });
});
