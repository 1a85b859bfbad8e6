/**
 * Runs the real `tspc` for every end-to-end test that builds with it.
 *
 * ts-patch reads its cached patched compiler under a lock file, and gives up after waiting two
 * seconds for another tspc process to release it ("Could not acquire lock …", on stderr, with
 * nothing on stdout). On a loaded machine several tspc processes at once hit that limit, so a
 * run that failed on the lock alone is run again: that failure says nothing about our plugin.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TSPC = fileURLToPath(new URL('../../node_modules/ts-patch/bin/tspc.js', import.meta.url));
const LOCK_FAILURE = 'Could not acquire lock';
const ATTEMPTS = 5;

export interface TspcResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runTspc(args: readonly string[], cwd: string): Promise<TspcResult> {
  let result = await runOnce(args, cwd);
  for (let attempt = 1; attempt < ATTEMPTS && result.stderr.includes(LOCK_FAILURE); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    result = await runOnce(args, cwd);
  }
  return result;
}

function runOnce(args: readonly string[], cwd: string): Promise<TspcResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSPC, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- it is an Error; Node's types build its type with Omit<>, which hides that
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}
