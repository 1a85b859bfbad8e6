/**
 * Loads the project to check: its tsconfig.json, parsed by the CLI's own TypeScript exactly as
 * tsc would parse it, and a Program over its files, so the engine can follow imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as ts from 'typescript';
import { OptionsError, optionsFromPluginEntries, type CapsuleGuardOptions, type TS } from '@capsule-guard/engine';

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
}

export function loadProject(ts: TS, projectArgument: string | undefined, cwd: string): Project {
  const configPath = findConfigFile(ts, projectArgument, cwd);
  const parsed = parseConfigFile(ts, configPath, cwd);
  const options = readOptions(parsed, configPath, cwd);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  return { program, options };
}

/** `-p` takes a file or a directory, as tsc's does; without it, the nearest tsconfig.json upwards. */
function findConfigFile(ts: TS, projectArgument: string | undefined, cwd: string): string {
  if (projectArgument === undefined) {
    const found = ts.findConfigFile(cwd, ts.sys.fileExists);
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

function parseConfigFile(ts: TS, configPath: string, cwd: string): ts.ParsedCommandLine {
  const unrecoverable: ts.Diagnostic[] = [];
  const host: ts.ParseConfigFileHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: ts.sys.readDirectory,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    getCurrentDirectory: () => cwd,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => unrecoverable.push(diagnostic),
  };
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
