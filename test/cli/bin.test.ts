import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runProcess } from './harness';

/**
 * The `capsule-guard` bin is a committed file, so that `npm ci` in a fresh clone links it into
 * node_modules/.bin before anything is built (npm skips a bin whose file is missing, and
 * `npx capsule-guard` would then look for a package of that name on the registry).
 */

const CLI_DIRECTORY = path.join(REPO_ROOT, 'packages/cli');
const readJson = async (file: string) => JSON.parse(await readFile(path.join(REPO_ROOT, file), 'utf8'));

describe('the capsule-guard bin', () => {
  it('is a file under version control, shipped in the package, and recorded so in the lockfile', async () => {
    const { bin, files } = await readJson('packages/cli/package.json');
    const target = path.posix.join('packages/cli', bin['capsule-guard']);
    expect(target).not.toMatch(/\/dist\//u);
    expect(execFileSync('git', ['ls-files', '--error-unmatch', target], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()).toBe(target);
    expect(files).toContain(bin['capsule-guard'].split('/')[0]);
    const lock = await readJson('package-lock.json');
    expect(lock.packages['packages/cli'].bin).toEqual(bin);
  });

  it('runs the built CLI', async () => {
    const { bin } = await readJson('packages/cli/package.json');
    const result = await runProcess(process.execPath, [path.join(CLI_DIRECTORY, bin['capsule-guard']), '--version'], REPO_ROOT);
    expect(result).toMatchObject({ exitCode: 0, stdout: '0.1.0 (TypeScript 6.0.3)\n' });
  });

  it('before the build, says to run npm run build and exits 2', async () => {
    const { bin } = await readJson('packages/cli/package.json');
    const clone = await mkdtemp(path.join(os.tmpdir(), 'capsule-guard-bin-'));
    try {
      const copy = path.join(clone, 'packages/cli', bin['capsule-guard']);
      await mkdir(path.dirname(copy), { recursive: true });
      await copyFile(path.join(CLI_DIRECTORY, bin['capsule-guard']), copy);
      const result = await runProcess(process.execPath, [copy, 'check'], clone);
      expect(result).toEqual({
        exitCode: 2,
        stdout: '',
        stderr:
          'capsule-guard: the CLI is not built (packages/cli/dist/bin.js is missing).\n' +
          'Run `npm run build` in the capsule-guard repository, then run this command again.\n',
      });
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
