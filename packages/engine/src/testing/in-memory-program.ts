import { createHash } from 'node:crypto';
import * as ts from 'typescript';

/** The project root of every in-memory program. */
export const ROOT = '/project';

/** Core declarations a test file can import, as the engine would see them from the real package. */
const CORE_DTS = `
export declare function entity(options: unknown): any;
export declare const capsuleIsolated: any;
export declare function platformScoped(options: { reason: string }): any;
export declare function apiEndpoint(options: unknown): any;
`;

export type Files = Readonly<Record<string, string>>;

/** The files by absolute path, with @capsule-guard/core installed in node_modules. */
export function withCore(files: Files): Map<string, string> {
  const all = new Map(Object.entries(files).map(([name, text]) => [`${ROOT}/${name}`, text]));
  all.set(`${ROOT}/node_modules/@capsule-guard/core/index.d.ts`, CORE_DTS);
  all.set(`${ROOT}/node_modules/@capsule-guard/core/package.json`, '{"name":"@capsule-guard/core","types":"index.d.ts"}');
  return all;
}

/** TypeScript's lib files never change between tests; parsing them once saves most of a typed run. */
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * A real program over in-memory files (names relative to ROOT), as tsc would create it, with
 * @capsule-guard/core installed. Files under node_modules/ are installed packages, never roots.
 */
export function createInMemoryProgram(files: Files, compilerOptions: ts.CompilerOptions, oldProgram?: ts.Program): ts.Program {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: [], ...compilerOptions };
  const all = withCore(files);
  const host = ts.createCompilerHost(options, true);
  const base = { ...host };
  host.fileExists = (name) => all.has(name) || base.fileExists(name);
  host.readFile = (name) => all.get(name) ?? base.readFile(name);
  host.directoryExists = (name) => [...all.keys()].some((file) => file.startsWith(`${name}/`)) || base.directoryExists!(name);
  host.getSourceFile = (name, languageVersion) => {
    const text = all.get(name);
    if (text === undefined && libraryFiles.has(name)) return libraryFiles.get(name);
    const sourceFile = text === undefined ? base.getSourceFile(name, languageVersion) : ts.createSourceFile(name, text, languageVersion, true);
    // Builder programs compare file versions between runs, as tsc's own host provides them.
    if (sourceFile) Object.assign(sourceFile, { version: createHash('sha256').update(sourceFile.text).digest('hex') });
    if (text === undefined) libraryFiles.set(name, sourceFile);
    return sourceFile;
  };
  host.getCurrentDirectory = () => ROOT;
  const roots = Object.keys(files).filter((name) => !name.startsWith('node_modules/')).map((name) => `${ROOT}/${name}`);
  return ts.createProgram(roots, options, host, oldProgram);
}
