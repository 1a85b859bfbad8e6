import type * as ts from 'typescript';
import { relativeModuleStem, stemNamesFile } from './decorator-modules';
import { moduleSpecifierOf, renamedValue } from './decorator-origins';
import type { TS } from './finding';
import { identifierRules, type IdentifierRules } from './identifiers';
import { CORE_MODULE } from './options';
import type { PackageModules } from './package-modules';
import { mayImportModules } from './require-bindings';
import { includesFromAnchor, isAsciiSpaceCode } from './text-search';

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
  private readonly files: string[] = [];
  /** The module specifiers the imports and re-exports of those names are written with: a package mapped elsewhere (`paths`) is still named. */
  private readonly specifiers: string[] = [];
  private answers: Map<PackageModules, boolean> | undefined;
  /** Some name could not be followed to a declaration (an untyped package, a `require`): it may be anything. */
  private unknown = false;

  reaches(packages: PackageModules): boolean {
    if (this.unknown) return true;
    if (this.files.length === 0 && this.specifiers.length === 0) return false;
    let answer = this.answers?.get(packages);
    if (answer === undefined) {
      answer = this.specifiers.some((specifier) => packages.isOurSpecifier(specifier)) || this.files.some((file) => packages.isOurFile(file));
      (this.answers ??= new Map()).set(packages, answer);
    }
    return answer;
  }

  add(declarations: ImportedDeclarations): void {
    this.unknown ||= declarations.unknown;
    for (const file of declarations.files) this.addFile(file);
    for (const specifier of declarations.specifiers) this.addSpecifier(specifier);
  }

  addFile(fileName: string): void {
    if (!isInstalled(fileName)) return;
    const file = fileName.replace(/\\/gu, '/');
    if (!this.files.includes(file)) this.files.push(file);
  }

  addSpecifier(specifier: string): void {
    if (!this.specifiers.includes(specifier)) this.specifiers.push(specifier);
  }

  markUnknown(): void {
    this.unknown = true;
  }
}

/** Nothing imported: the answer for most files, shared rather than made for each. */
const NOTHING = new ImportedDeclarations();

/** What is learnt about modules, kept per program (its checker): a barrel is imported by many files. */
const tracers = new WeakMap<ts.TypeChecker, ImportTracer>();

/**
 * The imports of the last file asked about. One file's gates ask one after the other, and a
 * build checks each file once: a table of every file would only keep answers nobody asks for again,
 * and weak tables cost the garbage collector for each entry.
 */
let last: FileImports | undefined;

const JAVASCRIPT = /\.[cm]?jsx?$/u;
const INSTALLED = /[\\/]node_modules[\\/]/u;

/** A file of an installed package. */
const isInstalled = (fileName: string): boolean => INSTALLED.test(fileName);

/**
 * With type information, whether any name a file imports can be one of the packages' (see
 * ImportedDeclarations). Entity classes and decorators are values written after `new` or `@`;
 * `withTypes`: any other name counts too, for a reader that recognises a type (OneTable's `OneSchema`).
 */
export function importsReachPackages(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker, packages: PackageModules, withTypes = false): boolean {
  const imported = fileImports(ts, sourceFile, checker);
  return imported.instantiated().reaches(packages) || (withTypes && imported.others().reaches(packages));
}

function fileImports(ts: TS, sourceFile: ts.SourceFile, checker: ts.TypeChecker): FileImports {
  if (last?.sourceFile === sourceFile && last.tracer.checker === checker) return last;
  let tracer = tracers.get(checker);
  if (!tracer) tracers.set(checker, (tracer = new ImportTracer(ts, checker)));
  return (last = new FileImports(tracer, sourceFile));
}

/**
 * Whether a reader of the packages' declarations should read a file: with type information, when
 * a chain of its imports reaches one of them; without, always (the reader then follows only the
 * file's own imports).
 */
export function mayReachPackages(
  ts: TS,
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker | undefined,
  packages: PackageModules,
  withTypes = false,
): boolean {
  return !checker || importsReachPackages(ts, sourceFile, checker, packages, withTypes);
}

/**
 * The names one file imports, in two parts followed when first asked about: the values it writes
 * after `new` or `@`, where an entity class or a decorator is used, and all others. Names imported
 * from our own package are ours and never a library's, and are not followed. Most files of a
 * project write no imported name there, and this is what keeps the first question about a file
 * cheap: following a name asks the checker to resolve its module.
 */
