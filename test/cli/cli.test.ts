import { describe, expect, it } from 'vitest';
import { RULE_NAMES, ruleId } from '@capsule-guard/engine';
import { sarifSchemaErrors } from '../../packages/cli/src/testing/sarif-schema';
import { capsuleGuard, FIXTURES, type JsonFinding } from './harness';

/**
 * The built bin on fixture projects: exit codes, exact positions in JSON, text and SARIF output,
 * and configuration errors.
 */

const LEAKY = `${FIXTURES}/leaky`;

/** Every finding in test/cli/fixtures/leaky, in the order the CLI prints them. */
const LEAKY_FINDINGS = [
  // The key template is a const imported from keys.ts: reported on its name in the decorator.
  ['src/invoice.ts', 4, 39, 4, 49, 'isolated-key-templates', 'missingCapsuleSegment', "'InvoiceEntity'"],
  ['src/invoice.ts', 13, 14, 13, 27, 'isolation-scope-required', 'missingScope', "'PaymentEntity'"],
  ['src/invoice.ts', 22, 27, 22, 68, 'isolated-key-templates', 'missingTenantSegment', "GSI 'byPayment'"],
  ['src/invoice.ts', 25, 14, 25, 26, 'capsule-id-required', 'missingCapsuleId', "('capsuleId' is optional)"],
  // The same const, as a key written outside the entity's declaration.
  ['src/keys.ts', 2, 27, 2, 59, 'isolated-key-literals', 'missingCapsuleSegment', "'INVOICE' follows it"],
  ['src/routes.ts', 8, 31, 8, 39, 'explicit-route-params', 'notInPath', "pathParams declares 'expand'"],
  // A suppression without a reason is a finding, and suppresses nothing.
  ['src/suppressed.ts', 17, 3, 17, 63, 'valid-ignore-comments', 'missingReason', 'gives no reason'],
  ['src/suppressed.ts', 18, 7, 18, 39, 'isolated-key-templates', 'missingCapsuleSegment', "'ArchiveEntity'"],
] as const;

describe('capsule-guard check (built bin)', () => {
  it('exits 0 on a clean project, with nothing in text and [] in JSON', async () => {
    expect(await capsuleGuard(['check', '-p', `${FIXTURES}/clean/tsconfig.json`])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await capsuleGuard(['check', '-p', `${FIXTURES}/clean`, '--format', 'json'])).toEqual({ exitCode: 0, stdout: '[]\n', stderr: '' });
  });

  it('exits 1 on a leaky project and reports every finding at its exact place in JSON', async () => {
    const { exitCode, stdout, stderr } = await capsuleGuard(['check', '-p', 'tsconfig.json', '--format', 'json'], `${process.cwd()}/${LEAKY}`);
    expect({ exitCode, stderr }).toEqual({ exitCode: 1, stderr: '' });
    const findings = JSON.parse(stdout) as JsonFinding[];
    expect(findings).toEqual(
      LEAKY_FINDINGS.map(([file, line, column, endLine, endColumn, rule, messageId, text]) => ({
        ruleId: ruleId(rule),
        messageId,
        severity: 'error',
        file,
        line,
        column,
        endLine,
        endColumn,
        message: expect.stringContaining(text),
      })),
    );
  });

  it('prints the same findings as tsc-style text lines, paths relative to the working directory', async () => {
    const { exitCode, stdout } = await capsuleGuard(['check', '-p', LEAKY]);
    expect(exitCode).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, -2).map((line) => /^(\S+) - error (\S+): /u.exec(line)?.slice(1))).toEqual(
      LEAKY_FINDINGS.map(([file, line, column, , , rule]) => [`${LEAKY}/${file}:${line}:${column}`, ruleId(rule)]),
    );
    expect(lines.slice(-2)).toEqual(['', `Found ${LEAKY_FINDINGS.length} errors in 4 files.`]);
  });

  it('prints SARIF 2.1.0 that validates against the official schema', async () => {
    const { exitCode, stdout } = await capsuleGuard(['check', '-p', LEAKY, '--format', 'sarif']);
    expect(exitCode).toBe(1);
    const log = JSON.parse(stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULE_NAMES.map(ruleId));
    expect(run.results).toHaveLength(LEAKY_FINDINGS.length);
    const [first] = run.results;
    expect(first).toMatchObject({
      ruleId: 'capsule-guard/isolated-key-templates',
      ruleIndex: RULE_NAMES.indexOf('isolated-key-templates'),
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `${LEAKY}/src/invoice.ts`, uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 39, endLine: 4, endColumn: 49 },
          },
        },
      ],
    });
    const clean = await capsuleGuard(['check', '-p', `${FIXTURES}/clean`, '--format', 'sarif']);
    expect(clean.exitCode).toBe(0);
    expect(sarifSchemaErrors(JSON.parse(clean.stdout))).toEqual([]);
    expect(JSON.parse(clean.stdout).runs[0].results).toEqual([]);
  });

  it("exits 2 on a broken tsconfig.json, with tsc's messages", async () => {
    const tsconfig = `${FIXTURES}/bad-tsconfig/tsconfig.json`;
    for (const format of ['text', 'json', 'sarif']) {
      expect(await capsuleGuard(['check', '-p', tsconfig, '--format', format])).toEqual({
        exitCode: 2,
        stdout: '',
        stderr: [
          `capsule-guard: cannot use ${tsconfig}:`,
          `${tsconfig}(5,3): error TS1005: ',' expected.`,
          `${tsconfig}(7,1): error TS1005: '}' expected.`,
          `${tsconfig}(5,3): error TS5023: Unknown compiler option 'include'.`,
          '',
        ].join('\n'),
      });
    }
  });

  it('exits 2 on an invalid capsule-guard option, naming it', async () => {
    expect(await capsuleGuard(['check', '-p', `${FIXTURES}/bad-option`, '--format', 'json'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'capsule-guard: invalid options: option "tenantField" must be a JavaScript identifier such as "capsuleId"; got "tenant-id" ' +
        `(in compilerOptions.plugins of ${FIXTURES}/bad-option/tsconfig.json)\n`,
    });
  });

  it('exits 2 with the usage on a command line it cannot run', async () => {
    const usage =
      'Usage: capsule-guard check [-p <tsconfig.json | directory>] [--staged | <file>...] [--format text|json|sarif]\n' +
      '       capsule-guard policy [-p <tsconfig.json | directory>] [--tenant-tag <tag>] [--capsule-tag <tag>] [--default-table <name>]';
    expect(await capsuleGuard(['check', '-p', LEAKY, '--format', 'html'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `capsule-guard: unknown format 'html' for --format: use text, json or sarif\n${usage}\nRun 'capsule-guard --help' for the options.\n`,
    });
    expect(await capsuleGuard(['-p', LEAKY])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("missing command: write 'capsule-guard check'") });
    const help = await capsuleGuard(['--help']);
    expect(help).toMatchObject({ exitCode: 0, stderr: '' });
    expect(help.stdout.startsWith(usage)).toBe(true);
  });
});
