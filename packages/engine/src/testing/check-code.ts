import * as ts from 'typescript';
import { checkSourceFile } from '../check';
import type { Finding } from '../finding';
import type { CapsuleGuardOptions } from '../options';

/** Core declarations a test file can import, as the engine would see them from the real package. */
const CORE_DTS = `
export declare function entity(options: unknown): any;
export declare const capsuleIsolated: any;
export declare function platformScoped(options: { reason: string }): any;
export declare function apiEndpoint(options: unknown): any;
`;

export interface CheckedFinding extends Finding {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface CheckOptions {
  readonly typed?: boolean;
  /** Other files of the project, by name relative to the project root (e.g. 'keys.ts'). */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: CapsuleGuardOptions;
  readonly experimentalDecorators?: boolean;
}

const ROOT = '/project';
const LIBRARY_FILES = new Map<string, ts.SourceFile>();

/** Runs the engine on `code` as `/project/entity.ts`, untyped (parse only) or typed (a real Program). */
export function checkCode(code: string, settings: CheckOptions = {}): CheckedFinding[] {
  const fileName = `${ROOT}/entity.ts`;
  let sourceFile: ts.SourceFile;
  let checker: ts.TypeChecker | undefined;
  if (settings.typed) {
    const program = createProgram({ 'entity.ts': code, ...settings.files }, settings.experimentalDecorators ?? false);
    sourceFile = program.getSourceFile(fileName)!;
    checker = program.getTypeChecker();
  } else {
    sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  }
  return checkSourceFile(ts, sourceFile, { checker, options: settings.options, projectDirectory: ROOT }).map((finding) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.start);
    return { ...finding, message: finding.message, line: line + 1, column: character + 1, text: code.slice(finding.start, finding.end) };
  });
}

function createProgram(files: Readonly<Record<string, string>>, experimentalDecorators: boolean): ts.Program {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    experimentalDecorators,
  };
  const all = new Map<string, string>(Object.entries(files).map(([name, text]) => [`${ROOT}/${name}`, text]));
  all.set(`${ROOT}/node_modules/@capsule-guard/core/index.d.ts`, CORE_DTS);
  all.set(`${ROOT}/node_modules/@capsule-guard/core/package.json`, '{"name":"@capsule-guard/core","types":"index.d.ts"}');
  const host = ts.createCompilerHost(options, true);
  const base = { ...host };
  host.fileExists = (name) => all.has(name) || base.fileExists(name);
  host.readFile = (name) => all.get(name) ?? base.readFile(name);
  host.directoryExists = (dir) => [...all.keys()].some((name) => name.startsWith(`${dir}/`)) || base.directoryExists!(dir);
  host.getSourceFile = (name, languageVersion) => {
    const text = all.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    // The default library never changes between tests; parsing it once saves most of a typed run.
    let library = LIBRARY_FILES.get(name);
    if (!library) {
      library = base.getSourceFile(name, languageVersion);
      if (library) LIBRARY_FILES.set(name, library);
    }
    return library;
  };
  host.getCurrentDirectory = () => ROOT;
  return ts.createProgram([...all.keys()].filter((n) => n.endsWith('.ts') && !n.includes('node_modules')), options, host);
}