class FileImports {
  private followedInstantiated: ImportedDeclarations | undefined;
  private followedOthers: ImportedDeclarations | undefined;
  /** Made when a name is first asked about: a file importing only types never needs it. */
  private written: NamesWrittenAfterNewOrAt | undefined;

  constructor(
    readonly tracer: ImportTracer,
    readonly sourceFile: ts.SourceFile,
  ) {}

  instantiated(): ImportedDeclarations {
    // A text with no `@` and no `new` writes no name after them, and its imports are not read at
    // all: after a full check they are far from the processor's caches, the text is not. Names
    // imported for types only are never read here: most imports of a file are of types.
    this.followedInstantiated ??= mayWriteNewOrAt(this.sourceFile.text)
      ? this.follow(false, (name) => this.isWrittenAfterNewOrAt(name))
      : NOTHING;
    return this.followedInstantiated;
  }

  others(): ImportedDeclarations {
    return (this.followedOthers ??= this.follow(true, (name, typeOnly) => typeOnly || !this.isWrittenAfterNewOrAt(name)));
  }

  private isWrittenAfterNewOrAt(name: ts.Identifier): boolean {
    return (this.written ??= new NamesWrittenAfterNewOrAt(this.tracer.ts, this.sourceFile)).has(name.text);
  }

  private follow(withTypes: boolean, isFollowed: (name: ts.Identifier, typeOnly: boolean) => boolean): ImportedDeclarations {
    const { tracer, sourceFile } = this;
    if (!mayBindImports(sourceFile.text)) return NOTHING;
    const names = importedNames(tracer.ts, sourceFile, withTypes, isFollowed);
    return names?.length === 0 ? NOTHING : tracer.declarationsOf(sourceFile, names);
  }
}

/** A local name an import binds: `Entity` of `import { Entity } from './db'`, `db` of `import db = require('./db')`. */
interface ImportedName {
  readonly name: ts.Identifier;
  /** The module specifier of an import declaration. */
  readonly specifier: string | undefined;
}

/**
 * The local names a file's imports bind that `isFollowed` accepts, but for those of our own
 * package, which are ours and never a library's, and for those imported for types only unless
 * `withTypes`; undefined for a JavaScript file, which binds names with `require` as well, and for
 * a file with a namespace of its own, which may hold imports of its own. Most files follow no
 * name, and then nothing is made for any.
 */
function importedNames(
  ts: TS,
  sourceFile: ts.SourceFile,
  withTypes: boolean,
  isFollowed: (name: ts.Identifier, typeOnly: boolean) => boolean,
): ImportedName[] | undefined {
  if (JAVASCRIPT.test(sourceFile.fileName)) return undefined;
  const names: ImportedName[] = [];
  const add = (name: ts.Identifier, typeOnly: boolean, specifier: string | undefined) => {
    if ((withTypes || !typeOnly) && isFollowed(name, typeOnly)) names.push({ name, specifier });
  };
  // Indexed: V8 runs a `for…of` that may return early about ten times slower over a NodeArray (an
  // array with properties of its own) than this loop, and every file writing `@` or `new` comes here.
  const { statements } = sourceFile;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    if (ts.isModuleDeclaration(statement)) return undefined;
    if (ts.isImportEqualsDeclaration(statement)) add(statement.name, statement.isTypeOnly, undefined);
    if (!ts.isImportDeclaration(statement)) continue;
    // The specifier first: our decorators' resolver has just read it, the import clause is read for this alone.
    const specifier = ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const clause = statement.importClause;
    if (specifier === CORE_MODULE || !clause || (clause.isTypeOnly && !withTypes)) continue;
    if (clause.name) add(clause.name, clause.isTypeOnly, specifier);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name, clause.isTypeOnly, specifier);
    else if (bindings) for (const element of bindings.elements) add(element.name, clause.isTypeOnly || element.isTypeOnly, specifier);
  }
  return names;
}

/**
 * Whether a text may bind a name from another module. One that writes neither `import` nor
 * `require` binds none, whatever its statements (a JavaScript file's, a namespace's), and its
 * statements are not read; the parser also reads either keyword written with escapes.
 */
function mayBindImports(text: string): boolean {
  return mayImportModules(text) || text.includes('\\u');
}

