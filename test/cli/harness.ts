/**
 * Drives the built `capsule-guard` bin (and, for comparison, the eslint CLI and tspc) the way a
 * user's CI would: as separate processes, from the repository root.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTspc } from '../tspc/run-tspc';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = 'test/cli/fixtures';
// The bin as npm links it; it loads the built CLI from dist/.
const CLI = path.join(REPO_ROOT, 'packages/cli/bin/capsule-guard.js');
const ESLINT = path.join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js');

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The fields of the CLI's JSON output. */
export interface JsonFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

export function capsuleGuard(args: readonly string[], cwd = REPO_ROOT): Promise<RunResult> {
  return runProcess(process.execPath, [CLI, ...args], cwd);
}

export function eslint(args: readonly string[]): Promise<RunResult> {
  return runProcess(process.execPath, [ESLINT, ...args], REPO_ROOT);
}

export function tspc(args: readonly string[]): Promise<RunResult> {
  return runTspc(args, REPO_ROOT);
}

export function runProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- it is an Error; Node's types build its type with Omit<>, which hides that
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
