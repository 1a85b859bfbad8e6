/**
 * The files a check sees. The working tree is one view; the git index (what the next commit
 * holds) is another. The tsconfig, the import graph and the Program all read through the same
 * view, so a check never mixes staged and unstaged content.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type * as ts from 'typescript';
import type { TS } from '@capsule-guard/engine';

export interface FileSystem {
  // Property signatures, not methods: each is handed on alone as a compiler-host callback.
  readFile: (file: string) => string | undefined;
  fileExists: (file: string) => boolean;
  directoryExists: (directory: string) => boolean;
  getDirectories: (directory: string) => string[];
  /** tsconfig `include`/`exclude` matching, as ts.sys.readDirectory does it. */
  readDirectory: NonNullable<ts.ParseConfigFileHost['readDirectory']>;
  realpath: (file: string) => string;
  /** A name for the file's content, the same exactly when the bytes are (the git index's object id); undefined when unknown. */
  contentKey?: (file: string) => string | undefined;
}

/**
 * The working tree, with each file read and each path looked up at most once: the selection and
 * the Program share it, and module resolution asks the same directories again and again. A check
 * reads one state of the files, as tsc does.
 */
export function workingTree(ts: TS): FileSystem {
  const { sys } = ts;
  return {
    readFile: once((file) => readText(file) ?? sys.readFile(file)),
    fileExists: once((file) => sys.fileExists(file)),
    directoryExists: once((directory) => sys.directoryExists(directory)),
    getDirectories: (directory) => sys.getDirectories(directory),
    readDirectory: (root, extensions, excludes, includes, depth) => sys.readDirectory(root, extensions, excludes, includes, depth),
    realpath: once((file) => (sys.realpath ? sys.realpath(file) : file)),
  };
}

/**
 * The text of a file that is all ASCII, which most sources and every library TypeScript ships
 * are; undefined for any other file or none. ASCII reads the same in UTF-8 and Latin-1, and V8
 * makes a string from Latin-1 bytes by copying them, several times faster than decoding UTF-8.
 * (A byte-order mark is not ASCII, so files that start with one are left to ts.sys.readFile.)
 */
export function readText(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return asciiText(bytes);
}

/** `bytes` as a string if they are all ASCII. */
export function asciiText(bytes: Buffer): string | undefined {
  return isAscii(bytes) ? bytes.toString('latin1') : undefined;
}

/** `lookUp`, asked at most once for each path. */
export function once<T>(lookUp: (path: string) => T): (path: string) => T {
  const known = new Map<string, T>();
  return (path) => {
    if (known.has(path)) return known.get(path) as T;
    const value = lookUp(path);
    known.set(path, value);
    return value;
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
