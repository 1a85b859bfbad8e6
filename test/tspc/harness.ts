/**
 * Runs the real `tspc` (and plain `tsc`) against fixture projects copied to a temporary directory,
 * where `@capsule-guard/core` and `@capsule-guard/ts-plugin` resolve to this workspace's built
 * packages exactly as they would from a user's node_modules.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { RULES, type RuleName } from '@capsule-guard/engine';
import { runTspc } from './run-tspc';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(REPO_ROOT, 'test/tspc/fixtures');
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
/** The packages a user would install; their dependencies resolve from the workspace as usual. */
const LINKED_PACKAGES = ['core', 'ts-plugin'];

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class FixtureWorkspace {
  private constructor(private readonly root: string) {}

  static async create(): Promise<FixtureWorkspace> {
    return new FixtureWorkspace(await mkdtemp(path.join(os.tmpdir(), 'capsule-guard-tspc-')));
  }

  /** A fresh copy of a fixture project, so that runs never see each other's outputs. */
  async project(fixture: string, copyName = fixture): Promise<string> {
    const dir = path.join(this.root, copyName);
    await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
    const scope = path.join(dir, 'node_modules/@capsule-guard');
    await mkdir(scope, { recursive: true });
    for (const pkg of LINKED_PACKAGES) {
      await symlink(path.join(REPO_ROOT, 'packages', pkg), path.join(scope, pkg), 'dir');
    }
    return dir;
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export function tspc(cwd: string, args: readonly string[]): Promise<RunResult> {
  return runTspc(args, cwd);
}

export function tsc(cwd: string, args: readonly string[]): Promise<RunResult> {
  return runNode(TSC, cwd, args);
}

function runNode(script: string, cwd: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, ...args], { cwd }, (error, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- it is an Error; Node's types build its type with Omit<>, which hides that
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** Every file under `dir`, as relative path -> content, for byte-by-byte comparison. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), await readFile(full));
  }
  return files;
}

export interface ExpectedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: RuleName;
  readonly messageId: string;
  /** Values the message must have been formatted with (e.g. className, template). */
  readonly data?: Readonly<Record<string, string>>;
}

const DIAGNOSTIC_LINE =
  /^(?<file>[^()\s][^()]*)\((?<line>\d+),(?<column>\d+)\): error TS(?<code>\d+): (?<message>.*) \[(?<ruleId>[^\]]+)\]$/u;

/**
 * Asserts that the `--pretty false` output lists exactly these capsule-guard findings (TS99xxxx),
 * in this order: file, line, column, TS code, rule id, and the message, which must be the rule's
 * catalog template for `messageId` formatted with (at least) `data`. TypeScript's own errors,
 * including those @capsule-guard/core's decorator types raise, are not this plugin's subject.
 */
export function expectFindings(output: string, expected: readonly ExpectedFinding[]): void {
  const ourLines = output.split(/\r?\n/u).filter((line) => /: error TS99\d{4}: /u.test(line));
  expect(ourLines.map(parseDiagnosticLine)).toEqual(
    expected.map((finding) => ({
      file: finding.file,
      line: finding.line,
      column: finding.column,
      code: RULES[finding.rule].code,
      ruleId: `capsule-guard/${finding.rule}`,
      messageId: finding.messageId,
      data: expect.objectContaining(finding.data ?? {}),
    })),
  );
}

function parseDiagnosticLine(text: string) {
  const match = DIAGNOSTIC_LINE.exec(text);
  if (!match?.groups) return { unexpectedLine: text };
  const { file, line, column, code, message, ruleId } = match.groups;
  const rule = ruleId.replace(/^capsule-guard\//u, '') as RuleName;
  const messages: Readonly<Record<string, string>> = RULES[rule]?.messages ?? {};
  for (const [messageId, template] of Object.entries(messages)) {
    const data = templatePattern(template).exec(message)?.groups;
    if (data) return { file, line: Number(line), column: Number(column), code: Number(code), ruleId, messageId, data: { ...data } };
  }
  return { unmatchedMessage: text };
}

/** A message template as a regular expression whose named groups capture its `{{data}}`. */
function templatePattern(template: string): RegExp {
  const seen = new Set<string>();
  const pattern = template
    .split(/(\{\{\s*[^{}]+?\s*\}\})/u)
    .map((piece) => {
      const name = /^\{\{\s*([^{}]+?)\s*\}\}$/u.exec(piece)?.[1];
      if (name === undefined) return piece.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      if (seen.has(name)) return `\\k<${name}>`;
      seen.add(name);
      return `(?<${name}>.*?)`;
    })
    .join('');
  return new RegExp(`^${pattern}$`, 'u');
}
