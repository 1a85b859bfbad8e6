import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS } from './cli';
import { USAGE_LINE } from './args';
import { FileCheckError } from './check';
import { runCli, tempProject, TSCONFIG } from './testing/temp-project';

const CORE = "import { entity, capsuleIsolated, platformScoped } from '@capsule-guard/core';\n";
const CLEAN = `${CORE}
@entity({ pk: 'TENANT#{tenantId}#CAPSULE#{capsuleId}#ORDER#{id}' })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}

@entity({ pk: 'PLATFORM#TENANT#{id}' })
@platformScoped({ reason: 'the tenant registry is shared by every capsule' })
export class TenantEntity {
  id!: string;
}
`;
// The key template lives in another file: only a checker that follows the import can verify it.
// Suppressed where it is written, so the findings shown are those of the entity that uses it.
const KEYS =
  '// capsule-guard-ignore capsule-guard/isolated-key-literals -- checked where the entity declares it\n' +
  "export const ORDER_PK = 'TENANT#{tenantId}#ORDER#{id}';\n";
const LEAKY = `${CORE}import { ORDER_PK } from './keys';

@entity({ pk: ORDER_PK })
@capsuleIsolated
export class OrderEntity {
  tenantId!: string;
  capsuleId!: string;
  id!: string;
}

@entity({ pk: 'PLATFORM#TENANT#{id}' })
export class TenantEntity {
  id!: string;
}
`;

const withPlugins = (plugins: unknown[]) =>
  JSON.stringify({ ...JSON.parse(TSCONFIG), compilerOptions: { ...JSON.parse(TSCONFIG).compilerOptions, plugins } });

