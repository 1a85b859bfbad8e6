import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../cli/harness';
import { codeBlocks, parseJsonc, section } from './markdown';
import { npx, writeFiles } from './packed-project';
import {
  expectEslintFindings, installUserProject, matching, README, TYPED_FINDINGS, UNTYPED_FINDINGS,
  untypedEslintConfig, type UserProject,
} from './user-project';

/**
 * A new TypeScript 7 project that follows the README's "TypeScript 7" section: its install line
 * (TypeScript 6's API under the name `typescript`, TypeScript 7 as `@typescript/native`), then
 * `tsc` 7, ESLint untyped and typed on the 6 API, and the CLI. (What happens to
 * @capsule-guard/ts-plugin beside `typescript@7` is tested in test/cli/typescript7.test.ts.)
 */

const TYPESCRIPT_7 = section(README, 'TypeScript 7');
/** The install line and the devDependencies it writes: the section's shell block and the one after it. */
const blocks = codeBlocks(TYPESCRIPT_7);
const installIndex = blocks.findIndex((block) => block.lang === 'sh');
const [installBlock, manifestBlock] = blocks.slice(installIndex, installIndex + 2);

let user: UserProject;
let project: string;

beforeAll(async () => {
  expect(installBlock.code).toMatch(/^npm install /mu);
  user = await installUserProject('typescript7', ['core', 'engine', 'eslint-plugin', 'cli'], installBlock.code);
  project = user.directory;
}, 300_000);

afterAll(async () => {
  await user?.remove();
});

describe("README's TypeScript 7 recipe", () => {
  it('writes the devDependencies the README shows', async () => {
    const { devDependencies } = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8'));
    const shown = parseJsonc(manifestBlock.code).devDependencies as Record<string, string>;
    expect(Object.keys(shown)).toEqual(['@typescript/native', 'typescript']);
    expect(devDependencies).toMatchObject(shown);
  });

  it('npx tsc is TypeScript 7, npx tsc6 is TypeScript 6', async () => {
    expect(TYPESCRIPT_7).toContain('`npx tsc --version` then prints `Version 7.0.2` (or a later 7.x)');
    expect(await npx(['tsc', '--version'], project)).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Version 7\.\d+\.\d+\n$/u) });
    expect(await npx(['tsc6', '--version'], project)).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Version 6\.\d+\.\d+\n$/u) });
  });

  it('node node_modules/@typescript/native/bin/tsc runs TypeScript 7 whatever the alias is called', async () => {
    const command = 'node node_modules/@typescript/native/bin/tsc';
    expect(TYPESCRIPT_7).toContain(`\`${command}\``);
    const [node, script] = command.split(' ');
    expect(node).toBe('node');
    expect(await runProcess(process.execPath, [script, '--version'], project)).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^Version 7\./u),
    });
  });

  it('plain tsc 7 compiles the README example and fails on the leaks through the type-level layer', async () => {
    const { exitCode, stdout } = await npx(['tsc', '--noEmit', '--pretty', 'false'], project);
    expect(exitCode).not.toBe(0);
    const errors = stdout.split('\n').filter((line) => /^src\/.+: error TS/u.test(line));
    expect(errors.map((line) => line.slice(0, line.indexOf('('))).sort()).toEqual(['src/contracts.ts', 'src/orders.ts']);
    expect(stdout).toContain('capsule-guard/isolated-key-templates');
  });

  it('ESLint with type information runs on the TypeScript 6 API', async () => {
    await expectEslintFindings(project, TYPED_FINDINGS);
  });

  it('ESLint without type information runs on the TypeScript 6 API', async () => {
    await writeFiles(project, { 'eslint.config.mjs': untypedEslintConfig() });
    await expectEslintFindings(project, UNTYPED_FINDINGS);
  });

  it('capsule-guard check reports the same findings', async () => {
    const { exitCode, stdout } = await npx(['capsule-guard', 'check', '-p', 'tsconfig.json', '--format', 'json'], project);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout)).toEqual(matching(TYPED_FINDINGS).map((finding) => expect.objectContaining(finding as object)));
  });
});

