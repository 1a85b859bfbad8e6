import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureWorkspace, tsc, tspc } from './harness';

let workspace: FixtureWorkspace;
beforeAll(async () => {
  workspace = await FixtureWorkspace.create();
});
afterAll(() => workspace.dispose());

/**
 * @capsule-guard/core's decorator types are the safety net for builds without the plugin. Where
 * the plugin runs, the engine's finding replaces the type layer's copy, so a capsule-guard-ignore
 * comment is honoured by tspc exactly as by ESLint, the editor and the CLI.
 */
describe.concurrent('the type layer under the plugin', () => {
  it('plain tsc rejects the leaky template through the decorator types alone', async () => {
    const project = await workspace.project('suppressed-entity', 'plain-tsc');
    const result = await tsc(project, ['--pretty', 'false']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^src\/legacy\.ts\(3,2\): error TS1238: /mu);
    expect(result.stdout).toContain("capsule-guard/isolated-key-templates: the pk template lacks 'CAPSULE#{capsuleId}'");
    expect(result.stdout).toMatch(/^src\/parenthesised\.ts\(\d+,\d+\): error TS\d+: /mu);
  });

  it('tspc honours the suppression and drops the type layer copy of the same problem, parenthesised decorators too', async () => {
    const project = await workspace.project('suppressed-entity', 'with-plugin');
    const result = await tspc(project, ['--pretty', 'false']);
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it("tspc accepts the workarounds plain tsc needs: a @ts-expect-error over a dropped type-layer error is not 'unused'", async () => {
    const project = await workspace.project('suppressed-entity', 'workarounds');
    const workarounds = fileURLToPath(new URL('../type-level/fixtures/workarounds/src/workarounds.ts', import.meta.url));
    await copyFile(workarounds, path.join(project, 'src/workarounds.ts'));
    const result = await tspc(project, ['--pretty', 'false']);
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });
});

// Apart from the concurrent tests above: two tspc processes at once can contend for ts-patch's lock.
describe('the type layer where the engine sees nothing', () => {
  it('tspc keeps a type layer error that no engine finding covers', async () => {
    const project = await workspace.project('engine-blind-spot', 'blind-spot-with-plugin');
    const result = await tspc(project, ['--pretty', 'false']);
    expect(result.stdout).toMatch(/^src\/aliased\.ts\(6,\d+\): error TS\d+: /mu);
    expect(result.stdout).toContain("capsule-guard/isolated-key-templates: the pk template lacks 'CAPSULE#{capsuleId}'");
    // The engine does not know the aliased decorator, so no entity finding covers the type layer's
    // error; its leaky template is only a key written by hand to the engine (TS990006).
    expect(result.stdout).not.toMatch(/TS99000[1-5]/u);
    expect(result.stdout).toMatch(/^src\/aliased\.ts\(\d+,\d+\): error TS990006: /mu);
    expect(result.exitCode).toBe(2);
  });
});
