import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench` on a tiny generated project, one repetition and no warm-up: the harness must
 * drive every front end it measures to exactly the findings the generator planted (it exits
 * non-zero otherwise), and report a ratio for each. The figures themselves are judged by running
 * the benchmark, not here.
 */
const ROOT = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'capsule-guard-bench-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Comparison {
  readonly id: string;
  readonly cpuRatio?: number;
  readonly cpuRange?: readonly [number, number];
  readonly wallRatio: number;
  readonly oursShare: number;
  readonly judgedOn: 'cpu' | 'ours' | 'wall';
  readonly runs: readonly { readonly a: { readonly engineMs: number; readonly loadMs: number } }[];
}

describe('npm run bench', () => {
  it('measures tspc, untyped ESLint, the CLI, its staged check, tsserver and the library adapters on a generated project and reports every ratio', async () => {
    const out = join(scratch, 'report.json');
    const args = ['bench/run.mjs', '--files', '36', '--no-large', '--reps', '1', '--memory-reps', '1', '--warm-ups', '0', '--tsserver-requests', '3', '--leak-every', '1', '--only', 'tspc,eslint-untyped,cli,staged,tsserver,libraries', '--out', out];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      expected: { typed: number; untyped: number };
      project: { groups: number };
      comparisons: Comparison[];
      tsserver: { pluginCpuMsPerRequest: number; cpuRange: readonly [number, number]; runs: readonly unknown[] };
      libraries: {
        files: number;
        filesWithLibraries: number;
        ratio: number;
        typed: number;
        untyped: number;
        runs: readonly Record<'typed' | 'untyped', { passes: readonly { engineMs: number; adaptersMs: number }[] }>[];
      };
    };

    // One leak planted per group of ten files.
    expect(report.expected.typed).toBeGreaterThanOrEqual(3);
    expect(report.expected.untyped).toBeGreaterThan(report.expected.typed);
    expect(report.comparisons.map((c) => [c.id, c.judgedOn])).toEqual([
      ['tspc', 'ours'],
      ['eslint-untyped', 'ours'],
      ['cli', 'wall'],
      ['staged', 'wall'],
    ]);
    for (const comparison of report.comparisons) {
      expect(comparison.wallRatio).toBeGreaterThan(0);
      // tsc 7 compiles in a native child process: its CPU time is not measured, so no CPU ratio is shown.
      if (comparison.id === 'cli') expect(comparison.cpuRatio).toBeUndefined();
      else {
        expect(comparison.cpuRatio).toBeGreaterThan(0);
        expect(comparison.cpuRange![0]).toBeLessThanOrEqual(comparison.cpuRange![1]);
      }
      expect(comparison.oursShare).toBeGreaterThan(1);
      // The engine ran inside the measured process, and its time was recorded there.
      expect(comparison.runs[0].a.engineMs).toBeGreaterThan(0);
    }
    const frontEndLoads = report.comparisons.filter((c) => c.judgedOn === 'ours').map((c) => c.runs[0].a.loadMs);
    for (const loadMs of frontEndLoads) expect(loadMs).toBeGreaterThan(0);
    expect(report.tsserver.pluginCpuMsPerRequest).toBeGreaterThan(0);
    // One run a repetition, the median judged.
    expect(report.tsserver.runs).toHaveLength(1);
    expect(report.tsserver.cpuRange).toEqual([report.tsserver.pluginCpuMsPerRequest, report.tsserver.pluginCpuMsPerRequest]);
    // The engine ran on the files importing no library, and the adapters' share of each pass was timed.
    expect(report.libraries.files).toBeGreaterThan(0);
    // Each group's routes and library file import a library, and so does the barrel they share.
    expect(report.libraries.filesWithLibraries).toBe(report.project.groups * 2 + 1);
    for (const side of ['typed', 'untyped'] as const) {
      const [pass] = report.libraries.runs[0]?.[side].passes ?? [];
      expect(pass?.engineMs).toBeGreaterThan(0);
      expect(pass?.adaptersMs).toBeLessThan(pass?.engineMs ?? 0);
      expect(report.libraries[side]).toBeGreaterThanOrEqual(1);
    }
    expect(report.libraries.ratio).toBe(Math.max(report.libraries.typed, report.libraries.untyped));

    expect(stdout).toMatch(/^tspc --noEmit: transformer on \/ off +≤ 1\.02 /mu);
    expect(stdout).toMatch(/^ESLint untyped: recommended \/ baseline +≤ 1\.05 /mu);
    expect(stdout).toMatch(/^capsule-guard check \/ tsc 7 --noEmit +≤ 0\.5 /mu);
    expect(stdout).toMatch(/^check --staged \(20 dependents\) \/ check, \d+ files +≤ 0\.25 /mu);
    expect(stdout).toMatch(/^tsserver plugin: ms added per request, 20 entities +≤ 5 ms /mu);
    expect(stdout).toMatch(/^engine on \d+ files importing no library: adapters on \/ off, typed +≤ 1\.05 /mu);
    expect(stdout).toMatch(/^ {2}untyped +≤ 1\.05 /mu);
    expect(stdout).toContain(`  not measured: ${report.libraries.filesWithLibraries} files importing one\n`);
  }, 480_000);
});
