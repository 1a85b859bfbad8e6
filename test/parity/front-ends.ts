import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import capsuleGuard from '@capsule-guard/eslint-plugin';
import { TsServerClient } from '../tsserver/tsserver-client';
import { runTspc } from '../tspc/run-tspc';

/**
 * Runs each front end on one project and normalises what it prints to
 * `file:line:column ruleId message`, so the test can ask whether they all agree.
 */
export type Finding = string;

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const OURS = /^capsule-guard\//u;

export function sourceFiles(project: string): string[] {
  const src = join(project, 'src');
  return readdirSync(src).filter((f) => f.endsWith('.ts')).sort().map((f) => join(src, f));
}

const line = (project: string, file: string, l: number, c: number, ruleId: string, message: string): Finding =>
  `${relative(project, file)}:${l}:${c} ${ruleId} ${message}`;

export async function eslintFindings(project: string, typed: boolean): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: typed ? { projectService: true, tsconfigRootDir: project } : {},
        },
      },
      capsuleGuard.configs.recommended,
    ],
  });
  const results = await eslint.lintFiles(sourceFiles(project));
  return results.flatMap((result) =>
    result.messages.map((m) => {
      if (!m.ruleId || !OURS.test(m.ruleId)) throw new Error(`${result.filePath}:${m.line}:${m.column} ${m.message}`);
      return line(project, result.filePath, m.line, m.column, m.ruleId, m.message);
    }),
  );
}

const TSC_LINE = /^(.+?)\((\d+),(\d+)\): error TS99\d{4}: (.*) \[(capsule-guard\/[a-z-]+)\]$/u;

/** `tspc --noEmit --pretty false`: our diagnostics only (TypeScript's own errors are not our subject). */
export async function tspcFindings(project: string): Promise<{ findings: Finding[]; exitCode: number }> {
  const result = await runTspc(['-p', join(project, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], project);
  const findings = result.stdout
    .split('\n')
    .map((l) => TSC_LINE.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => line(project, join(project, m[1]), Number(m[2]), Number(m[3]), m[5], m[4]));
  return { findings, exitCode: result.exitCode };
}

interface CliFinding {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `capsule-guard check --format json`, run from the project directory. */
export async function cliFindings(project: string): Promise<{ findings: Finding[]; exitCode: number }> {
  const bin = join(ROOT, 'packages', 'cli', 'dist', 'bin.js');
  const result = await run(process.execPath, [bin, 'check', '-p', 'tsconfig.json', '--format', 'json'], { cwd: project })
    .then((r) => ({ stdout: r.stdout, code: 0 }))
    .catch((e: { stdout: string; code: number }) => ({ stdout: e.stdout, code: e.code }));
  const parsed = JSON.parse(result.stdout) as CliFinding[];
  return {
    findings: parsed.map((f) => line(project, join(project, f.file), f.line, f.column, f.ruleId, f.message)),
    exitCode: result.code,
  };
}

interface ServerDiagnostic {
  readonly start: { line: number; offset: number };
  readonly text: string;
  readonly code: number;
}

export async function tsserverFindings(project: string): Promise<Finding[]> {
  const server = new TsServerClient();
  try {
    const findings: Finding[] = [];
    for (const file of sourceFiles(project)) {
      server.notify('open', { file, projectRootPath: project });
      const diagnostics = await server.request<ServerDiagnostic[]>('semanticDiagnosticsSync', { file });
      for (const d of diagnostics.filter((x) => x.code >= 990000 && x.code < 991000)) {
        const match = /^(.*) \[(capsule-guard\/[a-z-]+)\]$/su.exec(d.text);
        if (!match) throw new Error(`unexpected tsserver diagnostic: ${d.text}`);
        findings.push(line(project, file, d.start.line, d.start.offset, match[2], match[1]));
      }
    }
    return findings;
  } finally {
    server.close();
  }
}
