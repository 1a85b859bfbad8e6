/**
 * Loads the project to check: its tsconfig.json, parsed by the CLI's own TypeScript exactly as
 * tsc would parse it, and a Program over the files the checks need (see selection.ts), so the
 * engine can follow imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { OptionsError, optionsFromPluginEntries, type CapsuleGuardOptions, type TS } from '@capsule-guard/engine';
import { FileFactsReader } from './file-facts';
import { compilerHost, parseConfigHost, type FileSystem } from './file-system';
import { selectFiles, type Scope } from './selection';

/** The project cannot be checked as configured; the CLI prints the message and exits 2. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export interface Project {
  readonly program: ts.Program;
  readonly options: CapsuleGuardOptions;
  /** Whether the findings of a file are reported (all, unless the check is limited to some files). */
  readonly reports: (file: string) => boolean;
}

/** Where the project's files are read from, and which of them the check is about. */
export interface CheckTarget {
  readonly configPath: string;
  readonly fileSystem: FileSystem;
  /** Limits the report to what these files affect; called once the project's files are known. */
  readonly scopeOf?: (fileNames: readonly string[]) => Scope | undefined;
  /** Where the facts of files named by content are kept between runs (see FileFactsReader), given whether JavaScript imports are read. */
  readonly factsStore?: (detectJavaScriptImports: boolean) => string | undefined;
}

export function loadProject(ts: TS, target: CheckTarget, cwd: string): Project {
  const { configPath, fileSystem } = target;
  const parsed = parseConfigFile(ts, configPath, fileSystem, cwd);
  const options = readOptions(parsed, configPath, cwd);
  const configFile = parsed.options.configFile as ts.TsConfigSourceFile | undefined;
  const configFiles = [configPath, ...(configFile?.extendedSourceFiles ?? [])];
  const facts = new FileFactsReader(ts, fileSystem, parsed.options.allowJs === true, target.factsStore?.(parsed.options.allowJs === true));
  const selection = selectFiles(
    ts,
    { fileNames: parsed.fileNames, compilerOptions: parsed.options, configFiles, options, fileSystem, facts, cwd },
    target.scopeOf?.(parsed.fileNames),
  );
  facts.save();
  const compilerOptions = withoutHostLibraries(ts, parsed.options);
  const program = ts.createProgram({
    rootNames: selection.rootNames,
    options: compilerOptions,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    host: withoutNodeDeclarations(ts, compilerHost(ts, compilerOptions, fileSystem)),
  });
  return { program, options, reports: selection.reports };
}

/** lib.dom…, lib.webworker…, lib.scripthost…, by the file names TypeScript gives the `lib` entries. */
const HOST_LIBRARY = /^lib\.(?:dom|webworker|scripthost)\b/u;

/**
 * The host-environment libraries (DOM, web workers, Windows Script Host) declare browser globals
 * that no key template, entity field or route declaration is read from, and with a default `lib`
 * they are five sixths of all the text a Program parses before the project's own files. The
 * checking Program keeps the project's ECMAScript libraries and leaves those out. A checked place
 * that did name a browser global would find it unresolved, and an unresolved template is reported
 * as unverifiable, never passed.
 */
export function withoutHostLibraries(ts: TS, options: ts.CompilerOptions): ts.CompilerOptions {
  if (options.noLib) return options;
  // The default library of a target is its ".full" file (lib.d.ts for ES5): the ECMAScript one plus the host ones.
  const defaultLibrary = ts.getDefaultLibFileName(options).replace(/^lib\.d\.ts$/u, 'lib.es5.d.ts').replace(/\.full\.d\.ts$/u, '.d.ts');
  const lib = options.lib ?? [defaultLibrary];
  return { ...options, lib: lib.filter((name) => !HOST_LIBRARY.test(name)) };
}

/** Files of the `@types/node` package, wherever it is installed. */
const NODE_DECLARATIONS = /[\\/]node_modules[\\/]@types[\\/]node[\\/]/u;

