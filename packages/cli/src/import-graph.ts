/**
 * Which file imports which, without parsing: TypeScript's `preProcessFile` lists a file's
 * imports, re-exports, `import()` types and `/// <reference path>`s from a scan of its tokens (see
 * FileFactsReader), and `resolveModuleName` resolves them as the Program will. Only the user's own
 * files are followed; installed packages are leaves.
 */
import path from 'node:path';
import type * as ts from 'typescript';
import type { TS } from '@capsule-guard/engine';
import type { FileFactsReader } from './file-facts';
import { resolutionHost, type FileSystem } from './file-system';

export class ImportGraph {
  private readonly imports = new Map<string, readonly string[]>();
  private importers: Map<string, string[]> | undefined;
  private readonly host: ts.ModuleResolutionHost;
  /** Whether every import names the module it reaches; `paths` and package.json `imports` are aliases that need not. */
  private readonly namesImports: boolean;
  private readonly cache: ts.ModuleResolutionCache;

  /**
   * @param universe the files whose importers are looked for (the project's files); files they
   *   reach are added.
   * @param ghosts files that resolve though they do not exist (deleted by the commit), so that
   *   the files still importing them are found.
   */
  constructor(
    private readonly ts: TS,
    private readonly options: ts.CompilerOptions,
    private readonly fileSystem: FileSystem,
    private readonly facts: FileFactsReader,
    private readonly universe: readonly string[],
    cwd: string,
    ghosts: ReadonlySet<string> = new Set(),
  ) {
    const host = resolutionHost(fileSystem);
    this.host = { ...host, fileExists: (file) => ghosts.has(file) || host.fileExists(file) };
    const canonical = ts.sys.useCaseSensitiveFileNames ? (name: string) => name : (name: string) => name.toLowerCase();
    this.cache = ts.createModuleResolutionCache(cwd, canonical, options);
    this.namesImports = options.paths === undefined && !universe.some((file) => this.hasPackageImports(path.posix.dirname(file)));
  }

  private readonly packageImports = new Map<string, boolean>();

  /** Whether the package.json that governs `directory` (the nearest one above) declares `imports`. */
  private hasPackageImports(directory: string): boolean {
    const known = this.packageImports.get(directory);
    if (known !== undefined) return known;
    const text = this.fileSystem.readFile(path.posix.join(directory, 'package.json'));
    const parent = path.posix.dirname(directory);
    let found: boolean;
    if (text !== undefined) found = (this.ts.parseConfigFileTextToJson('package.json', text).config as { imports?: unknown } | undefined)?.imports !== undefined;
    else found = parent !== directory && this.hasPackageImports(parent);
    this.packageImports.set(directory, found);
    return found;
  }

  /** The user's files (not installed packages) that `file` imports or references. */
  importsOf(file: string): readonly string[] {
    let found = this.imports.get(file);
    if (found) return found;
    found = this.resolve(file, () => true);
    this.imports.set(file, found);
    return found;
  }

  /**
   * The files that import `file` directly. Without import aliases, a specifier that reaches a
   * module names it (`./keys.js`, `../shared/keys`, `./shared` for shared/index.ts), so only the
   * project's files whose text holds that name are scanned, and only their specifiers holding it
   * are resolved: a commit touching one module costs a text search of the others, not a
   * resolution of every file's imports.
   */
  importersOf(file: string): readonly string[] {
    if (this.namesImports) {
      const name = importedName(file);
      const naming = (specifier: string): boolean => specifier.includes(name);
      // Facts the store keeps answer first; otherwise the file's text, before it is scanned.
      const mayName = (other: string): boolean => {
        const known = this.facts.kept(other);
        return known ? known.imports.some(naming) || known.references.some(naming) : (this.fileSystem.readFile(other) ?? '').includes(name);
      };
      return this.universe.filter((other) => other !== file && mayName(other) && (this.imports.get(other) ?? this.resolve(other, naming)).includes(file));
    }
    this.importers ??= this.reverse();
    return this.importers.get(file) ?? [];
  }

  /** `files` and every file that imports one of them, directly or through others (re-exports included). */
  dependentsOf(files: Iterable<string>): Set<string> {
    const found = new Set(files);
    const pending = [...found];
    while (pending.length > 0) {
      for (const importer of this.importersOf(pending.pop() as string)) {
        if (!found.has(importer)) {
          found.add(importer);
          pending.push(importer);
        }
      }
    }
    return found;
  }

  /** The user's file that `specifier` names, imported from `file`; undefined for an installed package. */
  resolveImport(specifier: string, file: string): string | undefined {
    const { resolvedModule } = this.ts.resolveModuleName(specifier, file, this.options, this.host, this.cache);
    return resolvedModule && !resolvedModule.isExternalLibraryImport ? resolvedModule.resolvedFileName : undefined;
  }

  /** The files `file` reaches through its references and through those of its imports whose specifier passes `test`. */
  private resolve(file: string, test: (specifier: string) => boolean): string[] {
    const { imports, references } = this.facts.of(file);
    const targets = new Set<string>();
    for (const specifier of imports) {
      const target = test(specifier) ? this.resolveImport(specifier, file) : undefined;
      if (target !== undefined) targets.add(target);
    }
    for (const reference of references) targets.add(path.posix.resolve(path.posix.dirname(file), reference));
    return [...targets];
  }

  /** Importers of every file reachable from the universe (files outside it that lead back in included). */
  private reverse(): Map<string, string[]> {
    const importers = new Map<string, string[]>();
    const seen = new Set(this.universe);
    const pending = [...seen];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      for (const target of this.importsOf(file)) {
        const list = importers.get(target);
        if (list) list.push(file);
        else importers.set(target, [file]);
        if (!seen.has(target)) {
          seen.add(target);
          pending.push(target);
        }
      }
    }
    return importers;
  }
}

/** The name an import of `file` must contain: its base name up to the first dot, or its directory's for an index file. */
function importedName(file: string): string {
  const base = path.posix.basename(file).split('.')[0];
  return base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base;
}
