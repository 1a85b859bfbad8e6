import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureWorkspace, readTree, tsc, tspc } from './harness';

let workspace: FixtureWorkspace;
beforeAll(async () => {
  workspace = await FixtureWorkspace.create();
});
afterAll(() => workspace.dispose());

describe.concurrent('emit through @capsule-guard/ts-plugin/transform', () => {
  it.each([
    ['standard decorators', 'tsconfig.json'],
    ['experimentalDecorators', 'tsconfig.legacy.json'],
  ])('passes a clean project with %s and writes exactly what plain tsc writes', async (mode, tsconfig) => {
    const project = await workspace.project('clean-entities', `clean-${tsconfig}`);
    const args = (outDir: string) => ['-p', tsconfig, '--outDir', outDir, '--pretty', 'false'];
    const [patched, plain] = await Promise.all([tspc(project, args('out-tspc')), tsc(project, args('out-tsc'))]);

    expect(patched, mode).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(plain, mode).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const patchedFiles = await readTree(path.join(project, 'out-tspc'));
    const plainFiles = await readTree(path.join(project, 'out-tsc'));
    expect([...patchedFiles.keys()].sort()).toEqual([
      'context.d.ts',
      'context.js',
      'entities.d.ts',
      'entities.js',
      'keys.d.ts',
      'keys.js',
    ]);
    expect(patchedFiles).toEqual(plainFiles);
  });
});