/** Whether a text may write `@` or `new`. */
function mayWriteNewOrAt(text: string): boolean {
  return text.includes('@') || mayWriteNew(text);
}

/** Whether a text may write `new`: an escaped keyword (`n\u0065w`) is still `new` to the parser. */
function mayWriteNew(text: string): boolean {
  return includesFromAnchor(text, 'new', 2) || text.includes('\\u');
}

/**
 * Whether a file, read with type information, can write no library's export where a library's
 * entity or controller is declared, whatever it imports: with `new` (ElectroDB's `Entity`,
 * OneTable's `Table`) or as a class decorator (TypeDORM's `Entity`, NestJS's `Controller`, tsoa's
 * `Route`). That is so when our own decorators' check of the file found every class and method
 * decorator in it ours (`onlyOurDecorators`), and the file writes no `new`: then its imports are
 * not read for a library's names. Most files declaring our entities are like that.
 */
export function declaresNoLibraryInstance(sourceFile: ts.SourceFile, onlyOurDecorators: boolean): boolean {
  return onlyOurDecorators && !mayWriteNew(sourceFile.text);
}

const LAST_ASCII = 127;
const AT = 64;
const SLASH = 47;
const EQUALS = 61;

/**
 * Whether a text writes a name after `new` or `@` (`new Entity(`, `@Controller()`, `@(db.Entity)`:
 * the root of a namespace's member), read from the text before anything is resolved, with
 * TypeScript's identifier rules. Only the names a file imports are asked about, so each is looked
 * up where the text writes it, rather than every `new` and `@` read. It errs towards yes: `@` in a
 * string counts, and so does what it does not read past before a name (a comment, a space beyond
 * ASCII); an escape anywhere (`\u0045ntity`) makes every name count.
 */
class NamesWrittenAfterNewOrAt {
  private readonly rules: IdentifierRules;
  private escapes: boolean | undefined;

  constructor(ts: TS, private readonly sourceFile: ts.SourceFile) {
    this.rules = identifierRules(ts, sourceFile.languageVersion);
  }

  has(name: string): boolean {
    const { text } = this.sourceFile;
    if ((this.escapes ??= text.includes('\\u'))) return true;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (this.isNameAt(text, at, name.length) && (this.followsNewOrAt(text, at) || isRenamedAt(text, at, at + name.length))) return true;
    }
    return false;
  }

  /** Whether `text` holds a whole root name at `at`: not part of a longer name, nor a member (`.Entity`). */
  private isNameAt(text: string, at: number, length: number): boolean {
    const { rules } = this;
    return rules.nameEnd(text, at + length) === at + length && (at === 0 || (text[at - 1] !== '.' && rules.nameEnd(text, at - 1) === at - 1));
  }

  /** Whether what is written before `at`, past spaces and parentheses, is `@` or the keyword `new`, or cannot be read past. */
  private followsNewOrAt(text: string, at: number): boolean {
    let before = at - 1;
    while (before >= 0 && (isAsciiSpaceCode(text.charCodeAt(before)) || text[before] === '(')) before--;
    if (before < 0) return false;
    const code = text.charCodeAt(before);
    if (code === AT || code === SLASH || code > LAST_ASCII) return true;
    // `renew(Entity)` is not `new` of a class.
    const start = before - 2;
    return start >= 0 && text.startsWith('new', start) && (start === 0 || this.rules.nameEnd(text, start - 1) === start - 1);
  }
}

/**
 * Whether the name from `at` to `end` is assigned as it is (`const Model = Entity`, `= db.Entity`,
 * `= (Entity as typeof Entity)`): a const of the file may rename it, and be written after `new` or
 * `@` itself. A call (`= make()`) and a comparison (`=== Entity`) are not.
 */
function isRenamedAt(text: string, at: number, end: number): boolean {
  const before = beforeWrappers(text, at);
  if (text.charCodeAt(before) !== EQUALS || RELATION.includes(text[before - 1])) return false;
  let after = end;
  while (after < text.length && isAsciiSpaceCode(text.charCodeAt(after))) after++;
  return !CALLED_AFTER.includes(text[after]);
}

/**
 * The index of what is written before `at`, past spaces, opening parentheses, comments and a type
 * assertion written on one line (`= (Entity)`, `= /* the model *\/ Entity`, `= <typeof Entity>Entity`):
 * none of them changes the value a const renames; -1 at the text's start.
 */
