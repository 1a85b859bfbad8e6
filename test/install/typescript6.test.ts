import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOMEPAGE_URL } from '@capsule-guard/engine';
import { runProcess } from '../cli/harness';
import { isolatedEnv } from '../git-hook/temp-repository';
import { applyChanges, TsServerClient, type CodeFix, type Diagnostic, type FileChanges } from '../tsserver/tsserver-client';
import { blockTitled, codeBlocks, parseJsonc, readDoc, section, shellCommands } from './markdown';
import { npm, npmInstallLine, npx, writeFiles, WORKSPACE_PACKAGES } from './packed-project';
import {
  CONTRACT_FINDING, CONTRACTS, ESLINT_CONFIG, expectEslintFindings, installUserProject, matching, README, README_TSPC_LINE, tscFindings, untypedEslintConfig,
  TYPED_FINDINGS, UNTYPED_FINDINGS, type UserProject,
} from './user-project';

/**
 * A new TypeScript 6 project that follows the README literally, in its order: the Install lines
 * (with the packed packages in place of the registry's), ESLint untyped and typed, `tspc`,
 * `ts-patch install` kept by a `prepare` script across `npm ci`, the CLI in its three formats, the
 * editor plugin in the project's tsserver, and the husky + lint-staged pre-commit hook.
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
  it('ESLint with type information (projectService), as written: the imported key is read across files', async () => {
    await expectEslintFindings(project, TYPED_FINDINGS);
  });

  it('ESLint without parserOptions: the imported key is not checked, the README example is clean', async () => {
    await writeFiles(project, { 'eslint.config.mjs': untypedEslintConfig() });
    await expectEslintFindings(project, UNTYPED_FINDINGS);
    await writeFiles(project, { 'eslint.config.mjs': ESLINT_CONFIG });
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
  describe('Editors: tsserver from the project, with the tsconfig entry as written', () => {
    const editors = section(README, 'Editors');
    const ruleId = CONTRACT_FINDING.ruleId;
    const fixedPk = "'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'";
    /** Two entities of one file whose pk forgets the capsule segment: one fix-all fixes both. */
    const invoices = `${CONTRACTS.replaceAll('CONTRACT', 'INVOICE').replaceAll('Contract', 'Invoice')}
@entity({ table: 'platform_data', pk: 'TENANT#{tenantId}#CREDIT_NOTE#{id}' })
@capsuleIsolated
export class CreditNoteEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}
`;
    let server: TsServerClient;
    let log: string;
    const file = (name: string) => path.join(project, name);

    beforeAll(async () => {
      await writeFiles(project, { 'src/invoices.ts': invoices });
      log = file('tsserver.log');
      server = new TsServerClient(log, file('node_modules/typescript/lib/tsserver.js'));
      for (const name of ['src/contracts.ts', 'src/invoices.ts']) server.notify('open', { file: file(name), projectRootPath: project });
    });

    afterAll(async () => {
      server?.close();
      await rm(file('src/invoices.ts'), { force: true });
    });

    it("shows the finding, and the log says the plugin was loaded", async () => {
      const diagnostics = await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('src/contracts.ts') });
      expect(diagnostics.filter((d) => d.text.endsWith(`[${ruleId}]`))).toEqual([
        expect.objectContaining({
          start: { line: CONTRACT_FINDING.line, offset: CONTRACT_FINDING.column },
          text: `${CONTRACT_FINDING.message} [${ruleId}]`,
        }),
      ]);
      const loaded = /the tsserver log contains `(.+)\.x`/u.exec(editors)?.[1];
      expect(loaded).toBe('[@capsule-guard/ts-plugin] loaded under TypeScript 6.0');
      expect(await readFile(log, 'utf8')).toMatch(/\[@capsule-guard\/ts-plugin\] loaded under TypeScript 6\.0\.\d+/u);
    });

    it('offers the edit the message names as a quick fix with the rule id as fix id, and an ignore comment', async () => {
      const [finding] = await server.request<Diagnostic[]>('semanticDiagnosticsSync', { file: file('src/contracts.ts') });
      const fixes = await server.request<CodeFix[]>('getCodeFixes', {
        file: file('src/contracts.ts'), startLine: finding.start.line, startOffset: finding.start.offset,
        endLine: finding.end.line, endOffset: finding.end.offset, errorCodes: [finding.code],
      });
      expect(fixes.map((fix) => [fix.description, fix.fixId])).toEqual([
        [`Change the pk template to ${fixedPk}`, ruleId],
        [expect.stringMatching(new RegExp(`^Ignore this ${ruleId} finding`, 'u')), undefined],
      ]);
      expect(CONTRACT_FINDING.message).toContain(`Write e.g. ${fixedPk}`);
      expect(applyChanges(CONTRACTS, fixes[0].changes[0].textChanges)).toBe(CONTRACTS.replace("'TENANT#{tenantId}#CONTRACT#{id}'", fixedPk));
      expect(applyChanges(CONTRACTS, fixes[1].changes[0].textChanges)).toBe(
        CONTRACTS.replace("  pk: 'TENANT", `  // capsule-guard-ignore ${ruleId} --\n  pk: 'TENANT`),
      );
    });

    it('fixes every finding of the rule in the file at once (getCombinedCodeFix with the rule id)', async () => {
      expect(editors).toContain(`\`getCombinedCodeFix\` with the rule id as fix id`);
      const combined = await server.request<{ changes: FileChanges[] }>('getCombinedCodeFix', {
        scope: { type: 'file', args: { file: file('src/invoices.ts') } },
        fixId: ruleId,
      });
      expect(combined.changes.map((change) => change.fileName)).toEqual([file('src/invoices.ts')]);
      expect(applyChanges(invoices, combined.changes[0].textChanges)).toBe(
        invoices
          .replace("'TENANT#{tenantId}#INVOICE#{id}'", "'TENANT#{tenantId}#CAPSULE#{capsuleId}#INVOICE#{id}'")
          .replace("'TENANT#{tenantId}#CREDIT_NOTE#{id}'", "'TENANT#{tenantId}#CAPSULE#{capsuleId}#CREDIT_NOTE#{id}'"),
      );
    });
  });

  describe('Pre-commit: husky + lint-staged as docs/pre-commit.md writes it, and a real git commit', () => {
    const doc = readDoc('docs/pre-commit.md');
    const recipe = section(doc, 'husky + lint-staged');
    const [setup, manifest, hook, refusedByEslint, refusedByCheck] = codeBlocks(recipe);
    let gitEnvironment: NodeJS.ProcessEnv;
    /** A documented shell line, as a reader's shell runs it; `npm install` gets the packed packages. */
    const shell = (line: string) =>
      line.startsWith('npm install ') ? npmInstallLine(line, user.packed, project) : runProcess('sh', ['-c', line], project, gitEnvironment);
    const git = (...args: string[]) => runProcess('git', args, project, gitEnvironment);
    const commitCount = async () => Number((await git('rev-list', '--count', 'HEAD')).stdout.trim());
    /** The lines of a documented output that do not depend on the project: lint-staged's, ESLint's summary, husky's. */
    const fixedLines = (output: string) => output.split('\n').filter((line) => /^(\[FAILED\]|✖ \d+ problem|husky - )/u.test(line));
    const fixedKeys = "export const SCOPE = 'TENANT#{tenantId}#CAPSULE#{capsuleId}';\n";
    let leakyKeys: string;

    beforeAll(async () => {
      const home = path.join(path.dirname(project), 'home');
      await mkdir(home, { recursive: true });
      gitEnvironment = isolatedEnv(home);
      leakyKeys = await readFile(file('src/keys.ts'), 'utf8');
    });
    const file = (name: string) => path.join(project, name);

    it('assumes the devDependencies and the typed ESLint configuration the README installs', async () => {
      const assumed = section(doc, 'What a hook must check');
      const [devDependencies] = codeBlocks(assumed).map((block) => shellCommands(block.code)).filter((lines) => lines[0]?.startsWith('npm install -D'));
      const { devDependencies: installed } = JSON.parse(await readFile(file('package.json'), 'utf8'));
      for (const name of devDependencies[0].split(/\s+/u).slice(3)) expect(installed).toHaveProperty([name]);
      expect(blockTitled(assumed, '// eslint.config.mjs')).toBe(ESLINT_CONFIG);
      expect(await readFile(file('eslint.config.mjs'), 'utf8')).toBe(ESLINT_CONFIG);
    });

    it('sets up the hook: the install line, husky init and the pre-commit file, in a git repository', async () => {
      expect((await git('init', '--quiet', '--template=', '--initial-branch=main')).exitCode).toBe(0);
      for (const [name, value] of [['user.name', 'Test User'], ['user.email', 'test.user@example.com'], ['commit.gpgsign', 'false']]) {
        await git('config', name, value);
      }
      const [readmeSetup, readmeLintStaged] = codeBlocks(section(README, 'Pre-commit'));
      expect(shellCommands(readmeSetup.code), 'README and docs/pre-commit.md give the same recipe').toEqual(shellCommands(setup.code));
      for (const line of shellCommands(setup.code)) {
        const result = await shell(line);
        expect(result.exitCode, `${line}\n${result.stdout}${result.stderr}`).toBe(0);
      }
      const [hookTitle, ...hookLines] = hook.code.split('\n');
      expect(hookTitle).toBe('# .husky/pre-commit');
      expect(await readFile(file('.husky/pre-commit'), 'utf8')).toBe(`${hookLines.join('\n')}\n`);
      expect((await git('config', 'core.hooksPath')).stdout).toBe('.husky/_\n');

      const packageJson = JSON.parse(await readFile(file('package.json'), 'utf8'));
      const shown = parseJsonc(manifest.code) as { scripts: Record<string, string>; 'lint-staged': unknown };
      expect(packageJson.scripts.prepare).toBe(shown.scripts.prepare);
      // The README's tspc section: with husky, chain both prepare scripts.
      const chained = /chain them: `"prepare": "(.+)"`/u.exec(section(README, 'tsc builds (`tspc`)'))?.[1];
      expect(chained).toBe('husky && ts-patch install -s');
      expect(parseJsonc(readmeLintStaged.code)['lint-staged']).toEqual(shown['lint-staged']);
      const scripts = { ...packageJson.scripts, prepare: chained };
      await writeFiles(project, {
        'package.json': JSON.stringify({ ...packageJson, scripts, 'lint-staged': shown['lint-staged'] }, null, 2),
        // Not the docs' part, but every project has one: installed and built files stay out of commits.
        '.gitignore': 'node_modules\ndist\n*.log\n',
      });
      expect((await npm(['run', 'prepare'], project)).exitCode).toBe(0);
    }, 300_000);

    it('accepts a clean commit, through the hook', async () => {
      await writeFiles(project, { 'src/keys.ts': fixedKeys });
      await git('add', '--all', '--', '.', ':!src/contracts.ts');
      const commit = await git('commit', '--message', 'Seed the project');
      expect(commit.exitCode, commit.stdout + commit.stderr).toBe(0);
      expect(commit.stdout + commit.stderr).toContain('eslint --max-warnings=0 --no-warn-ignored');
      expect(await commitCount()).toBe(1);
    }, 120_000);

    it('refuses a commit of a leaky entity with ESLint\'s finding, and leaves the index as it was', async () => {
      await git('add', 'src/contracts.ts');
      const commit = await git('commit', '--message', 'Add contracts');
      const output = commit.stdout + commit.stderr;
      expect(commit.exitCode).not.toBe(0);
      // ESLint's stylish format drops a message's final period.
      const message = CONTRACT_FINDING.message.replace(/\.$/u, '');
      expect(output).toContain(`  ${CONTRACT_FINDING.line}:${CONTRACT_FINDING.column}  error  ${message}  ${CONTRACT_FINDING.ruleId}\n`);
      const documented = fixedLines(refusedByEslint.code);
      expect(documented).toHaveLength(3);
      for (const line of documented) expect(output.split('\n')).toContain(line);
      expect(await commitCount()).toBe(1);
      expect((await git('diff', '--cached', '--name-only')).stdout).toBe('src/contracts.ts\n');
    }, 120_000);

    it('refuses a commit of the key module alone, on the entity it breaks (check --staged)', async () => {
      await git('reset', '--quiet');
      await writeFiles(project, { 'src/keys.ts': leakyKeys });
      await git('add', 'src/keys.ts');
      const commit = await git('commit', '--message', 'Shorter key');
      const output = commit.stdout + commit.stderr;
      expect(commit.exitCode).not.toBe(0);
      const orders = TYPED_FINDINGS[1];
      const reported = output.split('\n').filter((line) => / - error /u.test(line));
      expect(reported, output).toEqual([expect.stringMatching(new RegExp(`^${orders.file}:${orders.line}:${orders.column} - error ${orders.ruleId}: `, 'u'))]);
      expect(reported[0]).toContain(orders.message);
      expect(refusedByCheck.code).toContain('Found 2 errors in 2 files.');
      expect(output).toContain('Found 1 error in 1 file.');
      for (const line of fixedLines(refusedByCheck.code)) expect(output.split('\n')).toContain(line);
      expect(await commitCount()).toBe(1);
    }, 120_000);

    it('accepts the commit once the templates are fixed', async () => {
      await writeFiles(project, {
        'src/keys.ts': fixedKeys,
        'src/contracts.ts': CONTRACTS.replace("'TENANT#{tenantId}#CONTRACT#{id}'", "'TENANT#{tenantId}#CAPSULE#{capsuleId}#CONTRACT#{id}'"),
      });
      await git('add', 'src/keys.ts', 'src/contracts.ts');
      const commit = await git('commit', '--message', 'Add contracts');
      expect(commit.exitCode, commit.stdout + commit.stderr).toBe(0);
      expect(await commitCount()).toBe(2);
    }, 120_000);
  });
});
