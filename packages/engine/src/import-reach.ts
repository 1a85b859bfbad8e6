import type * as ts from 'typescript';
import { moduleSpecifierOf } from './decorator-origins';
import type { TS } from './finding';
import type { PackageModules } from './package-modules';

/**
 * The files that the names a file imports are finally declared in, and the module specifiers their
 * imports and re-exports are written with, with type information. A
 * library's decorator, entity class or instance type reaches a file only through its imports,
 * directly or through local barrels at any depth, and the checker resolves each imported name to
 * its declaration: when none is declared in the library's files, the file cannot use the library,
 * and the library's readers skip it without walking it or asking the checker about each decorator
 * or `new` in it. Most files of a project import no library, and this is how they cost nothing.
 */
class ImportedDeclarations {
  /** Only files of installed packages (under `node_modules`) can be a library's; the project's own are not kept. */
  private readonly files = new Set<string>();
  /** The module specifiers the imports and re-exports of those names are written with: a package mapped elsewhere (`paths`) is still named. */
  private readonly specifiers = new Set<string>();
  private readonly answers = new Map<PackageModules, boolean>();
  /** Some name could not be followed to a declaration (an untyped package, a `require`): it may be anything. */
  private unknown = false;

  reaches(packages: PackageModules): boolean {
    let answer = this.answers.get(packages);
    if (answer === undefined) {
      answer =
        this.unknown ||
        [...this.specifiers].some((specifier) => packages.isOurSpecifier(specifier)) ||
        (this.files.size > 0 && [...this.files].some((file) => packages.isOurFile(file)));
      this.answers.set(packages, answer);
    }
    return answer;
  }

  add(declarations: ImportedDeclarations): void {
    this.unknown ||= declarations.unknown;
    for (const file of declarations.files) this.files.add(file);
    for (const specifier of declarations.specifiers) this.specifiers.add(specifier);
  }

  addFile(fileName: string): void {
    if (isInstalled(fileName)) this.files.add(fileName.replace(/\\/gu, '/'));
  }

  addSpecifier(specifier: string): void {
    this.specifiers.add(specifier);
  }

  markUnknown(): void {
    this.unknown = true;
  }
}

/** What is learnt about files and modules, kept per program (its checker). */
interface Cache {
  readonly files: WeakMap<ts.SourceFile, ImportedDeclarations>;
  /** The declarations of a module's exports, for namespace imports: a barrel is imported by many files. */
  readonly modules: Map<ts.Symbol, ImportedDeclarations>;
}

const caches = new WeakMap<ts.TypeChecker, Cache>();

const JAVASCRIPT = /\.[cm]?jsx?$/u;
const INSTALLED = /[\\/]node_modules[\\/]/u;

/** A file of an installed package. */
const isInstalled = (fileName: string): boolean => INSTALLED.test(fileName);

/** With type information, whether any name a file imports can be one of the packages' (see ImportedDeclarations). */
export function importsReachPackages(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker, packages: PackageModules): boolean {
  let cache = caches.get(checker);
  if (!cache) caches.set(checker, (cache = { files: new WeakMap(), modules: new Map() }));
  let imported = cache.files.get(sourceFile);
  if (!imported) cache.files.set(sourceFile, (imported = new ImportTracer(ts, checker, cache).importsOf(sourceFile)));
  return imported.reaches(packages);
}

/**
 * Whether a reader of the packages' declarations should read a file: with type information, when
 * a chain of its imports reaches one of them; without, always (the reader then follows only the
 * file's own imports).
 */
export function mayReachPackages(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker | undefined, packages: PackageModules): boolean {
  return !checker || importsReachPackages(ts, sourceFile, checker, packages);
}

class ImportTracer {
  /** Modules whose exports are being followed: meeting one again is a cycle of namespaces. */
  private readonly open = new Set<ts.Symbol>();

  constructor(
    private readonly ts: TS,
    private readonly checker: ts.TypeChecker,
    private readonly cache: Cache,
  ) {}

  importsOf(sourceFile: ts.SourceFile): ImportedDeclarations {
    const { ts, checker } = this;
    const imported = new ImportedDeclarations();
    // JavaScript binds names with `require` as well, and a namespace may hold imports of its own.
    if (JAVASCRIPT.test(sourceFile.fileName) || sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement))) {
      imported.markUnknown();
      return imported;
    }
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) {
        for (const name of boundNames(ts, statement)) this.follow(checker.getSymbolAtLocation(name), imported);
      } else if (ts.isImportEqualsDeclaration(statement)) {
        this.follow(checker.getSymbolAtLocation(statement.name), imported);
      }
    }
    return imported;
  }

  /**
   * Notes where an imported (or re-exported) name is declared, and the specifier of each module
   * its imports and re-exports name on the way (a library mapped elsewhere by `paths` is still named).
   */
  private follow(symbol: ts.Symbol | undefined, into: ImportedDeclarations): void {
    const { ts, checker } = this;
    let target = symbol;
    const seen = new Set<ts.Symbol>();
    for (; target && target.flags & ts.SymbolFlags.Alias && !seen.has(target); target = checker.getImmediateAliasedSymbol(target)) {
      seen.add(target);
      const declaration = target.declarations?.[0];
      const specifier = declaration && moduleSpecifierOf(ts, declaration);
      if (specifier) into.addSpecifier(specifier.text);
    }
    const declarations = target && !seen.has(target) ? (target.declarations ?? []) : [];
    if (declarations.length === 0) into.markUnknown();
    for (const declaration of declarations) {
      into.addFile(declaration.getSourceFile().fileName);
      // A whole module (`import * as db from './db'`): any of its exports may be used.
      if (ts.isSourceFile(declaration) || ts.isModuleDeclaration(declaration)) into.add(this.moduleExports(target as ts.Symbol));
    }
  }

  private moduleExports(module: ts.Symbol): ImportedDeclarations {
    const known = this.cache.modules.get(module);
    if (known) return known;
    const exported = new ImportedDeclarations();
    if (this.open.has(module)) {
      // Not all known yet: whoever asks is told it may be anything.
      exported.markUnknown();
      return exported;
    }
    this.open.add(module);
    for (const symbol of this.checker.getExportsOfModule(module)) this.follow(symbol, exported);
    this.open.delete(module);
    this.cache.modules.set(module, exported);
    return exported;
  }
}

/** The local names an import declaration binds: default, namespace and named, type-only ones included. */
function boundNames(ts: TS, statement: ts.ImportDeclaration): ts.Identifier[] {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name);
  else if (bindings) for (const element of bindings.elements) names.push(element.name);
  return names;
}
