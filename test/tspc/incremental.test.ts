import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFindings, FixtureWorkspace, tspc } from './harness';
import { LEAKY_ENTITIES_FINDINGS } from './leaky-entities.expected';

let workspace: FixtureWorkspace;
beforeAll(async () => {
  workspace = await FixtureWorkspace.create();
});
afterAll(() => workspace.dispose());

describe.concurrent('incremental builds with @capsule-guard/ts-plugin/transform', () => {
  it.each([
    ['tspc -b', []],
    ['tspc -b --incremental', ['--incremental']],
  ])('fails every %s run while findings remain, not only the first', async (command, extraArgs) => {
    const project = await workspace.project('leaky-entities', `leaky-build${extraArgs.join('')}`);
    for (const run of ['first', 'second']) {
      const result = await tspc(project, ['-b', ...extraArgs, '--pretty', 'false']);
      expectFindings(result.stdout, LEAKY_ENTITIES_FINDINGS);
      expect(result.exitCode, `${command}, ${run} run`).toBe(1);
    }
  });

  it('sees a leak introduced in an imported const, and keeps failing while .tsbuildinfo exists', async () => {
    const project = await workspace.project('clean-entities', 'clean-incremental');
    const args = ['--incremental', '--pretty', 'false'];
    expect(await tspc(project, args)).toEqual({ exitCode: 0, stdout: '', stderr: '' });

    // Only keys.ts changes, and the const's declared type stays `string`, so TypeScript itself
    // does not recheck entities.ts; the finding there must appear anyway.
    const keys = path.join(project, 'src/keys.ts');
    const source = await readFile(keys, 'utf8');
    const leaky = source.replace("'TENANT#{tenantId}#CAPSULE#{capsuleId}#' + 'EMAIL#{email}'", "'CAPSULE#{capsuleId}#' + 'EMAIL#{email}'");
    expect(leaky).not.toBe(source);
    await writeFile(keys, leaky);

    const expected = [
      {
        file: 'src/entities.ts',
        line: 9,
        column: 22,
        rule: 'isolated-key-templates',
        messageId: 'missingTenantSegment',
        data: { className: 'RoleAssignmentEntity', template: 'CAPSULE#{capsuleId}#EMAIL#{email}' },
      },
      {
        file: 'src/keys.ts',
        line: 3,
        column: 29,
        rule: 'isolated-key-literals',
        messageId: 'capsuleBeforeTenant',
        data: { key: "'CAPSULE#{capsuleId}#' + 'EMAIL#{email}'" },
      },
    ] as const;
    for (const run of ['after the edit', 'with .tsbuildinfo and no further change']) {
      const result = await tspc(project, args);
      expectFindings(result.stdout, expected);
      expect(result.exitCode, run).toBe(2);
    }
  });
});
