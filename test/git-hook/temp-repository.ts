import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * A throwaway git repository for tests that run a real `git commit`. It lives under test/.tmp
 * (gitignored) so that its `node_modules` can link to this workspace's.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP_ROOT = path.join(REPO_ROOT, 'test/.tmp');

export interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * A clean environment: no global or system git configuration (hooksPath, templates, signing), no
 * husky init script from the home directory, no HUSKY=0 from the caller, no GIT_* variables of an
 * enclosing git process, and no colours in the output.
 */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, 'no-global-gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    NO_COLOR: '1',
    LANG: 'C',
  };
}

export class TempRepository {
  readonly dir: string;
  /** `dir` with symbolic links resolved, as ESLint prints file names. */
  readonly realDir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    mkdirSync(TMP_ROOT, { recursive: true });
    const base = mkdtempSync(path.join(TMP_ROOT, 'git-hook-'));
    this.dir = path.join(base, 'repo');
    const home = path.join(base, 'home');
    mkdirSync(this.dir);
    mkdirSync(home);
    this.realDir = realpathSync(this.dir);
    this.env = isolatedEnv(home);
  }

  /** `git init` with an empty template (no hooks from a system or user template) and an identity. */
  init(): void {
    this.gitOk('init', '--quiet', '--template=', '--initial-branch=main');
    this.gitOk('config', 'user.name', 'Test User');
    this.gitOk('config', 'user.email', 'test.user@example.com');
    this.gitOk('config', 'commit.gpgsign', 'false');
  }

  /**
   * A node_modules as `npm install -D @capsule-guard/cli …` leaves it: this workspace's packages,
   * and a `capsule-guard` command in node_modules/.bin for `npx --no-install capsule-guard`.
   */
  installPackages(): void {
    const source = path.join(REPO_ROOT, 'node_modules');
    const target = path.join(this.dir, 'node_modules');
    mkdirSync(path.join(target, '.bin'), { recursive: true });
    for (const name of readdirSync(source)) {
      if (name !== '.bin') symlinkSync(path.join(source, name), path.join(target, name), 'dir');
    }
    const bin = path.join(target, '.bin', 'capsule-guard');
    for (const name of readdirSync(path.join(source, '.bin'))) {
      if (name !== 'capsule-guard') symlinkSync(realpathSync(path.join(source, '.bin', name)), path.join(target, '.bin', name));
    }
    writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'packages/cli/dist/bin.js')}" "$@"\n`);
    chmodSync(bin, 0o755);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, text: string): void {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }

  run(command: string, args: readonly string[]): RunResult {
    const result = spawnSync(command, args, { cwd: this.dir, env: this.env, encoding: 'utf8' });
    if (result.error) throw result.error;
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  git(...args: string[]): RunResult {
    return this.run('git', args);
  }

  /** Runs git and fails the test, showing git's output, if it does not succeed. */
  gitOk(...args: string[]): string {
    const result = this.git(...args);
    expect(result.status, result.output).toBe(0);
    return result.output;
  }

  commitCount(): number {
    return Number(this.gitOk('rev-list', '--count', 'HEAD').trim());
  }

  remove(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}

