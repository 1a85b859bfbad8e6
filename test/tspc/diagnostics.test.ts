import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFindings, FixtureWorkspace, tspc } from './harness';
import { LEAKY_ENTITIES_FINDINGS } from './leaky-entities.expected';

let workspace: FixtureWorkspace;
beforeAll(async () => {
  workspace = await FixtureWorkspace.create();
});
afterAll(() => workspace.dispose());

describe.concurrent('tspc with @capsule-guard/ts-plugin/transform', () => {
  it('fails an emitting build with every finding, at its line and column', async () => {
    const project = await workspace.project('leaky-entities', 'leaky-emit');
    const result = await tspc(project, ['--pretty', 'false']);
    expectFindings(result.stdout, LEAKY_ENTITIES_FINDINGS);
    // The same exit status as for a type error; outputs are still written.
    expect(result.exitCode).toBe(2);
    expect(existsSync(path.join(project, 'dist/entities.js'))).toBe(true);
  });

  it('fails a --noEmit build with the same findings', async () => {
    const project = await workspace.project('leaky-entities', 'leaky-no-emit');
    const result = await tspc(project, ['--noEmit', '--pretty', 'false']);
    expectFindings(result.stdout, LEAKY_ENTITIES_FINDINGS);
    expect(result.exitCode).toBe(2);
    expect(existsSync(path.join(project, 'dist'))).toBe(false);
  });

  it('reports the same findings under experimentalDecorators', async () => {
    const project = await workspace.project('leaky-entities', 'leaky-legacy');
    const result = await tspc(project, ['-p', 'tsconfig.legacy.json', '--noEmit', '--pretty', 'false']);
    expectFindings(result.stdout, LEAKY_ENTITIES_FINDINGS);
    expect(result.exitCode).toBe(2);
  });

  it('fails with an error naming the option when the plugin entry has an invalid option', async () => {
    await expectConfigurationError(
      'invalid-options',
      'unknown option "capsuleFeild"; accepted options are ' +
        'decoratorModules, tenantField, capsuleField, tenantPrefix, capsulePrefix, delimiter, requestContextTypes, scopeAtStart',
    );
  });
});

// Not run beside the others: more tspc processes at once only slow every one of them down.
describe('tspc with a misspelt transformer path', () => {
  it('fails with an error naming a misspelt transformer path and what to write, not a Node stack', async () => {
    await expectConfigurationError(
      'misspelt-transform',
      'the plugin entry "transform": "@capsule-guard/ts-plugin/transfrom" ' +
        'names no module of @capsule-guard/ts-plugin; write "transform": "@capsule-guard/ts-plugin/transform"',
    );
  });

  it('fails with an error naming the editor plugin written as the transformer, not a Node stack', async () => {
    await expectConfigurationError(
      'editor-plugin-as-transform',
      'the plugin entry "transform": "@capsule-guard/ts-plugin" names the editor plugin, which belongs under "name"; ' +
        'write "transform": "@capsule-guard/ts-plugin/transform"',
    );
  });
});

/** Builds clean-entities with `tsconfig.<variant>.json`, which must fail with exactly this one configuration error. */
async function expectConfigurationError(variant: string, problem: string): Promise<void> {
  const project = await workspace.project('clean-entities', variant);
  const result = await tspc(project, ['-p', `tsconfig.${variant}.json`, '--noEmit', '--pretty', 'false']);
  expect(result.stdout.trim()).toBe(`error TS990000: capsule-guard: invalid options: ${problem} (in tsconfig.json compilerOptions.plugins)`);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(2);
}
