import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOMEPAGE_URL } from '@capsule-guard/engine';
import { blockTitled, codeBlocks, parseJsonc, section, shellCommands } from './markdown';
import { npm, npx, writeFiles, WORKSPACE_PACKAGES } from './packed-project';
import {
  expectEslintFindings, installUserProject, matching, README, README_TSPC_LINE, tscFindings, typedEslintConfig,
  TYPED_FINDINGS, UNTYPED_FINDINGS, type UserProject,
} from './user-project';

/**
 * A new TypeScript 6 project that follows the README literally, in its order: the Install lines
 * (with the packed packages in place of the registry's), ESLint untyped and typed, `tspc`,
 * `ts-patch install` kept by a `prepare` script across `npm ci`, and the CLI in its three formats.
 */

let user: UserProject;
let project: string;

beforeAll(async () => {
  user = await installUserProject('typescript6', WORKSPACE_PACKAGES, codeBlocks(section(README, 'Install'))[0].code);
  project = user.directory;
}, 300_000);

afterAll(async () => {
  await user?.remove();
});

describe('the packed packages', () => {
  it.each(WORKSPACE_PACKAGES)('%s ships its README', (name) => {
    expect(user.packed.get(`@capsule-guard/${name}`)?.files).toContain('README.md');
  });

  it("the CLI's bin is linked and runs under the project's TypeScript 6", async () => {
    expect(await npx(['capsule-guard', '--version'], project)).toMatchObject({ exitCode: 0, stdout: '0.1.0 (TypeScript 6.0.3)\n' });
  });
});

describe('README, TypeScript 6, in order', () => {
  it('ESLint without type information: the imported key is unverifiable, the README example is clean', async () => {
    await expectEslintFindings(project, UNTYPED_FINDINGS);
  });

  it('ESLint with type information (projectService): the imported key is read across files', async () => {
    await writeFiles(project, { 'eslint.config.mjs': typedEslintConfig() });
    await expectEslintFindings(project, TYPED_FINDINGS);
  });

  it("tspc fails the build and prints the README's sample line", async () => {
    const { exitCode, stdout } = await npx(['tspc'], project);
    expect(exitCode).not.toBe(0);
    expect(stdout.split('\n')).toContain(README_TSPC_LINE);
    expect(tscFindings(stdout)).toEqual(matching(TYPED_FINDINGS));
  });

  it('ts-patch install patches tsc, and the prepare script keeps it patched after npm ci', async () => {
    const tspcSection = section(README, 'tsc builds (`tspc`)');
    expect(tspcSection).toContain('`npx ts-patch install`');
    expect((await npx(['ts-patch', 'install'], project)).exitCode).toBe(0);
    expect((await npx(['ts-patch', 'check'], project)).stdout).toMatch(/tsc\.js is patched/u);

    const { scripts } = parseJsonc(blockTitled(tspcSection, '// package.json')) as { scripts: Record<string, string> };
    expect(scripts).toEqual({ prepare: 'ts-patch install -s' });
    const manifestPath = path.join(project, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFiles(project, { 'package.json': JSON.stringify({ ...manifest, scripts }, null, 2) });
    const ci = await npm(['ci'], project);
    expect(ci.exitCode, ci.stderr).toBe(0);

    const tsc = await npx(['tsc'], project);
    expect(tsc.exitCode).not.toBe(0);
    expect(tscFindings(tsc.stdout)).toEqual(matching(TYPED_FINDINGS));
  }, 300_000);

  describe('capsule-guard check, as the README writes it', () => {
    const [block] = codeBlocks(section(README, 'CI on any TypeScript version: `capsule-guard check`'));
    const commands = shellCommands(block.code);
    const run = (format: 'text' | 'json' | 'sarif') => {
      const command = commands.find((line) => (format === 'text' ? !line.includes('--format') : line.includes(`--format ${format}`)));
      if (!command) throw new Error(`the README has no capsule-guard command for --format ${format}`);
      const [npxCommand, ...args] = command.replace(/\s*>.*$/u, '').split(/\s+/u);
      expect(npxCommand).toBe('npx');
      return npx(args, project);
    };

    it('text: one tsc-style line per finding, exit status 1', async () => {
      const { exitCode, stdout } = await run('text');
      expect(exitCode).toBe(1);
      const lines = stdout.split('\n').filter((line) => / - error /u.test(line));
      expect(lines).toEqual(
        TYPED_FINDINGS.map((f) => expect.stringMatching(new RegExp(`^${f.file}:${f.line}:${f.column} - error ${f.ruleId}: `, 'u'))),
      );
      expect(stdout).toContain(TYPED_FINDINGS[0].message);
    });

    it('json: the fields the README lists, nothing else', async () => {
      const { exitCode, stdout } = await run('json');
      expect(exitCode).toBe(1);
      const findings = JSON.parse(stdout) as Record<string, unknown>[];
      const documented = /--format json\s+# \[\{ (.+) \}\]/u.exec(block.code)?.[1].split(', ');
      expect(documented).toBeDefined();
      for (const finding of findings) expect(Object.keys(finding).sort()).toEqual(documented?.sort());
      expect(findings).toEqual(matching(TYPED_FINDINGS).map((f) => expect.objectContaining(f as object)));
    });

    it('sarif: SARIF 2.1.0 with the findings, and rule help on the project home page', async () => {
      const { exitCode, stdout } = await run('sarif');
      expect(exitCode).toBe(1);
      const sarif = JSON.parse(stdout) as {
        version: string;
        runs: { tool: { driver: { informationUri: string; rules: { helpUri: string }[] } }; results: { ruleId: string }[] }[];
      };
      expect(sarif.version).toBe('2.1.0');
      const [{ tool, results }] = sarif.runs;
      expect(tool.driver.informationUri).toBe(HOMEPAGE_URL);
      for (const rule of tool.driver.rules) expect(rule.helpUri.startsWith(`${HOMEPAGE_URL}/`)).toBe(true);
      expect(results.map((result) => result.ruleId)).toEqual(TYPED_FINDINGS.map((f) => f.ruleId));
    });
  });
});
