import { describe, expect, it } from 'vitest';
import { runSweep, summarise } from '../../sweep/sweep.mjs';

/**
 * The bounded robustness sweep: a spread sample of the TypeScript shipped in node_modules and 200
 * mutated example files through every front end (engine, ESLint untyped and typed, the ts-patch
 * transformer, the tsserver plugin in process; the real CLI and tspc on one batch of each corpus).
 * `npm run sweep` runs the same over everything.
 */
describe('robustness sweep (bounded)', () => {
  it('has no crash, no internal error, no finding on code without our decorators, and front ends agree', async () => {
    const report = await runSweep({
      // A spread sample of small files: every package, none of the multi-megabyte lib.*.d.ts.
      nodeModules: { limit: 200, maxSize: 30_000 },
      mutated: { count: 160, seed: 1, scale: 2000 },
      batchSize: 250,
      tools: 'first',
      timeoutMs: 90_000,
    });

    expect(report.failures).toEqual([]);
    expect(report.files).toEqual({ nodeModules: 200, mutated: 160 });
    const { totals } = report;
    expect(Object.keys(totals).sort()).toEqual(
      ['cli', 'engine-untyped', 'eslint-typed', 'eslint-untyped', 'ts-patch-transform', 'tspc', 'tsserver-plugin'],
    );
    // Shipped files twice (as shipped, and importing our decorators), mutated files once.
    expect(totals['engine-untyped'].checked).toBe(200 + 200 + 160);
    expect(totals['ts-patch-transform'].checked).toBe(200 + 160);
    // The mutated files are full of mistakes: a front end that found them in few files did not run.
    for (const frontEnd of Object.keys(totals)) {
      expect(totals[frontEnd].filesWithFindings, frontEnd).toBeGreaterThan(30);
    }
  }, 240_000);
});

describe('sweep verdicts', () => {
  const outcome = (frontEnd: string, findings: Record<string, string[]>, extra: Record<string, unknown> = {}) => ({
    frontEnd,
    findings,
    checked: 1,
    internalErrors: [],
    crashes: [],
    hostErrors: [],
    ...extra,
  });

  it('fails on a crash, an internal error, a finding on node_modules code and a disagreement', () => {
    const { failures } = summarise([
      {
        id: 'typed-0',
        corpus: 'node_modules',
        files: ['importing/a.ts'],
        outcomes: [
          outcome('ts-patch-transform', { 'importing/a.ts': ['1:1 capsule-guard/isolated-key-templates x'] }),
          outcome('tsserver-plugin', {}, { crashes: [{ file: 'importing/a.ts', error: 'TypeError: boom' }] }),
          outcome('eslint-typed', {}, {
            internalErrors: [{ file: 'importing/a.ts', error: "capsule-guard could not finish checking 'a.ts'" }],
          }),
        ],
      },
      {
        id: 'typed-1',
        corpus: 'mutated',
        files: ['m.ts'],
        outcomes: [
          outcome('ts-patch-transform', { 'm.ts': ['2:3 capsule-guard/capsule-id-required y'] }),
          outcome('cli', {}),
        ],
      },
    ]);
    expect(failures.map((f: { kind: string; frontEnd?: string; file?: string }) => [f.kind, f.frontEnd, f.file])).toEqual([
      ['false-positive', 'ts-patch-transform', 'importing/a.ts'],
      ['crash', 'tsserver-plugin', 'importing/a.ts'],
      ['internal-error', 'eslint-typed', 'importing/a.ts'],
      ['disagreement', undefined, 'm.ts'],
    ]);
  });

  it('passes findings on mutated code that every front end reports alike', () => {
    const same = { 'm.ts': ['2:3 capsule-guard/capsule-id-required y'] };
    const { failures, totals } = summarise([
      { id: 'typed-0', corpus: 'mutated', files: ['m.ts'], outcomes: [outcome('ts-patch-transform', same), outcome('tspc', same)] },
    ]);
    expect(failures).toEqual([]);
    expect(totals.tspc).toEqual({ checked: 1, findings: 1, filesWithFindings: 1, crashes: 0, internalErrors: 0, hostErrors: 0, falsePositives: 0, ms: 0 });
  });
});