/**
 * Node's own declarations (`@types/node`) are a host environment too: its globals and built-in
 * modules are where no key template, entity field or route declaration comes from, and a
 * project reaches them whether or not it uses them (Fastify's and NestJS's typings reference
 * them), at 2.3 MB, five times the ECMAScript library. The checking Program sees their files
 * as empty, however they are reached (`types`, a `/// <reference types="node" />`, an import).
 * As with the browser libraries, a checked place that did read one of their types finds it
 * unresolved and is reported as unverifiable, never passed.
 */
export function withoutNodeDeclarations(ts: TS, host: ts.CompilerHost): ts.CompilerHost {
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, ...rest) =>
    NODE_DECLARATIONS.test(fileName) ? ts.createSourceFile(fileName, '', languageVersionOrOptions) : getSourceFile(fileName, languageVersionOrOptions, ...rest);
  return host;
}

/** `-p` takes a file or a directory, as tsc's does; without it, the nearest tsconfig.json upwards. */
export function findConfigFile(ts: TS, projectArgument: string | undefined, cwd: string): string {
  if (projectArgument === undefined) {
    const found = ts.findConfigFile(cwd, (file) => ts.sys.fileExists(file));
    if (!found) {
      throw new ConfigurationError(
        `no tsconfig.json in ${cwd} or any parent directory; name the project with -p path/to/tsconfig.json`,
      );
    }
    return path.resolve(found);
  }
  const resolved = path.resolve(cwd, projectArgument);
  const stat = fs.statSync(resolved, { throwIfNoEntry: false });
  if (!stat) throw new ConfigurationError(`the project '${projectArgument}' given with -p does not exist`);
  if (!stat.isDirectory()) return resolved;
  const inDirectory = path.join(resolved, 'tsconfig.json');
  if (!fs.existsSync(inDirectory)) {
    throw new ConfigurationError(`the directory '${projectArgument}' given with -p has no tsconfig.json`);
  }
  return inDirectory;
}

function parseConfigFile(ts: TS, configPath: string, fileSystem: FileSystem, cwd: string): ts.ParsedCommandLine {
  const unrecoverable: ts.Diagnostic[] = [];
  const host = parseConfigHost(ts, fileSystem, cwd, (diagnostic) => unrecoverable.push(diagnostic));
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host);
  // Any error in the tsconfig means the set of files or their options may not be what the user
  // meant, and a check of the wrong files would pass silently: it stops the run instead.
  // JSON syntax errors are kept on the config file, apart from the option errors; tsc reports both.
  const diagnostics = parsed ? ts.getConfigFileParsingDiagnostics(parsed) : unrecoverable;
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (!parsed || errors.length > 0) {
    throw new ConfigurationError(`cannot use ${displayPath(configPath, cwd)}:\n${formatDiagnostics(ts, errors, cwd)}`);
  }
  if (parsed.fileNames.length === 0 && parsed.projectReferences?.length) {
    const references = parsed.projectReferences.map((reference) => displayPath(reference.path, cwd)).join(', ');
    throw new ConfigurationError(
      `${displayPath(configPath, cwd)} has no files of its own, only project references. ` +
        `capsule-guard check -p checks one project: run it once for each of ${references}`,
    );
  }
  return parsed;
}

/** Our options live in the tsconfig's plugin entries, read the same way as the ts-plugin reads them. */
function readOptions(parsed: ts.ParsedCommandLine, configPath: string, cwd: string): CapsuleGuardOptions {
  try {
    return optionsFromPluginEntries(parsed.options.plugins);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    throw new ConfigurationError(`${error.message} (in compilerOptions.plugins of ${displayPath(configPath, cwd)})`);
  }
}

function formatDiagnostics(ts: TS, diagnostics: readonly ts.Diagnostic[], cwd: string): string {
  return ts
    .formatDiagnostics(diagnostics, {
      getCanonicalFileName: (fileName) => fileName,
      getCurrentDirectory: () => cwd,
      getNewLine: () => '\n',
    })
    .trimEnd();
}

/** A path as tsc shows it: relative to the working directory, with forward slashes. */
export function displayPath(fileName: string, cwd: string): string {
  return path.relative(cwd, fileName).split(path.sep).join('/') || '.';
}
