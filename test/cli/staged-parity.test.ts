import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capsuleGuard, REPO_ROOT, runProcess, type JsonFinding } from './harness';

/**
 * `check --staged` must report exactly what a whole-project `check` reports on a checkout of the
 * commit, for every file it reports on, and it must report on every file whose findings the
 * commit changes. The checkouts are written with `git checkout-index` (the index) and
 * `git archive` (HEAD), so they hold nothing the commit would not.
 */

const TMP_ROOT = path.join(REPO_ROOT, 'test/.tmp');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const GIT_ENV = { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: TMP_ROOT };

async function git(dir: string, ...args: string[]): Promise<string> {
  const result = await runProcess('git', args, dir, GIT_ENV);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

function tempDir(name: string): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  const dir = mkdtempSync(path.join(TMP_ROOT, `${name}-`));
  dirs.push(dir);
  return dir;
}

/** A repository holding a copy of `source` (node_modules linked to this workspace's), nothing committed. */
async function repositoryOf(source: string): Promise<string> {
  const dir = tempDir('staged-parity');
  cpSync(source, dir, { recursive: true, filter: (file) => !file.includes('node_modules') });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  await git(dir, 'init', '--quiet', '--template=');
  await git(dir, 'add', '--all');
  return dir;
}

type ByFile = Map<string, string[]>;

async function findings(cwd: string, args: readonly string[]): Promise<ByFile> {
  const result = await capsuleGuard(['check', ...args, '--format', 'json'], cwd);
  expect(result.exitCode, result.stderr).toBeLessThan(2);
  const byFile: ByFile = new Map();
  for (const f of JSON.parse(result.stdout) as JsonFinding[]) {
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), `${f.line}:${f.column} ${f.ruleId} ${f.message}`]);
  }
  return byFile;
}

/** Whole-project findings of a checkout: of the index, or of a commit. */
async function checkoutFindings(repo: string, what: 'index' | 'HEAD'): Promise<ByFile> {
  const dir = tempDir('checkout');
  if (what === 'index') await git(repo, 'checkout-index', '--all', `--prefix=${dir}/`);
  else {
    await git(repo, 'archive', '--output', path.join(dir, 'head.tar'), 'HEAD');
    await runProcess('tar', ['-xf', 'head.tar'], dir);
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return findings(dir, []);
}

async function expectParity(repo: string, { everyFile }: { everyFile: boolean }): Promise<ByFile> {
  const staged = await findings(repo, ['--staged']);
  const whole = await checkoutFindings(repo, 'index');
  if (everyFile) {
    expect(staged).toEqual(whole);
    return staged;
  }
  for (const [file, list] of staged) expect(list, file).toEqual(whole.get(file));
  const head = await checkoutFindings(repo, 'HEAD');
  for (const file of new Set([...whole.keys(), ...head.keys()])) {
    if (JSON.stringify(whole.get(file)) !== JSON.stringify(head.get(file))) expect(staged.get(file), file).toEqual(whole.get(file));
  }
  return staged;
}

const commit = (dir: string) => git(dir, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--message', 'seed');

describe('check --staged agrees with a whole-project check of the commit', () => {
  it('on the parity fixture: a first commit, then a change to one file', async () => {
    const repo = await repositoryOf(path.join(REPO_ROOT, 'test/parity/fixture'));
    const first = await expectParity(repo, { everyFile: true });
    expect(first.size).toBeGreaterThan(3);

    await commit(repo);
    const file = path.join(repo, 'src/templates.ts');
    writeFileSync(file, `// moved down a line\n${readFileSync(file, 'utf8')}`);
    await git(repo, 'add', 'src/templates.ts');
    const change = await expectParity(repo, { everyFile: false });
    expect([...change.keys()]).toEqual(['src/templates.ts']);
  }, 240_000);

  it('on the parity fixture: a library entity fixed, and a barrel of a library changed', async () => {
    const repo = await repositoryOf(path.join(REPO_ROOT, 'test/parity/fixture'));
    await commit(repo);
    const entities = path.join(repo, 'src/library-electrodb.ts');
    // ElectroDB requires the composite to list the template's attributes in order: both are fixed.
    const fixed = readFileSync(entities, 'utf8').replace(
      "composite: ['tenantId', 'customerId'], template: 'TENANT#${tenantId}#CUSTOMER#",
      "composite: ['tenantId', 'capsuleId', 'customerId'], template: 'TENANT#${tenantId}#CAPSULE#${capsuleId}#CUSTOMER#",
    );
    expect(fixed).not.toBe(readFileSync(entities, 'utf8'));
    writeFileSync(entities, fixed);
    const barrel = path.join(repo, 'src/library-barrel.ts');
    writeFileSync(barrel, `// moved down a line\n${readFileSync(barrel, 'utf8')}`);
    await git(repo, 'add', 'src/library-electrodb.ts', 'src/library-barrel.ts');
    const change = await expectParity(repo, { everyFile: false });
    // The fixed entity's file keeps its other findings; the barrel's importer is checked again.
    expect([...change.keys()]).toEqual(['src/library-electrodb.ts', 'src/library-through-barrel.ts']);
    expect(change.get('src/library-electrodb.ts')?.some((finding) => finding.startsWith('17:'))).toBe(false);
  }, 240_000);

  it('on a generated project: a key-constants module with dependents', async () => {
    const { generateProject } = (await import('../../bench/generate.mjs')) as {
      generateProject: (dir: string, spec: { files: number; leakEvery: number; nodeModules: string }) => { dir: string };
    };
    const source = tempDir('generated');
    generateProject(source, { files: 45, leakEvery: 2, nodeModules: path.join(REPO_ROOT, 'node_modules') });
    const repo = await repositoryOf(source);
    await expectParity(repo, { everyFile: true });

    await commit(repo);
    const keys = path.join(repo, 'src/m00001/keys.ts');
    writeFileSync(keys, readFileSync(keys, 'utf8').replace("'TENANT#{context.tenantId}#CAPSULE#{context.capsuleId}'", "'TENANT#{context.tenantId}'"));
    await git(repo, 'add', 'src/m00001/keys.ts');
    const change = await expectParity(repo, { everyFile: false });
    // keys.ts itself now builds a leaky key (SCOPE + '#ORDER#{id}'); orders.ts declares it as its pk.
    expect([...change.keys()]).toEqual(['src/m00001/keys.ts', 'src/m00001/orders.ts']);
  }, 240_000);
});
