/**
 * Runs the real TypeScript compilers, with no plugin, on a project and reads their plain
 * (`--pretty false`) output: TypeScript 6 from the workspace's `typescript`, TypeScript 7 (the
 * native compiler) from the `typescript7` alias. Projects resolve `@capsule-guard/core` through
 * node_modules, i.e. the built package.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface Compiler {
  readonly name: string;
  readonly version: string;
  readonly bin: string;
}

export const TSC_6: Compiler = { name: 'tsc 6', version: '6.0.3', bin: 'node_modules/typescript/bin/tsc' };
export const TSC_7: Compiler = { name: 'tsc 7', version: '7.0.2', bin: 'node_modules/typescript7/bin/tsc' };
export const COMPILERS: readonly Compiler[] = [TSC_6, TSC_7];

export interface Diagnostic {
  /** As printed: relative to the project directory. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  /** The whole message chain, one line per level. */
  readonly message: string;
}

export interface Compilation {
  readonly exitCode: number;
  readonly output: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(compiler: Compiler, args: readonly string[], cwd = REPO_ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(REPO_ROOT, compiler.bin), ...args], { cwd }, (error, stdout, stderr) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- it is an Error; Node's types build its type with Omit<>, which hides that
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const FIRST_LINE = /^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): error (?<code>TS\d+): (?<text>.*)$/u;

export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: { file: string; line: number; column: number; code: string; lines: string[] }[] = [];
  for (const line of output.split(/\r?\n/u)) {
    const first = FIRST_LINE.exec(line)?.groups;
    if (first) {
      diagnostics.push({ file: first.file, line: Number(first.line), column: Number(first.column), code: first.code, lines: [first.text] });
    } else if (/^\s+\S/u.test(line) && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1].lines.push(line.trim());
    } else if (line.trim() !== '') {
      throw new Error(`unexpected compiler output: ${line}`);
    }
  }
  return diagnostics.map(({ lines, ...where }) => ({ ...where, message: lines.join('\n') }));
}

/** Type-checks a project (a tsconfig file, relative to the repository) without emitting. */
export async function compile(compiler: Compiler, tsconfig: string): Promise<Compilation> {
  const project = path.join(REPO_ROOT, tsconfig);
  const { exitCode, stdout, stderr } = await run(compiler, ['-p', project, '--noEmit', '--pretty', 'false'], path.dirname(project));
  const output = `${stdout}${stderr}`;
  return { exitCode, output, diagnostics: parseDiagnostics(output) };
}

/** What a type-level check reported, as the test expects it. */
export interface TypeLevelError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  /**
   * The sentence the compiler quotes as the type it wanted: for a rule, it starts with the rule
   * id; a misspelt option key is named without one.
   */
  readonly sentence: string | undefined;
}

const SENTENCE = /(?:parameter of type |Property )'"([^"]+)"'/u;

export function typeLevelErrors(compilation: Compilation): TypeLevelError[] {
  return compilation.diagnostics.map(({ file, line, column, code, message }) => ({
    file,
    line,
    column,
    code,
    sentence: SENTENCE.exec(message)?.[1],
  }));
}