function beforeWrappers(text: string, at: number): number {
  let before = at - 1;
  for (;;) {
    const code = text.charCodeAt(before);
    let open: number;
    if (isAsciiSpaceCode(code) || code === OPEN_PARENTHESIS) open = before;
    else if (code === SLASH && text.charCodeAt(before - 1) === STAR) open = text.lastIndexOf('/*', before - 2);
    else if (code === GREATER_THAN && text.charCodeAt(before - 1) !== EQUALS) open = typeAssertionStart(text, before);
    else return before;
    if (open < 0) return before;
    before = open - 1;
  }
}

/** The index of the `<` that the `>` at `close` closes, on the same line, nested ones and `=>` passed over; -1 when there is none. */
function typeAssertionStart(text: string, close: number): number {
  let depth = 0;
  for (let at = close; at >= 0; at--) {
    const code = text.charCodeAt(at);
    if (code === GREATER_THAN && text.charCodeAt(at - 1) !== EQUALS) depth++;
    else if (code === LESS_THAN && --depth === 0) return at;
    else if (code === LINE_FEED) return -1;
  }
  return -1;
}

/** What makes `==`, `!=`, `<=`, `>=` of the `=` before a name. */
const RELATION = '=!<>';
/** What after a name makes it called rather than renamed: `(`, a tagged template, type arguments. */
const CALLED_AFTER = '(`<';
const OPEN_PARENTHESIS = 40;
const STAR = 42;
const LESS_THAN = 60;
const GREATER_THAN = 62;
const LINE_FEED = 10;

class ImportTracer {
  /** The declarations of each module's exports followed so far, for namespace imports. */
  private readonly modules = new Map<ts.Symbol, ImportedDeclarations>();
  /** Modules whose exports are being followed: meeting one again is a cycle of namespaces. */
  private readonly open = new Set<ts.Symbol>();
  /** Consts being followed to the value they rename: meeting one again is a cycle. */
  private readonly renaming = new Set<ts.Declaration>();

  constructor(
    readonly ts: TS,
    readonly checker: ts.TypeChecker,
  ) {}

  /** Where names a file imports are declared; undefined names: anything (see importedNames). */
  declarationsOf(sourceFile: ts.SourceFile, names: readonly ImportedName[] | undefined): ImportedDeclarations {
    const imported = new ImportedDeclarations();
    if (!names) {
      imported.markUnknown();
      return imported;
    }
    for (const { name, specifier } of names) {
      const symbol = this.checker.getSymbolAtLocation(name);
      const named = specifier === undefined ? undefined : relativeModuleStem(sourceFile.fileName, specifier);
      if (named === undefined || !this.isDeclaredIn(symbol, named)) this.follow(symbol, imported);
    }
    return imported;
  }

  /**
   * Whether an imported name is declared, not as a module, in the project's file that its relative
   * specifier names (`pk` of `import { pk } from './keys'`, declared in keys.ts): no step on the
   * way can then be a library's. The checker resolved the import when it checked the file, so this
   * asks it nothing new, where following the import step by step would resolve its module again.
   */
  private isDeclaredIn(symbol: ts.Symbol | undefined, named: string): boolean {
    const { ts, checker } = this;
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Alias)) return false;
    const declarations = checker.getAliasedSymbol(symbol).declarations ?? [];
    return (
      declarations.length > 0 &&
      declarations.every((declaration) => {
        if (ts.isSourceFile(declaration) || ts.isModuleDeclaration(declaration) || renamedValue(ts, declaration)) return false;
        const { fileName } = declaration.getSourceFile();
        return !isInstalled(fileName) && stemNamesFile(named, fileName);
      })
    );
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
      this.followRenamed(declaration, into);
    }
  }

  /** `export const Model = Entity`: what the const renames is followed as the const itself. */
  private followRenamed(declaration: ts.Declaration, into: ImportedDeclarations): void {
    const renamed = renamedValue(this.ts, declaration);
    if (!renamed || this.renaming.has(declaration)) return;
    this.renaming.add(declaration);
    const name = this.ts.isPropertyAccessExpression(renamed) ? renamed.name : renamed;
    this.follow(this.checker.getSymbolAtLocation(name), into);
    this.renaming.delete(declaration);
  }

  private moduleExports(module: ts.Symbol): ImportedDeclarations {
    const known = this.modules.get(module);
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
    this.modules.set(module, exported);
    return exported;
  }
}
