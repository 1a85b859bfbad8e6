import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { RULE_PREFIX } from '@capsule-guard/engine';
import { parseArguments, USAGE, USAGE_LINE, UsageError, type Format } from './args';
import { checkProject, FileCheckError } from './check';
import { checkTarget } from './check-target';
import type { ReportedFinding } from './finding';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { buildPolicy, describeCoverage } from './policy';
import { ConfigurationError, loadProject } from './project';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliEnvironment {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output;
  readonly stderr: Output;
}

const { version } = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

/**
 * `capsule-guard check`: findings go to stdout in the chosen format; usage and configuration
 * errors go to stderr. Returns the exit status: 0 clean, 1 findings, 2 anything that kept the
 * project from being checked. The compiler used is the CLI's own TypeScript, never the project's.
 */
export function run(environment: CliEnvironment): number {
  const { stdout, stderr, cwd } = environment;
  try {
    const command = parseArguments(environment.argv);
    if (command.kind === 'help') {
      stdout.write(USAGE);
      return EXIT_CLEAN;
    }
    if (command.kind === 'version') {
      stdout.write(`${version} (TypeScript ${ts.version})\n`);
      return EXIT_CLEAN;
    }
    if (command.kind === 'policy') {
      const { target } = checkTarget(ts, { project: command.project, staged: false, files: [] }, cwd);
      const { policy, coverage, warnings } = buildPolicy(ts, loadProject(ts, target, cwd), cwd, command);
      stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
      stderr.write(describeCoverage(coverage) + warnings.map((warning) => `${warning}\n`).join(''));
      return EXIT_CLEAN;
    }
    const { target, cwd: shownFrom } = checkTarget(ts, command, cwd);
    const findings = checkProject(ts, loadProject(ts, target, shownFrom), shownFrom);
    stdout.write(format(command.format, findings, { ...environment, cwd: shownFrom }));
    return findings.length === 0 ? EXIT_CLEAN : EXIT_FINDINGS;
  } catch (error) {
    stderr.write(describeFailure(error));
    return EXIT_ERROR;
  }
}

function format(kind: Format, findings: readonly ReportedFinding[], { cwd, env, stdout }: CliEnvironment): string {
  switch (kind) {
    case 'json':
      return formatJson(findings);
    case 'sarif':
      return formatSarif(findings, { cwd, version });
    case 'text': {
      const terminal = stdout.isTTY === true;
      return formatText(findings, { codeFrame: terminal, color: terminal && !env.NO_COLOR });
    }
  }
}

const PREFIX = `${RULE_PREFIX}: `;

/** Every failure says what went wrong in words; a stack trace is only added for our own bugs. */
export function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `${PREFIX}${error.message}\n${USAGE_LINE}\nRun 'capsule-guard --help' for the options.\n`;
  // The engine's option errors already begin with "capsule-guard:"; the name is not repeated.
  if (error instanceof ConfigurationError) return `${error.message.startsWith(PREFIX) ? '' : PREFIX}${error.message}\n`;
  const detail = error instanceof FileCheckError ? error.cause : error;
  const stack = detail instanceof Error && detail.stack ? `\n${detail.stack}` : '';
  const message = error instanceof Error ? error.message : String(error);
  return `${PREFIX}internal error: ${message}. Please report it with this output.${stack}\n`;
}