describe('capsule-guard check', () => {
  it('exits 0 and prints nothing (text) or [] (json) for a clean project', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': CLEAN });
    expect(runCli(['check'], root)).toEqual({ exitCode: EXIT_CLEAN, stdout: '', stderr: '' });
    expect(runCli(['check', '-p', 'tsconfig.json', '--format', 'json'], root)).toEqual({ exitCode: EXIT_CLEAN, stdout: '[]\n', stderr: '' });
  });

  it('exits 1 with every finding, following imports across files with the type checker', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': LEAKY, 'src/keys.ts': KEYS });
    const { exitCode, stdout, stderr } = runCli(['check', '-p', root, '--format', 'json'], path.join(root, 'src'));
    expect({ exitCode, stderr }).toEqual({ exitCode: EXIT_FINDINGS, stderr: '' });
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({
        ruleId: 'capsule-guard/isolated-key-templates',
        messageId: 'missingCapsuleSegment',
        file: 'order.ts',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 23,
        message: expect.stringContaining("the pk template 'TENANT#{tenantId}#ORDER#{id}' has no 'CAPSULE#{capsuleId}' segment"),
      }),
      expect.objectContaining({
        ruleId: 'capsule-guard/isolation-scope-required',
        messageId: 'missingScope',
        file: 'order.ts',
        line: 13,
        column: 14,
      }),
    ]);
  });

  it('lists files in order, relative to the working directory, in tsc-like text', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/b.ts': LEAKY, 'src/keys.ts': KEYS, 'src/a.ts': LEAKY.replace(/Entity/gu, 'Record') });
    const { exitCode, stdout } = runCli(['check'], root);
    expect(exitCode).toBe(EXIT_FINDINGS);
    expect(stdout.split('\n').map((line) => line.split(' - ')[0])).toEqual([
      'src/a.ts:4:15', 'src/a.ts:13:14', 'src/b.ts:4:15', 'src/b.ts:13:14', '', 'Found 4 errors in 2 files.', '',
    ]);
  });

  it('shows code frames on a terminal, in color unless NO_COLOR is set', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': LEAKY, 'src/keys.ts': KEYS });
    const colored = runCli(['check'], root, { isTTY: true }).stdout;
    expect(colored).toContain('\u001b[31m~~~~~~~~\u001b[0m');
    const plain = runCli(['check'], root, { isTTY: true, env: { NO_COLOR: '1' } }).stdout;
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('4 @entity({ pk: ORDER_PK })\n                ~~~~~~~~\n');
  });

  it('prints SARIF', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': LEAKY, 'src/keys.ts': KEYS });
    const { exitCode, stdout } = runCli(['check', '--format', 'sarif'], root);
    expect(exitCode).toBe(EXIT_FINDINGS);
    const [run] = JSON.parse(stdout).runs;
    expect(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['src/order.ts', 'src/order.ts']);
  });

  it('skips declaration files and files from node_modules', () => {
    const root = tempProject({
      'tsconfig.json': TSCONFIG,
      'src/order.ts': `import { VendorEntity } from 'vendor';\nexport const vendor: VendorEntity | undefined = undefined;\n`,
      'src/types.d.ts': 'export declare const x: number;\n',
      'node_modules/vendor/package.json': JSON.stringify({ name: 'vendor', types: 'index.ts' }),
      'node_modules/vendor/index.ts': LEAKY.replace("import { ORDER_PK } from './keys';\n", "const ORDER_PK = 'ORDER#{id}';\n"),
    });
    expect(runCli(['check', '--format', 'json'], root)).toEqual({ exitCode: EXIT_CLEAN, stdout: '[]\n', stderr: '' });
  });

  it('reads the options from the tsconfig plugin entries', () => {
    const envScoped = CLEAN.replace(/capsuleId/gu, 'envId');
    const defaults = tempProject({ 'tsconfig.json': TSCONFIG, 'src/order.ts': envScoped });
    expect(runCli(['check'], defaults).exitCode).toBe(EXIT_FINDINGS);
    const configured = tempProject({
      'tsconfig.json': withPlugins([
        { name: '@capsule-guard/ts-plugin', capsuleField: 'envId' },
        { transform: '@capsule-guard/ts-plugin/transform', transformProgram: true, capsuleField: 'envId' },
      ]),
      'src/order.ts': envScoped,
    });
    expect(runCli(['check'], configured)).toEqual({ exitCode: EXIT_CLEAN, stdout: '', stderr: '' });
  });

  describe('exits 2, saying what is wrong, when the project cannot be checked as configured', () => {
    const cases: [string, Record<string, string>, string[], RegExp][] = [
      [
        'an invalid option, named',
        { 'tsconfig.json': withPlugins([{ name: '@capsule-guard/ts-plugin', capsuleFeild: 'envId' }]), 'src/a.ts': CLEAN },
        ['check'],
        /^capsule-guard: invalid options: unknown option "capsuleFeild"; accepted options are .* \(in compilerOptions\.plugins of tsconfig\.json\)\n$/u,
      ],
      [
        'an option of the wrong type',
        { 'tsconfig.json': withPlugins([{ transform: '@capsule-guard/ts-plugin/transform', delimiter: 3 }]), 'src/a.ts': CLEAN },
        ['check'],
        /^capsule-guard: invalid options: option "delimiter" must be .*; got 3 \(in compilerOptions\.plugins of tsconfig\.json\)\n$/u,
      ],
      [
        'plugin entries that disagree',
        {
          'tsconfig.json': withPlugins([
            { name: '@capsule-guard/ts-plugin', capsuleField: 'envId' },
            { transform: '@capsule-guard/ts-plugin/transform', capsuleField: 'environmentId' },
          ]),
          'src/a.ts': CLEAN,
        },
        ['check'],
        /^capsule-guard: invalid options: option "capsuleField" differs between the tsconfig plugin entries/u,
      ],
      [
        'a misspelt transformer entry, which ts-patch itself reports only with a stack',
        {
          'tsconfig.json': withPlugins([{ transform: '@capsule-guard/ts-plugin/transfrom', transformProgram: true }]),
          'src/a.ts': CLEAN,
        },
        ['check'],
        /^capsule-guard: invalid options: the plugin entry "transform": "@capsule-guard\/ts-plugin\/transfrom" names no module of @capsule-guard\/ts-plugin; write "transform": "@capsule-guard\/ts-plugin\/transform" \(in compilerOptions\.plugins of tsconfig\.json\)\n$/u,
      ],
      [
        'a tsconfig that is not valid JSON, with tsc\'s message',
        { 'tsconfig.json': '{ "compilerOptions": { "strict": true ', 'src/a.ts': CLEAN },
        ['check'],
        /^capsule-guard: cannot use tsconfig\.json:\ntsconfig\.json\(1,\d+\): error TS1005: '\}' expected\.\n$/u,
      ],
      [
        'an unknown compiler option',
        { 'tsconfig.json': '{ "compilerOptions": { "strictt": true }, "include": ["src"] }', 'src/a.ts': CLEAN },
        ['check'],
        /^capsule-guard: cannot use tsconfig\.json:\ntsconfig\.json\(1,24\): error TS5025: Unknown compiler option 'strictt'\. Did you mean 'strict'\?\n$/u,
      ],
      [
        'a project without files',
        { 'tsconfig.json': TSCONFIG },
        ['check'],
        /^capsule-guard: cannot use tsconfig\.json:\nerror TS18003: No inputs were found in config file/u,
      ],
      [
        'a solution-style tsconfig with only references',
        { 'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './app' }] }), 'app/tsconfig.json': TSCONFIG, 'app/src/a.ts': CLEAN },
        ['check'],
        /^capsule-guard: tsconfig\.json has no files of its own, only project references\. capsule-guard check -p checks one project: run it once for each of app\n$/u,
      ],
      ['a -p path that does not exist', { 'tsconfig.json': TSCONFIG }, ['check', '-p', 'nope.json'], /^capsule-guard: the project 'nope\.json' given with -p does not exist\n$/u],
      ['a -p directory without tsconfig.json', { 'src/a.ts': CLEAN }, ['check', '-p', 'src'], /^capsule-guard: the directory 'src' given with -p has no tsconfig\.json\n$/u],
    ];
    it.each(cases)('%s', (_name, files, argv, message) => {
      const root = tempProject(files);
      for (const format of ['text', 'json', 'sarif']) {
        const { exitCode, stdout, stderr } = runCli([...argv, '--format', format], root);
        expect({ exitCode, stdout }).toEqual({ exitCode: EXIT_ERROR, stdout: '' });
        expect(stderr).toMatch(message);
      }
    });
  });

  it('exits 2 with the usage for a command line it cannot run', () => {
    const root = tempProject({ 'tsconfig.json': TSCONFIG, 'src/a.ts': CLEAN });
    for (const [argv, message] of [
      [[], "missing command: write 'capsule-guard check'"],
      [['check', '--format', 'xml'], "unknown format 'xml' for --format: use text, json or sarif"],
      [['check', '--strict'], "unknown option '--strict'"],
    ] as const) {
      expect(runCli(argv, root)).toEqual({
        exitCode: EXIT_ERROR,
        stdout: '',
        stderr: `capsule-guard: ${message}\n${USAGE_LINE}\nRun 'capsule-guard --help' for the options.\n`,
      });
    }
  });

  it('prints the help and the version, exiting 0', () => {
    const help = runCli(['--help'], '/');
    expect(help.exitCode).toBe(EXIT_CLEAN);
    expect(help.stdout).toMatch(/^Usage: capsule-guard check .*\n[\s\S]*Exit status: 0 no findings, 1 findings, 2 usage or configuration error\.\n$/u);
    const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    expect(runCli(['--version'], '/')).toEqual({ exitCode: EXIT_CLEAN, stdout: `${version} (TypeScript 6.0.3)\n`, stderr: '' });
  });
});

describe('describeFailure', () => {
  it('names the file an unexpected error happened in, with the stack for the report', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'kind')");
    const text = describeFailure(new FileCheckError('src/order.ts', cause));
    expect(text).toMatch(
      /^capsule-guard: internal error: could not check src\/order\.ts: Cannot read properties of undefined \(reading 'kind'\)\. Please report it with this output\.\nTypeError: Cannot read/u,
    );
  });

  it('describes a thrown non-error too', () => {
    expect(describeFailure('boom')).toBe('capsule-guard: internal error: boom. Please report it with this output.\n');
  });
});
