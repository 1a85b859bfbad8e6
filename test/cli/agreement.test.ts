import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_NAMES, RULES } from '@capsule-guard/engine';
import { capsuleGuard, eslint, FIXTURES, REPO_ROOT, tspc, type JsonFinding } from './harness';

/**
 * One engine, three front ends: on every project, `capsule-guard check --format json` reports
 * exactly what ESLint (with type information, as the projects configure it) and tspc report —
 * same files, rules, messages and positions.
 */

const PROJECTS = ['examples/clean', 'examples/leaky', `${FIXTURES}/clean`, `${FIXTURES}/leaky`];

interface ComparableFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly message: string;
}

interface EslintFileResult {
  readonly filePath: string;
  readonly messages: readonly (Omit<JsonFinding, 'file' | 'severity'> & { readonly fatal?: boolean })[];
}

const byPlace = (a: ComparableFinding, b: ComparableFinding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

async function cliFindings(project: string): Promise<JsonFinding[]> {
  const { exitCode, stdout, stderr } = await capsuleGuard(['check', '-p', project, '--format', 'json']);
  expect(stderr).toBe('');
  const findings = JSON.parse(stdout) as JsonFinding[];
  expect(exitCode).toBe(findings.length === 0 ? 0 : 1);
  return findings;
}

async function eslintFindings(project: string) {
  const { stdout } = await eslint(['-c', `${project}/eslint.config.mjs`, '--format', 'json', project]);
  return (JSON.parse(stdout) as EslintFileResult[]).flatMap(({ filePath, messages }) =>
    messages.map(({ ruleId, messageId, line, column, endLine, endColumn, message }) => ({
      file: path.relative(REPO_ROOT, filePath).split(path.sep).join('/'),
      line,
      column,
      endLine,
      endColumn,
      ruleId,
      messageId,
      message,
    })),
  );
}

const TSC_DIAGNOSTIC = /^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): error TS(?<code>\d+): (?<message>.*) \[(?<ruleId>capsule-guard\/[a-z-]+)\]$/u;
/** Our diagnostic codes: one per rule, and the one below them for invalid options. */
const OUR_CODES = new Set([990000, ...RULE_NAMES.map((rule) => RULES[rule].code)]);

/**
 * capsule-guard's diagnostics in tspc's output. TypeScript's own errors (such as the type-level
 * checks of @capsule-guard/core's decorator signatures) are left out: the CLI is not a compiler.
 */
async function tspcFindings(project: string): Promise<ComparableFinding[]> {
  const { stdout } = await tspc(['--noEmit', '-p', project, '--pretty', 'false']);
  return stdout
    .split('\n')
    .filter((line) => OUR_CODES.has(Number(/: error TS(\d+): /u.exec(line)?.[1])))
    .map((line) => {
      const groups = TSC_DIAGNOSTIC.exec(line)?.groups;
      // One of ours that does not parse (a crash, an options error) fails the comparison as is.
      if (!groups) return { file: '', line: 0, column: 0, ruleId: '', message: line };
      return { file: groups.file, line: Number(groups.line), column: Number(groups.column), ruleId: groups.ruleId, message: groups.message };
    });
}

describe('the CLI agrees with ESLint and tspc', () => {
  it.each(PROJECTS)('on %s', async (project) => {
    const [cli, lint, build] = await Promise.all([cliFindings(project), eslintFindings(project), tspcFindings(project)]);
    const expectsFindings = project.endsWith('leaky');
    expect(cli.length > 0).toBe(expectsFindings);

    // Paths are relative to the working directory (the repository root) in every front end.
    const asEslint = cli.map(({ file, line, column, endLine, endColumn, ruleId, messageId, message }) => ({
      file, line, column, endLine, endColumn, ruleId, messageId, message,
    }));
    expect([...asEslint].sort(byPlace)).toEqual([...lint].sort(byPlace));

    const asTsc = cli.map(({ file, line, column, ruleId, message }) => ({ file, line, column, ruleId, message }));
    expect([...asTsc].sort(byPlace)).toEqual([...build].sort(byPlace));
  });
});
