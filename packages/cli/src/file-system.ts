/**
 * The files a check sees. The working tree is one view; the git index (what the next commit
 * holds) is another. The tsconfig, the import graph and the Program all read through the same
 * view, so a check never mixes staged and unstaged content.
 */
import type * as ts from 'typescript';
import type { TS } from '@capsule-guard/engine';

export interface FileSystem {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
  directoryExists(directory: string): boolean;
  getDirectories(directory: string): string[];
  /** tsconfig `include`/`exclude` matching, as ts.sys.readDirectory does it. */
  readDirectory: NonNullable<ts.ParseConfigFileHost['readDirectory']>;
  realpath(file: string): string;
}

/** The working tree, with each file read at most once (the selection and the Program share it). */
export function workingTree(ts: TS): FileSystem {
  const texts = new Map<string, string | undefined>();
  return {
    readFile(file) {
      if (!texts.has(file)) texts.set(file, ts.sys.readFile(file));
      return texts.get(file);
    },
    fileExists: (file) => texts.get(file) !== undefined || ts.sys.fileExists(file),
    directoryExists: (directory) => ts.sys.directoryExists(directory),
    getDirectories: (directory) => ts.sys.getDirectories(directory),
    readDirectory: (root, extensions, excludes, includes, depth) => ts.sys.readDirectory(root, extensions, excludes, includes, depth),
    realpath: (file) => (ts.sys.realpath ? ts.sys.realpath(file) : file),
  };
}

export function parseConfigHost(ts: TS, fileSystem: FileSystem, cwd: string, onError: (diagnostic: ts.Diagnostic) => void): ts.ParseConfigFileHost {
  return {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: fileSystem.readDirectory,
    fileExists: fileSystem.fileExists,
    readFile: fileSystem.readFile,
    getCurrentDirectory: () => cwd,
    onUnRecoverableConfigFileDiagnostic: onError,
  };
}

/**
 * A compiler host whose every read goes through the FileSystem. It parses no JSDoc in
 * TypeScript files: there it only documents (types come from the code), no check reads it, and
 * the libraries' JSDoc alone is a fifth of their parse. In JavaScript files, where JSDoc gives
 * types, it is parsed as always.
 */
export function compilerHost(ts: TS, options: ts.CompilerOptions, fileSystem: FileSystem): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
  host.readFile = fileSystem.readFile;
  host.fileExists = fileSystem.fileExists;
  host.directoryExists = fileSystem.directoryExists;
  host.getDirectories = fileSystem.getDirectories;
  host.realpath = fileSystem.realpath;
  return host;
}

/** The module resolution host of the import graph: the same reads as the Program's. */
export function resolutionHost(fileSystem: FileSystem): ts.ModuleResolutionHost {
  return {
    readFile: fileSystem.readFile,
    fileExists: fileSystem.fileExists,
    directoryExists: fileSystem.directoryExists,
    getDirectories: fileSystem.getDirectories,
    realpath: fileSystem.realpath,
  };
}
