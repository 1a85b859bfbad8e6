import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { run } from '../cli';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

export const TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'es2022', module: 'node16', strict: true, noEmit: true, types: [] },
  include: ['src'],
});

/** Writes the files (path -> content) into a new temporary directory, removed after the suite. */
export function tempProject(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'capsule-guard-cli-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

export interface RunOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(argv: readonly string[], cwd: string, terminal: { isTTY?: boolean; env?: Record<string, string> } = {}): RunOutput {
  let stdout = '';
  let stderr = '';
  const exitCode = run({
    argv,
    cwd,
    env: terminal.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: terminal.isTTY },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { exitCode, stdout, stderr };
}
