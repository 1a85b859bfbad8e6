// @ts-check
/**
 * Runs one benchmarked command in a fresh Node process and reports its wall time, CPU time and
 * peak memory (the last two written by measure.mjs from inside the process).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {{ cpuMs: number, maxRssKb: number, processMs?: number, oursMs?: number, loadMs?: number, engineMs?: number, ruleMs?: number }} Usage
 *   what measure.mjs writes from inside the process
 */

const MEASURE = new URL('./measure.mjs', import.meta.url).href;

/**
 * @param {{ script: string, args: string[], cwd: string, engine?: string, frontEnd?: string, nodeFlags?: string[] }} command
 *   engine: the engine's dist/check.js, to have the time spent inside it summed (see measure.mjs)
 *   frontEnd: the front end's module the tool loads, to have its loading timed
 *   nodeFlags: flags for node itself, before the script
 * @returns {Promise<{ wallMs: number, cpuMs: number, maxRssKb: number, exitCode: number, stdout: string, stderr: string, load1: number,
 *   processMs?: number, oursMs?: number, loadMs?: number, engineMs?: number, ruleMs?: number }>}
 *   the optional figures are measure.mjs's, present when `engine` was given
 */
export async function measure({ script, args, cwd, engine, frontEnd, nodeFlags = [] }) {
  const scratch = mkdtempSync(join(tmpdir(), 'capsule-guard-measure-'));
  const report = join(scratch, 'usage.json');
  const load1 = loadavg()[0];
  const start = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, '--import', MEASURE, script, ...args], {
    cwd,
    env: { ...process.env, CAPSULE_GUARD_BENCH_MEASURE: report, CAPSULE_GUARD_BENCH_ENGINE: engine ?? '', CAPSULE_GUARD_BENCH_FRONT_END: frontEnd ?? '', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {Buffer[]} */
  const stdout = [];
  /** @type {Buffer[]} */
  const stderr = [];
  child.stdout.on('data', /** @param {Buffer} chunk */ (chunk) => stdout.push(chunk));
  child.stderr.on('data', /** @param {Buffer} chunk */ (chunk) => stderr.push(chunk));
  const exitCode = await new Promise(/** @param {(code: number) => void} resolve */ (resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = performance.now() - start;
  /** @type {Usage} */
  let usage;
  try {
    const written = /** @type {unknown} */ (JSON.parse(readFileSync(report, 'utf8')));
    usage = /** @type {Usage} */ (written);
  } catch {
    throw new Error(`${script} ${args.join(' ')} exited with ${exitCode} before reporting its usage:\n${Buffer.concat(stderr).toString()}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return {
    ...usage,
    wallMs,
    exitCode,
    stdout: Buffer.concat(stdout).toString(),
    stderr: Buffer.concat(stderr).toString(),
    load1,
  };
}

/**
 * Runs a Node script that prints one JSON line and returns it parsed.
 * @param {string} script
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<Record<string, unknown> & { processCpuMs: number }>}
 */
export async function runJson(script, args, cwd) {
  const result = await measure({ script, args, cwd });
  if (result.exitCode !== 0) throw new Error(`${script} failed (${result.exitCode}):\n${result.stderr}`);
  const last = /** @type {string} */ (result.stdout.trim().split('\n').at(-1));
  return { .../** @type {Record<string, unknown>} */ (JSON.parse(last)), processCpuMs: result.cpuMs };
}

/**
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
